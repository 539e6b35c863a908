import { Adapter } from './types';
import { cloudFormationAdapter } from './cloudformation';
import { terraformAdapter } from './terraform';
import { pulumiAdapter } from './pulumi';
import { cdkAdapter } from './cdk';

/**
 * Adapters in the order they are asked to claim a file. CDK claims its
 * synthesized templates before CloudFormation, and the modules that import
 * the CDK before Pulumi, which takes any other module.
 */
export const ADAPTERS: readonly Adapter[] = [
  cdkAdapter,
  cloudFormationAdapter,
  terraformAdapter,
  pulumiAdapter,
];

export type { Adapter, LoadError, LoadResult, SourceFile } from './types';
