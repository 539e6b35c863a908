/**
 * Messages name a CDK app's properties as its code writes them: an L1's by its props, an L2's by the prop that
 * sets the property, where it has one; a CfnResource's, and those an L2 has no prop for, as CloudFormation does.
 */
import { cdkStackSource, scanCdkStack } from '../../testing/programScans';
import { l1PropPath } from './propertyNames';

/** `lib/stack.ts` with `body` in the stack's constructor. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as apigatewayv2Alpha from '@aws-cdk/aws-apigatewayv2-alpha';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';`,
    body,
  );

const RULES = [
  'ENC-001',
  'ENC-003',
  'ENC-004',
  'ENC-005',
  'ENC-007',
  'LOG-001',
  'LOG-002',
  'LOG-004',
  'OPS-001',
  'IAM-006',
  'ALM-003',
  'DLQ-002',
  'DLQ-003',
  'DLQ-005',
];

const messages = (body: string) =>
  scanCdkStack(stack(body), RULES).map(f => `${f.ruleId} ${f.message}`);

describe('CDK property names in messages', () => {
  it("are an L1's props, in camel case as aws-cdk-lib names them", () => {
    expect(
      messages(`    const queue = new sqs.CfnQueue(this, 'Queue', { sqsManagedSseEnabled: false });
    new lambda.CfnEventSourceMapping(this, 'Mapping', { functionName: 'orders', eventSourceArn: queue.attrArn, functionResponseTypes: [] });
    new sns.CfnTopic(this, 'Topic');
    new logs.CfnLogGroup(this, 'Logs');
    new kms.CfnKey(this, 'Key', { keyPolicy: { Statement: [] } });
    new dynamodb.CfnTable(this, 'Table', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], sseSpecification: { sseEnabled: false } });
    new iam.CfnRole(this, 'Role', { roleName: 'orders', assumeRolePolicyDocument: {} });
    new cloudwatch.CfnAlarm(this, 'Alarm', { namespace: 'AWS/Lambda', metricName: 'Errors', threshold: 1, evaluationPeriods: 1, comparisonOperator: 'GreaterThanThreshold' });
    new apigatewayv2.CfnStage(this, 'Stage', { apiId: 'abc', stageName: 'prod' });`),
    ).toEqual([
      'ENC-003 Queue Queue sets sqsManagedSseEnabled to false and has no kmsMasterKeyId, so its messages are not encrypted at rest.',
      'DLQ-005 SQS event source mapping Mapping does not list ReportBatchItemFailures in functionResponseTypes: one failed message returns the whole batch to the queue.',
      'ENC-004 SNS topic Topic has no kmsMasterKeyId, so its messages are not encrypted with a KMS key.',
      'ENC-001 Log group Logs has no kmsKeyId, so its logs are not encrypted with a KMS key the team controls.',
      'LOG-002 Log group Logs has no retentionInDays, so its logs are kept forever.',
      'ENC-007 KMS key Key is a symmetric customer-managed key that does not set enableKeyRotation to true, so its key material never rotates.',
      'ENC-005 Table Table sets sseSpecification.sseEnabled to false, so it is encrypted only with an AWS-owned key.',
      'IAM-006 Role Role has an explicit roleName, so a second copy of the stack, in another region or environment of the account, collides with it.',
      'ALM-003 Alarm Alarm has no alarmActions: when it goes into ALARM nobody is notified.',
      'LOG-004 API Gateway v2 stage Stage has no access log settings (accessLogSettings.destinationArn), so failed and throttled requests cannot be investigated.',
      'OPS-001 API Gateway stage Stage has no throttling limits: it has no defaultRouteSettings with throttlingRateLimit and throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
    ]);
  });

  it("are the L2's props that set them, as cdk synth shows; CloudFormation's where none does, and a CfnResource's", () => {
    // Synth (aws-cdk-lib 2.278.0): a Queue's encryptionMasterKey sets KmsMasterKeyId, its encryption
    // SqsManagedSseEnabled (UNENCRYPTED: false), its deadLetterQueue RedrivePolicy and its retentionPeriod
    // MessageRetentionPeriod; a Topic's masterKey KmsMasterKeyId; a LogGroup's retention RetentionInDays
    // (INFINITE: none) and its encryptionKey KmsKeyId; a Key's enableKeyRotation EnableKeyRotation; a Table's
    // encryption SSESpecification (DEFAULT: SSEEnabled false); a Role's roleName RoleName; a Function's logGroup
    // LoggingConfig.LogGroup; an SqsEventSource's reportBatchItemFailures FunctionResponseTypes; a RestApi's
    // deployOptions its stage's AccessLogSetting (accessLogDestination) and MethodSettings (throttlingRateLimit,
    // throttlingBurstLimit); an HttpStage's accessLogSettings.destination AccessLogSettings and its throttle
    // DefaultRouteSettings. An Alarm takes no actions but by addAlarmAction.
    expect(
      messages(`    new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sns.Topic(this, 'Topic');
    new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.INFINITE });
    new kms.Key(this, 'Key');
    new dynamodb.Table(this, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.DEFAULT });
    new iam.Role(this, 'Role', { roleName: 'orders', assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const key = new kms.Key(this, 'QueueKey', { enableKeyRotation: true });
    const jobs = new sqs.Queue(this, 'Jobs', { encryptionMasterKey: key, retentionPeriod: cdk.Duration.days(1) });
    const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), deadLetterQueue: jobs,
    });
    fn.addEventSource(new sources.SqsEventSource(jobs));
    new cloudwatch.Alarm(this, 'Alarm', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    new apigateway.RestApi(this, 'Api').root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const http = new apigatewayv2.HttpApi(this, 'Http', { createDefaultStage: false });
    new apigatewayv2.HttpStage(this, 'Stage', { httpApi: http, stageName: 'beta' });
    new cdk.CfnResource(this, 'Raw', { type: 'AWS::SQS::Queue', properties: { SqsManagedSseEnabled: false } });`),
    ).toEqual([
      'ENC-003 Queue Queue sets encryption to QueueEncryption.UNENCRYPTED and has no encryptionMasterKey, so its messages are not encrypted at rest.',
      'ENC-004 SNS topic Topic has no masterKey, so its messages are not encrypted with a KMS key.',
      'ENC-001 Log group Logs has no encryptionKey, so its logs are not encrypted with a KMS key the team controls.',
      'LOG-002 Log group Logs has no retention, so its logs are kept forever.',
      'ENC-007 KMS key Key is a symmetric customer-managed key that does not set enableKeyRotation to true, so its key material never rotates.',
      'ENC-005 Table Table sets encryption to TableEncryption.DEFAULT, so it is encrypted only with an AWS-owned key.',
      'IAM-006 Role Role has an explicit roleName, so a second copy of the stack, in another region or environment of the account, collides with it.',
      'DLQ-002 Queue Jobs is consumed by function Fn but has no deadLetterQueue: messages that keep failing are retried until they expire and are then lost.',
      'DLQ-003 Dead-letter queue Jobs (used by Fn) keeps messages for 1 day (retentionPeriod Duration.seconds(86400)), less than 14 days: failed messages can expire before anyone looks at them.',
      'LOG-001 Function Fn has no log group of its own in the stack (none named /aws/lambda/<Fn>, no logGroup), so Lambda creates one with no retention and no encryption.',
      'DLQ-005 SQS event source mapping Fn/SqsEventSource:AppJobs563087B7 does not set reportBatchItemFailures to true: one failed message returns the whole batch to the queue.',
      'ALM-003 Alarm Alarm has no alarm actions (addAlarmAction): when it goes into ALARM nobody is notified.',
      'LOG-004 API Gateway stage Api/DeploymentStage.prod has no access log settings (deployOptions.accessLogDestination), so failed and throttled requests cannot be investigated.',
      'OPS-001 API Gateway stage Api/DeploymentStage.prod has no throttling limits: it has no deployOptions with throttlingRateLimit and throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
      'LOG-004 API Gateway v2 stage Stage has no access log settings (accessLogSettings.destination), so failed and throttled requests cannot be investigated.',
      'OPS-001 API Gateway stage Stage has no throttling limits: it has no throttle with rateLimit and burstLimit, so it takes traffic up to the account-wide limit.',
      'ENC-003 Queue Raw sets SqsManagedSseEnabled to false and has no KmsMasterKeyId, so its messages are not encrypted at rest.',
    ]);
  });

  it("are a Function's functionName where a log group is named for its id (LOG-001)", () => {
    expect(
      messages(`    new lambda.Function(this, 'Orders', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    new logs.LogGroup(this, 'OrdersLogs', { logGroupName: '/aws/lambda/Orders', retention: logs.RetentionDays.ONE_WEEK });`).filter(
        message => message.startsWith('LOG-001'),
      ),
    ).toEqual([
      "LOG-001 Function Orders has no log group of its own in the stack (none named /aws/lambda/<Orders>, no logGroup), so Lambda creates one with no retention and no encryption. Log group OrdersLogs is named /aws/lambda/Orders, but the function sets no functionName, so the name it is deployed with is generated, not Orders: build the log group's name from the function's name, or set functionName.",
    ]);
  });

  it("are the L2's enum members and Durations where its prop sets a property of another type, as cdk synth shows", () => {
    // Synth (aws-cdk-lib 2.278.0): a Queue's encryption SQS_MANAGED writes SqsManagedSseEnabled true, UNENCRYPTED
    // false, KMS_MANAGED and KMS a KmsMasterKeyId; a Table's AWS_MANAGED SSEEnabled true, DEFAULT false; a TableV2's
    // awsManagedKey() SSEEnabled true, dynamoOwnedKey() false; none of them no SSESpecification; a Duration its seconds.
    expect(
      messages(`    new sqs.Queue(this, 'Queue');
    new dynamodb.Table(this, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    new dynamodb.TableV2(this, 'Global', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
    const dlq = new sqs.Queue(this, 'Dlq', { encryption: sqs.QueueEncryption.SQS_MANAGED, retentionPeriod: cdk.Duration.hours(2) });
    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.KMS_MANAGED, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });`),
    ).toEqual([
      'ENC-003 Queue Queue has no encryptionMasterKey and does not set encryption to QueueEncryption.SQS_MANAGED, so its encryption at rest is not declared.',
      'ENC-005 Table Table does not set encryption, so it is encrypted only with an AWS-owned key.',
      'ENC-005 Global table Global sets encryption to TableEncryptionV2.dynamoOwnedKey(), so it is encrypted only with an AWS-owned key.',
      'DLQ-003 Dead-letter queue Dlq (used by Jobs) keeps messages for 7200 s (retentionPeriod Duration.seconds(7200)), less than 14 days: failed messages can expire before anyone looks at them.',
    ]);
  });

  it("are the L1's props, or CloudFormation's, where the code set them on an L2's L1 (defaultChild, an override)", () => {
    expect(
      messages(`    const hatch = new sqs.Queue(this, 'Hatch');
    (hatch.node.defaultChild as sqs.CfnQueue).sqsManagedSseEnabled = false;
    const dlq = new sqs.Queue(this, 'Dlq', { encryption: sqs.QueueEncryption.SQS_MANAGED, retentionPeriod: cdk.Duration.days(1) });
    (dlq.node.defaultChild as sqs.CfnQueue).addPropertyOverride('MessageRetentionPeriod', 3600);
    const overridden = new sqs.Queue(this, 'Overridden', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    (overridden.node.defaultChild as sqs.CfnQueue).addPropertyOverride('SqsManagedSseEnabled', false);`),
    ).toEqual([
      'ENC-003 Queue Hatch sets sqsManagedSseEnabled to false and has no encryptionMasterKey, so its messages are not encrypted at rest.',
      'DLQ-003 Dead-letter queue Dlq (used by Overridden) keeps messages for 3600 s (MessageRetentionPeriod 3600), less than 14 days: failed messages can expire before anyone looks at them.',
      'ENC-003 Queue Overridden sets SqsManagedSseEnabled to false and has no encryptionMasterKey, so its messages are not encrypted at rest.',
    ]);
  });

  it("name an awslogs driver's own log group by the driver's logRetention, and say it takes no key: its log group of the app's own does", () => {
    // aws-ecs/lib/log-drivers/aws-log-driver.ts: given no logGroup, the driver makes one below the container, of its
    // logRetention (none by default: kept forever) and no key; a Fargate pattern's taskImageOptions log with it by default.
    expect(
      messages(`    const cluster = new ecs.Cluster(this, 'Cluster', { vpc: ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true }) });
    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', { cluster, taskImageOptions: { image: ecs.ContainerImage.fromRegistry('nginx') } });`).filter(
        m => m.startsWith('LOG-002') || m.startsWith('ENC-001'),
      ),
    ).toEqual([
      'ENC-001 Log group Web/TaskDef/web/LogGroup has no encryptionKey (LogDrivers.awsLogs takes none: give the driver a LogGroup of your own with one, as logGroup), so its logs are not encrypted with a KMS key the team controls.',
      'LOG-002 Log group Web/TaskDef/web/LogGroup has no logRetention (of its LogDrivers.awsLogs), so its logs are kept forever.',
    ]);
  });

  it('say an alarm given no action by addAlarmAction() has none, as synth writes no AlarmActions for it', () => {
    expect(
      messages(`    const alarm = new cloudwatch.Alarm(this, 'Alarm', { metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1 });
    alarm.addAlarmAction();`),
    ).toEqual([
      'ALM-003 Alarm Alarm has no alarm actions (addAlarmAction): when it goes into ALARM nobody is notified.',
    ]);
  });

  it("say the settings of the $default stage an HttpApi creates, which its props cannot set, go on a stage of the app's own, as cdk synth shows", () => {
    // Synth (aws-cdk-lib 2.278.0): an HttpApi makes its DefaultStage with autoDeploy alone; with createDefaultStage: false,
    // an HttpStage or addStage() of accessLogSettings and throttle writes AccessLogSettings and DefaultRouteSettings on
    // the stage, `$default` unless named. A WebSocketApi makes no stage. The stages of @aws-cdk/aws-apigatewayv2-alpha
    // (2.114.1-alpha.0) take a throttle but no access logs: its HttpApi's are named as CloudFormation names them. What
    // the stage's CfnStage sets (an escape hatch, synth: its AccessLogSettings and DefaultRouteSettings) is named as its props.
    expect(
      messages(`    new apigatewayv2.HttpApi(this, 'Http');
    new apigatewayv2Alpha.HttpApi(this, 'Beta');
    new apigatewayv2.WebSocketApi(this, 'Socket');
    const own = new apigatewayv2.HttpApi(this, 'Own', { createDefaultStage: false });
    const accessLogSettings = { destination: new apigatewayv2.LogGroupLogDestination(logs.LogGroup.fromLogGroupName(this, 'Logs', 'access')) };
    new apigatewayv2.HttpStage(this, 'OwnStage', { httpApi: own, accessLogSettings, throttle: { rateLimit: 100, burstLimit: 50 } });
    own.addStage('Live', { stageName: 'live', accessLogSettings, throttle: { rateLimit: 10, burstLimit: 5 } });
    const escaped = new apigatewayv2.HttpApi(this, 'Escaped', { createDefaultStage: true });
    const cfnStage = escaped.defaultStage!.node.defaultChild as apigatewayv2.CfnStage;
    cfnStage.accessLogSettings = { destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:access' };
    cfnStage.defaultRouteSettings = { throttlingRateLimit: 10 };`),
    ).toEqual([
      "LOG-004 API Gateway v2 stage Http/DefaultStage has no access log settings (accessLogSettings.destination; the HttpApi's props cannot set them on the $default stage it creates: set createDefaultStage: false and add an HttpStage, or httpApi.addStage(), with them), so failed and throttled requests cannot be investigated.",
      "OPS-001 API Gateway stage Http/DefaultStage has no throttling limits: it has no throttle with rateLimit and burstLimit (the HttpApi's props cannot set them on the $default stage it creates: set createDefaultStage: false and add an HttpStage, or httpApi.addStage(), with them), so it takes traffic up to the account-wide limit.",
      'LOG-004 API Gateway v2 stage Beta/DefaultStage has no access log settings (AccessLogSettings.DestinationArn), so failed and throttled requests cannot be investigated.',
      "OPS-001 API Gateway stage Beta/DefaultStage has no throttling limits: it has no throttle with rateLimit and burstLimit (the HttpApi's props cannot set them on the $default stage it creates: set createDefaultStage: false and add an HttpStage, or httpApi.addStage(), with them), so it takes traffic up to the account-wide limit.",
      'OPS-001 API Gateway stage Escaped/DefaultStage has no throttling limits: its defaultRouteSettings does not set throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
    ]);
  });

  it("name an alpha stage's access log settings as CloudFormation does: the alpha module's stages take none", () => {
    // @aws-cdk/aws-apigatewayv2-alpha 2.114.1-alpha.0 (lib/common/stage.ts): StageOptions are autoDeploy, domainMapping
    // and throttle alone; its HttpStage and WebSocketStage write the throttle as DefaultRouteSettings.
    expect(
      messages(`    const http = new apigatewayv2Alpha.HttpApi(this, 'Http', { createDefaultStage: false });
    new apigatewayv2Alpha.HttpStage(this, 'Beta', { httpApi: http, stageName: 'beta', throttle: { rateLimit: 10 } });
    new apigatewayv2Alpha.WebSocketStage(this, 'Live', { webSocketApi: new apigatewayv2Alpha.WebSocketApi(this, 'Socket'), stageName: 'live' });`),
    ).toEqual([
      'LOG-004 API Gateway v2 stage Beta has no access log settings (AccessLogSettings.DestinationArn), so failed and throttled requests cannot be investigated.',
      'OPS-001 API Gateway stage Beta has no throttling limits: its throttle does not set burstLimit, so it takes traffic up to the account-wide limit.',
      'LOG-004 API Gateway v2 stage Live has no access log settings (AccessLogSettings.DestinationArn), so failed and throttled requests cannot be investigated.',
      'OPS-001 API Gateway stage Live has no throttling limits: it has no throttle with rateLimit and burstLimit, so it takes traffic up to the account-wide limit.',
    ]);
  });

  it("name where a REST stage's limits go: deployOptions (with its methodOptions), a Stage's props or methodOptions", () => {
    // Synth: deployOptions' loggingLevel writes a MethodSettings entry for /*/*, and each of its methodOptions one more.
    expect(
      messages(`    const fn = lambda.Function.fromFunctionName(this, 'Fn', 'orders');
    const api = new apigateway.RestApi(this, 'Api', { deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO, accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true }) })) } });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const deployment = new apigateway.Deployment(this, 'Deployment', { api });
    new apigateway.Stage(this, 'Stage', { deployment, loggingLevel: apigateway.MethodLoggingLevel.INFO, accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(this, 'StageLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: new kms.Key(this, 'StageKey', { enableKeyRotation: true }) })) });`).filter(
        m => m.startsWith('OPS-001'),
      ),
    ).toEqual([
      'OPS-001 API Gateway stage Api/DeploymentStage.prod has no throttling limits: nothing in its deployOptions sets both throttlingRateLimit and throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
      'OPS-001 API Gateway stage Stage has no throttling limits: nothing in its props or methodOptions sets both throttlingRateLimit and throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
    ]);
  });

  it("are an L1's props where one is another property by what holds it, and keys written as given below one kept as written", () => {
    // As l1Properties.test.ts reads them: DurableConfig.KMSKeyArn, a function's own KmsKeyArn; its variables and a
    // policy document as written; a map of a usage plan's throttles by its methods' paths.
    expect(l1PropPath('AWS::Lambda::Function', 'DurableConfig.KMSKeyArn')).toBe(
      'durableConfig.kmsKeyArn',
    );
    expect(l1PropPath('AWS::Lambda::Function', 'KmsKeyArn')).toBe('kmsKeyArn');
    expect(
      l1PropPath('AWS::Lambda::Function', 'Environment.Variables.TABLE_NAME'),
    ).toBe('environment.variables.TABLE_NAME');
    expect(
      l1PropPath('AWS::IAM::Role', 'Policies[0].PolicyDocument.Statement'),
    ).toBe('policies[0].policyDocument.Statement');
    expect(
      l1PropPath(
        'AWS::ApiGateway::UsagePlan',
        'ApiStages[0].Throttle./orders/GET.BurstLimit',
      ),
    ).toBe('apiStages[0].throttle./orders/GET.burstLimit');
    expect(
      l1PropPath('AWS::DynamoDB::Table', 'SSESpecification.KMSMasterKeyId'),
    ).toBe('sseSpecification.kmsMasterKeyId');
  });
});
