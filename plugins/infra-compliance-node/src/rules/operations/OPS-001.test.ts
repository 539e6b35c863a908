import rule from './OPS-001';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'an HTTP API quick create makes, whose stage ApiGatewayManagedOverrides set',
      code: `
Resources:
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
      Target: arn:aws:lambda:eu-west-1:123456789012:function:f
  QuickOverrides:
    Type: AWS::ApiGatewayV2::ApiGatewayManagedOverrides
    Properties:
      ApiId: !Ref Quick
      Stage:
        DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }
`,
    },
    {
      name: 'Terraform: method settings that name the stage by the same reference the stage takes its name from',
      filename: 'main.tf',
      code: `
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}
resource "aws_api_gateway_stage" "live" {
  stage_name    = aws_api_gateway_rest_api.api.name
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "d1"
}
resource "aws_api_gateway_method_settings" "live" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_rest_api.api.name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 50
    throttling_burst_limit = 100
  }
}
`,
    },
    {
      name: 'Terraform: method settings that name the stage a deployment creates',
      filename: 'main.tf',
      code: `
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}
resource "aws_api_gateway_deployment" "dev" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "dev"
}
resource "aws_api_gateway_method_settings" "dev" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_deployment.dev.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 50
    throttling_burst_limit = 100
  }
}
`,
    },
    {
      name: 'REST stage with a MethodSettings entry setting both limits',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Deployment
      StageName: prod
      MethodSettings:
        - HttpMethod: GET
          ResourcePath: /orders
          LoggingLevel: INFO
        - HttpMethod: '*'
          ResourcePath: '/*'
          ThrottlingRateLimit: 10000
          ThrottlingBurstLimit: 5000
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties: { RestApiId: !Ref Api }
`,
    },
    {
      name: 'SAM Api with MethodSettings and OpenApiVersion (so SAM creates no stage Stage beside prod)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      OpenApiVersion: '3.0.1'
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: '/*'
          ThrottlingRateLimit: 100
          ThrottlingBurstLimit: 50
`,
    },
    {
      name: 'SAM implicit API throttled through Globals.Api, with OpenApiVersion',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1'
    MethodSettings:
      - HttpMethod: '*'
        ResourcePath: '/*'
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
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
      name: 'HTTP API stage with DefaultRouteSettings',
      code: `
Resources:
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: api, ProtocolType: HTTP }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: $default
      AutoDeploy: true
      DefaultRouteSettings:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
`,
    },
    {
      name: 'SAM HttpApi with DefaultRouteSettings',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefaultRouteSettings:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
`,
    },
    {
      name: 'deployment creating its stage with throttling in StageDescription',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      StageDescription:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
`,
    },
    {
      name: 'deployment without a StageName creates no stage',
      code: `
Resources:
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
`,
    },
    {
      name: 'throttling in a separate method-settings resource (the Terraform shape)',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  Throttling:
    Type: AWS::ApiGateway::MethodSettings
    Properties:
      RestApiId: !Ref Api
      StageName: !GetAtt Stage.StageName
      MethodPath: '*/*'
      Settings:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
`,
    },
    {
      name: 'MethodSettings chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue shared-api
      StageName: prod
      MethodSettings: !If
        - IsProd
        - - HttpMethod: '*'
            ResourcePath: '/*'
            ThrottlingRateLimit: 100
            ThrottlingBurstLimit: 50
        - !Ref AWS::NoValue
`,
    },
    {
      name: 'limits from parameters without defaults',
      code: `
Parameters:
  Rate:
    Type: Number
  Burst:
    Type: Number
Resources:
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !ImportValue shared-api
      StageName: prod
      DefaultRouteSettings:
        ThrottlingRateLimit: !Ref Rate
        ThrottlingBurstLimit: !Ref Burst
`,
    },
    {
      name: 'JSON stage with throttling',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Stage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "RestApiId": "abc123",
        "StageName": "prod",
        "MethodSettings": [
          { "HttpMethod": "*", "ResourcePath": "/*", "ThrottlingRateLimit": 10, "ThrottlingBurstLimit": 5 }
        ]
      }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'the $default stage an HTTP API quick create (Target) makes',
      code: `
Resources:
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
      Target: arn:aws:lambda:eu-west-1:123456789012:function:f
`,
      findings: [
        {
          resourceId: 'Quick',
          line: 3,
          message: 'The $default stage of API Quick has no throttling limits',
        },
      ],
    },
    {
      name: 'SAM Api and HttpApi whose settings set no limits: at the settings, where the API writes them',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      OpenApiVersion: '3.0.1'
      MethodSettings:
        - { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 10 }
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
      DefaultRouteSettings:
        DetailedMetricsEnabled: true
`,
      findings: [
        {
          resourceId: 'RestApi',
          line: 9,
          property: 'MethodSettings',
          message:
            'The prod stage of API RestApi has no throttling limits: nothing in its MethodSettings sets both',
        },
        {
          resourceId: 'HttpApi',
          line: 15,
          property: 'DefaultRouteSettings',
          message:
            'The prod stage of API HttpApi has no throttling limits: its DefaultRouteSettings does not set',
        },
      ],
    },
    {
      name: 'Terraform: method settings that name another stage by reference do not throttle the stage a deployment creates',
      filename: 'main.tf',
      code: `
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}
resource "aws_api_gateway_deployment" "dev" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "dev"
}
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.dev.id
}
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 50
    throttling_burst_limit = 100
  }
}
`,
      findings: [
        {
          resourceId: 'aws_api_gateway_deployment.dev',
          line: 5,
          message: 'creates the stage dev without throttling limits',
        },
      ],
    },
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}
resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "d1"
}
resource "aws_api_gateway_deployment" "dev" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "dev"
}
resource "aws_apigatewayv2_stage" "default" {
  api_id = "a1"
  name   = "$default"
  default_route_settings {
    detailed_metrics_enabled = true
  }
}
`,
      findings: [
        {
          resourceId: 'aws_api_gateway_stage.prod',
          line: 5,
          message:
            'it has no aws_api_gateway_method_settings with settings.throttling_rate_limit and settings.throttling_burst_limit',
        },
        {
          resourceId: 'aws_api_gateway_deployment.dev',
          line: 10,
          message:
            'no aws_api_gateway_method_settings sets settings.throttling_rate_limit and settings.throttling_burst_limit',
        },
        {
          resourceId: 'aws_apigatewayv2_stage.default',
          line: 17,
          property: 'DefaultRouteSettings',
          message:
            'its default_route_settings does not set throttling_rate_limit and throttling_burst_limit',
        },
      ],
    },
    {
      name: 'Terraform: the $default stage quick create makes for an HTTP API with a target known statically',
      filename: 'main.tf',
      code: `
variable "target" {}
resource "aws_lambda_function" "fn" {
  function_name = "orders"
}
resource "aws_apigatewayv2_api" "quick" {
  name          = "quick"
  protocol_type = "HTTP"
  target        = aws_lambda_function.fn.arn
}
resource "aws_apigatewayv2_api" "maybe" {
  name          = "maybe"
  protocol_type = "HTTP"
  target        = var.target
}
resource "aws_apigatewayv2_api" "plain" {
  name          = "plain"
  protocol_type = "HTTP"
}
`,
      findings: [
        {
          resourceId: 'aws_apigatewayv2_api.quick',
          line: 6,
          message:
            'The $default stage of API aws_apigatewayv2_api.quick has no throttling limits',
        },
      ],
    },
    {
      name: 'REST stage with no MethodSettings (seed 001, issue 7)',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: webhook }
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
`,
      findings: [
        { resourceId: 'Stage', line: 6, message: 'has no throttling limits' },
      ],
    },
    {
      name: 'MethodSettings with a rate limit but no burst limit',
      code: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue shared-api
      StageName: prod
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: '/*'
          ThrottlingRateLimit: 100
          MetricsEnabled: true
`,
      findings: [
        {
          resourceId: 'Stage',
          line: 8,
          property: 'MethodSettings',
          message: 'nothing in its MethodSettings sets both',
        },
      ],
    },
    {
      name: 'SAM Api and implicit API throttled, without OpenApiVersion: the stage Stage SAM creates beside theirs takes none of their settings',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    MethodSettings:
      - { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
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
      findings: [
        {
          resourceId: 'Api',
          line: 8,
          message:
            'The stage Stage that SAM creates for REST API Api beside its own (OpenApiVersion is not set) has no throttling limits, so it takes traffic up to the account-wide limit: set OpenApiVersion on API Api (or in Globals.Api) so that SAM does not create it.',
        },
        {
          resourceId: 'Fn',
          line: 18,
          message:
            'The stage Stage that SAM creates for REST API ServerlessRestApi beside its own (OpenApiVersion is not set) has no throttling limits, so it takes traffic up to the account-wide limit: set OpenApiVersion in Globals.Api so that SAM does not create it.',
        },
      ],
    },
    {
      name: 'SAM implicit API: reported on the function that declares it',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1'
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
      findings: [
        {
          resourceId: 'Fn',
          line: 13,
          message: 'The Prod stage of API ServerlessRestApi',
        },
      ],
    },
    {
      name: 'SAM HttpApi without DefaultRouteSettings',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: ['*']
`,
      findings: [
        { resourceId: 'HttpApi', line: 4, message: 'no DefaultRouteSettings' },
      ],
    },
    {
      name: 'HTTP API DefaultRouteSettings with only a burst limit',
      code: `
Resources:
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !ImportValue shared-api
      StageName: prod
      DefaultRouteSettings:
        ThrottlingBurstLimit: 50
        DetailedMetricsEnabled: true
`,
      findings: [
        {
          resourceId: 'Stage',
          line: 8,
          property: 'DefaultRouteSettings',
          message:
            'its DefaultRouteSettings does not set ThrottlingRateLimit, so',
        },
      ],
    },
    {
      name: 'Terraform: default_route_settings with only a burst limit, named as Terraform writes it',
      filename: 'main.tf',
      code: `
resource "aws_apigatewayv2_stage" "s1" {
  api_id = "a1"
  name   = "s1"
  default_route_settings {
    throttling_burst_limit = 10
  }
}
`,
      findings: [
        {
          resourceId: 'aws_apigatewayv2_stage.s1',
          line: 5,
          property: 'DefaultRouteSettings',
          message:
            'its default_route_settings does not set throttling_rate_limit, so',
        },
      ],
    },
    {
      name: 'deployment creating a stage without throttling',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
`,
      findings: [
        {
          resourceId: 'Deployment',
          line: 6,
          message: 'creates the stage prod',
        },
      ],
    },
    {
      name: 'method settings resource for another stage does not count',
      code: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Throttling:
    Type: AWS::ApiGateway::MethodSettings
    Properties:
      RestApiId: !Ref Api
      StageName: dev
      Settings:
        ThrottlingRateLimit: 100
        ThrottlingBurstLimit: 50
`,
      findings: [{ resourceId: 'Stage', line: 3 }],
    },
    {
      name: 'JSON HTTP API stage without throttling',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Stage": {
      "Type": "AWS::ApiGatewayV2::Stage",
      "Properties": { "ApiId": "abc123", "StageName": "$default", "AutoDeploy": true }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Stage',
          line: 4,
          message:
            'it has no DefaultRouteSettings with ThrottlingRateLimit and ThrottlingBurstLimit',
        },
      ],
    },
  ],
});
