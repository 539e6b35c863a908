import { IAM_ACTIONS } from './iamActions';
import {
  WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE,
  resourceLevelSupport,
} from './resourceLevelPermissions';

describe('resourceLevelSupport', () => {
  it.each([
    'xray:PutTraceSegments',
    'XRAY:puttracesegments',
    'cloudwatch:PutMetricData',
    'logs:CreateLogGroup',
    'ec2:CreateNetworkInterface',
    'ec2:DescribeSubnets',
    'ec2:DescribeInstances',
    'ec2:DescribeVpcs',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpnGateways',
    'ec2:DescribeAccountAttributes',
    'ec2:WithdrawByoipCidr',
    'ec2:AdvertiseByoipCidr',
    'ec2:DeprovisionByoipCidr',
    'ssm:DescribeParameters',
    'secretsmanager:GetRandomPassword',
    'ecr:GetAuthorizationToken',
    'iot:DescribeEndpoint',
    'lambda:GetAccountSettings',
    's3:GetAccountPublicAccessBlock',
    's3:PutAccountPublicAccessBlock',
    'kms:CreateKey',
    'bedrock:ListFoundationModels',
    'bedrock:GetModelInvocationLoggingConfiguration',
    'scheduler:ListSchedules',
    'events:ListEventBuses',
    'route53:GetHostedZoneCount',
    'comprehend:DetectSentiment',
    'batch:DescribeJobs',
    'bedrock:PutModelInvocationLoggingConfiguration',
    'kafka:ListClusters',
    'kafka:ListClustersV2',
    'route53:ListHostedZones',
    'dynamodb:DescribeLimits',
    'acm:ListCertificates',
    'xray:BatchGetTraces',
    'xray:GetTraceSummaries',
    'xray:GetTraceGraph',
    'xray:GetServiceGraph',
    'logs:StopQuery',
    'logs:DescribeLogGroups',
    'dynamodb:ListStreams',
    'kinesis:ListStreams',
    'lambda:ListEventSourceMappings',
    'cloudwatch:GetMetricData',
    // Only an optional resource (a lexicon, a terminology, a custom model): called without one, only "*" authorizes them.
    'polly:SynthesizeSpeech',
    'translate:TranslateText',
    'translate:TranslateDocument',
    'rekognition:DetectModerationLabels',
    'comprehend:DetectEntities',
    // The reference gives these no resource type (MSK's bootstrap brokers are
    // read by cluster ARN, but IAM authorizes the call on "*").
    'kafka:GetBootstrapBrokers',
    'kafka:DescribeClusterOperation',
    'kafka:ListReplicators',
    'lambda:ListMicrovms',
    'bedrock:CreateAgent',
    'states:InvokeHTTPEndpoint',
    // Wildcards whose every action has no resource type
    'xray:Put*',
    'kafka:GetBootstrap*',
    'ec2:DescribeSubnet?',
    'comprehend:Detect*',
    'comprehend:BatchDetect*',
  ])('%s only works on "*"', action => {
    expect(resourceLevelSupport(action)).toBe('unsupported');
  });

  it.each([
    'sqs:SendMessage',
    's3:Get*',
    'ec2:*',
    '*',
    '*:Get*',
    's?s:SendMessage',
    // Only optional resource types, each one of several ways to name the
    // resource (an object, or an object through an access point)
    's3:GetObject',
    's3:ListMultipartUploadParts',
    'kafka:DescribeCluster',
    'kafka:List*',
    'logs:Describe*',
    'logs:PutLogEvents',
    'ec2:CreateTags',
    'batch:SubmitJob',
    'bedrock:InvokeModel',
    'ec2:DeleteNetworkInterface',
    'ec2:Describe*',
    'ec2:DescribeInstanceAttribute',
    'ec2:DescribeVpcAttribute',
    'ec2:DescribeImageAttribute',
    'ec2:DescribeSnapshotAttribute',
    'ec2:DescribeVolumeAttribute',
    'ec2:DescribeFpgaImageAttribute',
    'ec2:DescribeSecurityGroupReferences',
    'ec2:DescribeClientVpnAuthorizationRules',
    'ec2:DescribeClientVpnConnections',
    'ec2:DescribeClientVpnRoutes',
    'ec2:DescribeClientVpnTargetNetworks',
    'ec2:DescribeFleetHistory',
    'ec2:DescribeFleetInstances',
    'ec2:DescribeSpotFleetInstances',
    'ec2:DescribeSpotFleetRequestHistory',
    'ec2:DescribeVpcEndpointServicePermissions',
    'ec2:DescribeCapacityBlockExtensionOfferings',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'dynamodb:DescribeTable',
    'cloudwatch:DescribeAlarms',
    'logs:GetQueryResults',
    'xray:GetGroup',
    'xray:Get*',
  ])('%s can be scoped', action => {
    expect(resourceLevelSupport(action)).toBe('supported');
  });

  it.each([
    // typos: no such action
    'ecs:StopTasks',
    'kafka:GetBootstrapBroker',
    's3:GetObjects',
    // no such service (DocumentDB's actions are rds:)
    'docdb:*',
    'docdb:DescribeDBClusters',
    // no action at all
    'xray',
    's3:',
    // two actions in one text, as they follow each other in the reference's list
    's3:GetObject GetObjectAcl',
    'constructor:toString',
    '__proto__:*',
    'kafka:*Nothing*',
    'nosuchservice*:*',
  ])('%s is not known', action => {
    expect(resourceLevelSupport(action)).toBe('unknown');
  });

  it('matches a pattern of many wildcards at once', () => {
    const start = performance.now();
    expect(resourceLevelSupport(`a2c:${'*?'.repeat(10)}x`)).toBe('unknown');
    expect(resourceLevelSupport(`a2c:${'*?'.repeat(10)}s`)).toBe('unsupported');
    // Bounds far above the milliseconds it takes, far below the minutes a backtracking matcher took: a loaded machine does not fail them.
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('decides a pattern of 100,000 characters at once, though it is tried on every action', () => {
    const start = performance.now();
    expect(resourceLevelSupport(`*:${'a*'.repeat(50_000)}`)).toBe('unknown');
    expect(resourceLevelSupport(`*:${'*'.repeat(100_000)}nothing`)).toBe(
      'unknown',
    );
    expect(
      resourceLevelSupport(
        `${'*'.repeat(100_000)}:${'*'.repeat(100_000)}getobject`,
      ),
    ).toBe('supported');
    expect(resourceLevelSupport(`${'s*'.repeat(50_000)}:*`)).toBe('unknown');
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('decides thousands of patterns of every service without trying each on every action', () => {
    const start = performance.now();
    for (let i = 0; i < 2000; i++)
      expect(resourceLevelSupport(`*:*zq${i}*`)).toBe('unknown');
    expect(resourceLevelSupport('*:*zq*')).toBe('unknown');
    expect(resourceLevelSupport('*:*bootstrapbroker?')).toBe('unsupported');
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('takes every action that the reference gives no resource type to work only on "*"', () => {
    for (const [service, [, withoutResourceTypes]] of Object.entries(
      IAM_ACTIONS,
    )) {
      for (const name of withoutResourceTypes.split(' ').filter(Boolean)) {
        expect(resourceLevelSupport(`${service}:${name}`)).toBe('unsupported');
      }
    }
  });

  it('takes every other action that the reference gives a resource type to be scoped', () => {
    for (const [service, [withResourceTypes]] of Object.entries(IAM_ACTIONS)) {
      for (const name of withResourceTypes.split(' ').filter(Boolean)) {
        const action = `${service}:${name}`;
        expect(resourceLevelSupport(action)).toBe(
          WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE.has(
            action.toLowerCase(),
          )
            ? 'unsupported'
            : 'supported',
        );
      }
    }
  });

  // Once the reference gives one of them no resource type, or drops it, it is no exception to list.
  it.each([...WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE])(
    '%s is known to the reference with a resource type',
    action => {
      const [service, name] = action.split(':');
      expect(IAM_ACTIONS[service]?.[0].toLowerCase().split(' ')).toContain(
        name,
      );
    },
  );
});
