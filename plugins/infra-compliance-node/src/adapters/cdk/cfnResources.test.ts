/**
 * L1s as `cdk synth` writes them: a resource of any type made as `new CfnResource(scope, id, { type, properties })`,
 * with its properties as written and no TagManager, and the L1 (`Cfn*`) classes of every module of aws-cdk-lib.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  scanCdkApp as scan,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 13. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as kinesisanalytics from 'aws-cdk-lib/aws-kinesisanalytics';
import * as sam from 'aws-cdk-lib/aws-sam';
import { Construct } from 'constructs';`,
    body,
  );

/**
 * An alarm, a queue and a log group made as CfnResources, in the stack and in a construct given a tag that the
 * stack removes (`Tags.of`, a remove of priority 200 over an add of 100); synth (aws-cdk-lib 2.278.0) writes:
 *   Errors             AWS::CloudWatch::Alarm  {..., "Tags": [{"Key": "team", "Value": "a"}]}
 *   GroupDlq3349A1DC   AWS::SQS::Queue         {"MessageRetentionPeriod": 1209600}
 *   GroupLogsFDFADB6B  AWS::Logs::LogGroup     {"LogGroupName": {"Fn::Sub": ...}, "Tags": [{"Key": "team", "Value": "a"}], "RetentionInDays": 14}
 *   GroupJobsA8FAB84E  AWS::SQS::Queue         {"RedrivePolicy": {...}}
 * Neither reaches the CfnResources, which keep the tags they are written with; the CfnQueue is left with none.
 */
const RESOURCES = stack(`    new cdk.CfnResource(this, 'Errors', {
      type: 'AWS::CloudWatch::Alarm',
      properties: {
        Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
        Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Tags: [{ Key: 'team', Value: 'a' }],
      },
    });
    const group = new Construct(this, 'Group');
    const dlq = new cdk.CfnResource(group, 'Dlq', { type: 'AWS::SQS::Queue', properties: { MessageRetentionPeriod: 1209600 } });
    const logs = new cdk.CfnResource(group, 'Logs', { type: 'AWS::Logs::LogGroup', properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/\${Fn}' }, Tags: [{ Key: 'team', Value: 'a' }] } });
    logs.addPropertyOverride('RetentionInDays', 14);
    new sqs.CfnQueue(group, 'Jobs', { redrivePolicy: { deadLetterTargetArn: dlq.getAtt('Arn'), maxReceiveCount: 3 } });
    cdk.Tags.of(group).add('team', 'b');
    cdk.Tags.of(this).remove('team');`);

describe('CfnResource', () => {
  it('is a resource of its type, with its properties as written', () => {
    const graph = graphOf(RESOURCES);
    expect([...graph.resources].map(r => `${r.id} ${r.type}`)).toEqual([
      'Errors AWS::CloudWatch::Alarm',
      'Group/Dlq AWS::SQS::Queue',
      'Group/Logs AWS::Logs::LogGroup',
      'Group/Jobs AWS::SQS::Queue',
    ]);
    expect(graph.get('Errors')!.properties).toEqual({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'orders' }],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Tags: [{ Key: 'team', Value: 'a' }],
    });
    expect(graph.get('Group/Dlq')!.properties).toEqual({
      MessageRetentionPeriod: 1209600,
    });
    expect(graph.get('Group/Logs')!.properties).toEqual({
      LogGroupName: new Unknown('Fn::Sub in the properties of a CfnResource'),
      Tags: [{ Key: 'team', Value: 'a' }],
      RetentionInDays: 14,
    });
    expect(graph.get('Group/Jobs')!.properties).toEqual({
      RedrivePolicy: {
        deadLetterTargetArn: new Ref('Group/Dlq', 'Arn'),
        maxReceiveCount: 3,
      },
    });
  });

  it('is judged as its type is, with its own tags only: Tags.of reaches no CfnResource', () => {
    expect(
      findings(RESOURCES, [
        'ALM-002',
        'ALM-003',
        'DLQ-003',
        'ENC-001',
        'ENC-003',
        'LOG-002',
        'OPS-003',
      ]),
    ).toEqual([
      'ALM-003 Errors 13',
      'ALM-002 Group/Dlq 22',
      'ENC-003 Group/Dlq 22',
      'OPS-003 Group/Dlq 22',
      'ENC-001 Group/Logs 23',
      'ENC-003 Group/Jobs 25',
      'OPS-003 Group/Jobs 25',
    ]);
    expect(
      scan(RESOURCES, ['OPS-003']).programs![0].notModelled,
    ).toBeUndefined();
  });

  it("takes overrides, a condition and a stack's tags as an L1 does", () => {
    const text =
      stack(`    const flag = new cdk.CfnCondition(this, 'Enabled', { expression: cdk.Fn.conditionEquals('a', 'a') });
    const queue = new cdk.CfnResource(this, 'Queue', { type: 'AWS::SQS::Queue', properties: { SqsManagedSseEnabled: true, Tags: [{ Key: 'team', Value: 'a' }] } });
    queue.addPropertyDeletionOverride('SqsManagedSseEnabled');
    queue.addOverride('Properties.Tags', []);
    queue.cfnOptions.condition = flag;
    new cdk.CfnResource(this, 'Bus', { type: 'AWS::Events::EventBus', properties: { Name: 'orders' } });
    cdk.Tags.of(this).add('team', 'b');`);
    const queue = graphOf(text).get('Queue')!;
    expect(queue.properties).toEqual({ Tags: [] });
    expect(queue.deployedIf).toBe('Enabled');
    // The stack's tags, which CloudFormation gives every resource it deploys, reach them.
    expect(findings(text, ['ENC-003', 'OPS-003'])).toEqual([
      'ENC-003 Queue 14',
    ]);
  });

  it("refers by its getAtt, cast to a string as a token's toString and Token's casts do", () => {
    const text =
      stack(`    const queue = new cdk.CfnResource(this, 'Queue', { type: 'AWS::SQS::Queue', properties: { SqsManagedSseEnabled: true } });
    const fn = new lambda.CfnFunction(this, 'Fn', { role: 'arn:aws:iam::123456789012:role/fn', code: { zipFile: 'x' }, handler: 'index.handler', runtime: 'nodejs22.x' });
    new lambda.CfnEventSourceMapping(this, 'Jobs', { functionName: fn.ref, eventSourceArn: queue.getAtt('Arn').toString() });
    new lambda.CfnEventSourceMapping(this, 'Cast', { functionName: fn.ref, eventSourceArn: cdk.Token.asString(queue.getAtt('Arn')) });`);
    const graph = graphOf(text);
    expect(
      ['Jobs', 'Cast'].map(id => graph.get(id)!.properties.EventSourceArn),
    ).toEqual([new Ref('Queue', 'Arn'), new Ref('Queue', 'Arn')]);
    // Read as a queue the function consumes.
    expect(findings(text, ['DLQ-002'])).toEqual(['DLQ-002 Queue 13']);
  });

  it("of a type not known statically, or of SAM's, is listed as not modelled; of properties not known, one of its type may be there", () => {
    const text =
      stack(`    new cdk.CfnResource(this, 'Raw', { type: this.node.tryGetContext('type') });
    new cdk.CfnResource(this, 'Sam', { type: 'AWS::Serverless::Function', properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', CodeUri: 'src' } });
    new cdk.CfnResource(this, 'Queue', { type: 'AWS::SQS::Queue', properties: this.node.tryGetContext('queue') });`);
    expect(scan(text, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'CfnResource', count: 2 },
    ]);
    const graph = graphOf(text);
    expect([...graph.resources]).toEqual([]);
    expect(graph.hasUnknownOfType('AWS::SQS::Queue')).toBe(true);
  });
});

describe('L1s', () => {
  it('of every module of aws-cdk-lib are their resources, named as CFN_RESOURCE_TYPE_NAME names them', () => {
    const text =
      stack(`    new rds.CfnDBCluster(this, 'Db', { engine: 'aurora-postgresql', dbClusterIdentifier: 'orders' });
    new glue.CfnTable(this, 'Table', { catalogId: this.account, databaseName: 'orders', tableInput: { name: 'orders' } });
    new wafv2.CfnWebACL(this, 'Acl', {
      scope: 'REGIONAL', defaultAction: { allow: {} }, tags: [{ key: 'team', value: 'a' }],
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    });
    new kinesisanalytics.CfnApplicationV2(this, 'Analytics', { runtimeEnvironment: 'FLINK-1_20', serviceExecutionRole: 'arn:aws:iam::123456789012:role/flink' });
    new cdk.CfnStack(this, 'Nested', { templateUrl: 'https://example.com/template.json' });`);
    const graph = graphOf(text);
    expect([...graph.resources].map(r => `${r.id} ${r.type}`)).toEqual([
      'Db AWS::RDS::DBCluster',
      'Table AWS::Glue::Table',
      'Acl AWS::WAFv2::WebACL',
      'Analytics AWS::KinesisAnalyticsV2::Application',
      'Nested AWS::CloudFormation::Stack',
    ]);
    expect(graph.get('Acl')!.properties.Tags).toEqual([
      { Key: 'team', Value: 'a' },
    ]);
    const report = scan(text, ['OPS-002', 'OPS-003']);
    expect(report.programs![0].notModelled).toBeUndefined();
    // SAM's, which the SAM transform expands, are not.
    const sam = stack(
      `    new sam.CfnFunction(this, 'Handler', { runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 'src' });`,
    );
    expect([...graphOf(sam).resources]).toEqual([]);
    expect(scan(sam, ['OPS-003']).programs![0].notModelled).toEqual([
      { type: 'aws-sam.CfnFunction', count: 1 },
    ]);
    // A Glue table takes no tags; the WAF ACL has its own.
    expect(
      report.findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`),
    ).toEqual([
      'OPS-003 Db 13',
      'OPS-002 Analytics 19',
      'OPS-003 Analytics 19',
      'OPS-003 Nested 20',
    ]);
  });
});
