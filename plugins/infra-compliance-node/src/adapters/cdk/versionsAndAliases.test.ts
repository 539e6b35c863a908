/**
 * Versions and aliases of CDK functions (`fn.currentVersion`, `new lambda.Alias`, `fn.addAlias`): Lambda runs
 * them as their function, with its role, so the triggers, failure destinations, grants and metrics CDK gives
 * them are their function's, as DLQ-001, IAM-008 and ALM-001 see them.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { Ref, Template } from '../../graph/values';
import { cdkAdapter } from '.';

const files = (stack: string) => [
  { path: 'svc/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
  { path: 'svc/bin/app.ts', text: "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nnew AppStack(new cdk.App(), 'App');\n" },
  { path: 'svc/lib/stack.ts', text: stack },
];

/** `lib/stack.ts` with `body` in the stack's constructor, from line 15; `props` are a function's props. */
const stack = (body: string) => `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { KinesisEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;

const findings = (text: string, rules: string[]) =>
  scanFiles(files(text), selectRules(rules)).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`);

const graphOf = (text: string) => cdkAdapter.load(files(text)).graphs[0];

describe('versions and aliases of CDK functions', () => {
  it("read the metrics of a version as CDK writes them, in AWS/Lambda, with the function's name (ALM-001)", () => {
    const text = stack(`    const api = new lambda.Function(this, 'Api', props);
    new cloudwatch.Alarm(this, 'ApiErrors', { metric: api.currentVersion.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    const mailer = new lambda.Function(this, 'Mailer', props);
    mailer.currentVersion.metricThrottles().createAlarm(this, 'MailerThrottles', { threshold: 1, evaluationPeriods: 1 });`);
    // Mailer's only alarm watches its throttles: a true finding.
    expect(findings(text, ['ALM-001'])).toEqual(['ALM-001 Mailer 17']);
    expect(graphOf(text).get('ApiErrors')!.properties).toEqual(expect.objectContaining({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [
        { Name: 'FunctionName', Value: new Ref('Api') },
        { Name: 'Resource', Value: new Template([new Ref('Api', 'Arn'), ':', new Ref('Api/CurrentVersion', 'Version')]) },
      ],
    }));
  });
});
