/**
 * The properties of L1s as `cdk synth` writes them: each prop by the name aws-cdk-lib's converters give it, which is
 * not always the prop capitalised (`okActions` is `OKActions`, `kmsMasterKeyId` is `KMSMasterKeyID` in an S3
 * bucket's encryption and `KMSMasterKeyId` in a DynamoDB table's), and JSON (policy documents, maps of values)
 * as written.
 */
import { fingerprint } from '../../engine/evaluateGraph';
import {
  cdkStackSource,
  scanCdkApp as scan,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 14. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';`,
    body,
  );

/**
 * Synth (aws-cdk-lib 2.278.0) writes these properties: the table's SSESpecification, the bucket's
 * KMSMasterKeyID and SSEAlgorithm (an L2's too, set on its L1), the cluster's DB* and IAM names, the alarm's
 * OKActions (set on it after), the rotation's RotationLambdaARN; the role's inline policy and the parameter's
 * tags (a map) as written, and the rule's event pattern but its `detail-type`.
 */
const L1S = stack(`    new dynamodb.CfnTable(this, 'Table', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/orders' },
    });
    new s3.CfnBucket(this, 'Bucket', {
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/orders' }, bucketKeyEnabled: true }] },
    });
    const l2 = new s3.Bucket(this, 'L2Bucket');
    (l2.node.defaultChild as s3.CfnBucket).bucketEncryption = { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/l2' } }] };
    new rds.CfnDBCluster(this, 'Db', {
      engine: 'aurora-postgresql', dbClusterIdentifier: 'orders', dbSubnetGroupName: 'private', enableIamDatabaseAuthentication: true,
      sourceDbClusterIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:source',
    });
    const alarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      namespace: 'AWS/Lambda', metricName: 'Errors', statistic: 'Sum', period: 60, evaluationPeriods: 1, threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold', alarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
    });
    alarm.okActions = ['arn:aws:sns:us-east-1:123456789012:ok'];
    new secretsmanager.CfnRotationSchedule(this, 'Rotation', {
      secretId: 'orders', rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate', rotationRules: { automaticallyAfterDays: 30 },
    });
    new iam.CfnRole(this, 'Role', {
      assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'inline', policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }] } }],
    });
    new ssm.CfnParameter(this, 'Param', { type: 'String', value: 'x', tags: { team: 'a', costCentre: 'b' } });
    new events.CfnRule(this, 'Rule', { eventPattern: { source: ['aws.s3'], detailType: ['Object Created'], detail: { bucket: { name: ['orders'] } } } });`);

describe('L1 properties', () => {
  it("are named as aws-cdk-lib's converters name them, JSON as written", () => {
    const graph = graphOf(L1S);
    expect(graph.get('Table')!.properties).toEqual({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: 'alias/orders',
      },
    });
    expect(graph.get('Bucket')!.properties).toEqual({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: 'alias/orders',
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    expect(graph.get('L2Bucket')!.properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: 'alias/l2',
          },
        },
      ],
    });
    expect(graph.get('Db')!.properties).toEqual({
      Engine: 'aurora-postgresql',
      DBClusterIdentifier: 'orders',
      DBSubnetGroupName: 'private',
      EnableIAMDatabaseAuthentication: true,
      SourceDBClusterIdentifier:
        'arn:aws:rds:us-east-1:123456789012:cluster:source',
    });
    expect(graph.get('Alarm')!.properties).toMatchObject({
      AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
      OKActions: ['arn:aws:sns:us-east-1:123456789012:ok'],
    });
    expect(graph.get('Rotation')!.properties).toEqual({
      SecretId: 'orders',
      RotationLambdaARN:
        'arn:aws:lambda:us-east-1:123456789012:function:rotate',
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    expect(graph.get('Role')!.properties.Policies).toEqual([
      {
        PolicyName: 'inline',
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:SourceAccount': '123456789012' },
              },
            },
          ],
        },
      },
    ]);
    expect(graph.get('Param')!.properties.Tags).toEqual({
      team: 'a',
      costCentre: 'b',
    });
    expect(graph.get('Rule')!.properties).toEqual({
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: ['orders'] } },
      },
    });
  });

  it('are told apart by what holds them where one prop is more than one property; a map of property types keeps its keys', () => {
    // Synth (aws-cdk-lib 2.278.0): KmsKeyArn, DurableConfig.KMSKeyArn; InviteMessageTemplate.SMSMessage,
    // VerificationMessageTemplate.SmsMessage; each of ApiStages' Throttle by its method's path.
    const graph = graphOf(
      stack(`    new cdk.aws_lambda.CfnFunction(this, 'Fn', {
      code: { zipFile: 'x' }, role: 'arn:aws:iam::123456789012:role/fn', kmsKeyArn: 'alias/a', durableConfig: { executionTimeout: 60, kmsKeyArn: 'alias/b' },
    });
    new cdk.aws_cognito.CfnUserPool(this, 'Pool', {
      adminCreateUserConfig: { inviteMessageTemplate: { smsMessage: 'code {####} for {username}' } },
      verificationMessageTemplate: { smsMessage: 'code {####}' },
    });
    new cdk.aws_apigateway.CfnUsagePlan(this, 'Plan', { apiStages: [{ apiId: 'abc', stage: 'prod', throttle: { '/orders/GET': { burstLimit: 5, rateLimit: 10 } } }], throttle: { burstLimit: 1, rateLimit: 2 } });`),
    );
    expect(graph.get('Fn')!.properties).toMatchObject({
      KmsKeyArn: 'alias/a',
      DurableConfig: { ExecutionTimeout: 60, KMSKeyArn: 'alias/b' },
    });
    expect(graph.get('Pool')!.properties).toEqual({
      AdminCreateUserConfig: {
        InviteMessageTemplate: { SMSMessage: 'code {####} for {username}' },
      },
      VerificationMessageTemplate: { SmsMessage: 'code {####}' },
    });
    expect(graph.get('Plan')!.properties).toEqual({
      ApiStages: [
        {
          ApiId: 'abc',
          Stage: 'prod',
          Throttle: { '/orders/GET': { BurstLimit: 5, RateLimit: 10 } },
        },
      ],
      Throttle: { BurstLimit: 1, RateLimit: 2 },
    });
  });

  it('are the properties the rules read and report', () => {
    // The table's SSESpecification is encrypted with a customer-managed key: ENC-005 passes.
    const report = scan(L1S, ['ENC-005', 'OPS-002']);
    expect(
      report.findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.property} ${f.line}`,
      ),
    ).toEqual([
      'OPS-002 Db SourceDBClusterIdentifier 25',
      'OPS-002 Alarm AlarmActions[0] 29',
      'OPS-002 Alarm OKActions[0] 31',
      'OPS-002 Rotation RotationLambdaARN 33',
    ]);
    const okActions = report.findings.find(
      f => f.resourceId === 'Alarm' && f.property === 'OKActions[0]',
    )!;
    expect(okActions.fingerprint).toBe(
      fingerprint('OPS-002', okActions.file, 'Alarm', 'OKActions[0]'),
    );
  });
});
