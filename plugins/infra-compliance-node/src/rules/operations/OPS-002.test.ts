import { scanFiles, selectRules } from '../../engine/scan';
import rule from './OPS-002';
import { runRule, testRule } from '../../testing/ruleTester';
import { scanCdkStack, scanPulumiProgram } from '../../testing/programScans';

testRule(rule, {
  valid: [
    {
      name: "ARNs built from parameters: their defaults are the deployer's to change, not written in the resource",
      code: `
Parameters:
  Region:
    Type: String
    Default: us-west-2
  PeerAccount:
    Type: String
    Default: '111122223333'
  PeerQueueArn:
    Type: String
    Default: arn:aws:sqs:eu-west-1:444455556666:orders
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmActions:
        - !Sub arn:aws:sns:\${Region}:\${AWS::AccountId}:alerts
        - !Join [':', [arn:aws:sns, !Ref Region, !Ref PeerAccount, alerts]]
        - !Ref PeerQueueArn
        - !Sub
          - arn:aws:sns:\${R}:\${A}:alerts
          - { R: !Ref Region, A: !Ref PeerAccount }
`,
    },
    {
      name: 'Terraform: ARNs built from variables, set by default or in terraform.tfvars',
      filename: 'main.tf',
      code: `
variable "aws_region" {
  default = "us-east-1"
}
provider "aws" {
  region = var.aws_region
}
data "aws_caller_identity" "current" {}
resource "aws_iam_role_policy" "translate" {
  role = "translator"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["translate:TranslateText"]
      Resource = "arn:aws:translate:\${var.aws_region}:\${data.aws_caller_identity.current.account_id}:*"
    }]
  })
}
`,
    },
    {
      name: 'Terraform: a heredoc JSON policy built from a variable',
      filename: 'main.tf',
      code: `
variable "aws_region" {
  default = "us-east-1"
}
resource "aws_iam_policy" "connect" {
  name   = "connect"
  policy = <<EOF
{
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds-db:connect"],
    "Resource": "arn:aws:rds-db:\${var.aws_region}:\${data.aws_caller_identity.current.account_id}:dbuser:*/app"
  }]
}
EOF
}
data "aws_caller_identity" "current" {}
`,
    },
    {
      name: 'ARNs and endpoints built from pseudo parameters',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::my-bucket/*
Outputs:
  ApiUrl:
    Value: !Sub https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod/webhook
  QueueUrl:
    Value: !Join ['', ['https://sqs.', !Ref AWS::Region, '.', !Ref AWS::URLSuffix, '/', !Ref AWS::AccountId, '/orders']]
`,
    },
    {
      name: 'Lambda inline code is application code',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        ZipFile: |
          import boto3
          sqs = boto3.client('sqs', region_name='us-east-1')
          QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`,
    },
    {
      name: 'SAM InlineCode is application code too',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: |
        const arn = 'arn:aws:sns:eu-west-1:123456789012:alerts';
`,
    },
    {
      name: "a published layer's account is the publisher's",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Layers:
        - !Sub arn:aws:lambda:\${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-x86_64:7
`,
    },
    {
      name: 'accounts in policy principals are cross-account grants',
      code: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: s3:GetObject
            Resource: !Sub \${Bucket.Arn}/*
`,
    },
    {
      name: 'CloudFront needs its certificate in us-east-1',
      code: `
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate:
          AcmCertificateArn: !Sub arn:aws:acm:us-east-1:\${AWS::AccountId}:certificate/0f1e2d3c
          SslSupportMethod: sni-only
`,
    },
    {
      name: 'a region outside any ARN or endpoint is not judged',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TARGET_REGION: us-east-1
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`,
    },
    {
      name: 'parameters without defaults, imports and unknown conditions',
      code: `
Parameters:
  Region:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: !If [IsProd, arn:aws:sqs:us-east-1:123456789012:prod, !ImportValue queue-arn]
  Sub2:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: sqs
      Endpoint: !Sub arn:aws:sqs:\${Region}:\${AWS::AccountId}:orders
`,
    },
    {
      name: 'public Serverless Application Repository application',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:077246666028:applications/hello-world
        SemanticVersion: 1.0.4
`,
    },
    {
      name: 'a stack naming several regions is cross-region on purpose',
      code: `
Resources:
  ToUsEast:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [orders] }
      Targets:
        - Arn: !Sub arn:aws:events:us-east-1:\${AWS::AccountId}:event-bus/central
          Id: east
  ToEuWest:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [orders] }
      Targets:
        - Arn: !Sub arn:aws:events:eu-west-1:\${AWS::AccountId}:event-bus/central
          Id: west
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: an ARN a function writes once (dead-letter queue, destination, rule event) fails once, at the line that writes it, though SAM copies it into the role',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: src/
      DeadLetterQueue:
        Type: SQS
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: SNS
            Destination: arn:aws:sns:eu-west-1:123456789012:done
      Events:
        Shared:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [orders] }
            EventBusName: arn:aws:events:eu-west-1:123456789012:event-bus/shared
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 12,
          property: 'DeadLetterConfig.TargetArn',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:sqs:eu-west-1:123456789012:dlq"',
        },
        {
          resourceId: 'Fn',
          line: 17,
          property: 'DestinationConfig.OnSuccess.Destination',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:sns:eu-west-1:123456789012:done"',
        },
        {
          resourceId: 'Fn',
          line: 23,
          property: 'EventBusName',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:events:eu-west-1:123456789012:event-bus/shared"',
        },
      ],
    },
    {
      name: "SAM: an SNS event's topic and SqsSubscription queue written out fail once each, at the lines that write them, though SAM copies them into a subscription, a queue policy and a mapping",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: src/
      Events:
        Direct:
          Type: SNS
          Properties:
            FilterPolicy: { kind: [order] }
            Topic: arn:aws:sns:eu-west-1:123456789012:orders
        Buffered:
          Type: SNS
          Properties:
            Topic: arn:aws:sns:eu-west-1:123456789012:refunds
            SqsSubscription:
              QueueArn: arn:aws:sqs:eu-west-1:123456789012:buffer
              QueueUrl: https://sqs.eu-west-1.amazonaws.com/123456789012/buffer
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 15,
          property: 'TopicArn',
          message: 'arn:aws:sns:eu-west-1:123456789012:orders',
        },
        {
          resourceId: 'Fn',
          line: 19,
          property:
            'PolicyDocument.Statement[0].Condition.ArnEquals.aws:SourceArn',
          message: 'arn:aws:sns:eu-west-1:123456789012:refunds',
        },
        {
          resourceId: 'Fn',
          line: 21,
          property: 'PolicyDocument.Statement[0].Resource',
          message: 'arn:aws:sqs:eu-west-1:123456789012:buffer',
        },
        {
          resourceId: 'Fn',
          line: 22,
          property: 'Queues[0]',
          message: 'sqs.eu-west-1.amazonaws.com',
        },
      ],
    },
    {
      name: "SAM: an ARN a rule or schedule event passes to its target (Input, InputTransformer, ScheduleV2's RoleArn) or to its schedule (KmsKeyArn) fails at the line that writes it",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: src/
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(1 minute)
            Input: '{"queue": "arn:aws:sqs:eu-west-1:123456789012:work"}'
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: cron(0 2 * * ? *)
            RoleArn: arn:aws:iam::123456789012:role/scheduler
            KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/k
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Events:
        Orders:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [orders] }
            InputTransformer:
              InputTemplate: '{"topic": "arn:aws:sns:eu-west-1:123456789012:t"}'
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 15,
          property: 'Targets[0].Input',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:sqs:eu-west-1:123456789012:work"',
        },
        {
          resourceId: 'Fn',
          line: 20,
          property: 'Target.RoleArn',
          message:
            'the account ID 123456789012 in the ARN "arn:aws:iam::123456789012:role/scheduler"',
        },
        {
          resourceId: 'Fn',
          line: 21,
          property: 'KmsKeyArn',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:kms:eu-west-1:123456789012:key/k"',
        },
        {
          resourceId: 'Machine',
          line: 32,
          property: 'Targets[0].InputTransformer.InputTemplate',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:sns:eu-west-1:123456789012:t"',
        },
      ],
    },
    {
      name: 'ARN with a literal region and account in an IAM policy',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource:
                  - !GetAtt Queue.Arn
                  - arn:aws:sqs:us-east-1:123456789012:orders
  Queue:
    Type: AWS::SQS::Queue
`,
      findings: [
        {
          resourceId: 'Role',
          line: 15,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource[1]',
          message:
            'the region us-east-1 and the account ID 123456789012 in the ARN "arn:aws:sqs:us-east-1:123456789012:orders"',
        },
      ],
    },
    {
      name: 'output URL with a hardcoded region (seed 001, issue 9)',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: webhook }
Outputs:
  ApiUrl:
    Value: !Sub https://\${Api}.execute-api.us-east-1.amazonaws.com/prod/webhook
`,
      findings: [
        {
          resourceId: 'Outputs.ApiUrl',
          line: 8,
          message:
            'Output ApiUrl hardcodes the region us-east-1 in the endpoint "${…}.execute-api.us-east-1.amazonaws.com"',
        },
      ],
    },
    {
      name: 'queue URL with region and account in an environment variable',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/fn
      Environment:
        Variables:
          QUEUE_URL: https://sqs.eu-west-1.amazonaws.com/123456789012/jobs
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 9,
          property: 'Environment.Variables.QUEUE_URL',
          message:
            'the region eu-west-1 and the account ID 123456789012 in the endpoint',
        },
      ],
    },
    {
      name: 'SAM policy statement: reported on the function',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:PutItem
              Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
        },
      ],
    },
    {
      name: 'a region written beside a parameter, and a mapping value, are written in the template',
      code: `
Parameters:
  PeerAccount:
    Type: String
    Default: '111122223333'
Mappings:
  Topics:
    prod:
      Arn: arn:aws:sns:us-west-2:444455556666:alerts
Resources:
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmActions:
        - !Sub arn:aws:sns:us-west-2:\${PeerAccount}:alerts
        - !FindInMap [Topics, prod, Arn]
`,
      findings: [
        {
          resourceId: 'Alarm',
          line: 15,
          property: 'AlarmActions[0]',
          message:
            'the region us-west-2 in the ARN "arn:aws:sns:us-west-2:${…}:alerts"',
        },
        {
          resourceId: 'Alarm',
          line: 16,
          property: 'AlarmActions[1]',
          message: 'the region us-west-2 and the account ID 444455556666',
        },
      ],
    },
    {
      name: "Terraform: a function's image URI and layers name their regions",
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "image" {
  function_name = "image"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:latest"
}
resource "aws_lambda_function" "zip" {
  function_name = "zip"
  layers        = ["arn:aws:lambda:eu-west-1:580247275435:layer:LambdaInsightsExtension:38"]
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.image',
          line: 5,
          property: 'Code.ImageUri',
          message:
            'the region eu-west-1 in the endpoint "111122223333.dkr.ecr.eu-west-1.amazonaws.com"',
        },
        {
          resourceId: 'aws_lambda_function.zip',
          line: 9,
          property: 'Layers[0]',
          message: 'the region eu-west-1 in the ARN',
        },
      ],
    },
    {
      name: 'Terraform: a region written in a local is hardcoded',
      filename: 'main.tf',
      code: `
locals {
  region = "us-west-2"
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name    = "errors"
  alarm_actions = ["arn:aws:sns:\${local.region}:\${data.aws_caller_identity.current.account_id}:alerts"]
}
data "aws_caller_identity" "current" {}
`,
      findings: [
        {
          resourceId: 'aws_cloudwatch_metric_alarm.errors',
          line: 7,
          property: 'AlarmActions[0]',
          message: ':alerts"; build it from data.aws_region.current.name so',
        },
      ],
    },
    {
      name: 'integration URI: the ARN nested in an ARN is read too',
      code: `
Resources:
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !ImportValue api
      ResourceId: !ImportValue resource
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations
`,
      findings: [
        {
          resourceId: 'Method',
          line: 13,
          property: 'Integration.Uri',
          message: 'the account ID 123456789012',
        },
      ],
    },
    {
      name: "a published layer's region is still hardcoded",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Layers:
        - arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 8,
          property: 'Layers[0]',
          message: 'hardcodes the region us-east-1 in the ARN',
        },
      ],
    },
    {
      name: "container image URI: region reported, registry account not (it may be a publisher's) (JSON)",
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "PackageType": "Image",
        "Role": { "Fn::GetAtt": ["Role", "Arn"] },
        "Code": { "ImageUri": "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com/app:latest" }
      }
    },
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": { "AssumeRolePolicyDocument": { "Statement": [] } }
    }
  },
  "Outputs": {
    "Endpoint": { "Value": "https://abc123.execute-api.ap-southeast-2.amazonaws.com/prod" }
  }
}
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 9,
          property: 'Code.ImageUri',
          message:
            'hardcodes the region ap-southeast-2 in the endpoint "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com"',
        },
        {
          resourceId: 'Outputs.Endpoint',
          line: 18,
          message: 'Output Endpoint',
        },
      ],
    },
    {
      name: 'a stack naming several regions: literal accounts are still reported',
      code: `
Resources:
  ToUsEast:
    Type: AWS::Events::Rule
    Properties:
      Targets:
        - Arn: arn:aws:events:us-east-1:123456789012:event-bus/central
          Id: east
  ToEuWest:
    Type: AWS::Events::Rule
    Properties:
      Targets:
        - Arn: !Sub arn:aws:events:eu-west-1:\${AWS::AccountId}:event-bus/central
          Id: west
`,
      findings: [
        {
          resourceId: 'ToUsEast',
          line: 7,
          property: 'Targets[0].Arn',
          message: 'hardcodes the account ID 123456789012 in the ARN',
        },
      ],
    },
    {
      name: 'SAM Api DefinitionBody: integration URI and credentials',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.0
        paths:
          /s3:
            get:
              x-amazon-apigateway-integration:
                credentials: arn:aws:iam::244642560723:role/s3-proxy
                uri: arn:aws:apigateway:us-east-1:s3:path/{key}
                type: aws
`,
      findings: [
        {
          resourceId: 'Api',
          line: 14,
          property:
            'Body.paths./s3.get.x-amazon-apigateway-integration.credentials',
          message: 'the account ID 244642560723',
        },
        {
          resourceId: 'Api',
          line: 15,
          property: 'Body.paths./s3.get.x-amazon-apigateway-integration.uri',
          message: 'the region us-east-1',
        },
      ],
    },
    {
      name: 'VPC endpoint service name with a literal region',
      code: `
Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !ImportValue vpc
      ServiceName: com.amazonaws.eu-central-1.s3
  DynamoEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !ImportValue vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.dynamodb
`,
      findings: [
        {
          resourceId: 'S3Endpoint',
          line: 7,
          property: 'ServiceName',
          message:
            'the region eu-central-1 in the endpoint "com.amazonaws.eu-central-1.s3"',
        },
      ],
    },
  ],
});

describe('OPS-002 on long texts', () => {
  it('reads a text of 100,000 arn: in time linear in its length', () => {
    const started = Date.now();
    const findings = runRule(rule, {
      name: 'many arn:',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Description: "${'arn:'.repeat(
        100_000,
      )} arn:aws:sqs:us-east-1:123456789012:q"
`,
    });
    // Each arn: used to read ahead to the end of the text: this took about 30 s.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(findings.map(finding => finding.message)).toEqual([
      expect.stringContaining(
        'the region us-east-1 and the account ID 123456789012',
      ),
    ]);
  });
});

describe('OPS-002 on stack outputs', () => {
  const where = (
    findings: {
      file: string;
      line: number;
      resourceId: string;
      resourceType: string;
      property?: string;
    }[],
  ) =>
    findings.map(({ file, line, resourceId, resourceType, property }) => ({
      file,
      line,
      resourceId,
      resourceType,
      property,
    }));

  const template = (before: string) => `
Resources:${before}
  T:
    Type: AWS::SNS::Topic
Outputs:
  Out:
    Value: arn:aws:sns:us-east-1:123456789012:alerts
`;

  it('reports a CloudFormation output as the output, whatever resources the stack declares', () => {
    const findings = runRule(rule, { name: 'output', code: template('') });
    expect(where(findings)).toEqual([
      {
        file: 'template.yaml',
        line: 7,
        resourceId: 'Outputs.Out',
        resourceType: 'AWS::CloudFormation::Output',
        property: undefined,
      },
    ]);
    // The finding is the output's: a resource declared before the others changes neither it nor its fingerprint.
    const withAnother = runRule(rule, {
      name: 'output',
      code: template('\n  A:\n    Type: AWS::SQS::Queue'),
    });
    expect(where(withAnother)).toEqual([{ ...where(findings)[0], line: 9 }]);
    expect(withAnother[0].fingerprint).toBe(findings[0].fingerprint);
  });

  it('reports a CloudFormation output that refers to a resource as the output, not the resource', () => {
    const findings = runRule(rule, {
      name: 'output',
      code: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  Out:
    Value: !Sub 'arn:aws:sns:us-east-1:123456789012:\${Topic.TopicName}'
`,
    });
    expect(where(findings)).toEqual([
      {
        file: 'template.yaml',
        line: 7,
        resourceId: 'Outputs.Out',
        resourceType: 'AWS::CloudFormation::Output',
        property: undefined,
      },
    ]);
  });

  it('reports a Terraform output in its own file as the output', () => {
    const report = scanFiles(
      [
        {
          path: 'svc/main.tf',
          text: 'resource "aws_sns_topic" "t" {\n  name = "alerts"\n}\n',
        },
        {
          path: 'svc/outputs.tf',
          text: 'output "out" {\n  value = "arn:aws:sns:us-east-1:123456789012:alerts"\n}\n',
        },
      ],
      selectRules(['OPS-002']),
    );
    expect(where(report.findings)).toEqual([
      {
        file: 'svc/outputs.tf',
        line: 2,
        resourceId: 'output.out',
        resourceType: 'output',
        property: undefined,
      },
    ]);
    expect(report.findings[0].message).toContain('Output out hardcodes');
    // Its check is the output's, in its file.
    expect(
      report.checks
        .filter(c => c.ruleId === 'OPS-002')
        .map(c => [c.file, c.passed]),
    ).toEqual([['svc/outputs.tf', false]]);
  });

  it('reports a Pulumi export as the output', () => {
    const findings = scanPulumiProgram(
      `import * as aws from '@pulumi/aws';
const t = new aws.sns.Topic('t', {});
export const out = 'arn:aws:sns:us-east-1:123456789012:alerts';
`,
      ['OPS-002'],
    );
    expect(where(findings)).toEqual([
      {
        file: 'app/index.ts',
        line: 3,
        resourceId: 'Outputs.out',
        resourceType: 'stack output',
        property: undefined,
      },
    ]);
  });

  it('reports a CDK CfnOutput as the output', () => {
    const findings = scanCdkStack(
      `import * as cdk from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sns.Topic(this, 'T');
    new cdk.CfnOutput(this, 'Out', { value: 'arn:aws:sns:us-east-1:123456789012:alerts' });
  }
}
`,
      ['OPS-002'],
    );
    expect(where(findings)).toEqual([
      {
        file: 'svc/lib/stack.ts',
        line: 8,
        resourceId: 'Outputs.Out',
        resourceType: 'AWS::CloudFormation::Output',
        property: undefined,
      },
    ]);
  });
});
