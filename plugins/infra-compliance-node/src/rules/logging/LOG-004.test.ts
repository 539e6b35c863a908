import rule from './LOG-004';
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
        AccessLogSettings: { DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api, Format: '$context.requestId' }
`,
    },
    {
      name: 'REST and HTTP stages with access logs',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref ApiDeployment
      StageName: prod
      AccessLogSetting:
        DestinationArn: !GetAtt ApiAccessLogs.Arn
        Format: '{"requestId":"$context.requestId"}'
  ApiDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
  ApiAccessLogs:
    Type: AWS::Logs::LogGroup
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: $default
      AccessLogSettings:
        DestinationArn: !GetAtt ApiAccessLogs.Arn
`,
    },
    {
      name: 'SAM Api, HttpApi and the implicit API (Globals) with access logs',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
    AccessLogSetting:
      DestinationArn: !GetAtt AccessLogs.Arn
Resources:
  AccessLogs:
    Type: AWS::Logs::LogGroup
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      AccessLogSetting:
        DestinationArn: !GetAtt AccessLogs.Arn
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      AccessLogSettings:
        DestinationArn: !GetAtt AccessLogs.Arn
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
      name: 'deployment that creates the stage, with access logs',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  ApiDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      StageDescription:
        AccessLogSetting:
          DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api-access
`,
    },
    {
      name: 'deployment with StageName next to a Stage resource of the API',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  ApiDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: dummy
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref ApiDeployment
      StageName: prod
      AccessLogSetting:
        DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api-access
`,
    },
    {
      name: 'access logs from a parameter without default, an import, an unknown condition',
      code: `
Parameters:
  LogsArn:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue shared-api-id
      StageName: prod
      AccessLogSetting:
        DestinationArn: !Ref LogsArn
  OtherStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !ImportValue shared-api-id
      StageName: test
      AccessLogSetting: !If [IsProd, { DestinationArn: !Ref LogsArn }, !Ref AWS::NoValue]
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !ImportValue shared-http-api-id
      StageName: $default
      AccessLogSettings:
        DestinationArn: !ImportValue shared-access-logs-arn
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
          message:
            'The $default stage that the quick create (Target) of Quick creates has no access log settings',
        },
      ],
    },
    {
      name: 'SAM Api whose AccessLogSetting has no destination: at the setting, where the API writes it',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      AccessLogSetting:
        Format: '$context.requestId'
`,
      findings: [
        {
          resourceId: 'RestApi',
          line: 11,
          property: 'AccessLogSetting',
          message: 'stage RestApiprodStage of RestApi',
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
resource "aws_api_gateway_deployment" "dev" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "dev"
}
`,
      findings: [
        {
          resourceId: 'aws_api_gateway_deployment.dev',
          line: 5,
          message:
            '(access_log_settings.destination_arn of an aws_api_gateway_stage)',
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
            'The $default stage that the target (quick create) of aws_apigatewayv2_api.quick creates has no access log settings',
        },
      ],
    },
    {
      name: "Terraform: the $default stages of a quick-created API's instances, one finding for them all where each instance has one",
      filename: 'main.tf',
      code: `
variable "n" {
  default = 2
}
resource "aws_apigatewayv2_api" "counted" {
  count         = var.n
  name          = "counted-\${count.index}"
  protocol_type = "HTTP"
  target        = "https://example.com/\${count.index}"
}
resource "aws_apigatewayv2_api" "some" {
  for_each      = { a = "https://example.com", b = null }
  name          = each.key
  protocol_type = "HTTP"
  target        = each.value
}
`,
      findings: [
        {
          resourceId: 'aws_apigatewayv2_api.counted',
          line: 5,
          message:
            'The $default stage that the target (quick create) of aws_apigatewayv2_api.counted creates',
        },
        {
          resourceId: 'aws_apigatewayv2_api.some["a"]',
          line: 11,
          message: 'of aws_apigatewayv2_api.some["a"] creates',
        },
      ],
    },
    {
      name: 'REST stage without access logs, HTTP stage with settings but no destination',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !ImportValue shared-http-api-id
      StageName: $default
      AccessLogSettings:
        Format: '$context.requestId'
`,
      findings: [
        {
          resourceId: 'ApiStage',
          line: 5,
          message: 'stage ApiStage has no access log settings',
        },
        { resourceId: 'HttpStage', line: 15, property: 'AccessLogSettings' },
      ],
    },
    {
      name: 'SAM implicit API: the finding names the function whose event creates it',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
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
        Post:
          Type: HttpApi
          Properties: { Path: /, Method: post }
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 13,
          message:
            'implicit REST API stage ServerlessRestApiProdStage that SAM creates for the Api events of Fn (whose settings go in Globals.Api) has no access log settings',
        },
        {
          resourceId: 'Fn',
          line: 16,
          message:
            'implicit HTTP API stage ServerlessHttpApiApiGatewayDefaultStage that SAM creates for the HttpApi events of Fn (whose settings go in Globals.HttpApi) has no access log settings',
        },
      ],
    },
    {
      name: 'SAM state machine with an Api event: SAM creates the implicit REST API for it too',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
Resources:
  Orders:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
      Events:
        Start:
          Type: Api
          Properties: { Path: /orders, Method: post }
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 12,
          message:
            'implicit REST API stage ServerlessRestApiProdStage that SAM creates for the Api events of Orders (whose settings go in Globals.Api) has no access log settings',
        },
      ],
    },
    {
      name: 'SAM Api and HttpApi without access logs',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
Resources:
  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration:
        AllowOrigins: ['*']
`,
      findings: [
        {
          resourceId: 'RestApi',
          line: 10,
          message: 'stage RestApiprodStage of RestApi',
        },
        { resourceId: 'HttpApi', line: 11 },
      ],
    },
    {
      name: 'SAM Api and implicit API with access logs, without OpenApiVersion: the stage Stage SAM creates beside theirs has none',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    AccessLogSetting:
      DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api
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
            'The stage Stage that SAM creates for REST API Api beside its own (OpenApiVersion is not set) has no access log settings, so failed and throttled requests to it cannot be investigated: set OpenApiVersion on API Api (or in Globals.Api) so that SAM does not create it.',
        },
        {
          resourceId: 'Fn',
          line: 18,
          message:
            'The stage Stage that SAM creates for REST API ServerlessRestApi beside its own (OpenApiVersion is not set) has no access log settings, so failed and throttled requests to it cannot be investigated: set OpenApiVersion in Globals.Api so that SAM does not create it.',
        },
      ],
    },
    {
      name: 'REST API whose only stage comes from a deployment without access logs',
      code: `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  ApiDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      StageDescription:
        ThrottlingRateLimit: 100
  UnrelatedDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !ImportValue shared-api-id
      StageName: prod
`,
      findings: [
        {
          resourceId: 'ApiDeployment',
          line: 10,
          property: 'StageDescription',
          message:
            'Deployment ApiDeployment, which creates the stage of REST API Api,',
        },
      ],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Api": { "Type": "AWS::ApiGateway::RestApi" },
    "ApiDeployment": {
      "Type": "AWS::ApiGateway::Deployment",
      "Properties": { "RestApiId": { "Ref": "Api" }, "StageName": "prod" }
    }
  }
}
`,
      findings: [{ resourceId: 'ApiDeployment', line: 5 }],
    },
  ],
});
