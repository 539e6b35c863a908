import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Adapter } from './types';
import { LAZY_ADAPTERS } from './lazyAdapters';
import { cloudFormationAdapter } from './cloudformation';
import { terraformAdapter } from './terraform';
import { pulumiAdapter } from './pulumi';
import { cdkAdapter } from './cdk';

const ADAPTER_OF_FORMAT: Record<IacFormat, Adapter> = {
  cdk: cdkAdapter,
  cloudformation: cloudFormationAdapter,
  terraform: terraformAdapter,
  pulumi: pulumiAdapter,
};

/**
 * All adapters, their code loaded, in the order they are asked to claim a
 * file (that of {@link LAZY_ADAPTERS}, which the engine loads on demand).
 * Imported by the package's entry point: its build writes their modules,
 * which LAZY_ADAPTERS requires by path.
 */
export const ADAPTERS: readonly Adapter[] = LAZY_ADAPTERS.map(
  lazy => ADAPTER_OF_FORMAT[lazy.format],
);

export type {
  Adapter,
  AdapterClaim,
  LazyAdapter,
  LoadError,
  LoadResult,
  ReadCompanionFile,
  SourceFile,
} from './types';
