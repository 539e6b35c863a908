import rule from './DLQ-001';
import { scanFiles, selectRules } from '../../engine/scan';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'a function a CDK trigger invokes waiting (InvocationType RequestResponse, DryRun, or not known statically), through its current version',
      code: `
Parameters:
  Invocation: { Type: String }
Resources:
  Seed:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  SeedVersion:
    Type: AWS::Lambda::Version
    Properties: { FunctionName: !Ref Seed }
  SeedTrigger:
    Type: Custom::Trigger
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:provider, HandlerArn: !Ref SeedVersion, InvocationType: RequestResponse }
  Check:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  CheckTrigger:
    Type: Custom::Trigger
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:provider, HandlerArn: !GetAtt Check.Arn, InvocationType: DryRun }
  Migrate:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  MigrateTrigger:
    Type: Custom::Trigger
    Properties: { ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:provider, HandlerArn: !GetAtt Migrate.Arn, InvocationType: !Ref Invocation }
`,
    },
    {
      name: 'an AppSync resolver whose request asks for no Event invocation, or is not read (code, a template in S3, a part not known), waits for its Lambda data source',
      code: `
Resources:
  Api:
    Type: AWS::AppSync::GraphQLApi
    Properties: { Name: orders, AuthenticationType: API_KEY }
  Start:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  StartSource:
    Type: AWS::AppSync::DataSource
    Properties:
      ApiId: !GetAtt Api.ApiId
      Name: start
      Type: AWS_LAMBDA
      LambdaConfig: { LambdaFunctionArn: !GetAtt Start.Arn }
  Waits:
    Type: AWS::AppSync::Resolver
    Properties:
      ApiId: !GetAtt Api.ApiId
      TypeName: Query
      FieldName: waits
      DataSourceName: !GetAtt StartSource.Name
      RequestMappingTemplate: '{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "RequestResponse", "payload": {} }'
  FromS3:
    Type: AWS::AppSync::Resolver
    Properties:
      ApiId: !GetAtt Api.ApiId
      TypeName: Query
      FieldName: fromS3
      DataSourceName: start
      RequestMappingTemplateS3Location: s3://templates/start.vtl
  Js:
    Type: AWS::AppSync::FunctionConfiguration
    Properties:
      ApiId: !GetAtt Api.ApiId
      Name: js
      DataSourceName: start
      Runtime: { Name: APPSYNC_JS, RuntimeVersion: 1.0.0 }
      Code: 'export function request(ctx) { return { operation: "Invoke", invocationType: "Event" }; }'
  Chosen:
    Type: AWS::AppSync::Resolver
    Properties:
      ApiId: !GetAtt Api.ApiId
      TypeName: Query
      FieldName: chosen
      DataSourceName: start
      RequestMappingTemplate: !Sub '{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "\${InvocationType}", "payload": {} }'
`,
    },
    {
      name: "a version's number or an alias's name handed to another function invokes nothing: the API permission stays the only trigger",
      code: `
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
  WorkerVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Worker
  ApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Worker
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
  Dispatcher:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/dispatcher
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:dispatcher-dlq
      Environment:
        Variables:
          WORKER_VERSION: !GetAtt WorkerVersion.Version
`,
    },
    {
      name: 'a permission for SQS beside the mapping (as @pulumi/aws grants one): SQS never invokes a function, the mapping polls the queue',
      code: `
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/worker
  WorkerMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Worker
      EventSourceArn: !GetAtt Jobs.Arn
  WorkerPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:*
      Principal: sqs.amazonaws.com
      FunctionName: !Ref Worker
      SourceArn: !GetAtt Jobs.Arn
`,
    },
    {
      name: 'SAM SNS event with SqsSubscription: the function polls the queue SAM subscribes to the topic',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fanout:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Created:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: true
`,
    },
    {
      name: 'an ARN whose name goes on with a part not known statically, or a bare name where no function name is taken, names no function of the stack',
      code: `
Parameters:
  Suffix:
    Type: String
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Role: arn:aws:iam::123456789012:role/orders
  ApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Ref Orders
  TopicPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      FunctionName: !Sub arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:orders\${Suffix}
  OtherAccountPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      FunctionName: arn:aws:lambda:eu-west-1:210987654321:function:orders
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: arn:aws:sns:eu-west-1:123456789012:events
      Protocol: email
      Endpoint: orders
`,
    },
    {
      name: 'Terraform: an on-failure destination configured for the function by its name',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "failures" {
  name = "orders-failures"
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
}
resource "aws_lambda_function_event_invoke_config" "orders" {
  function_name = "orders"
  destination_config {
    on_failure {
      destination = aws_sqs_queue.failures.arn
    }
  }
}
`,
    },
    {
      name: 'a permission that names the function by the text of its ARN, for a caller that waits',
      code: `
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Role: arn:aws:iam::123456789012:role/orders
  ApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Sub arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:orders
`,
    },
    {
      name: 'a permission whose principal is not known statically (a module input): its caller may wait, so nothing proves an asynchronous call',
      code: `
variable "triggers" {
  type = map(any)
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
}
resource "aws_lambda_permission" "callers" {
  for_each      = var.triggers
  function_name = aws_lambda_function.orders.function_name
  action        = "lambda:InvokeFunction"
  principal     = each.value.principal
}
`,
      filename: 'main.tf',
    },
    {
      name: 'Terraform: a synchronous function that a policy invokes for a role named by another item of a list variable than the Scheduler role',
      code: `
variable "role_names" {}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
}
resource "aws_lambda_permission" "api" {
  function_name = aws_lambda_function.api.function_name
  action        = "lambda:InvokeFunction"
  principal     = "apigateway.amazonaws.com"
}
resource "aws_iam_role" "schedule" {
  name               = element(split(",", var.role_names), 0)
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "scheduler.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "invoke" {
  role   = element(split(",", var.role_names), 1)
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.api.arn }] })
}
`,
      filename: 'main.tf',
    },
    {
      name: 'function with a dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'function with an on-failure destination',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:eu-west-1:123456789012:failures
`,
    },
    {
      name: 'SAM function triggered only by an API (synchronous)',
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
`,
    },
    {
      name: 'SAM function triggered only by SQS (poll-based)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
    },
    {
      name: 'SAM DeadLetterQueue and an SNS trigger',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
      Events:
        Notes:
          Type: SNS
          Properties: { Topic: !Ref Topic }
`,
    },
    {
      name: 'SAM DeadLetterQueue under a condition not known statically (it may be there)',
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue: !If [IsProd, { Type: SQS, TargetArn: !GetAtt Dlq.Arn }, !Ref AWS::NoValue]
      Events:
        Notes:
          Type: SNS
          Properties: { Topic: !Ref Topic }
`,
    },
    {
      name: 'SAM function that is only the Lambda authorizer of an API (SAM lets API Gateway call it)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt Authorizer.Arn
  Authorizer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`,
    },
    {
      name: 'functions a state machine calls by an ARN built from their name, or by name',
      code: `
Resources:
  Launch:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: translator-launch
      Role: arn:aws:iam::123456789012:role/x
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/flow
      Definition:
        StartAt: Launch
        States:
          Launch:
            Type: Task
            Resource: !Sub arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:translator-launch
            Next: Check
          Check:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: translator-check, Payload.$: $ }
            End: true
  Check:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: translator-check
      Role: arn:aws:iam::123456789012:role/x
`,
    },
    {
      name: 'SAM function that is only a Lambda data source of a SAM GraphQL API',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Resolver:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  Api:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: 'type Query { hello: String }'
      Auth: { Type: AWS_IAM }
      DataSources:
        Lambda:
          Hello:
            FunctionArn: !GetAtt Resolver.Arn
`,
    },
    {
      name: 'functions called synchronously: function URL behind CloudFront, rotation, resolver, pipe, transformation, Lambda@Edge',
      code: `
Resources:
  UrlFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  UrlPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunctionUrl
      FunctionName: !Ref UrlFn
      Principal: cloudfront.amazonaws.com
  RotationFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref AWS::NoValue
      RotationLambdaARN: !GetAtt RotationFn.Arn
  ResolverFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  DataSource:
    Type: AWS::AppSync::DataSource
    Properties:
      Type: AWS_LAMBDA
      LambdaConfig: { LambdaFunctionArn: !GetAtt ResolverFn.Arn }
  TargetFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  EnrichFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      Source: arn:aws:kafka:eu-west-1:123456789012:cluster/x
      Enrichment: !GetAtt EnrichFn.Arn
      Target: !GetAtt TargetFn.Arn
  TransformFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Stream:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      ExtendedS3DestinationConfiguration:
        ProcessingConfiguration:
          Enabled: true
          Processors:
            - Type: Lambda
              Parameters:
                - { ParameterName: LambdaArn, ParameterValue: !GetAtt TransformFn.Arn }
  EdgeFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  EdgeVersion:
    Type: AWS::Lambda::Version
    Properties: { FunctionName: !Ref EdgeFn }
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - { EventType: viewer-request, LambdaFunctionARN: !Ref EdgeVersion }
`,
    },
    {
      name: 'Terraform functions called synchronously: Lambda@Edge, rotation, transformation, pipe, authorizer',
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "edge" {
  function_name = "edge"
  role          = "arn:aws:iam::123456789012:role/x"
  publish       = true
}
resource "aws_cloudfront_distribution" "site" {
  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.edge.qualified_arn
    }
  }
}
resource "aws_lambda_function" "rotation" {
  function_name = "rotation"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = "db"
  rotation_lambda_arn = aws_lambda_function.rotation.arn
}
resource "aws_lambda_function" "transform" {
  function_name = "transform"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"
  extended_s3_configuration {
    processing_configuration {
      enabled = true
      processors {
        type = "Lambda"
        parameters {
          parameter_name  = "LambdaArn"
          parameter_value = "\${aws_lambda_function.transform.arn}:$LATEST"
        }
      }
    }
  }
}
resource "aws_lambda_function" "target" {
  function_name = "target"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_pipes_pipe" "orders" {
  source = "arn:aws:kafka:eu-west-1:123456789012:cluster/x"
  target = aws_lambda_function.target.arn
}
resource "aws_lambda_function" "authorizer" {
  function_name = "authorizer"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id          = "api"
  authorizer_type = "REQUEST"
  authorizer_uri  = aws_lambda_function.authorizer.invoke_arn
}
`,
    },
    {
      name: 'dead-letter target chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: !If [IsProd, { TargetArn: !GetAtt Dlq.Arn }, !Ref AWS::NoValue]
`,
    },
    {
      name: 'invocation types not known statically are not taken for asynchronous ones',
      code: `
Parameters:
  Mode:
    Type: String
Resources:
  Webhook:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Post:
    Type: AWS::ApiGateway::Method
    Properties:
      HttpMethod: POST
      Integration:
        Type: AWS
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Webhook.Arn}/invocations
        RequestParameters:
          integration.request.header.X-Amz-Invocation-Type: !Ref Mode
  Target:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      Source: arn:aws:kafka:eu-west-1:123456789012:cluster/x
      Target: !GetAtt Target.Arn
      TargetParameters:
        LambdaFunctionParameters: { InvocationType: !Ref Mode }
`,
    },
    {
      name: 'SAM function fed only by a self-managed Kafka cluster (poll-based)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Orders:
          Type: SelfManagedKafka
          Properties:
            KafkaBootstrapServers: [broker-1.example.com:9092]
            Topics: [orders]
`,
    },
    {
      name: 'a synchronous function that a Scheduler role grants lambda:InvokeFunction only on its name (which covers nothing: IAM names it by its ARN)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
  ScheduleRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: { Effect: Allow, Principal: { Service: scheduler.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement: { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Ref Api }
`,
    },
    {
      name: 'a synchronous function that a policy invokes for a role named by another item of an imported list than the Scheduler role: which role that is, is not known',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
  ScheduleRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Select [0, !Split [',', !ImportValue role-names]]
      AssumeRolePolicyDocument:
        Statement: { Effect: Allow, Principal: { Service: scheduler.amazonaws.com }, Action: sts:AssumeRole }
  InvokeApi:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: invoke
      Roles: [!Select [1, !Split [',', !ImportValue role-names]]]
      PolicyDocument:
        Statement: { Effect: Allow, Action: lambda:InvokeFunction, Resource: !GetAtt Api.Arn }
`,
    },
    {
      name: 'SAM AutoPublishAlias: an API that calls the alias (!Ref Fn.Alias, ${Fn.Alias}, the alias logical id) calls the function synchronously',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: live
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
  OrdersIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref HttpApi
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Orders.Alias}/invocations
  OrdersPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Ref Orders.Alias
  Payments:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: prod
  PaymentsPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: elasticloadbalancing.amazonaws.com
      FunctionName: !Ref PaymentsAliasprod
`,
    },
    {
      name: 'SAM AutoPublishAlias given by a parameter (SAM reads its value): a load balancer that calls the alias calls the function synchronously',
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  AliasName:
    Type: String
    Default: live
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: !Ref AliasName
  OrdersPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: elasticloadbalancing.amazonaws.com
      FunctionName: !Ref Orders.Alias
  Payments:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: !Ref AliasName
  PaymentsPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: elasticloadbalancing.amazonaws.com
      FunctionName: !Ref PaymentsAliaslive
`,
    },
    {
      name: 'SAM AutoPublishAlias set in Globals: a load balancer that calls the alias calls the function synchronously',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    AutoPublishAlias: live
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
  OrdersPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: elasticloadbalancing.amazonaws.com
      FunctionName: !Ref Orders.Alias
`,
    },
    {
      name: "a public function URL's permissions: lambda:InvokeFunctionUrl, and lambda:InvokeFunction for calls through the URL only (InvokedViaFunctionUrl true, or not known statically)",
      code: `
Parameters:
  ViaUrl: { Type: String }
Resources:
  Public:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  PublicUrl:
    Type: AWS::Lambda::Url
    Properties: { TargetFunctionArn: !Ref Public, AuthType: NONE }
  PublicUrlPermission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunctionUrl, FunctionName: !Ref Public, Principal: '*', FunctionUrlAuthType: NONE }
  PublicInvokePermission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref Public, Principal: '*', InvokedViaFunctionUrl: true }
  Shared:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  SharedInvokePermission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref Shared, Principal: '*', InvokedViaFunctionUrl: !Ref ViaUrl }
`,
    },
    {
      name: "Terraform: a public function URL's lambda:InvokeFunction permission for calls through the URL only (invoked_via_function_url)",
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "public" {
  function_name = "public"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_lambda_function_url" "public" {
  function_name      = aws_lambda_function.public.function_name
  authorization_type = "NONE"
}
resource "aws_lambda_permission" "public_invoke" {
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.public.function_name
  principal                = "*"
  invoked_via_function_url = true
}
`,
    },
  ],
  invalid: [
    {
      name: "an AppSync resolver or pipeline function whose request template asks for an Event invocation invokes its Lambda data source's function asynchronously",
      code: `
Resources:
  Api:
    Type: AWS::AppSync::GraphQLApi
    Properties: { Name: orders, AuthenticationType: API_KEY }
  Start:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  StartSource:
    Type: AWS::AppSync::DataSource
    Properties:
      ApiId: !GetAtt Api.ApiId
      Name: start
      Type: AWS_LAMBDA
      LambdaConfig: { LambdaFunctionArn: !GetAtt Start.Arn }
  Later:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  LaterSource:
    Type: AWS::AppSync::DataSource
    Properties:
      ApiId: !GetAtt Api.ApiId
      Name: later
      Type: AWS_LAMBDA
      LambdaConfig: { LambdaFunctionArn: !GetAtt Later.Arn }
  StartResolver:
    Type: AWS::AppSync::Resolver
    Properties:
      ApiId: !GetAtt Api.ApiId
      TypeName: Mutation
      FieldName: start
      DataSourceName: !GetAtt StartSource.Name
      RequestMappingTemplate: |
        {
          "version": "2018-05-29",
          "operation": "Invoke",
          "invocationType": "Event",
          "payload": $util.toJson($ctx.args)
        }
  LaterStep:
    Type: AWS::AppSync::FunctionConfiguration
    Properties:
      ApiId: !GetAtt Api.ApiId
      Name: later
      DataSourceName: later
      FunctionVersion: '2018-05-29'
      RequestMappingTemplate: '{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "Event", "payload": {} }'
`,
      findings: [
        {
          resourceId: 'Start',
          line: 6,
          message:
            'Function Start is invoked asynchronously (by StartResolver) but',
        },
        {
          resourceId: 'Later',
          line: 16,
          message:
            'Function Later is invoked asynchronously (by LaterStep) but',
        },
      ],
    },
    {
      name: 'SAM AutoPublishAlias: a rule that targets the alias invokes the function asynchronously',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: live
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)
      Targets:
        - Id: orders
          Arn: !Ref Orders.Alias
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 4,
          message: 'Function Orders is invoked asynchronously (by Nightly) but',
        },
      ],
    },
    {
      name: 'a permission for a stream or a queue alone is no trigger: the function has none in the stack',
      code: `
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
  WorkerPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: dynamodb.amazonaws.com
      FunctionName: !Ref Worker
`,
      findings: [
        {
          resourceId: 'Worker',
          line: 3,
          message:
            'Function Worker has no trigger in the stack, so it may be invoked asynchronously but',
        },
      ],
    },
    {
      name: 'a schedule the stack declares is named rather than the role it runs with',
      code: `
Resources:
  Target:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/target
  ScheduleRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: { Effect: Allow, Principal: { Service: scheduler.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement: { Effect: Allow, Action: 'lambda:Invoke*', Resource: !GetAtt Target.Arn }
  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 day)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !GetAtt Target.Arn, RoleArn: !GetAtt ScheduleRole.Arn }
`,
      findings: [
        {
          resourceId: 'Target',
          line: 3,
          message: 'Function Target is invoked asynchronously (by Nightly) but',
        },
      ],
    },
    {
      name: 'a function EventBridge Scheduler may invoke with a role of the stack (schedules created at run time, by a state machine whose definition is a file)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Target:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      EventInvokeConfig:
        MaximumRetryAttempts: 0
  AnyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
  ScheduleRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: [scheduler.amazonaws.com] }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: lambda:InvokeFunction, Resource: [!GetAtt Target.Arn] }
              - { Effect: Allow, Action: lambda:InvokeFunction, Resource: '*' }
  Schedules:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: state_machine/create_schedules.asl.json
      DefinitionSubstitutions:
        TargetArn: !GetAtt Target.Arn
        RoleArn: !GetAtt ScheduleRole.Arn
`,
      findings: [
        {
          resourceId: 'Target',
          line: 4,
          message:
            'Function Target may be invoked asynchronously (by EventBridge Scheduler, whose role ScheduleRole may invoke it) but has neither',
        },
      ],
    },
    {
      name: 'a DefinitionString task that invokes a function with InvocationType Event, and one that waits for another named in the text',
      code: `
Resources:
  Notify:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/notify
  Check:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: check
      Role: arn:aws:iam::123456789012:role/check
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/flow
      DefinitionString: !Sub |
        {
          "StartAt": "Check",
          "States": {
            "Check": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "check" },
              "Next": "Notify"
            },
            "Notify": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "\${Notify.Arn}", "InvocationType": "Event" },
              "End": true
            }
          }
        }
`,
      findings: [
        {
          resourceId: 'Notify',
          line: 3,
          message: 'is invoked asynchronously (by Flow)',
        },
      ],
    },
    {
      name: 'a permission that names the function by its name and a qualifier not known statically',
      code: `
Parameters:
  Alias:
    Type: String
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Role: arn:aws:iam::123456789012:role/orders
  ApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      FunctionName: !Ref Orders
  TopicPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      FunctionName: !Sub orders:\${Alias}
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 6,
          message: 'is invoked asynchronously (by TopicPermission)',
        },
      ],
    },
    {
      name: 'a permission whose principal is not known statically beside one for an asynchronous caller',
      code: `
variable "principal" {}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
}
resource "aws_lambda_permission" "caller" {
  function_name = aws_lambda_function.orders.function_name
  action        = "lambda:InvokeFunction"
  principal     = var.principal
}
resource "aws_lambda_permission" "topic" {
  function_name = aws_lambda_function.orders.function_name
  action        = "lambda:InvokeFunction"
  principal     = "sns.amazonaws.com"
}
`,
      filename: 'main.tf',
      findings: [
        {
          resourceId: 'aws_lambda_function.orders',
          line: 3,
          message: 'is invoked asynchronously (by aws_lambda_permission.topic)',
        },
      ],
    },
    {
      name: "a Terraform function an S3 bucket outside the stack (a data source's) notifies is invoked asynchronously, whatever its other triggers",
      code: `
resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::123456789012:role/ingest"
}
resource "aws_lambda_permission" "api" {
  function_name = aws_lambda_function.ingest.function_name
  action        = "lambda:InvokeFunction"
  principal     = "apigateway.amazonaws.com"
}
data "aws_s3_bucket" "uploads" {
  bucket = "shared-uploads"
}
resource "aws_s3_bucket_notification" "uploads" {
  bucket = data.aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.ingest.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
`,
      filename: 'main.tf',
      findings: [
        {
          resourceId: 'aws_lambda_function.ingest',
          line: 2,
          message:
            'is invoked asynchronously (by aws_s3_bucket_notification.uploads)',
        },
      ],
    },
    {
      name: 'a Terraform function an EventBridge rule outside the stack (one named, on a shared bus) targets is invoked asynchronously',
      code: `
resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = "arn:aws:iam::123456789012:role/audit"
}
resource "aws_lambda_permission" "api" {
  function_name = aws_lambda_function.audit.function_name
  action        = "lambda:InvokeFunction"
  principal     = "apigateway.amazonaws.com"
}
resource "aws_cloudwatch_event_target" "orders_created" {
  rule           = "orders-created"
  event_bus_name = "shared"
  arn            = aws_lambda_function.audit.arn
}
`,
      filename: 'main.tf',
      findings: [
        {
          resourceId: 'aws_lambda_function.audit',
          line: 2,
          message:
            'is invoked asynchronously (by aws_cloudwatch_event_target.orders_created)',
        },
      ],
    },
    {
      name: 'a Terraform function a rule or bucket outside the stack invokes through an alias is invoked asynchronously',
      code: `
resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = "arn:aws:iam::123456789012:role/audit"
  publish       = true
}
resource "aws_lambda_function_url" "audit" {
  function_name      = aws_lambda_function.audit.function_name
  authorization_type = "AWS_IAM"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.audit.function_name
  function_version = aws_lambda_function.audit.version
}
resource "aws_cloudwatch_event_target" "orders_created" {
  rule           = "orders-created"
  event_bus_name = "shared"
  arn            = aws_lambda_alias.live.arn
}
resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::123456789012:role/ingest"
  publish       = true
}
resource "aws_lambda_function_url" "ingest" {
  function_name      = aws_lambda_function.ingest.function_name
  authorization_type = "AWS_IAM"
}
resource "aws_lambda_alias" "ingest_live" {
  name             = "live"
  function_name    = aws_lambda_function.ingest.arn
  function_version = aws_lambda_function.ingest.version
}
data "aws_s3_bucket" "uploads" {
  bucket = "shared-uploads"
}
resource "aws_s3_bucket_notification" "uploads" {
  bucket = data.aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_alias.ingest_live.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
`,
      filename: 'main.tf',
      findings: [
        {
          resourceId: 'aws_lambda_function.audit',
          line: 2,
          message:
            'is invoked asynchronously (by aws_cloudwatch_event_target.orders_created)',
        },
        {
          resourceId: 'aws_lambda_function.ingest',
          line: 21,
          message:
            'is invoked asynchronously (by aws_s3_bucket_notification.uploads)',
        },
      ],
    },
    {
      name: 'a function handed to another in its environment may be invoked asynchronously by it',
      code: `
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
  Dispatcher:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/dispatcher
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:dispatcher-dlq
      Environment:
        Variables:
          WORKER: !Ref Worker
`,
      findings: [
        {
          resourceId: 'Worker',
          line: 3,
          message:
            'may be invoked asynchronously (by Dispatcher, whose environment names it)',
        },
      ],
    },
    {
      name: 'a function whose alias is handed to another may be invoked asynchronously by it, whatever its other triggers',
      code: `
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
  WorkerLive:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Worker
      FunctionVersion: '1'
      Name: live
  ApiPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref WorkerLive
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
  Dispatcher:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/dispatcher
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:dispatcher-dlq
      Environment:
        Variables:
          WORKER: !Ref WorkerLive
`,
      findings: [
        {
          resourceId: 'Worker',
          line: 3,
          message:
            'may be invoked asynchronously (by Dispatcher, whose environment names it)',
        },
      ],
    },
    {
      name: 'function with no trigger and no dead-letter target',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
      findings: [
        { resourceId: 'Fn', line: 3, message: 'has no trigger in the stack' },
      ],
    },
    {
      name: 'SAM function with an API and a schedule: the schedule is asynchronous',
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
        Nightly:
          Type: Schedule
          Properties: { Schedule: rate(1 day) }
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 4,
          message: 'invoked asynchronously (by its Schedule event Nightly)',
        },
      ],
    },
    {
      name: 'a function a CDK trigger invokes asynchronously (InvocationType Event), and the trigger provider CloudFormation invokes',
      code: `
Resources:
  Provider:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Notify:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  NotifyTrigger:
    Type: Custom::Trigger
    Properties: { ServiceToken: !GetAtt Provider.Arn, HandlerArn: !GetAtt Notify.Arn, InvocationType: Event }
`,
      findings: [
        {
          resourceId: 'Provider',
          line: 3,
          message: 'invoked asynchronously (by NotifyTrigger)',
        },
        {
          resourceId: 'Notify',
          line: 6,
          message: 'invoked asynchronously (by NotifyTrigger)',
        },
      ],
    },
    {
      name: 'asynchronous callers: a pipe that fires and forgets, a custom resource, the destination of another function',
      code: `
Resources:
  TargetFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      Source: arn:aws:kafka:eu-west-1:123456789012:cluster/x
      Target: !GetAtt TargetFn.Arn
      TargetParameters:
        LambdaFunctionParameters: { InvocationType: FIRE_AND_FORGET }
  ProviderFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Setup:
    Type: Custom::Setup
    Properties: { ServiceToken: !GetAtt ProviderFn.Arn }
  WorkerFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  NextFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  WorkerConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref WorkerFn
      Qualifier: $LATEST
      DestinationConfig:
        OnSuccess: { Destination: !GetAtt NextFn.Arn }
        OnFailure: { Destination: arn:aws:sqs:eu-west-1:123456789012:failures }
`,
      findings: [
        {
          resourceId: 'TargetFn',
          line: 3,
          message: 'invoked asynchronously (by Pipe)',
        },
        {
          resourceId: 'ProviderFn',
          line: 13,
          message: 'invoked asynchronously (by Setup)',
        },
        {
          resourceId: 'NextFn',
          line: 22,
          message: 'invoked asynchronously (by WorkerConfig)',
        },
      ],
    },
    {
      name: 'API Gateway integration that asks for an asynchronous call (X-Amz-Invocation-Type Event)',
      code: `
Resources:
  Webhook:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Post:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: api
      ResourceId: resource
      HttpMethod: POST
      Integration:
        Type: AWS
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Webhook.Arn}/invocations
        RequestParameters:
          integration.request.header.X-Amz-Invocation-Type: "'Event'"
`,
      findings: [
        {
          resourceId: 'Webhook',
          line: 3,
          message: 'invoked asynchronously (by Post)',
        },
      ],
    },
    {
      name: 'a WebSocket API integration, and an OpenAPI body integration, that ask for an asynchronous call',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Socket:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: ws, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Ws
      IntegrationType: AWS
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Socket.Arn}/invocations
      RequestParameters:
        integration.request.header.X-Amz-Invocation-Type: "'Event'"
  Hook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Post:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /hook, Method: post }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /hook:
            post:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Hook.Arn}/invocations
                requestParameters:
                  integration.request.header.X-Amz-Invocation-Type: "'Event'"
`,
      findings: [
        {
          resourceId: 'Socket',
          line: 4,
          message: 'invoked asynchronously (by Integration)',
        },
        {
          resourceId: 'Hook',
          line: 18,
          message: 'invoked asynchronously (by Api)',
        },
      ],
    },
    {
      name: 'function a log subscription feeds is invoked asynchronously',
      code: `
Resources:
  Shipper:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  Subscription:
    Type: AWS::Logs::SubscriptionFilter
    Properties:
      LogGroupName: /app
      FilterPattern: ''
      DestinationArn: !GetAtt Shipper.Arn
`,
      findings: [
        {
          resourceId: 'Shipper',
          line: 3,
          message: 'invoked asynchronously (by Subscription)',
        },
      ],
    },
    {
      name: "SAM function that is another's on-success destination",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Main:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq }
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: { Type: Lambda, Destination: !GetAtt Next.Arn }
  Next:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`,
      findings: [
        {
          resourceId: 'Next',
          line: 13,
          message: "invoked asynchronously (by Main's EventInvokeConfig)",
        },
      ],
    },
    {
      name: 'on-failure destination that the default condition removes',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: !If [IsProd, { TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq }, !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'Fn', line: 9, confidence: 'partial' }],
    },
  ],
});

describe('DLQ-001 and state machine definitions', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
  Notifier:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
  Reminder:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        WorkerArn: !GetAtt Worker.Arn
        NotifierArn: !GetAtt Notifier.Arn
        ReminderArn: !GetAtt Reminder.Arn
`;
  // The worker is a task; the notifier is invoked with InvocationType Event; the
  // reminder is handed to EventBridge Scheduler: it may be called, and nothing
  // proves the call asynchronous, so it is not reported.
  const definition = JSON.stringify({
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: '${WorkerArn}', Next: 'Notify' },
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '${NotifierArn}', InvocationType: 'Event' },
        Next: 'Remind',
      },
      Remind: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:scheduler:createSchedule',
        Parameters: { Target: { Arn: '${ReminderArn}' } },
        End: true,
      },
    },
  });

  it('reads a DefinitionUri file of the tree and judges each task by how it calls its function', () => {
    const report = scanFiles(
      [
        { path: 'svc/template.yaml', text: template },
        { path: 'svc/statemachine/flow.asl.json', text: definition },
      ],
      selectRules(['DLQ-001']),
    );
    expect(
      report.findings.map(f => [
        f.resourceId,
        f.line,
        f.message.replace(/ but .*/, ''),
      ]),
    ).toEqual([
      ['Notifier', 6, 'Function Notifier is invoked asynchronously (by Flow)'],
    ]);
  });

  it('counts every function the state machine refers to as called when the definition is not in the tree', () => {
    const report = scanFiles(
      [{ path: 'svc/template.yaml', text: template }],
      selectRules(['DLQ-001']),
    );
    expect(report.findings).toEqual([]);
  });
});
