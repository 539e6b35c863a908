/**
 * IAM actions that support no resource-level permissions: a policy can only
 * grant them on `Resource: "*"`, so a `*` there is not a finding (IAM-003).
 * Every other action is taken to support resource-level permissions.
 *
 * Source: the "Resource types" column of the AWS Service Authorization
 * Reference (docs.aws.amazon.com/service-authorization/latest/reference),
 * where these actions list no resource type, and the service guides that
 * require `*` for them (X-Ray daemon, Lambda VPC networking, Step Functions
 * and API Gateway log delivery). Entries are IAM action patterns; an action
 * written in a policy is exempt when it equals an entry or, for an action
 * without wildcards, when an entry's wildcard matches it (`ec2:Describe*`).
 * A wildcard action in a policy (`s3:Get*`) is exempt only when listed as is.
 */
import { actionPatternSource } from './iam';

export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: readonly string[] = [
  // X-Ray: writing traces, reading sampling rules, and reading traces and the
  // service graph (trace ids and time ranges, not ARNs)
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'xray:BatchGetTraces',
  'xray:GetTraceSummaries',
  'xray:GetTraceGraph',
  'xray:GetServiceGraph',
  // CloudWatch metrics. The reference now gives PutMetricData and GetMetricData
  // an optional `dataset` resource type, for OTLP metrics only: classic
  // metrics have no ARN, so a statement for them can only name "*"
  // (RULES.md names cloudwatch:PutMetricData as an action that does not fail).
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  'cloudwatch:DescribeAlarmsForMetric',
  'cloudwatch:ListDashboards',
  'cloudwatch:GetMetricWidgetImage',
  // CloudWatch Logs: account-level calls and vended log delivery
  // (Step Functions, API Gateway and others need these on "*").
  // logs:CreateLogGroup is an exception: the reference gives it the resource
  // type log-group, but RULES.md names it ("at account level") among the
  // actions that do not fail, and the contract wins.
  'logs:CreateLogGroup',
  'logs:DescribeLogGroups',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  // Logs Insights queries and export tasks, named by ids, not ARNs
  // (logs:GetQueryResults is not here: the reference gives it log-group)
  'logs:StopQuery',
  'logs:DescribeQueryDefinitions',
  'logs:DescribeExportTasks',
  // Lambda in a VPC: the interfaces it creates have ids no template knows
  // (RULES.md names ec2:CreateNetworkInterface). Deleting one, and assigning
  // or unassigning its addresses, can be scoped to the account's interfaces
  // (`arn:aws:ec2:<region>:<account>:network-interface/*`), as the Lambda
  // guide shows for ec2:DeleteNetworkInterface: they are not listed.
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:Describe*',
  // EC2 bring-your-own-IP ranges: a CIDR is no resource IAM names
  'ec2:AdvertiseByoipCidr',
  'ec2:WithdrawByoipCidr',
  'ec2:DeprovisionByoipCidr',
  // Identity, account-level and listing calls
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
  's3:ListAllMyBuckets',
  's3:ListAccessPoints',
  's3:GetAccountPublicAccessBlock',
  's3:PutAccountPublicAccessBlock',
  'sqs:ListQueues',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  'dynamodb:ListTables',
  'dynamodb:ListBackups',
  'dynamodb:ListGlobalTables',
  'dynamodb:ListStreams',
  'dynamodb:ListContributorInsights',
  'dynamodb:DescribeLimits',
  'dynamodb:DescribeEndpoints',
  'dynamodb:DescribeReservedCapacity',
  'dynamodb:DescribeReservedCapacityOfferings',
  'dynamodb:PurchaseReservedCapacityOfferings',
  'lambda:ListFunctions',
  'lambda:ListLayers',
  'lambda:ListLayerVersions',
  'kms:ListKeys',
  'kms:ListAliases',
  'kms:CreateKey',
  'kms:GenerateRandom',
  'ssm:DescribeParameters',
  'secretsmanager:GetRandomPassword',
  'secretsmanager:ListSecrets',
  'iam:ListRoles',
  'iam:ListUsers',
  'iam:ListGroups',
  'iam:ListPolicies',
  'iam:ListAccountAliases',
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountAuthorizationDetails',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'tag:GetResources',
  'tag:GetTagKeys',
  'tag:GetTagValues',
  'tag:TagResources',
  'tag:UntagResources',
  'states:ListStateMachines',
  'states:ListActivities',
  'kinesis:ListStreams',
  'kinesis:DescribeLimits',
  'firehose:ListDeliveryStreams',
  'events:ListRules',
  'events:ListEventBuses',
  'scheduler:ListSchedules',
  'scheduler:ListScheduleGroups',
  'kafka:ListClusters',
  'kafka:ListClustersV2',
  'kafka:ListConfigurations',
  'kafka:ListKafkaVersions',
  'route53:ListHostedZones',
  'route53:ListHostedZonesByName',
  'route53:GetHostedZoneCount',
  'route53:ListHealthChecks',
  'route53:GetHealthCheckCount',
  'route53:GetCheckerIpRanges',
  'acm:ListCertificates',
  'lambda:ListEventSourceMappings',
  'lambda:GetAccountSettings',
  'ecr:GetAuthorizationToken',
  'iot:DescribeEndpoint',
  'batch:DescribeJobs',
  'batch:DescribeJobQueues',
  'batch:DescribeJobDefinitions',
  'batch:DescribeComputeEnvironments',
  'batch:ListJobs',
  'bedrock:ListFoundationModels',
  'bedrock:ListInferenceProfiles',
  'bedrock:ListCustomModels',
  'bedrock:ListModelCustomizationJobs',
  'bedrock:ListProvisionedModelThroughputs',
  'bedrock:ListAgents',
  'bedrock:ListKnowledgeBases',
  'bedrock:ListFoundationModelAgreementOffers',
  'bedrock:GetFoundationModelAvailability',
  'bedrock:CreateFoundationModelAgreement',
  'bedrock:DeleteFoundationModelAgreement',
  'bedrock:PutFoundationModelEntitlement',
  'bedrock:GetUseCaseForModelAccess',
  'bedrock:PutUseCaseForModelAccess',
  'bedrock:GetModelInvocationLoggingConfiguration',
  'bedrock:PutModelInvocationLoggingConfiguration',
  'bedrock:DeleteModelInvocationLoggingConfiguration',
  // AI services called on their built-in models: no resource, or only an
  // optional custom one (a terminology, a lexicon, an adapter)
  'rekognition:DetectLabels',
  'rekognition:DetectText',
  'rekognition:DetectFaces',
  'rekognition:DetectModerationLabels',
  'rekognition:DetectProtectiveEquipment',
  'rekognition:RecognizeCelebrities',
  'rekognition:CompareFaces',
  'comprehend:Detect*',
  'comprehend:BatchDetect*',
  'translate:TranslateText',
  'translate:TranslateDocument',
  'polly:SynthesizeSpeech',
  'polly:DescribeVoices',
  'textract:DetectDocumentText',
  'textract:AnalyzeDocument',
  'textract:AnalyzeExpense',
  'textract:AnalyzeID',
  'textract:StartDocumentTextDetection',
  'textract:StartDocumentAnalysis',
  'textract:GetDocumentTextDetection',
  'textract:GetDocumentAnalysis',
];

/** The entries lower-cased: a policy's action equal to one (wildcards included) is exempt. */
const EXEMPT_AS_WRITTEN = new Set(ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.map(entry => entry.toLowerCase()));

/** All entries as one case-insensitive pattern: an action is tested once, not against each entry. */
const EXEMPT_ACTION = new RegExp(`^(?:${ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.map(actionPatternSource).join('|')})$`, 'i');

/**
 * Does an action written in a policy statement (possibly a wildcard) support
 * resource-level permissions, so that granting it on `*` is broader than needed?
 */
export function supportsResourceLevelPermissions(action: string): boolean {
  if (EXEMPT_AS_WRITTEN.has(action.toLowerCase())) return false;
  if (action.includes('*') || action.includes('?')) return true;
  return !EXEMPT_ACTION.test(action);
}

