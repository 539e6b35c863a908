/**
 * What well-known AWS managed policies grant, so that rules can tell whether
 * a role attached to one has an action: the listed actions, on `*` (or on
 * the resources {@link MANAGED_POLICY_SCOPED_ACTIONS} lists). For the
 * policies in {@link PARTLY_KNOWN_MANAGED_POLICIES} the document grants more
 * (other services, or actions on named resources), which rules treat as not
 * known. A managed policy not listed here is unknown: rules then assume nothing.
 *
 * Source: the policy documents in the AWS Managed Policy Reference Guide
 * (docs.aws.amazon.com/aws-managed-policy/latest/reference), November 2026.
 */
import { lookupTable } from '../support/lookupTable';

export const MANAGED_POLICY_ACTIONS = lookupTable<readonly string[]>({
  AdministratorAccess: ['*'],
  // Beside its NotAction statement (MANAGED_POLICY_NOT_ACTIONS).
  PowerUserAccess: [
    'account:GetAccountInformation',
    'account:GetGovCloudAccountInformation',
    'account:GetPrimaryEmail',
    'account:ListRegions',
    'iam:CreateServiceLinkedRole',
    'iam:DeleteServiceLinkedRole',
    'iam:ListRoles',
    'organizations:DescribeEffectivePolicy',
    'organizations:DescribeOrganization',
  ],
  AWSLambdaBasicExecutionRole: [
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AWSLambdaVPCAccessExecutionRole: [
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ],
  AWSLambdaSQSQueueExecutionRole: [
    'sqs:ReceiveMessage',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AWSLambdaKinesisExecutionRole: [
    'kinesis:DescribeStream',
    'kinesis:DescribeStreamSummary',
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:ListShards',
    'kinesis:ListStreams',
    'kinesis:SubscribeToShard',
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AWSLambdaDynamoDBExecutionRole: [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:ListStreams',
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AWSLambdaMSKExecutionRole: [
    'kafka:DescribeCluster',
    'kafka:DescribeClusterV2',
    'kafka:GetBootstrapBrokers',
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeVpcs',
    'ec2:DeleteNetworkInterface',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'logs:CreateLogGroup',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ],
  AWSLambdaRole: ['lambda:InvokeFunction'],
  AWSLambdaExecute: ['logs:*', 's3:GetObject', 's3:PutObject'],
  AWSXRayDaemonWriteAccess: [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ],
  AWSXrayWriteOnlyAccess: [
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:GetSamplingStatisticSummaries',
  ],
  // Beside its log writes to the extension's own log group (MANAGED_POLICY_SCOPED_ACTIONS).
  CloudWatchLambdaInsightsExecutionRolePolicy: ['logs:CreateLogGroup'],
  CloudWatchLogsFullAccess: ['logs:*'],
  AmazonSQSFullAccess: ['sqs:*'],
  AmazonSNSFullAccess: ['sns:*'],
  AmazonDynamoDBFullAccess: ['dynamodb:*'],
  AmazonS3FullAccess: ['s3:*', 's3-object-lambda:*'],
  AmazonS3ReadOnlyAccess: ['s3:Get*', 's3:List*', 's3:Describe*'],
  AmazonDynamoDBReadOnlyAccess: [
    'dynamodb:BatchGetItem',
    'dynamodb:Describe*',
    'dynamodb:List*',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:PartiQLSelect',
  ],
  AmazonKinesisFullAccess: ['kinesis:*'],
  AWSStepFunctionsFullAccess: ['states:*'],
  AmazonEventBridgeFullAccess: ['events:*'],
  CloudWatchFullAccess: ['cloudwatch:*', 'logs:*', 'sns:*'],
  // v2 (March 2025); not the deprecated AWSLambdaFullAccess, which granted logs:* and cloudwatch:*.
  AWSLambda_FullAccess: [
    'cloudformation:DescribeStacks',
    'cloudformation:ListStackResources',
    'cloudwatch:ListMetrics',
    'cloudwatch:GetMetricData',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSubnets',
    'ec2:DescribeVpcs',
    'kms:ListAliases',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
    'iam:GetRole',
    'iam:GetRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'iam:ListRoles',
    'iam:PassRole',
    'lambda:*',
    'logs:DescribeLogGroups',
    'logs:DescribeLogStreams',
    'logs:GetLogEvents',
    'logs:FilterLogEvents',
    'logs:StartLiveTail',
    'logs:StopLiveTail',
    'states:DescribeStateMachine',
    'states:ListStateMachines',
    'tag:GetResources',
    'xray:GetTraceSummaries',
    'xray:BatchGetTraces',
  ],
  // Full access to one service: its wildcard, what IAM-002 reads (partly known, below).
  AmazonDynamoDBFullAccess_v2: ['dynamodb:*'],
  AmazonMSKFullAccess: ['kafka:*'],
  AmazonMQFullAccess: ['mq:*'],
  AmazonTextractFullAccess: ['textract:*'],
  AmazonSageMakerFullAccess: ['sagemaker:*'],
  AWSCloudFormationFullAccess: ['cloudformation:*'],
  AWSCertificateManagerPrivateCAFullAccess: ['acm-pca:*'],
  AWSCodeCommitFullAccess: ['codecommit:*'],
  SecretsManagerReadWrite: ['secretsmanager:*'],
  IAMFullAccess: ['iam:*'],
  // Their statement on `*`; the others (iam: on service-linked roles, under conditions) are not listed.
  CloudWatchEventsFullAccess: [
    'events:*',
    'schemas:*',
    'scheduler:*',
    'pipes:*',
  ],
  AmazonCognitoPowerUser: [
    'cognito-identity:*',
    'cognito-idp:*',
    'cognito-sync:*',
    'iam:ListRoles',
    'iam:ListOpenIdConnectProviders',
    'iam:GetRole',
    'iam:ListSAMLProviders',
    'iam:GetSAMLProvider',
    'kinesis:ListStreams',
    'lambda:GetPolicy',
    'lambda:ListFunctions',
    'sns:GetSMSSandboxAccountStatus',
    'sns:ListPlatformApplications',
    'ses:ListIdentities',
    'ses:GetIdentityVerificationAttributes',
    'mobiletargeting:GetApps',
    'acm:ListCertificates',
    'sms-voice:DescribeAccountAttributes',
  ],
});

/** Policies with a statement that allows every action except those listed (`NotAction`), on `*`. */
export const MANAGED_POLICY_NOT_ACTIONS = lookupTable<readonly string[]>({
  PowerUserAccess: ['iam:*', 'organizations:*', 'account:*'],
});

/** Policies with statements that allow their actions only on the resources listed, not on `*`. */
export const MANAGED_POLICY_SCOPED_ACTIONS = lookupTable<
  readonly { actions: readonly string[]; resources: readonly string[] }[]
>({
  CloudWatchLambdaInsightsExecutionRolePolicy: [
    {
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: ['arn:aws:logs:*:*:log-group:/aws/lambda-insights:*'],
    },
  ],
});

/** Policies of which only the service wildcard (or one statement) is listed: the rest of what they grant is not known. */
export const PARTLY_KNOWN_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  'AmazonDynamoDBFullAccess_v2',
  'AmazonMSKFullAccess',
  'AmazonMQFullAccess',
  'AmazonTextractFullAccess',
  'AmazonSageMakerFullAccess',
  'AWSCloudFormationFullAccess',
  'AWSCertificateManagerPrivateCAFullAccess',
  'AWSCodeCommitFullAccess',
  'SecretsManagerReadWrite',
  'IAMFullAccess',
  'CloudWatchEventsFullAccess',
  'AmazonCognitoPowerUser',
]);

/** The policy name at the end of an AWS managed policy ARN, or undefined for other ARNs. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const match = /^arn:[^:]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/.exec(arn);
  return match?.[1];
}
