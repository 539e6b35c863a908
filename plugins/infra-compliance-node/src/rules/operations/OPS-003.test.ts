import rule from './OPS-003';
import { testRule } from '../../testing/ruleTester';
import { scanPulumiProgram } from '../../testing/programScans';

testRule(rule, {
  valid: [
    {
      name: 'tagged queue, table and role',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: team
          Value: payments
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      Tags: [{ Key: team, Value: payments }]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Tags: [{ Key: team, Value: payments }]
`,
    },
    {
      name: 'SAM function with Tags (its generated role is not judged separately)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Tags:
        team: payments
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
`,
    },
    {
      name: 'tags in SAM Globals count for the resources of their section',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tags:
      team: payments
  Api:
    Tags:
      team: payments
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
    },
    {
      name: 'tags chosen by a condition that is not known, or from a parameter',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: !If [IsProd, [{ Key: env, Value: prod }], !Ref AWS::NoValue]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Tags:
        - Key: env
          Value: !Ref Env
`,
    },
    {
      name: 'Terraform: default tags not known statically may tag, on the default provider and on an alias',
      filename: 'main.tf',
      code: `
variable "tags" {
  type = map(string)
}
provider "aws" {
  default_tags {
    tags = var.tags
  }
}
provider "aws" {
  alias = "tagged"
  dynamic "default_tags" {
    for_each = var.tags
    content {
      tags = default_tags.value
    }
  }
}
resource "aws_sqs_queue" "regional" {
  name = "regional"
}
resource "aws_sqs_queue" "other" {
  provider = aws.tagged
  name     = "other"
}
`,
    },
    {
      name: 'Terraform: a managed policy and an instance profile, which Terraform tags though their CloudFormation types take no tags, tagged or reached by default tags',
      filename: 'main.tf',
      code: `
provider "aws" {
  alias = "tagged"
  default_tags {
    tags = { team = "orders" }
  }
}
resource "aws_iam_policy" "read" {
  policy = "{}"
  tags   = { team = "orders" }
}
resource "aws_iam_policy" "write" {
  provider = aws.tagged
  policy   = "{}"
}
resource "aws_iam_instance_profile" "ec2" {
  role = "ec2"
  tags = { team = "orders" }
}
`,
    },
    {
      name: 'CloudFormation: a managed policy and an instance profile, whose types take no tags, are not judged',
      code: `
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Version: '2012-10-17', Statement: [] }
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [ec2]
`,
    },
    {
      name: 'resources that take no tags are not judged',
      code: `
Resources:
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: fn
      Principal: sns.amazonaws.com
  Policy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: []
      PolicyDocument: { Statement: [] }
`,
    },
    {
      name: 'a route table, a hosted zone (HostedZoneTags) and an EventBridge rule with tags',
      code: `
Resources:
  RouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: vpc-1
      Tags: [{ Key: Name, Value: private }]
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: example.com
      HostedZoneTags: [{ Key: team, Value: payments }]
  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Tags: [{ Key: team, Value: payments }]
`,
    },
    {
      name: 'map-style tags (JSON)',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Param": {
      "Type": "AWS::SSM::Parameter",
      "Properties": { "Type": "String", "Value": "x", "Tags": { "team": "payments" } }
    },
    "Pool": {
      "Type": "AWS::Cognito::UserPool",
      "Properties": { "UserPoolTags": { "team": "payments" } }
    }
  }
}
`,
    },
    {
      name: 'a global table tagged on each of its replicas, or on replicas not known statically',
      code: `
Parameters:
  ReplicaTags: { Type: String }
Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: eu-west-1
          Tags: [{ Key: team, Value: payments }]
        - Region: us-east-1
          Tags: [{ Key: team, Value: payments }]
  Payments:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas: !Ref AWS::NoValue
`,
    },
  ],
  invalid: [
    {
      name: "SAM Globals' function tags do not tag a queue, a table or an HTTP API",
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tags: { team: payments }
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: true }
  Table:
    Type: AWS::Serverless::SimpleTable
  HttpApi:
    Type: AWS::Serverless::HttpApi
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 7,
          message: 'AWS::SQS::Queue Orders has no tags',
        },
        {
          resourceId: 'Table',
          line: 10,
          message: 'AWS::Serverless::SimpleTable Table has no tags',
        },
        {
          resourceId: 'HttpApi',
          line: 12,
          message: 'AWS::Serverless::HttpApi HttpApi has no tags',
        },
      ],
    },
    {
      name: "Terraform: the default provider's default_tags do not reach a resource on an alias without them",
      filename: 'main.tf',
      code: `
provider "aws" {
  default_tags {
    tags = { team = "orders" }
  }
}
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
provider "aws" {
  alias  = "tagged"
  region = "eu-west-1"
  default_tags {
    tags = { team = "orders" }
  }
}
resource "aws_sns_topic" "regional" {
  name = "regional"
}
resource "aws_sns_topic" "global" {
  provider = aws.use1
  name     = "global"
}
resource "aws_sns_topic" "other" {
  provider = aws.tagged
  name     = "other"
}
`,
      findings: [
        {
          resourceId: 'aws_sns_topic.global',
          line: 21,
          message: 'has no tags',
        },
      ],
    },
    {
      name: "Terraform: an alias's default_tags do not reach a resource on the default provider",
      filename: 'main.tf',
      code: `
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "tagged"
  region = "us-east-1"
  default_tags {
    tags = { team = "orders" }
  }
}
resource "aws_sqs_queue" "regional" {
  name = "regional"
}
resource "aws_sqs_queue" "other" {
  provider = aws.tagged
  name     = "other"
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.regional',
          line: 12,
          message: 'has no tags',
        },
      ],
    },
    {
      name: 'Terraform: empty default_tags, or none given, are no tags',
      filename: 'main.tf',
      code: `
locals {
  tags = {}
}
provider "aws" {
  default_tags {
    tags = local.tags
  }
}
provider "aws" {
  alias = "untagged"
  default_tags {}
}
resource "aws_sqs_queue" "regional" {
  name = "regional"
}
resource "aws_sqs_queue" "other" {
  provider = aws.untagged
  name     = "other"
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.regional',
          line: 14,
          message: 'has no tags',
        },
        { resourceId: 'aws_sqs_queue.other', line: 17, message: 'has no tags' },
      ],
    },
    {
      name: 'Terraform: an empty tags map, named as Terraform writes it',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = {}
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.jobs',
          line: 4,
          property: 'Tags',
          message: 'has no tags: tags is empty,',
        },
      ],
    },
    {
      name: 'Terraform: database proxies, cluster instances and health checks are judged too',
      filename: 'main.tf',
      code: `
resource "aws_db_proxy" "orders" {
  name          = "orders"
  engine_family = "MYSQL"
}
resource "aws_rds_cluster_instance" "orders" {
  cluster_identifier = "orders"
  instance_class     = "db.serverless"
}
resource "aws_route53_health_check" "orders" {
  fqdn = "orders.example.com"
  type = "HTTPS"
  tags = { team = "orders" }
}
resource "aws_route53_health_check" "billing" {
  fqdn = "billing.example.com"
  type = "HTTPS"
}
`,
      findings: [
        {
          resourceId: 'aws_db_proxy.orders',
          line: 2,
          message: 'aws_db_proxy aws_db_proxy.orders has no tags',
        },
        { resourceId: 'aws_rds_cluster_instance.orders', line: 6 },
        { resourceId: 'aws_route53_health_check.billing', line: 15 },
      ],
    },
    {
      name: 'resources with no tags (seed 002)',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: fn
      Principal: sns.amazonaws.com
  LogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 3,
          message: 'AWS::SQS::Queue Queue has no tags',
        },
        { resourceId: 'LogGroup', line: 11 },
      ],
    },
    {
      name: 'a global table is tagged on its replicas: each without tags, or with none, is untagged',
      code: `
Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas:
        - Region: eu-west-1
          Tags: [{ Key: team, Value: payments }]
        - Region: us-east-1
        - Region: us-west-2
          Tags: []
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 9,
          property: 'Replicas[1]',
          message:
            'AWS::DynamoDB::GlobalTable Orders has no tags on its replica in us-east-1, so it cannot',
        },
        {
          resourceId: 'Orders',
          line: 11,
          property: 'Replicas[2].Tags',
          message:
            'AWS::DynamoDB::GlobalTable Orders has no tags on its replica in us-west-2: Replicas[2].Tags is empty, so it cannot',
        },
      ],
    },
    {
      name: 'an empty Tags list',
      code: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      Tags: []
`,
      findings: [
        {
          resourceId: 'Topic',
          line: 7,
          property: 'Tags',
          message: 'has no tags: Tags is empty,',
        },
      ],
    },
    {
      name: 'SAM function without tags: the function, not its role or implicit API',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
  Table:
    Type: AWS::Serverless::SimpleTable
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 4,
          message: 'AWS::Serverless::Function Fn has no tags',
        },
        { resourceId: 'Table', line: 13 },
      ],
    },
    {
      name: 'JSON bucket without tags and user pool with empty tags',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket" },
    "Pool": {
      "Type": "AWS::Cognito::UserPool",
      "Properties": { "UserPoolTags": {} }
    }
  }
}
`,
      findings: [
        { resourceId: 'Bucket', line: 4 },
        { resourceId: 'Pool', line: 7, property: 'UserPoolTags' },
      ],
    },
    {
      name: 'Terraform network, container and file system resources without tags',
      filename: 'main.tf',
      code: `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { team = "orders" }
}
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id
}
resource "aws_ecs_cluster" "apps" {
  name = "apps"
}
resource "aws_efs_file_system" "shared" {
  tags = {}
}
`,
      findings: [
        { resourceId: 'aws_security_group.web', line: 6 },
        { resourceId: 'aws_ecs_cluster.apps', line: 9 },
        {
          resourceId: 'aws_efs_file_system.shared',
          line: 13,
          property: 'FileSystemTags',
        },
      ],
    },
    {
      name: 'a Transfer Family workflow, a hosted zone, an EventBridge rule, a VPC endpoint, an AgentCore gateway, a listener and an event source mapping without tags (serverless-patterns): every type that takes tags, a permission (which takes none) aside',
      code: `
Resources:
  CustomWorkflow:
    Type: AWS::Transfer::Workflow
    Properties:
      Steps: []
  DNS:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: execute-api.eu-west-1.amazonaws.com
  EventRuleSendLog:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [MyApp] }
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-1
      ServiceName: com.amazonaws.eu-west-1.s3
  AgentCoreGateway:
    Type: AWS::BedrockAgentCore::Gateway
    Properties:
      Name: weather-gateway
      ProtocolType: MCP
      AuthorizerType: AWS_IAM
      RoleArn: arn:aws:iam::123456789012:role/gateway
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/site/1
      Port: 80
      Protocol: HTTP
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: '404' } }]
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: arn:aws:sqs:eu-west-1:123456789012:orders
      FunctionName: orders
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: orders
      Principal: elasticloadbalancing.amazonaws.com
`,
      findings: [
        {
          resourceId: 'CustomWorkflow',
          line: 3,
          message: 'AWS::Transfer::Workflow CustomWorkflow has no tags',
        },
        {
          resourceId: 'DNS',
          line: 7,
          message: 'AWS::Route53::HostedZone DNS has no tags',
        },
        { resourceId: 'EventRuleSendLog', line: 11 },
        { resourceId: 'Endpoint', line: 15 },
        { resourceId: 'AgentCoreGateway', line: 20 },
        { resourceId: 'Listener', line: 27 },
        { resourceId: 'Mapping', line: 34 },
      ],
    },
    {
      name: 'a Q Business application, a canary, a Kafka cluster (map tags) and a nested stack without tags',
      code: `
Resources:
  Assistant:
    Type: AWS::QBusiness::Application
    Properties: { DisplayName: assistant }
  Canary:
    Type: AWS::Synthetics::Canary
    Properties: { Name: health }
  Kafka:
    Type: AWS::MSK::Cluster
    Properties: { ClusterName: events, Tags: {} }
  Network:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: network.yaml }
  Certificate:
    Type: AWS::CertificateManager::Certificate
    Properties: { DomainName: api.example.com, ValidationMethod: DNS }
`,
      findings: [
        { resourceId: 'Assistant', line: 3 },
        { resourceId: 'Canary', line: 6 },
        { resourceId: 'Kafka', line: 11, property: 'Tags' },
        { resourceId: 'Network', line: 12 },
        {
          resourceId: 'Certificate',
          line: 15,
          message:
            'AWS::CertificateManager::Certificate Certificate has no tags',
        },
      ],
    },
    {
      name: 'a route table, an internet gateway, a VPC endpoint, a proxy endpoint, Batch resources (map tags) and a Bedrock agent without tags',
      code: `
Resources:
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: vpc-1 }
  Gateway:
    Type: AWS::EC2::InternetGateway
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: vpc-1, ServiceName: com.amazonaws.vpce.s3 }
  ProxyEndpoint:
    Type: AWS::RDS::DBProxyEndpoint
    Properties: { DBProxyName: db, DBProxyEndpointName: read, VpcSubnetIds: [subnet-1] }
  Compute:
    Type: AWS::Batch::ComputeEnvironment
    Properties: { Type: MANAGED, Tags: {} }
  Jobs:
    Type: AWS::Batch::JobQueue
    Properties: { Priority: 1, ComputeEnvironmentOrder: [] }
  Job:
    Type: AWS::Batch::JobDefinition
    Properties: { Type: container, Tags: { team: data } }
  Agent:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: helper }
  Alias:
    Type: AWS::Bedrock::AgentAlias
    Properties: { AgentAliasName: live, AgentId: a-1 }
`,
      findings: [
        { resourceId: 'Routes', line: 3 },
        { resourceId: 'Gateway', line: 6 },
        { resourceId: 'Endpoint', line: 8 },
        { resourceId: 'ProxyEndpoint', line: 11 },
        { resourceId: 'Compute', line: 16, property: 'Tags' },
        { resourceId: 'Jobs', line: 17 },
        { resourceId: 'Agent', line: 23 },
        { resourceId: 'Alias', line: 26 },
      ],
    },
    {
      name: 'Terraform: a route table, an internet gateway, a VPC endpoint, Batch resources and a Bedrock agent without tags',
      filename: 'main.tf',
      code: `
resource "aws_route_table" "public" {
  vpc_id = "vpc-1"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = "vpc-1"
  tags   = { Name = "gw" }
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.vpce.s3"
}
resource "aws_db_proxy_endpoint" "read" {
  db_proxy_name          = "db"
  db_proxy_endpoint_name = "read"
  vpc_subnet_ids         = ["subnet-1"]
}
resource "aws_batch_job_queue" "jobs" {
  name     = "jobs"
  state    = "ENABLED"
  priority = 1
}
resource "aws_bedrockagent_agent" "helper" {
  agent_name = "helper"
  tags       = {}
}
`,
      findings: [
        { resourceId: 'aws_route_table.public', line: 2 },
        { resourceId: 'aws_vpc_endpoint.s3', line: 9 },
        { resourceId: 'aws_db_proxy_endpoint.read', line: 13 },
        { resourceId: 'aws_batch_job_queue.jobs', line: 18 },
        {
          resourceId: 'aws_bedrockagent_agent.helper',
          line: 25,
          property: 'Tags',
        },
      ],
    },
    {
      name: 'Terraform: a managed policy and an instance profile without tags, which Terraform tags though their CloudFormation types take no tags',
      filename: 'main.tf',
      code: `
resource "aws_iam_policy" "read" {
  policy = "{}"
}
resource "aws_iam_instance_profile" "ec2" {
  role = "ec2"
  tags = {}
}
`,
      findings: [
        {
          resourceId: 'aws_iam_policy.read',
          line: 2,
          message: 'aws_iam_policy aws_iam_policy.read has no tags',
        },
        {
          resourceId: 'aws_iam_instance_profile.ec2',
          line: 7,
          property: 'Tags',
        },
      ],
    },
    {
      name: 'Terraform: load balancer listeners and rules, VPC links, Cloud Map, a ledger, a web ACL, a Glue job, a Flink application, a metric stream and an RDS event subscription without tags',
      filename: 'main.tf',
      code: `
resource "aws_lb_listener" "http" {
  load_balancer_arn = "lb"
  port              = 80
}
resource "aws_alb_listener" "https" {
  load_balancer_arn = "lb"
  port              = 443
  tags              = { team = "web" }
}
resource "aws_lb_listener_rule" "api" {
  listener_arn = "listener"
}
resource "aws_apigatewayv2_vpc_link" "alb" {
  name               = "alb"
  subnet_ids         = ["subnet-1"]
  security_group_ids = []
}
resource "aws_api_gateway_vpc_link" "nlb" {
  name        = "nlb"
  target_arns = ["nlb"]
}
resource "aws_service_discovery_public_dns_namespace" "dns" {
  name = "example.com"
}
resource "aws_service_discovery_service" "app" {
  name = "app"
}
resource "aws_qldb_ledger" "ledger" {
  permissions_mode = "STANDARD"
}
resource "aws_wafv2_web_acl" "acl" {
  scope = "CLOUDFRONT"
}
resource "aws_glue_job" "etl" {
  role_arn = "role"
}
resource "aws_kinesisanalyticsv2_application" "flink" {
  runtime_environment = "FLINK-1_18"
}
resource "aws_cloudwatch_metric_stream" "metrics" {
  output_format = "json"
}
resource "aws_db_event_subscription" "events" {
  sns_topic = "topic"
}
`,
      findings: [
        { resourceId: 'aws_lb_listener.http', line: 2 },
        { resourceId: 'aws_lb_listener_rule.api', line: 11 },
        { resourceId: 'aws_apigatewayv2_vpc_link.alb', line: 14 },
        { resourceId: 'aws_api_gateway_vpc_link.nlb', line: 19 },
        {
          resourceId: 'aws_service_discovery_public_dns_namespace.dns',
          line: 23,
        },
        { resourceId: 'aws_service_discovery_service.app', line: 26 },
        { resourceId: 'aws_qldb_ledger.ledger', line: 29 },
        { resourceId: 'aws_wafv2_web_acl.acl', line: 32 },
        { resourceId: 'aws_glue_job.etl', line: 35 },
        { resourceId: 'aws_kinesisanalyticsv2_application.flink', line: 38 },
        { resourceId: 'aws_cloudwatch_metric_stream.metrics', line: 41 },
        { resourceId: 'aws_db_event_subscription.events', line: 44 },
      ],
    },
    {
      name: 'Terraform: a certificate without tags',
      filename: 'main.tf',
      code: `
resource "aws_acm_certificate" "api" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
}
resource "aws_acm_certificate" "web" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
  tags              = { team = "web" }
}
`,
      findings: [
        {
          resourceId: 'aws_acm_certificate.api',
          line: 2,
          message: 'aws_acm_certificate aws_acm_certificate.api has no tags',
        },
      ],
    },
  ],
});

it('judges a Pulumi certificate without tags', () => {
  const findings = scanPulumiProgram(
    `import * as aws from '@pulumi/aws';
new aws.acm.Certificate('api', { domainName: 'api.example.com', validationMethod: 'DNS' });
new aws.acm.Certificate('web', { domainName: 'www.example.com', validationMethod: 'DNS', tags: { team: 'web' } });
`,
    ['OPS-003'],
  );
  expect(
    findings.map(f => [f.resourceId, f.line, f.message.replace(/,.*/, '')]),
  ).toEqual([['api', 2, 'aws.acm.Certificate api has no tags']]);
});

it('judges a Pulumi route table, internet gateway, Batch queue and Bedrock agent without tags', () => {
  const findings = scanPulumiProgram(
    `import * as aws from '@pulumi/aws';
new aws.ec2.RouteTable('public', { vpcId: 'vpc-1' });
new aws.ec2.InternetGateway('gateway', { vpcId: 'vpc-1', tags: { Name: 'gateway' } });
new aws.batch.JobQueue('jobs', { state: 'ENABLED', priority: 1 });
new aws.bedrock.AgentAgent('helper', { agentName: 'helper', agentResourceRoleArn: 'arn:aws:iam::aws:role/x', foundationModel: 'm' });
`,
    ['OPS-003'],
  );
  expect(findings.map(f => [f.resourceId, f.line])).toEqual([
    ['public', 2],
    ['jobs', 4],
    ['helper', 5],
  ]);
});

it('judges a Pulumi load balancer listener and listener rule, VPC link and Cloud Map service without tags', () => {
  const findings = scanPulumiProgram(
    `import * as aws from '@pulumi/aws';
new aws.lb.Listener('http', { loadBalancerArn: 'lb', port: 80, defaultActions: [] });
new aws.alb.Listener('https', { loadBalancerArn: 'lb', port: 443, defaultActions: [], tags: { team: 'web' } });
new aws.lb.ListenerRule('api', { listenerArn: 'listener', actions: [], conditions: [] });
new aws.apigatewayv2.VpcLink('alb', { subnetIds: ['subnet-1'], securityGroupIds: [] });
new aws.servicediscovery.Service('app', { name: 'app' });
`,
    ['OPS-003'],
  );
  expect(findings.map(f => [f.resourceId, f.line])).toEqual([
    ['http', 2],
    ['api', 4],
    ['alb', 5],
    ['app', 6],
  ]);
});

it('judges a Pulumi managed policy and instance profile, which @pulumi/aws tags though their CloudFormation types take no tags: without tags, not tagged or reached by default tags', () => {
  const findings = scanPulumiProgram(
    `import * as aws from '@pulumi/aws';
const tagged = new aws.Provider('tagged', { defaultTags: { tags: { team: 'orders' } } });
new aws.iam.Policy('read', { policy: '{}', tags: { team: 'orders' } });
new aws.iam.Policy('write', { policy: '{}' }, { provider: tagged });
new aws.iam.Policy('admin', { policy: '{}' });
new aws.iam.InstanceProfile('ec2', { role: 'ec2', tags: { team: 'orders' } });
new aws.iam.InstanceProfile('batch', { role: 'batch', tags: {} });
`,
    ['OPS-003'],
  );
  expect(
    findings.map(f => [f.resourceId, f.line, f.message.replace(/,.*/, '')]),
  ).toEqual([
    ['admin', 5, 'aws.iam.Policy admin has no tags'],
    ['batch', 7, 'aws.iam.InstanceProfile batch has no tags: tags is empty'],
  ]);
});
