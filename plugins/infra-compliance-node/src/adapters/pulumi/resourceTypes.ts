/**
 * Pulumi AWS resource classes (`aws.lambda.Function`) as canonical AWS
 * types, and their arguments as the AWS resource model's properties.
 * Arguments not listed keep their name with the first letter capitalised
 * (`tracingConfig.mode` → `TracingConfig.Mode`), which is the resource
 * model's name for most of them; the table lists the others.
 */
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordAssignedKeyLines,
  recordKeyLinesOnly,
  recordLines,
} from '../../graph/locations';
import { GLOBAL_TABLE_TYPE, ownReplica } from '../globalTables';
import { Unknown, Value, ValueMap, isMap, setEntry } from '../../graph/values';
import { JsonText, jsonTextValue, readJsonDocument } from './documents';
import { lookupTable } from '../../support/lookupTable';

/** How an argument becomes a property: its name, and how its value is read. */
export interface PropertySpec {
  name?: string;
  /**
   * verbatim: keys kept as written (environment variables, policy documents
   * written as objects); document: JSON text read as a structured value;
   * tags: a map of tags as a list of {Key, Value}; dimensions: a map as a
   * list of {Name, Value}; map: keys kept as written, each value read by
   * `nested`.
   */
  read?: 'verbatim' | 'document' | 'tags' | 'dimensions' | 'metricStat' | 'map';
  /** Specs of nested arguments (for each item when the value is a list). */
  nested?: PropertySpecs;
  /** An argument the resource model has no place for (whose capitalised name means something else there). */
  omit?: true;
}

/** Specs of arguments by name, or a function giving an argument's by its name; one not given is capitalised. */
export type PropertySpecs =
  | Record<string, PropertySpec | string>
  | ((name: string) => PropertySpec | string | undefined);

export interface ResourceTypeSpec {
  type: string;
  /**
   * The AWS provider's resource type @pulumi/aws generates this one from
   * (`aws_iam_policy` for `iam.Policy`): it takes tags as that does, which
   * the Terraform adapter's mapping of it says (see providerType), whether
   * or not its CloudFormation type takes them.
   */
  terraformType: string;
  properties?: Record<string, PropertySpec | string>;
  /** Output attributes that are the resource's primary identifier (a CloudFormation `Ref`). */
  refAttributes?: string[];
  /** Output attributes named differently from their CloudFormation `GetAtt` attribute. */
  attributes?: Record<string, string>;
}

const NAME = (name: string): PropertySpec => ({ name });
const tags: PropertySpec = { read: 'tags' };
const document = (name: string): PropertySpec => ({ name, read: 'document' });

const METRIC = {
  namespace: 'Namespace',
  metricName: 'MetricName',
  dimensions: { name: 'Dimensions', read: 'dimensions' as const },
};

export const RESOURCE_TYPES = lookupTable<ResourceTypeSpec>({
  'lambda.Function': {
    type: 'AWS::Lambda::Function',
    terraformType: 'aws_lambda_function',
    properties: {
      name: NAME('FunctionName'),
      environment: {
        nested: { variables: { name: 'Variables', read: 'verbatim' } },
      },
      tags,
    },
    refAttributes: ['id', 'name'],
  },
  'lambda.CallbackFunction': {
    type: 'AWS::Lambda::Function',
    terraformType: 'aws_lambda_function',
    properties: {
      name: NAME('FunctionName'),
      environment: {
        nested: { variables: { name: 'Variables', read: 'verbatim' } },
      },
      tags,
      callback: { name: 'Code', read: 'verbatim' },
    },
    refAttributes: ['id', 'name'],
  },
  'lambda.Permission': {
    type: 'AWS::Lambda::Permission',
    terraformType: 'aws_lambda_permission',
    properties: { function: 'FunctionName' },
  },
  'lambda.EventSourceMapping': {
    type: 'AWS::Lambda::EventSourceMapping',
    terraformType: 'aws_lambda_event_source_mapping',
    properties: {
      destinationConfig: {
        nested: { onFailure: { nested: { destinationArn: 'Destination' } } },
      },
    },
  },
  'lambda.FunctionEventInvokeConfig': {
    type: 'AWS::Lambda::EventInvokeConfig',
    terraformType: 'aws_lambda_function_event_invoke_config',
  },
  'lambda.Alias': {
    type: 'AWS::Lambda::Alias',
    terraformType: 'aws_lambda_alias',
    properties: { name: 'Name' },
  },
  'lambda.FunctionUrl': {
    type: 'AWS::Lambda::Url',
    terraformType: 'aws_lambda_function_url',
    properties: { functionName: 'TargetFunctionArn' },
  },

  'iam.Role': {
    type: 'AWS::IAM::Role',
    terraformType: 'aws_iam_role',
    properties: {
      name: NAME('RoleName'),
      assumeRolePolicy: document('AssumeRolePolicyDocument'),
      inlinePolicies: {
        name: 'Policies',
        nested: { name: 'PolicyName', policy: document('PolicyDocument') },
      },
      tags,
    },
    refAttributes: ['id', 'name'],
  },
  'iam.RolePolicy': {
    type: 'AWS::IAM::RolePolicy',
    terraformType: 'aws_iam_role_policy',
    properties: {
      name: 'PolicyName',
      role: 'RoleName',
      policy: document('PolicyDocument'),
    },
  },
  'iam.Policy': {
    type: 'AWS::IAM::ManagedPolicy',
    terraformType: 'aws_iam_policy',
    properties: {
      name: 'ManagedPolicyName',
      policy: document('PolicyDocument'),
      tags,
    },
  },
  'iam.User': {
    type: 'AWS::IAM::User',
    terraformType: 'aws_iam_user',
    properties: { name: NAME('UserName'), tags },
    refAttributes: ['id', 'name'],
  },
  'iam.UserPolicy': {
    type: 'AWS::IAM::UserPolicy',
    terraformType: 'aws_iam_user_policy',
    properties: {
      name: 'PolicyName',
      user: 'UserName',
      policy: document('PolicyDocument'),
    },
  },
  'iam.InstanceProfile': {
    type: 'AWS::IAM::InstanceProfile',
    terraformType: 'aws_iam_instance_profile',
    properties: { name: NAME('InstanceProfileName'), tags },
  },
  'iam.Group': {
    type: 'AWS::IAM::Group',
    terraformType: 'aws_iam_group',
    properties: { name: NAME('GroupName') },
    refAttributes: ['id', 'name'],
  },
  'iam.GroupPolicy': {
    type: 'AWS::IAM::GroupPolicy',
    terraformType: 'aws_iam_group_policy',
    properties: {
      name: 'PolicyName',
      group: 'GroupName',
      policy: document('PolicyDocument'),
    },
  },

  'sqs.Queue': {
    type: 'AWS::SQS::Queue',
    terraformType: 'aws_sqs_queue',
    properties: {
      name: NAME('QueueName'),
      messageRetentionSeconds: 'MessageRetentionPeriod',
      visibilityTimeoutSeconds: 'VisibilityTimeout',
      redrivePolicy: document('RedrivePolicy'),
      tags,
    },
    refAttributes: ['id', 'url'],
    attributes: { name: 'QueueName' },
  },
  'sqs.QueuePolicy': {
    type: 'AWS::SQS::QueuePolicy',
    terraformType: 'aws_sqs_queue_policy',
    properties: { queueUrl: 'Queues', policy: document('PolicyDocument') },
  },
  'sns.Topic': {
    type: 'AWS::SNS::Topic',
    terraformType: 'aws_sns_topic',
    properties: { name: NAME('TopicName'), policy: document('Policy'), tags },
    refAttributes: ['id', 'arn'],
    attributes: { name: 'TopicName' },
  },
  'sns.TopicSubscription': {
    type: 'AWS::SNS::Subscription',
    terraformType: 'aws_sns_topic_subscription',
    properties: { topic: 'TopicArn', redrivePolicy: document('RedrivePolicy') },
  },

  'cloudwatch.LogGroup': {
    type: 'AWS::Logs::LogGroup',
    terraformType: 'aws_cloudwatch_log_group',
    properties: { name: NAME('LogGroupName'), tags },
    refAttributes: ['id', 'name'],
  },
  'cloudwatch.LogSubscriptionFilter': {
    type: 'AWS::Logs::SubscriptionFilter',
    terraformType: 'aws_cloudwatch_log_subscription_filter',
    properties: { name: NAME('FilterName'), logGroup: 'LogGroupName' },
  },
  'cloudwatch.MetricAlarm': {
    type: 'AWS::CloudWatch::Alarm',
    terraformType: 'aws_cloudwatch_metric_alarm',
    properties: {
      name: NAME('AlarmName'),
      ...METRIC,
      metricQueries: {
        name: 'Metrics',
        nested: {
          metric: { name: 'MetricStat', read: 'metricStat' },
        },
      },
      tags,
    },
  },
  'cloudwatch.CompositeAlarm': {
    type: 'AWS::CloudWatch::CompositeAlarm',
    terraformType: 'aws_cloudwatch_composite_alarm',
    properties: { alarmName: 'AlarmName', tags },
  },

  'kms.Key': {
    type: 'AWS::KMS::Key',
    terraformType: 'aws_kms_key',
    properties: {
      policy: document('KeyPolicy'),
      customerMasterKeySpec: 'KeySpec',
      tags,
    },
    refAttributes: ['id', 'keyId'],
  },
  'kms.Alias': {
    type: 'AWS::KMS::Alias',
    terraformType: 'aws_kms_alias',
    properties: { name: NAME('AliasName') },
  },

  'dynamodb.Table': {
    type: 'AWS::DynamoDB::Table',
    terraformType: 'aws_dynamodb_table',
    properties: {
      name: NAME('TableName'),
      serverSideEncryption: {
        name: 'SSESpecification',
        nested: { enabled: 'SSEEnabled', kmsKeyArn: 'KMSMasterKeyId' },
      },
      pointInTimeRecovery: {
        name: 'PointInTimeRecoverySpecification',
        nested: { enabled: 'PointInTimeRecoveryEnabled' },
      },
      // Read as a global table's replicas by asGlobalTable.
      replicas: {
        name: 'Replicas',
        nested: {
          regionName: 'Region',
          pointInTimeRecovery: 'PointInTimeRecoveryEnabled',
          kmsKeyArn: 'KMSMasterKeyId',
        },
      },
      tags,
    },
    refAttributes: ['id', 'name'],
  },

  's3.Bucket': {
    type: 'AWS::S3::Bucket',
    terraformType: 'aws_s3_bucket',
    properties: { bucket: 'BucketName', tags },
    refAttributes: ['id', 'bucket'],
  },
  's3.BucketV2': {
    type: 'AWS::S3::Bucket',
    terraformType: 'aws_s3_bucket',
    properties: { bucket: 'BucketName', tags },
    refAttributes: ['id', 'bucket'],
  },
  's3.BucketPolicy': {
    type: 'AWS::S3::BucketPolicy',
    terraformType: 'aws_s3_bucket_policy',
    properties: { policy: document('PolicyDocument') },
  },

  'apigateway.RestApi': {
    type: 'AWS::ApiGateway::RestApi',
    terraformType: 'aws_api_gateway_rest_api',
    properties: { tags },
  },
  'apigateway.Deployment': {
    type: 'AWS::ApiGateway::Deployment',
    terraformType: 'aws_api_gateway_deployment',
    // The description text of the stage a deployment creates, not CloudFormation's StageDescription settings.
    properties: { restApi: 'RestApiId', stageDescription: { omit: true } },
  },
  'apigateway.Stage': {
    type: 'AWS::ApiGateway::Stage',
    terraformType: 'aws_api_gateway_stage',
    properties: {
      restApi: 'RestApiId',
      deployment: 'DeploymentId',
      xrayTracingEnabled: 'TracingEnabled',
      accessLogSettings: 'AccessLogSetting',
      tags,
    },
    attributes: { stageName: 'StageName' },
  },
  'apigateway.MethodSettings': {
    type: 'AWS::ApiGateway::MethodSettings',
    terraformType: 'aws_api_gateway_method_settings',
    properties: { restApi: 'RestApiId' },
  },
  'apigateway.Method': {
    type: 'AWS::ApiGateway::Method',
    terraformType: 'aws_api_gateway_method',
    properties: { restApi: 'RestApiId', resourceId: 'ResourceId' },
  },
  'apigatewayv2.Api': {
    type: 'AWS::ApiGatewayV2::Api',
    terraformType: 'aws_apigatewayv2_api',
    properties: { tags: { read: 'verbatim' } },
  },
  'apigatewayv2.Stage': {
    type: 'AWS::ApiGatewayV2::Stage',
    terraformType: 'aws_apigatewayv2_stage',
    properties: { name: 'StageName', tags: { read: 'verbatim' } },
  },
  'apigatewayv2.Integration': {
    type: 'AWS::ApiGatewayV2::Integration',
    terraformType: 'aws_apigatewayv2_integration',
  },

  'sfn.StateMachine': {
    type: 'AWS::StepFunctions::StateMachine',
    terraformType: 'aws_sfn_state_machine',
    properties: {
      name: NAME('StateMachineName'),
      definition: 'DefinitionString',
      tags,
    },
  },
  'cloudwatch.EventRule': {
    type: 'AWS::Events::Rule',
    terraformType: 'aws_cloudwatch_event_rule',
    properties: { tags },
  },
  // EventBridge Scheduler invokes its target asynchronously; its target's dead-letter queue is one.
  'scheduler.Schedule': {
    type: 'AWS::Scheduler::Schedule',
    terraformType: 'aws_scheduler_schedule',
  },
  'secretsmanager.Secret': {
    type: 'AWS::SecretsManager::Secret',
    terraformType: 'aws_secretsmanager_secret',
    properties: { tags },
  },
  'kinesis.Stream': {
    type: 'AWS::Kinesis::Stream',
    terraformType: 'aws_kinesis_stream',
    properties: { tags },
  },

  // Taggable resources no rule but OPS-003 reads.
  'ec2.Vpc': {
    type: 'AWS::EC2::VPC',
    terraformType: 'aws_vpc',
    properties: { tags },
  },
  'ec2.Subnet': {
    type: 'AWS::EC2::Subnet',
    terraformType: 'aws_subnet',
    properties: { tags },
  },
  'ec2.SecurityGroup': {
    type: 'AWS::EC2::SecurityGroup',
    terraformType: 'aws_security_group',
    properties: { tags },
  },
  'ec2.Instance': {
    type: 'AWS::EC2::Instance',
    terraformType: 'aws_instance',
    properties: { tags },
  },
  'ec2.NatGateway': {
    type: 'AWS::EC2::NatGateway',
    terraformType: 'aws_nat_gateway',
    properties: { tags },
  },
  'ec2.Eip': {
    type: 'AWS::EC2::EIP',
    terraformType: 'aws_eip',
    properties: { tags },
  },
  'ec2.RouteTable': {
    type: 'AWS::EC2::RouteTable',
    terraformType: 'aws_route_table',
    properties: { tags },
  },
  'ec2.InternetGateway': {
    type: 'AWS::EC2::InternetGateway',
    terraformType: 'aws_internet_gateway',
    properties: { tags },
  },
  'rds.ProxyEndpoint': {
    type: 'AWS::RDS::DBProxyEndpoint',
    terraformType: 'aws_db_proxy_endpoint',
    properties: { tags },
  },
  'batch.ComputeEnvironment': {
    type: 'AWS::Batch::ComputeEnvironment',
    terraformType: 'aws_batch_compute_environment',
    properties: { tags },
  },
  'batch.JobQueue': {
    type: 'AWS::Batch::JobQueue',
    terraformType: 'aws_batch_job_queue',
    properties: { tags },
  },
  'batch.JobDefinition': {
    type: 'AWS::Batch::JobDefinition',
    terraformType: 'aws_batch_job_definition',
    properties: { tags },
  },
  'bedrock.AgentAgent': {
    type: 'AWS::Bedrock::Agent',
    terraformType: 'aws_bedrockagent_agent',
    properties: { tags },
  },
  'bedrock.AgentAgentAlias': {
    type: 'AWS::Bedrock::AgentAlias',
    terraformType: 'aws_bedrockagent_agent_alias',
    properties: { tags },
  },
  'lb.LoadBalancer': {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    terraformType: 'aws_lb',
    properties: { tags },
  },
  'alb.LoadBalancer': {
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    terraformType: 'aws_alb',
    properties: { tags },
  },
  'lb.TargetGroup': {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    terraformType: 'aws_lb_target_group',
    properties: { tags },
  },
  'alb.TargetGroup': {
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    terraformType: 'aws_alb_target_group',
    properties: { tags },
  },
  'lb.Listener': {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    terraformType: 'aws_lb_listener',
    properties: { tags },
  },
  'alb.Listener': {
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    terraformType: 'aws_alb_listener',
    properties: { tags },
  },
  'lb.ListenerRule': {
    type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    terraformType: 'aws_lb_listener_rule',
    properties: { tags },
  },
  'alb.ListenerRule': {
    type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    terraformType: 'aws_alb_listener_rule',
    properties: { tags },
  },
  'apigateway.VpcLink': {
    type: 'AWS::ApiGateway::VpcLink',
    terraformType: 'aws_api_gateway_vpc_link',
    properties: { tags },
  },
  'apigatewayv2.VpcLink': {
    type: 'AWS::ApiGatewayV2::VpcLink',
    terraformType: 'aws_apigatewayv2_vpc_link',
    properties: { tags },
  },
  'servicediscovery.Service': {
    type: 'AWS::ServiceDiscovery::Service',
    terraformType: 'aws_service_discovery_service',
    properties: { tags },
  },
  'servicediscovery.PrivateDnsNamespace': {
    type: 'AWS::ServiceDiscovery::PrivateDnsNamespace',
    terraformType: 'aws_service_discovery_private_dns_namespace',
    properties: { tags },
  },
  'servicediscovery.PublicDnsNamespace': {
    type: 'AWS::ServiceDiscovery::PublicDnsNamespace',
    terraformType: 'aws_service_discovery_public_dns_namespace',
    properties: { tags },
  },
  'servicediscovery.HttpNamespace': {
    type: 'AWS::ServiceDiscovery::HttpNamespace',
    terraformType: 'aws_service_discovery_http_namespace',
    properties: { tags },
  },
  'qldb.Ledger': {
    type: 'AWS::QLDB::Ledger',
    terraformType: 'aws_qldb_ledger',
    properties: { tags },
  },
  'wafv2.WebAcl': {
    type: 'AWS::WAFv2::WebACL',
    terraformType: 'aws_wafv2_web_acl',
    properties: { tags },
  },
  'glue.Job': {
    type: 'AWS::Glue::Job',
    terraformType: 'aws_glue_job',
    properties: { tags },
  },
  'kinesisanalyticsv2.Application': {
    type: 'AWS::KinesisAnalyticsV2::Application',
    terraformType: 'aws_kinesisanalyticsv2_application',
    properties: { tags },
  },
  'cloudwatch.MetricStream': {
    type: 'AWS::CloudWatch::MetricStream',
    terraformType: 'aws_cloudwatch_metric_stream',
    properties: { tags },
  },
  'rds.EventSubscription': {
    type: 'AWS::RDS::EventSubscription',
    terraformType: 'aws_db_event_subscription',
    properties: { tags },
  },
  'ecs.Cluster': {
    type: 'AWS::ECS::Cluster',
    terraformType: 'aws_ecs_cluster',
    properties: { tags },
  },
  'ecs.Service': {
    type: 'AWS::ECS::Service',
    terraformType: 'aws_ecs_service',
    properties: { tags },
  },
  'ecs.TaskDefinition': {
    type: 'AWS::ECS::TaskDefinition',
    terraformType: 'aws_ecs_task_definition',
    properties: { tags },
  },
  'ecr.Repository': {
    type: 'AWS::ECR::Repository',
    terraformType: 'aws_ecr_repository',
    properties: { tags },
  },
  'acm.Certificate': {
    type: 'AWS::CertificateManager::Certificate',
    terraformType: 'aws_acm_certificate',
    properties: { tags },
  },
  'rds.Instance': {
    type: 'AWS::RDS::DBInstance',
    terraformType: 'aws_db_instance',
    properties: { tags },
  },
  'rds.Cluster': {
    type: 'AWS::RDS::DBCluster',
    terraformType: 'aws_rds_cluster',
    properties: { tags },
  },
  'ssm.Parameter': {
    type: 'AWS::SSM::Parameter',
    terraformType: 'aws_ssm_parameter',
    properties: { tags },
  },
  'cloudwatch.EventBus': {
    type: 'AWS::Events::EventBus',
    terraformType: 'aws_cloudwatch_event_bus',
    properties: { tags },
  },
});

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Properties that Pulumi does not write on the resource itself: a REST
 * stage's method settings are their own resource, and a stage that a
 * deployment creates takes neither access logs nor settings.
 */
const NAMES_ELSEWHERE = lookupTable<Record<string, string>>({
  'apigateway.Deployment': {
    StageDescription: 'aws.apigateway.MethodSettings',
    'StageDescription.ThrottlingRateLimit': 'settings.throttlingRateLimit',
    'StageDescription.ThrottlingBurstLimit': 'settings.throttlingBurstLimit',
    'StageDescription.AccessLogSetting.DestinationArn':
      'accessLogSettings.destinationArn of an aws.apigateway.Stage',
  },
  'apigateway.Stage': {
    MethodSettings: 'aws.apigateway.MethodSettings',
    'MethodSettings.ThrottlingRateLimit': 'settings.throttlingRateLimit',
    'MethodSettings.ThrottlingBurstLimit': 'settings.throttlingBurstLimit',
  },
});

/**
 * A property path of the resource model as a Pulumi resource of
 * `pulumiType` (`lambda.Function`) writes it: the argument the table reads
 * it from (`RoleName` → `name`), else the property in camel case
 * (`TracingConfig.Mode` → `tracingConfig.mode`).
 */
export function pulumiPropertyName(pulumiType: string, path: string): string {
  const elsewhere = NAMES_ELSEWHERE[pulumiType]?.[path];
  if (elsewhere !== undefined) return elsewhere;
  let specs: PropertySpecs | undefined = RESOURCE_TYPES[pulumiType]?.properties;
  return path
    .split('.')
    .map(step => {
      // An item of a list keeps its index: `Policies[0]` → `inlinePolicies[0]`.
      const [, name, indexes] = /^(.*?)((?:\[\d+\])*)$/.exec(step)!;
      const listed =
        typeof specs === 'object' &&
        Object.entries(specs).find(([, spec]) => specOf(spec).name === name);
      specs = listed ? specOf(listed[1]).nested : undefined;
      // A leading acronym in lower case: `KMSKeyId` → `kmsKeyId`.
      return (
        (listed
          ? listed[0]
          : name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, initial =>
              initial.toLowerCase(),
            )) + indexes
      );
    })
    .join('.');
}

function specOf(spec: PropertySpec | string | undefined): PropertySpec {
  return typeof spec === 'string' ? { name: spec } : spec ?? {};
}

/** A map of key → value as a list of `{ [keyName]: key, [valueName]: value }`, keeping lines. */
function entriesList(value: Value, keyName: string, valueName: string): Value {
  if (!isMap(value)) return value;
  // Without lines of its own (written in another file), what holds it stands for its entries.
  const line = lineOfNode(value);
  const list = Object.entries(value).map(([key, item]) => {
    const entry: ValueMap = { [keyName]: key, [valueName]: item };
    if (line !== undefined) recordLines(entry, lineOfPath(value, [key], line));
    return entry;
  });
  if (line !== undefined)
    recordLines(list, line, {
      items: Object.keys(value).map(key => lineOfPath(value, [key], line)),
    });
  return list;
}

/**
 * The value with every `JSON.stringify` result as the text it produces. A list
 * or map held many times (a list doubled again and again) is the one `made` of
 * it the first time: made once, not once per copy.
 */
function plain(
  value: Value | JsonText,
  made = new Map<object, Value>(),
): Value {
  if (typeof value !== 'object' || value === null) return value;
  const madeBefore = made.get(value);
  if (madeBefore !== undefined) return madeBefore;
  let result = value as Value;
  if (value instanceof JsonText) result = jsonTextValue(value);
  else if (Array.isArray(value)) {
    result = value.map(item => plain(item, made));
    copyLines(value, result);
  } else if (isMap(value)) {
    const map: ValueMap = {};
    for (const [key, item] of Object.entries(value))
      setEntry(map, key, plain(item, made));
    copyLines(value, map);
    result = map;
  }
  made.set(value, result);
  return result;
}

/** `metric: { namespace, metricName, dimensions, period, stat }` → `MetricStat: { Metric: {...}, Period, Stat }`. */
function metricStat(value: Value): Value {
  if (!isMap(value)) return value;
  const { period, stat, unit, ...metric } = value;
  const converted = convertMap(
    {
      ...(period !== undefined && { period }),
      ...(stat !== undefined && { stat }),
      ...(unit !== undefined && { unit }),
    },
    {},
  );
  converted.Metric = convertMap(metric, METRIC);
  copyLines(value, converted);
  return converted;
}

/** Converts one argument value by its spec. */
function convertValue(value: Value | JsonText, spec: PropertySpec): Value {
  if (spec.read === 'document')
    return readJsonDocument(value) ?? new Unknown('document');
  if (value instanceof JsonText) return jsonTextValue(value);
  if (spec.read === 'verbatim') return plain(value);
  if (spec.read === 'tags') return entriesList(plain(value), 'Key', 'Value');
  if (spec.read === 'dimensions')
    return entriesList(plain(value), 'Name', 'Value');
  if (spec.read === 'metricStat') return metricStat(value);
  if (spec.read === 'map' && isMap(value))
    return convertMap(value, key => ({ name: key, nested: spec.nested }));
  if (Array.isArray(value)) {
    const list = value.map(item => convertValue(item, { nested: spec.nested }));
    copyLines(value, list);
    return list;
  }
  if (isMap(value)) return convertMap(value, spec.nested ?? {});
  return value;
}

/** Converts a map of arguments into properties, keys renamed, lines kept. */
export function convertMap(args: ValueMap, specs: PropertySpecs): ValueMap {
  const out: ValueMap = {};
  const keys: Record<string, number> = {};
  // Without lines of its own (written in another file), what holds it stands for its keys.
  const line = lineOfNode(args);
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const spec = specOf(typeof specs === 'function' ? specs(key) : specs[key]);
    if (spec.omit) continue;
    const name = spec.name ?? pascal(key);
    out[name] = convertValue(value, spec);
    if (line !== undefined) keys[name] = lineOfPath(args, [key], line);
    else {
      // Keys the resource's file set on a map written in another file (see recordKeyLinesOnly).
      const own = lineOfPath(args, [key], -1);
      if (own >= 0) keys[name] = own;
    }
  }
  if (line !== undefined) recordLines(out, line, { keys });
  else if (Object.keys(keys).length > 0) recordKeyLinesOnly(out, keys);
  return out;
}

/**
 * A `dynamodb.Table` with `replicas` (global tables version 2019.11.21) as
 * CloudFormation's global table, as the Terraform adapter reads the
 * provider's resource it is generated from: its replicas are first the
 * table itself, in the provider's region, with its point-in-time recovery
 * and tags, then one per item of `replicas` (see {@link replicaOf}). A
 * table without replicas is left as it is.
 */
export function asGlobalTable(resource: {
  type: string;
  properties: ValueMap;
}): void {
  const { properties } = resource;
  const others = properties.Replicas;
  if (
    others === undefined ||
    others === null ||
    (Array.isArray(others) && others.length === 0)
  ) {
    delete properties.Replicas;
    return;
  }
  const line = lineOfNode(properties) ?? 0;
  const listed = Array.isArray(others) ? others : [others];
  const replicas: Value[] = listed.map((item, index) =>
    isMap(item)
      ? replicaOf(item, lineOfPath(others, [index], line), properties.Tags)
      : item,
  );
  const own = ownReplica(properties, line, key =>
    lineOfPath(properties, [key], line),
  );
  const all = [own, ...replicas];
  const replicasLine = lineOfPath(properties, ['Replicas'], line);
  recordLines(all, replicasLine, {
    items: [
      line,
      ...listed.map((_, index) => lineOfPath(others, [index], replicasLine)),
    ],
  });
  properties.Replicas = all;
  resource.type = GLOBAL_TABLE_TYPE;
}

/**
 * A replica of a global table, of an item of a `dynamodb.Table`'s
 * `replicas` or of a `dynamodb.TableReplica`'s arguments (see
 * {@link replicaDeclaredApart}): in its `regionName` (`region`), with its
 * own `pointInTimeRecovery` (the provider's default is false, whatever the
 * table's), its `kmsKeyArn`, its deletion protection, and its own tags or,
 * an item of `replicas`, the table's (`tableTags`) only with
 * `propagateTags` (default false).
 */
function replicaOf(
  item: ValueMap,
  itemLine: number,
  tableTags: Value | undefined,
): ValueMap {
  const at = (key: string) => lineOfPath(item, [key], itemLine);
  const replica: ValueMap = {};
  const keys: Record<string, number> = {};
  const put = (key: string, value: Value, from: string) => {
    replica[key] = value;
    keys[key] = at(from);
  };
  for (const key of ['Region', 'DeletionProtectionEnabled', 'Tags'])
    if (item[key] !== undefined) put(key, item[key], key);
  if (item.PointInTimeRecoveryEnabled !== undefined) {
    const spec = {
      PointInTimeRecoveryEnabled: item.PointInTimeRecoveryEnabled,
    };
    recordLines(spec, at('PointInTimeRecoveryEnabled'));
    put('PointInTimeRecoverySpecification', spec, 'PointInTimeRecoveryEnabled');
  }
  if (item.KMSMasterKeyId !== undefined) {
    const spec = { KMSMasterKeyId: item.KMSMasterKeyId };
    recordLines(spec, at('KMSMasterKeyId'));
    put('SSESpecification', spec, 'KMSMasterKeyId');
  }
  const propagate = item.PropagateTags;
  if (
    propagate !== undefined &&
    propagate !== null &&
    typeof propagate !== 'boolean'
  )
    put(
      'Tags',
      new Unknown('whether the table propagates its tags'),
      'PropagateTags',
    );
  else if (propagate === true && tableTags !== undefined)
    put('Tags', tableTags, 'PropagateTags');
  recordLines(replica, itemLine, { keys });
  return replica;
}

/** A `dynamodb.TableReplica`'s arguments as a replica's properties (see replicaOf). */
const TABLE_REPLICA_ARGUMENTS: Record<string, PropertySpec | string> = {
  region: 'Region',
  pointInTimeRecovery: 'PointInTimeRecoveryEnabled',
  kmsKeyArn: 'KMSMasterKeyId',
  tags,
};

/**
 * The replica a `dynamodb.TableReplica` adds to the global table of its
 * `globalTableArn` (see addReplica), as the Terraform adapter reads the
 * provider's `aws_dynamodb_table_replica`: in its `region`, else its
 * provider's where known (`provider.region`), with its own point-in-time
 * recovery, key, deletion protection and tags, or tags not known where a
 * provider's default tags may reach it (`provider.defaultTags`) and it has
 * none.
 */
export function replicaDeclaredApart(
  args: ValueMap,
  line: number,
  provider: { defaultTags: boolean; region: string | undefined },
): ValueMap {
  const replica = replicaOf(
    convertMap(args, TABLE_REPLICA_ARGUMENTS),
    line,
    undefined,
  );
  if (
    (replica.Region === undefined || replica.Region === null) &&
    provider.region !== undefined
  ) {
    replica.Region = provider.region;
    recordAssignedKeyLines(replica, { Region: line });
  }
  const { Tags: replicaTags } = replica;
  if (
    provider.defaultTags &&
    (replicaTags === undefined ||
      replicaTags === null ||
      (Array.isArray(replicaTags) && replicaTags.length === 0))
  ) {
    replica.Tags = new Unknown("tags of its provider's default tags");
    recordAssignedKeyLines(replica, { Tags: line });
  }
  return replica;
}
