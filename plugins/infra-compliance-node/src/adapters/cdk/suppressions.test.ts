/**
 * Suppression comments (`// infra-compliance:suppress=RULE:reason`) on the
 * `new` of a CDK construct: they suppress the findings on every resource the
 * construct makes, its own and those CDK generates for it, and SUP-001
 * reviews each comment once. And suppressions in an L1's template metadata.
 */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanCdkStack, cdkStackSource } from '../../testing/programScans';
import { scanFiles, selectRules } from '../../engine/scan';
import { fingerprint } from '../../engine/evaluateGraph';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';`,
    body,
  );

/** `[rule, resource, line, what]`: what is a suppressed finding's reason, a SUP-001 finding's message. */
const summary = (findings: Finding[]) =>
  findings.map(f => [
    f.ruleId,
    f.resourceId,
    f.line,
    f.suppressed?.reason ?? (f.ruleId === 'SUP-001' ? f.message : undefined),
  ]);

const FUNCTION = `const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));`;

describe('suppression comments on CDK constructs', () => {
  it('suppress the findings on an L2 and on the role and policy CDK generates for it, from above a multi-line assigned call', () => {
    const findings = scanCdkStack(
      stack(`    // Tags come from the platform pipeline.
    // infra-compliance:suppress=OPS-003:tagged by the platform pipeline
    // infra-compliance:suppress=IAM-003:the migration tool lists every bucket
    ${FUNCTION}`),
      ['OPS-003', 'IAM-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['OPS-003', 'Fn/ServiceRole', 13, 'tagged by the platform pipeline'],
      ['OPS-003', 'Fn', 13, 'tagged by the platform pipeline'],
      [
        'IAM-003',
        'Fn/ServiceRole/DefaultPolicy',
        18,
        'the migration tool lists every bucket',
      ],
    ]);
    expect(findings.map(f => f.suppressed)).toEqual(
      findings.map(() => expect.objectContaining({ kind: 'inline' })),
    );
  });

  it('suppress the findings on an L1, from above it or on its line, and on the key an L2 queue generates', () => {
    const findings = scanCdkStack(
      stack(`    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    new sqs.CfnQueue(this, 'Raw', {});
    new sqs.CfnQueue(this, 'Inline', {}); // infra-compliance:suppress=OPS-003:a scratch queue
    // infra-compliance:suppress=OPS-003:tagged by the platform pipeline
    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.KMS });`),
      ['OPS-003', 'ENC-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'Raw', 11, 'holds public catalogue events only'],
      ['OPS-003', 'Raw', 11, undefined],
      ['ENC-003', 'Inline', 12, undefined],
      ['OPS-003', 'Inline', 12, 'a scratch queue'],
      ['OPS-003', 'Jobs/Key', 14, 'tagged by the platform pipeline'],
      ['OPS-003', 'Jobs', 14, 'tagged by the platform pipeline'],
    ]);
  });

  it('ignore a comment not directly above the construct, and one above another construct', () => {
    const findings = scanCdkStack(
      stack(`    // infra-compliance:suppress=ENC-003:holds public catalogue events only

    new sqs.CfnQueue(this, 'AfterBlankLine', {});
    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    const name = 'raw';
    new sqs.CfnQueue(this, 'AfterStatement', { queueName: name });
    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    new sqs.CfnQueue(this, 'Commented', {});
    new sqs.CfnQueue(this, 'Next', {});`),
      ['ENC-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'AfterBlankLine', 12, undefined],
      ['ENC-003', 'AfterStatement', 15, undefined],
      ['ENC-003', 'Commented', 17, 'holds public catalogue events only'],
      ['ENC-003', 'Next', 18, undefined],
    ]);
  });

  it("suppress, on the `new` of a construct of the app's own class, the findings on all it makes, with those on CDK's constructs inside it", () => {
    const findings = scanCdkStack(
      `${stack(`    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    new Service(this, 'Api');
    new Service(this, 'Admin');`)}
class Service extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Requests', {});
    // infra-compliance:suppress=OPS-003:tagged by the platform pipeline
    new sqs.CfnQueue(this, 'Replies', {});
  }
}
`,
      ['ENC-003', 'OPS-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'Api/Requests', 19, 'holds public catalogue events only'],
      ['ENC-003', 'Admin/Requests', 19, undefined],
      ['OPS-003', 'Api/Requests', 19, undefined],
      ['OPS-003', 'Admin/Requests', 19, undefined],
      ['ENC-003', 'Api/Replies', 21, 'holds public catalogue events only'],
      ['ENC-003', 'Admin/Replies', 21, undefined],
      ['OPS-003', 'Api/Replies', 21, 'tagged by the platform pipeline'],
      ['OPS-003', 'Admin/Replies', 21, 'tagged by the platform pipeline'],
    ]);
  });

  it("SUP-001 reviews a comment on the `new` of a construct of the app's own class once, where it is written, under the class's name", () => {
    const report = scanFiles(
      [
        { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
        {
          path: 'svc/bin/app.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nnew AppStack(new cdk.App(), 'App');\n",
        },
        {
          path: 'svc/lib/stack.ts',
          text: stack(`    // infra-compliance:suppress=ENC-003
    new Service(this, 'Api');`).replace(
            "import { Construct } from 'constructs';",
            "import { Construct } from 'constructs';\nimport { Service } from './service';",
          ),
        },
        {
          path: 'svc/lib/service.ts',
          text: `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export class Service extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Requests', {});
    new sqs.CfnQueue(this, 'Replies', {});
  }
}
`,
        },
      ],
      selectRules(['ENC-003', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.resourceType,
        f.file,
        f.line,
        f.suppressed,
      ]),
    ).toEqual([
      [
        'ENC-003',
        'Api/Requests',
        'AWS::SQS::Queue',
        'svc/lib/service.ts',
        6,
        undefined,
      ],
      [
        'ENC-003',
        'Api/Replies',
        'AWS::SQS::Queue',
        'svc/lib/service.ts',
        7,
        undefined,
      ],
      ['SUP-001', 'Api', 'Service', 'svc/lib/stack.ts', 11, undefined],
    ]);
    expect(report.findings[2].message).toBe(
      'The suppression on Api of ENC-003 gives no reason, so it is not applied.',
    );
  });

  it("ignore a comment on the `new` of a nested stack of the app's own class, as on CDK's NestedStack", () => {
    const findings = scanCdkStack(
      `${stack(`    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    new Jobs(this, 'Jobs');
    // infra-compliance:suppress=ENC-003:holds public catalogue events only
    new cdk.NestedStack(this, 'Plain');`)}
class Jobs extends cdk.NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Requests', {});
  }
}
`,
      ['ENC-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([['ENC-003', 'Requests', 20, undefined]]);
  });

  it("SUP-001 reviews a comment on the `new` of a construct of the app's own class once, though what it makes is in two templates (a nested stack's)", () => {
    const findings = scanCdkStack(
      `${stack(`    // infra-compliance:suppress=ENC-003
    // infra-compliance:suppress=OPS-003:tagged by the platform pipeline
    new Service(this, 'Api');`)}
class Jobs extends cdk.NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Requests', {});
  }
}
class Service extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Replies', {});
    new Jobs(this, 'Jobs');
  }
}
`,
      ['ENC-003', 'OPS-003', 'SUP-001'],
    );
    // Both suppress what the nested stack holds too; the one with no reason is not honoured there either.
    expect(summary(findings)).toEqual([
      [
        'SUP-001',
        'Api',
        10,
        'The suppression on Api of ENC-003 gives no reason, so it is not applied.',
      ],
      ['ENC-003', 'Requests', 19, undefined],
      ['OPS-003', 'Requests', 19, 'tagged by the platform pipeline'],
      ['ENC-003', 'Api/Replies', 25, undefined],
      ['OPS-003', 'Api/Replies', 25, 'tagged by the platform pipeline'],
      [
        'OPS-003',
        'Api/Jobs.NestedStack/Jobs.NestedStackResource',
        26,
        'tagged by the platform pipeline',
      ],
    ]);
  });

  it('SUP-001 reviews a comment once, on the construct, not on each resource it makes, and does not honour it', () => {
    const findings = scanCdkStack(
      stack(`    // infra-compliance:suppress=OPS-003
    // infra-compliance:suppress=OPS-999:no such rule
    ${FUNCTION}`),
      ['OPS-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      [
        'SUP-001',
        'Fn',
        10,
        'The suppression on Fn of OPS-003 gives no reason, so it is not applied.',
      ],
      [
        'SUP-001',
        'Fn',
        11,
        'The suppression on Fn names OPS-999, which is not a rule of the catalog, so it is not applied.',
      ],
      ['OPS-003', 'Fn/ServiceRole', 12, undefined],
      ['OPS-003', 'Fn', 12, undefined],
    ]);
    expect(
      findings
        .filter(f => f.ruleId === 'SUP-001')
        .map(f => [f.resourceType, f.file]),
    ).toEqual([
      ['AWS::Lambda::Function', 'svc/lib/stack.ts'],
      ['AWS::Lambda::Function', 'svc/lib/stack.ts'],
    ]);
  });

  it('SUP-001 fingerprints a comment on a construct of one path as another in another stack of the file as its resource', () => {
    const app = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
const app = new cdk.App();
// infra-compliance:suppress=ENC-003
new sqs.Queue(new cdk.Stack(app, 'Orders'), 'Jobs');
// infra-compliance:suppress=ENC-003
new sqs.Queue(new cdk.Stack(app, 'Billing'), 'Jobs');
`;
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
        { path: 'svc/bin/app.ts', text: app },
      ],
      selectRules(['SUP-001']),
    ).findings;
    // The first queue keeps its path in its fingerprint, the other is fingerprinted by its path from the app: so are their comments.
    expect(findings.map(f => [f.line, f.resourceId, f.fingerprint])).toEqual([
      [
        4,
        'Jobs',
        fingerprint('SUP-001', 'svc/bin/app.ts', 'Jobs', 'suppression:ENC-003'),
      ],
      [
        6,
        'Jobs',
        fingerprint(
          'SUP-001',
          'svc/bin/app.ts',
          'Billing/Jobs',
          'suppression:ENC-003',
        ),
      ],
    ]);
  });

  it("reads the suppressions of an L1's template metadata, which synth writes in its Metadata (a rule id in any case, spaces around it left out)", () => {
    const findings = scanCdkStack(
      stack(`    const added = new sqs.CfnQueue(this, 'Added');
    added.addMetadata('infra-compliance', { suppress: [{ id: ' enc-003 ', reason: 'holds no data' }] });
    const set = new sqs.CfnQueue(this, 'Set');
    set.cfnOptions.metadata = { 'infra-compliance': { suppress: [{ id: 'ENC-003', reason: 'holds no data' }, { id: 'OPS-003' }] } };
    const replaced = new sqs.CfnQueue(this, 'Replaced');
    replaced.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: 'holds no data' }] });
    replaced.cfnOptions.metadata = { owner: 'ops' };
    const bucket = new cdk.aws_s3.Bucket(this, 'Bucket');
    (bucket.node.defaultChild as cdk.CfnResource).addMetadata('infra-compliance', { suppress: [{ id: 'ENC-006', reason: 'private' }] });
    const maybe = new sqs.CfnQueue(this, 'Maybe');
    if (process.env.QUIET) maybe.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: 'holds no data' }] });
    // Construct metadata, not the template's.
    const tree = new sqs.CfnQueue(this, 'Tree');
    tree.node.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: 'holds no data' }] });
    const single = new sqs.CfnQueue(this, 'Single');
    single.addMetadata('infra-compliance', { suppress: { id: 'ENC-003', reason: 'holds no data' } });
    const counted = new sqs.CfnQueue(this, 'Counted');
    counted.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: 42 }] });`),
      ['ENC-003', 'ENC-006', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'Added', 10, 'holds no data'],
      ['ENC-003', 'Set', 12, 'holds no data'],
      [
        'SUP-001',
        'Set',
        13,
        'The suppression on Set of OPS-003 gives no reason, so it is not applied.',
      ],
      ['ENC-003', 'Replaced', 14, undefined],
      ['ENC-006', 'Bucket', 17, 'private'],
      ['ENC-003', 'Maybe', 19, undefined],
      ['ENC-003', 'Tree', 22, undefined],
      ['ENC-003', 'Single', 24, undefined],
      [
        'SUP-001',
        'Single',
        25,
        'The suppression on Single is not written as a list of { id, reason }, so it is not applied.',
      ],
      ['ENC-003', 'Counted', 26, undefined],
      [
        'SUP-001',
        'Counted',
        27,
        'The suppression on Counted is not written with a reason that is text, so it is not applied.',
      ],
    ]);
  });

  it('reads metadata suppressions the program computes as far as they are known: a list not known is neither applied nor reported; a reason built at run time is text', () => {
    const findings = scanCdkStack(
      cdkStackSource(
        `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { platformSuppressions, owningTeam } from '@acme/platform';
import { Construct } from 'constructs';`,
        `    const shared = new sqs.CfnQueue(this, 'Shared');
    shared.addMetadata('infra-compliance', { suppress: platformSuppressions('Shared') });
    const owned = new sqs.CfnQueue(this, 'Owned');
    owned.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: \`encrypted by \${owningTeam()}\` }] });`,
      ),
      ['ENC-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'Shared', 8, undefined],
      [
        'ENC-003',
        'Owned',
        10,
        'encrypted by <result of a call not known statically>',
      ],
    ]);
  });

  it('reads a reason a helper returns: the text when the app defines the helper, a reason not known (not a missing one) otherwise', () => {
    const findings = scanCdkStack(
      cdkStackSource(
        `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { approvedReason } from '@acme/platform';
import { Construct } from 'constructs';
function reasonFor(ticket: string): string {
  return 'approved in ' + ticket;
}`,
        `    const local = new sqs.CfnQueue(this, 'Local');
    local.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: reasonFor('SEC-42') }] });
    const imported = new sqs.CfnQueue(this, 'Imported');
    imported.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: approvedReason('SEC-43') }] });`,
      ),
      ['ENC-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['ENC-003', 'Local', 11, 'approved in SEC-42'],
      ['ENC-003', 'Imported', 13, '<result of a call not known statically>'],
    ]);
  });

  it("leaves cdk-nag's NagSuppressions alone: their ids are another tool's rules", () => {
    const findings = scanCdkStack(
      stack(`    ${FUNCTION}
    NagSuppressions.addResourceSuppressions(fn, [{ id: 'AwsSolutions-IAM5', reason: 'the migration tool lists every bucket' }], true);`),
      ['IAM-003', 'SUP-001'],
    );
    expect(summary(findings)).toEqual([
      ['IAM-003', 'Fn/ServiceRole/DefaultPolicy', 15, undefined],
    ]);
  });
});
