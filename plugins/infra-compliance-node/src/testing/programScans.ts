/**
 * Scans of one Pulumi program or one CDK stack, with the project files
 * their adapters need around them, for rule tests in those formats.
 */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles, selectRules } from '../engine/scan';

/** The findings of `ruleIds` on a Pulumi program (`app/index.ts` beside its Pulumi.yaml). */
export function scanPulumiProgram(program: string, ruleIds: string[]): Finding[] {
  return scanFiles(
    [
      { path: 'app/Pulumi.yaml', text: 'name: demo\nruntime: nodejs\n' },
      { path: 'app/index.ts', text: program },
    ],
    selectRules(ruleIds),
  ).findings;
}

const ONE_STACK_APP = "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nnew AppStack(new cdk.App(), 'App');\n";

/**
 * The findings of `ruleIds` on a CDK app whose stacks are in `lib/stack.ts`:
 * by default one, class `AppStack`; `app` (`bin/app.ts`) may make others.
 */
export function scanCdkStack(stack: string, ruleIds: string[], app = ONE_STACK_APP): Finding[] {
  return scanFiles(
    [
      { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
      { path: 'svc/bin/app.ts', text: app },
      { path: 'svc/lib/stack.ts', text: stack },
    ],
    selectRules(ruleIds),
  ).findings;
}
