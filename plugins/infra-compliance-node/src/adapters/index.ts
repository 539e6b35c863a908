import { Adapter } from './types';
import { cloudFormationAdapter } from './cloudformation';

/** Adapters in the order they are asked to claim a file. */
export const ADAPTERS: readonly Adapter[] = [cloudFormationAdapter];

export type { Adapter, LoadError, LoadResult, SourceFile } from './types';
