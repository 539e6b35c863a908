/**
 * Scans of one Pulumi program, one CDK stack or one Terraform file, with
 * the project files their adapters need around them, for tests in those
 * formats; and the source and graph of one CDK stack.
 */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles, selectRules } from '../engine/scan';
import { cdkAdapter } from '../adapters/cdk';

type ScanReport = ReturnType<typeof scanFiles>;

/** A scan of `ruleIds` on one Terraform file (`svc/main.tf`), and its findings as `[rule, resource, line]`. */
export function scanTerraformFile(
  text: string,
  ruleIds: string[],
): { report: ScanReport; findings: (string | number)[][] } {
  const report = scanFiles(
    [{ path: 'svc/main.tf', text }],
    selectRules(ruleIds),
  );
  return {
    report,
    findings: report.findings.map(f => [f.ruleId, f.resourceId, f.line]),
  };
}

/** The rules of `ruleIds` that checked something and passed it all: a finding absent is not for want of a check. */
export function passingRules(report: ScanReport, ruleIds: string[]): string[] {
  return ruleIds.filter(rule => {
    const checks = report.checks.filter(c => c.ruleId === rule);
    return checks.length > 0 && checks.every(c => c.passed);
  });
}

/** The findings of `ruleIds` on a Pulumi program (`app/index.ts` beside its Pulumi.yaml). */
export function scanPulumiProgram(
  program: string,
  ruleIds: string[],
): Finding[] {
  return scanFiles(
    [
      { path: 'app/Pulumi.yaml', text: 'name: demo\nruntime: nodejs\n' },
      { path: 'app/index.ts', text: program },
    ],
    selectRules(ruleIds),
  ).findings;
}

const ONE_STACK_APP =
  "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nnew AppStack(new cdk.App(), 'App');\n";

/**
 * The files of a CDK app whose stacks are in `lib/stack.ts`: by default one,
 * class `AppStack`; `app` (`bin/app.ts`) may make others.
 */
export function cdkStackFiles(stack: string, app = ONE_STACK_APP) {
  return [
    { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
    { path: 'svc/bin/app.ts', text: app },
    { path: 'svc/lib/stack.ts', text: stack },
  ];
}

/**
 * `lib/stack.ts` of class `AppStack`: `preamble` (its imports, and what the stack's code shares), then the stack
 * with `body` in its constructor, from the fourth line after `preamble`'s last.
 */
export function cdkStackSource(preamble: string, body: string): string {
  return `${preamble}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;
}

/** The scan of `ruleIds` on a CDK app (see {@link cdkStackFiles}). */
export function scanCdkApp(
  stack: string,
  ruleIds: string[],
  app = ONE_STACK_APP,
): ScanReport {
  return scanFiles(cdkStackFiles(stack, app), selectRules(ruleIds));
}

/** The findings of `ruleIds` on a CDK app (see {@link cdkStackFiles}). */
export function scanCdkStack(
  stack: string,
  ruleIds: string[],
  app = ONE_STACK_APP,
): Finding[] {
  return scanCdkApp(stack, ruleIds, app).findings;
}

/** The findings of `ruleIds` on a CDK app of one stack, each as `rule resource line`. */
export function cdkStackFindingRows(
  stack: string,
  ruleIds: string[],
): string[] {
  return scanCdkStack(stack, ruleIds).map(
    f => `${f.ruleId} ${f.resourceId} ${f.line}`,
  );
}

/** The graph of the one stack of a CDK app (see {@link cdkStackFiles}). */
export function cdkStackGraph(stack: string) {
  return cdkAdapter.load(cdkStackFiles(stack)).graphs[0];
}
