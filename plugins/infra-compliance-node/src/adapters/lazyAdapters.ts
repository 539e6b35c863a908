import path from 'node:path';
import { LazyAdapter, SourceFile } from './types';
import { cdkClaim } from './cdk/claim';
import { cloudFormationClaim } from './cloudformation/claim';
import { terraformClaim } from './terraform/claim';
import { pulumiClaim } from './pulumi/claim';
import type * as Cdk from './cdk';
import type * as CloudFormation from './cloudformation';
import type * as Terraform from './terraform';
import type * as Pulumi from './pulumi';

/**
 * How the files of this package's modules end where it runs: `.ts` from
 * source (tests, the CLI run inside this repository), `.cjs.js` once built,
 * as `backstage-cli package build` writes one file per module.
 */
const MODULE_EXTENSION = path.basename(__filename).replace(/^[^.]*/, '');

/**
 * A module of this folder, loaded by the first call (`require` keeps it).
 * The package's entry point imports every adapter (`ADAPTERS`), so that
 * the build writes their files.
 */
function requireModule<T>(modulePath: string): T {
  return require(`${modulePath}${MODULE_EXTENSION}`);
}

/**
 * Adapters in the order they are asked to claim a file. CDK claims its
 * synthesized templates before CloudFormation, and the modules that import
 * the CDK before Pulumi, which takes any other module. Each loads its code
 * when a scan finds a file it claims: a scan of templates alone loads no
 * CDK, Terraform or Pulumi code, nor the tables they read.
 */
export const LAZY_ADAPTERS: readonly LazyAdapter[] = [
  {
    ...cdkClaim,
    loadAdapter: () => requireModule<typeof Cdk>('./cdk/index').cdkAdapter,
  },
  {
    ...cloudFormationClaim,
    loadAdapter: () =>
      requireModule<typeof CloudFormation>('./cloudformation/index')
        .cloudFormationAdapter,
  },
  {
    ...terraformClaim,
    loadAdapter: () =>
      requireModule<typeof Terraform>('./terraform/index').terraformAdapter,
  },
  {
    ...pulumiClaim,
    loadAdapter: () =>
      requireModule<typeof Pulumi>('./pulumi/index').pulumiAdapter,
  },
];

/** The adapter that claims the file, if any: the first that accepts it. */
export function claimOf(file: SourceFile): LazyAdapter | undefined {
  return LAZY_ADAPTERS.find(candidate => candidate.accepts(file));
}
