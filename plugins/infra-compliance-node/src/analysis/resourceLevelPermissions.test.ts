import { supportsResourceLevelPermissions } from './resourceLevelPermissions';

describe('supportsResourceLevelPermissions', () => {
  it.each([
    'xray:PutTraceSegments',
    'XRAY:puttracesegments',
    'cloudwatch:PutMetricData',
    'logs:CreateLogGroup',
    'ec2:CreateNetworkInterface',
    'ec2:DescribeSubnets',
    'ec2:Describe*',
    'ec2:WithdrawByoipCidr',
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
  ])('%s only works on "*"', action => {
    expect(supportsResourceLevelPermissions(action)).toBe(false);
  });

  it.each([
    'sqs:SendMessage',
    's3:Get*',
    'ec2:*',
    'xray:Put*',
    '*',
    'logs:PutLogEvents',
    'ec2:CreateTags',
    'batch:SubmitJob',
    'bedrock:InvokeModel',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'dynamodb:DescribeTable',
    'cloudwatch:DescribeAlarms',
    'logs:GetQueryResults',
    'xray:GetGroup',
  ])('%s can be scoped', action => {
    expect(supportsResourceLevelPermissions(action)).toBe(true);
  });
});
