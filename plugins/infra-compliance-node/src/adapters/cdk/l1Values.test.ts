/**
 * Values of aws-cdk-lib written into L1 props, as `cdk synth` writes them: a Lambda runtime's name, the members of
 * aws-cdk-lib's enums, a prop of another L1 read back, and the intrinsics of `Fn`.
 */
import { Ref, Template, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 13. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';`,
    body,
  );

/** Synth (aws-cdk-lib 2.278.0) writes `nodejs16.x` for each: a Runtime's name, its toString(), and a template of either. */
const RUNTIMES =
  stack(`    const fn = { code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn' };
    new lambda.CfnFunction(this, 'Name', { ...fn, runtime: lambda.Runtime.NODEJS_16_X.name });
    new lambda.CfnFunction(this, 'Text', { ...fn, runtime: lambda.Runtime.NODEJS_16_X.toString() });
    new lambda.CfnFunction(this, 'Template', { ...fn, runtime: \`\${lambda.Runtime.NODEJS_16_X}\` });
    new lambda.CfnFunction(this, 'NameTemplate', { ...fn, runtime: \`\${lambda.Runtime.NODEJS_16_X.name}\` });`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes the name a runtime is made with: `nodejs16.x` of an L1 given its name,
 * `python3.7` and `nodejs14.x` of L2s given it, and of a template of it.
 */
const RUNTIMES_MADE =
  stack(`    const custom = new lambda.Runtime('nodejs14.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
    new lambda.CfnFunction(this, 'Named', { code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', runtime: new lambda.Runtime('nodejs16.x').name });
    new lambda.Function(this, 'Python', { runtime: new lambda.Runtime('python3.7', lambda.RuntimeFamily.PYTHON, { supportsInlineCode: true }), handler: 'index.handler', code: lambda.Code.fromInline('x') });
    new lambda.Function(this, 'Custom', { runtime: custom, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    new lambda.CfnFunction(this, 'Template', { code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', runtime: \`\${custom}\` });`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes each enum's value: StartingPosition "LATEST", AuroraCapacityUnit 4 and 8,
 * Tracing "PassThrough", LoggingFormat "JSON", AttributeType "S", BillingMode "PAY_PER_REQUEST", Effect "Allow"
 * in a policy document, and StartingPosition "TRIM_HORIZON" in a CfnResource's properties; and Tracing "Disabled"
 * and RetentionDays 9999 (INFINITE), which the L2s write as no tracing and no retention.
 */
const ENUMS =
  stack(`    new lambda.CfnEventSourceMapping(this, 'Mapping', { functionName: 'orders', eventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', startingPosition: lambda.StartingPosition.LATEST });
    new rds.CfnDBCluster(this, 'Db', { engine: 'aurora-mysql', engineMode: 'serverless', scalingConfiguration: { minCapacity: rds.AuroraCapacityUnit.ACU_4, maxCapacity: rds.AuroraCapacityUnit.ACU_8 } });
    new lambda.CfnFunction(this, 'Fn', {
      code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs24.x',
      tracingConfig: { mode: lambda.Tracing.PASS_THROUGH }, loggingConfig: { logFormat: lambda.LoggingFormat.JSON },
    });
    new dynamodb.CfnTable(this, 'Table', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], attributeDefinitions: [{ attributeName: 'pk', attributeType: dynamodb.AttributeType.STRING }],
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    new iam.CfnManagedPolicy(this, 'Policy', { policyDocument: { Statement: [{ Effect: iam.Effect.ALLOW, Action: 's3:GetObject', Resource: '*' }] } });
    new lambda.CfnFunction(this, 'Untraced', {
      code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs24.x', tracingConfig: { mode: lambda.Tracing.DISABLED },
    });
    new logs.CfnLogGroup(this, 'Logs', { retentionInDays: logs.RetentionDays.INFINITE });
    new cdk.CfnResource(this, 'Raw', { type: 'AWS::Lambda::EventSourceMapping', properties: { FunctionName: 'orders', StartingPosition: lambda.StartingPosition.TRIM_HORIZON } });`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes a member that enums of one name give different values as its own enum gives
 * it: LogLevel.ERROR of aws-stepfunctions "ERROR" (of aws-lambda-nodejs "error"), Protocol.HTTP of
 * aws-elasticloadbalancingv2 "HTTP" (of aws-appmesh "http").
 */
const MEMBERS_OF_MODULES =
  stack(`    new cdk.aws_stepfunctions.CfnStateMachine(this, 'Machine', { roleArn: 'arn:aws:iam::123456789012:role/sm', definitionString: '{}', loggingConfiguration: { level: cdk.aws_stepfunctions.LogLevel.ERROR } });
    new cdk.aws_elasticloadbalancingv2.CfnTargetGroup(this, 'Targets', { protocol: cdk.aws_elasticloadbalancingv2.Protocol.HTTP, port: 80 });`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes the value of a member of an enum an override sets: BillingMode "PAY_PER_REQUEST"
 * and AttributeType "N" on an L1, DeduplicationScope "messageGroup" on an L2's.
 */
const OVERRIDES =
  stack(`    const table = new dynamodb.CfnTable(this, 'Table', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }] });
    table.addPropertyOverride('BillingMode', dynamodb.BillingMode.PAY_PER_REQUEST);
    table.addOverride('Properties.AttributeDefinitions.0.AttributeType', dynamodb.AttributeType.NUMBER);
    const queue = new sqs.Queue(this, 'Queue', { fifo: true });
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride('DeduplicationScope', sqs.DeduplicationScope.MESSAGE_GROUP);`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes a text the code writes as it is, even one that reads as a member of an enum:
 * "Effect.ALLOW", "BillingMode.PROVISIONED", "LogLevel.ERROR" (of two enums).
 */
const TEXTS =
  stack(`    new ssm.CfnParameter(this, 'Param', { type: 'String', value: 'Effect.ALLOW' });
    new sqs.CfnQueue(this, 'Queue', { tags: [{ key: 'mode', value: 'BillingMode.PROVISIONED' }] });
    new lambda.CfnFunction(this, 'Fn', {
      code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', runtime: 'nodejs24.x',
      environment: { variables: { LEVEL: 'LogLevel.ERROR' } },
    });
    new cdk.CfnResource(this, 'Raw', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'StartingPosition.LATEST' } });`);

/**
 * Synth (aws-cdk-lib 2.278.0) writes an L1's prop read from it as it is given (each L1's getter returns its prop):
 * Db's DBSubnetGroupName "private" and KmsKeyId "alias/orders", and, set after, Db2's DBClusterIdentifier "orders-2";
 * its `ref` is the token it always is. One not given is undefined: Db3 has no DBSubnetGroupName nor DBClusterIdentifier.
 */
const GETTERS =
  stack(`    const group = new rds.CfnDBSubnetGroup(this, 'Group', { dbSubnetGroupName: 'private', dbSubnetGroupDescription: 'private subnets', subnetIds: ['subnet-1'] });
    const queue = new sqs.CfnQueue(this, 'Queue', { queueName: 'orders', kmsMasterKeyId: 'alias/orders' });
    new rds.CfnDBCluster(this, 'Db', { engine: 'aurora-mysql', dbSubnetGroupName: group.dbSubnetGroupName, kmsKeyId: queue.kmsMasterKeyId, masterUsername: queue.queueName });
    queue.queueName = 'orders-2';
    new rds.CfnDBCluster(this, 'Db2', { engine: 'aurora-mysql', dbSubnetGroupName: group.ref, dbClusterIdentifier: queue.queueName });
    const unnamed = new rds.CfnDBSubnetGroup(this, 'Unnamed', { dbSubnetGroupDescription: 'private subnets', subnetIds: ['subnet-1'] });
    const unnamedQueue = new sqs.CfnQueue(this, 'UnnamedQueue', {});
    new rds.CfnDBCluster(this, 'Db3', { engine: 'aurora-mysql', dbSubnetGroupName: unnamed.dbSubnetGroupName, dbClusterIdentifier: unnamedQueue.queueName });`);

describe('values of aws-cdk-lib in L1 props', () => {
  it('a Lambda runtime is its name, read as a property or as text', () => {
    const graph = graphOf(RUNTIMES);
    expect(
      ['Name', 'Text', 'Template', 'NameTemplate'].map(
        id => graph.get(id)!.properties.Runtime,
      ),
    ).toEqual(['nodejs16.x', 'nodejs16.x', 'nodejs16.x', 'nodejs16.x']);
    expect(findings(RUNTIMES, ['OPS-005'])).toEqual([
      'OPS-005 Name 14',
      'OPS-005 Text 15',
      'OPS-005 Template 16',
      'OPS-005 NameTemplate 17',
    ]);
  });

  it('a runtime made with a name is that name', () => {
    const graph = graphOf(RUNTIMES_MADE);
    expect(
      ['Named', 'Python', 'Custom', 'Template'].map(
        id => graph.get(id)!.properties.Runtime,
      ),
    ).toEqual(['nodejs16.x', 'python3.7', 'nodejs14.x', 'nodejs14.x']);
    expect(findings(RUNTIMES_MADE, ['OPS-005'])).toEqual([
      'OPS-005 Named 14',
      'OPS-005 Python 15',
      'OPS-005 Custom 16',
      'OPS-005 Template 17',
    ]);
  });

  it('a member of an enum is its value: text or a number', () => {
    const graph = graphOf(ENUMS);
    expect(graph.get('Mapping')!.properties.StartingPosition).toBe('LATEST');
    expect(graph.get('Db')!.properties.ScalingConfiguration).toEqual({
      MinCapacity: 4,
      MaxCapacity: 8,
    });
    expect(graph.get('Fn')!.properties).toMatchObject({
      TracingConfig: { Mode: 'PassThrough' },
      LoggingConfig: { LogFormat: 'JSON' },
    });
    expect(graph.get('Table')!.properties).toMatchObject({
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(graph.get('Policy')!.properties.PolicyDocument).toEqual({
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    expect(graph.get('Raw')!.properties.StartingPosition).toBe('TRIM_HORIZON');
    expect(graph.get('Untraced')!.properties.TracingConfig).toEqual({
      Mode: 'Disabled',
    });
    expect(graph.get('Logs')!.properties.RetentionInDays).toBe(9999);
  });

  it("a member that enums of one name give different values is its own enum's", () => {
    const graph = graphOf(MEMBERS_OF_MODULES);
    expect(graph.get('Machine')!.properties.LoggingConfiguration).toEqual({
      Level: 'ERROR',
    });
    expect(graph.get('Targets')!.properties.Protocol).toBe('HTTP');
  });

  it('a member of an enum an override sets is its value', () => {
    const graph = graphOf(OVERRIDES);
    expect(graph.get('Table')!.properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
    });
    expect(graph.get('Queue')!.properties.DeduplicationScope).toBe(
      'messageGroup',
    );
  });

  it('a text written in the code that names a member of an enum is that text', () => {
    const graph = graphOf(TEXTS);
    expect(graph.get('Param')!.properties.Value).toBe('Effect.ALLOW');
    expect(graph.get('Queue')!.properties.Tags).toEqual([
      { Key: 'mode', Value: 'BillingMode.PROVISIONED' },
    ]);
    expect(graph.get('Fn')!.properties.Environment).toEqual({
      Variables: { LEVEL: 'LogLevel.ERROR' },
    });
    expect(graph.get('Raw')!.properties.Value).toBe('StartingPosition.LATEST');
  });

  it('a prop of another L1 is what that L1 is given', () => {
    const graph = graphOf(GETTERS);
    expect(graph.get('Db')!.properties).toEqual({
      Engine: 'aurora-mysql',
      DBSubnetGroupName: 'private',
      KmsKeyId: 'alias/orders',
      MasterUsername: 'orders',
    });
    expect(graph.get('Db2')!.properties).toEqual({
      Engine: 'aurora-mysql',
      DBSubnetGroupName: new Ref('Group'),
      DBClusterIdentifier: 'orders-2',
    });
    expect(graph.get('Db3')!.properties).toEqual({ Engine: 'aurora-mysql' });
  });

  it('reads the intrinsics of Fn as CloudFormation evaluates them, resolved where what they are given is known as synth resolves them (OPS-002)', () => {
    const text =
      stack(`    const queues = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders,https://sqs.eu-west-1.amazonaws.com/123456789012/refunds';
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
      environment: {
        ORDERS_QUEUE_URL: cdk.Fn.select(0, cdk.Fn.split(',', queues)),
        ZONE: cdk.Fn.select(0, cdk.Fn.getAzs()),
        STAGE: cdk.Fn.conditionIf('IsProd', 'prod', 'dev').toString(),
        HOST: cdk.Fn.parseDomainName('https://api.example.com/v1'),
        REGION: cdk.Fn.ref('AWS::Region'),
        CONFIG: cdk.Fn.base64(cdk.Fn.toJsonString({ queues: cdk.Fn.len(cdk.Fn.split(',', queues)) })),
      },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [cdk.Fn.select(1, cdk.Fn.split(',', 'arn:aws:sqs:eu-west-1:123456789012:orders,arn:aws:sqs:eu-west-1:123456789012:refunds'))] }));`);
    expect(
      (graphOf(text).get('Handler')!.properties.Environment as any).Variables,
    ).toEqual({
      ORDERS_QUEUE_URL:
        'https://sqs.eu-west-1.amazonaws.com/123456789012/orders',
      ZONE: new Unknown('Fn::Select'),
      STAGE: new Unknown('result of a call not known statically'),
      HOST: 'api.example.com',
      REGION: Unknown.oneValue('AWS::Region'),
      // Fn.toJsonString writes JSON text, which Fn::Base64 keeps.
      CONFIG: '{"queues":2}',
    });
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Handler 17',
      'OPS-002 Handler/ServiceRole/DefaultPolicy 25',
    ]);
  });

  it("writes the JSON text of Fn.toJsonString and of a stack's toJsonString, with the references in it, as synth joins it: a function given a queue in it is wired to it (IAM-004), a hardcoded ARN in it is found (OPS-002)", () => {
    const text = stack(`    const queue = new sqs.Queue(this, 'Jobs');
    const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };
    const target = { arn: 'arn:aws:sqs:eu-west-1:123456789012:orders', retries: 2 };
    new lambda.Function(this, 'Fn', { ...props, environment: { CONFIG: cdk.Fn.toJsonString({ url: queue.queueUrl }) } });
    new lambda.Function(this, 'Stack', { ...props, environment: { CONFIG: cdk.Stack.of(this).toJsonString({ url: queue.queueUrl }) } });
    new lambda.Function(this, 'Target', { ...props, environment: { CONFIG: this.toJsonString(target) } });`);
    const graph = graphOf(text);
    const config = (id: string) =>
      (graph.get(id)!.properties.Environment as any).Variables.CONFIG;
    const joined = new Template(['{"url":"', new Ref('Jobs'), '"}']);
    expect(['Fn', 'Stack', 'Target'].map(config)).toEqual([
      joined,
      joined,
      '{"arn":"arn:aws:sqs:eu-west-1:123456789012:orders","retries":2}',
    ]);
    expect(findings(text, ['IAM-004', 'OPS-002'])).toEqual([
      'IAM-004 Fn 16',
      'IAM-004 Stack 17',
      'OPS-002 Target 18',
    ]);
  });

  it("reads the JSON text of Fn.toJsonString given to a property CloudFormation takes as JSON, or written over one, as the document it holds, as the CloudFormation adapter reads synth's Fn::Join: the queue a redrive policy names is a dead-letter queue (ALM-002, DLQ-003)", () => {
    const text =
      stack(`    const dlq = new sqs.CfnQueue(this, 'Dlq', { sqsManagedSseEnabled: true });
    new sqs.CfnQueue(this, 'Main', { sqsManagedSseEnabled: true, redrivePolicy: cdk.Fn.toJsonString({ deadLetterTargetArn: dlq.attrArn, maxReceiveCount: 5 }) });
    const parked = new sqs.Queue(this, 'Parked', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    const work = new sqs.Queue(this, 'Work', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    (work.node.defaultChild as sqs.CfnQueue).addPropertyOverride('RedrivePolicy', cdk.Stack.of(this).toJsonString({ deadLetterTargetArn: parked.queueArn }));`);
    const graph = graphOf(text);
    expect(
      ['Main', 'Work'].map(id => graph.get(id)!.properties.RedrivePolicy),
    ).toEqual([
      { deadLetterTargetArn: new Ref('Dlq', 'Arn'), maxReceiveCount: 5 },
      { deadLetterTargetArn: new Ref('Parked', 'Arn') },
    ]);
    expect(findings(text, ['ALM-002', 'DLQ-003'])).toEqual([
      'ALM-002 Dlq 13',
      'DLQ-003 Dlq 13',
      'ALM-002 Parked 15',
      'DLQ-003 Parked 15',
    ]);
  });
});
