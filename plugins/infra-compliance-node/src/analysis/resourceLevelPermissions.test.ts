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
  ])('%s can be scoped', action => {
    expect(supportsResourceLevelPermissions(action)).toBe(true);
  });
});
