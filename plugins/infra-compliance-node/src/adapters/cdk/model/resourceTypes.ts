/**
 * The types of what the modelled constructs make: CloudFormation resource types, and the model's own names for
 * constructs that make none.
 */
import { lookupTable } from '../../../support/lookupTable';

export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
export const VERSION = 'AWS::Lambda::Version';
export const ALIAS = 'AWS::Lambda::Alias';

/** What Lambda invokes: a function, or a version or an alias of one, which invokes that function. */
export const INVOKABLE = new Set([LAMBDA_FUNCTION, VERSION, ALIAS]);

export const KEY = 'AWS::KMS::Key';

/** A name of a key; CDK uses a key given by an alias by the alias's ARN, and grants on it on the key it names. */
export const KEY_ALIAS = 'AWS::KMS::Alias';

/** A function CDK deploys to us-east-1 for CloudFront (`cloudfront.experimental.EdgeFunction`). */
export const EDGE_FUNCTION = 'cdk.aws-cloudfront.experimental.EdgeFunction';

/** An HTTP API, or a WebSocket API: one type, told apart by ProtocolType. */
export const HTTP_API = 'AWS::ApiGatewayV2::Api';

export const HTTP_STAGE = 'AWS::ApiGatewayV2::Stage';
export const V2_ROUTE = 'AWS::ApiGatewayV2::Route';
export const V2_INTEGRATION = 'AWS::ApiGatewayV2::Integration';
export const REST_API = 'AWS::ApiGateway::RestApi';
export const REST_DEPLOYMENT = 'AWS::ApiGateway::Deployment';
export const REST_STAGE = 'AWS::ApiGateway::Stage';
export const USAGE_PLAN = 'AWS::ApiGateway::UsagePlan';
export const API_KEY = 'AWS::ApiGateway::ApiKey';

/** A REST API outside the stack (`RestApi.fromRestApiAttributes`): the handle of its resources and methods, no resource itself. */
export const IMPORTED_REST_API = 'aws-apigateway.ImportedRestApi';

export const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
export const STREAM = 'AWS::Kinesis::Stream';
export const TABLE = 'AWS::DynamoDB::Table';
export const GLOBAL_TABLE = 'AWS::DynamoDB::GlobalTable';
export const QUEUE = 'AWS::SQS::Queue';
export const DISTRIBUTION = 'AWS::CloudFront::Distribution';
export const USER_POOL = 'AWS::Cognito::UserPool';
export const GRAPHQL_API = 'AWS::AppSync::GraphQLApi';
export const APPSYNC_DATA_SOURCE = 'AWS::AppSync::DataSource';
export const SCHEDULE = 'AWS::Scheduler::Schedule';
export const SECRET = 'AWS::SecretsManager::Secret';
export const ROTATION_SCHEDULE = 'AWS::SecretsManager::RotationSchedule';
export const SSM_PARAMETER = 'AWS::SSM::Parameter';
export const LOG_GROUP = 'AWS::Logs::LogGroup';
export const ECS_CLUSTER = 'AWS::ECS::Cluster';
export const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';
export const ECS_SERVICE = 'AWS::ECS::Service';
export const SECURITY_GROUP = 'AWS::EC2::SecurityGroup';
export const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
export const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
export const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
export const VPC = 'AWS::EC2::VPC';
export const SUBNET = 'AWS::EC2::Subnet';
export const VPC_ENDPOINT = 'AWS::EC2::VPCEndpoint';

/**
 * The resource each modelled construct that takes `(scope, id, props)` is
 * (L1 constructs are named after theirs).
 */
export const PROPS_CONSTRUCT_TYPES = lookupTable<string>({
  'aws-events.Rule': 'AWS::Events::Rule',
  'aws-iam.Policy': 'AWS::IAM::Policy',
  'aws-iam.ManagedPolicy': 'AWS::IAM::ManagedPolicy',
  'aws-logs.LogGroup': 'AWS::Logs::LogGroup',
  'aws-sqs.Queue': 'AWS::SQS::Queue',
  'aws-s3.Bucket': 'AWS::S3::Bucket',
  'aws-sns.Topic': 'AWS::SNS::Topic',
  'aws-dynamodb.Table': TABLE,
  'aws-dynamodb.TableV2': GLOBAL_TABLE,
  'aws-kms.Key': KEY,
  'aws-kms.Alias': KEY_ALIAS,
  'aws-iam.Role': 'AWS::IAM::Role',
  'aws-lambda.Function': LAMBDA_FUNCTION,
  'aws-lambda.DockerImageFunction': LAMBDA_FUNCTION,
  'aws-lambda.SingletonFunction': LAMBDA_FUNCTION,
  'aws-lambda-nodejs.NodejsFunction': LAMBDA_FUNCTION,
  'aws-lambda-python-alpha.PythonFunction': LAMBDA_FUNCTION,
  'aws-lambda-go-alpha.GoFunction': LAMBDA_FUNCTION,
  'triggers.TriggerFunction': LAMBDA_FUNCTION,
  'triggers.Trigger': 'Custom::Trigger',
  'aws-cloudfront.Distribution': DISTRIBUTION,
  'aws-cloudfront.CloudFrontWebDistribution': DISTRIBUTION,
  'aws-apigatewayv2.HttpApi': HTTP_API,
  'aws-apigatewayv2-alpha.HttpApi': HTTP_API,
  'aws-apigatewayv2.HttpStage': HTTP_STAGE,
  'aws-apigatewayv2-alpha.HttpStage': HTTP_STAGE,
  'aws-apigatewayv2.WebSocketApi': HTTP_API,
  'aws-apigatewayv2-alpha.WebSocketApi': HTTP_API,
  'aws-apigatewayv2.WebSocketStage': HTTP_STAGE,
  'aws-apigatewayv2-alpha.WebSocketStage': HTTP_STAGE,
  'aws-apigatewayv2.WebSocketRoute': V2_ROUTE,
  'aws-apigatewayv2-alpha.WebSocketRoute': V2_ROUTE,
  'aws-cloudwatch.Alarm': 'AWS::CloudWatch::Alarm',
  'aws-cloudwatch.CompositeAlarm': 'AWS::CloudWatch::CompositeAlarm',
  'aws-cloudwatch.Dashboard': 'AWS::CloudWatch::Dashboard',
  'aws-apigateway.RestApi': REST_API,
  'aws-apigateway.LambdaRestApi': REST_API,
  'aws-apigateway.SpecRestApi': REST_API,
  'aws-apigateway.StepFunctionsRestApi': REST_API,
  'aws-apigateway.Deployment': REST_DEPLOYMENT,
  'aws-apigateway.Stage': REST_STAGE,
  'aws-stepfunctions.StateMachine': STATE_MACHINE,
  'aws-events.EventBus': 'AWS::Events::EventBus',
  'aws-kinesis.Stream': STREAM,
  'aws-cognito.UserPool': USER_POOL,
  'aws-appsync.GraphqlApi': GRAPHQL_API,
  'aws-appsync-alpha.GraphqlApi': GRAPHQL_API,
  'aws-appsync.LambdaDataSource': APPSYNC_DATA_SOURCE,
  'aws-appsync-alpha.LambdaDataSource': APPSYNC_DATA_SOURCE,
  'aws-scheduler.Schedule': SCHEDULE,
  'aws-scheduler-alpha.Schedule': SCHEDULE,
  'aws-secretsmanager.Secret': SECRET,
  'aws-secretsmanager.RotationSchedule': ROTATION_SCHEDULE,
  'aws-ssm.StringParameter': SSM_PARAMETER,
  'aws-ssm.StringListParameter': SSM_PARAMETER,
});
