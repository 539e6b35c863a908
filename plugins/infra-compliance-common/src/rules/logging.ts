import { RuleMetadata } from '../types';

/** Category `logging`: logs exist, are kept the right time, and are traceable. */
export const loggingRules: readonly RuleMetadata[] = [
  {
    id: 'LOG-001',
    title: 'Function has no log group of its own in the stack',
    category: 'logging',
    severity: 'medium',
    rationale:
      "Lambda then creates /aws/lambda/<function name> implicitly on the first invocation, outside the stack: with no retention (logs kept forever), no KMS key, left behind when the stack is deleted, and not available to the stack's alarms or metric filters.",
    remediation: {
      summary:
        "Declare a log group named /aws/lambda/<function name> (!Sub '/aws/lambda/${Function}', or an interpolation of the function's name), or set LoggingConfig.LogGroup, with a retention and a KMS key.",
      snippets: {
        cloudformation: `FunctionLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: !Sub '/aws/lambda/\${Function}'
    RetentionInDays: 30
    KmsKeyId: !GetAtt LogsKey.Arn`,
        terraform: `resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/\${aws_lambda_function.fn.function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}`,
        pulumi: `const fnLogs = new aws.cloudwatch.LogGroup('fn-logs', {
  name: pulumi.interpolate\`/aws/lambda/\${fn.name}\`,
  retentionInDays: 30,
  kmsKeyId: logsKey.arn,
});`,
        cdk: `const fnLogs = new logs.LogGroup(this, 'FnLogs', {
  retention: logs.RetentionDays.ONE_MONTH,
  encryptionKey: logsKey,
});
const fn = new lambda.Function(this, 'Fn', {
  // runtime, handler, code ...
  logGroup: fnLogs, // sets LoggingConfig.LogGroup
});`,
      },
    },
    seeds: ['001_be1f89cdd021749d: Issue 3: Missing CloudWatch Log Groups'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'LOG-002',
    title: 'Log group keeps logs forever',
    category: 'logging',
    severity: 'medium',
    rationale:
      "Without RetentionInDays (or with Terraform's and Pulumi's retention of 0 days, which their AWS provider reads as never expire) CloudWatch Logs never expires the log events: storage cost grows without bound, and personal data in the logs is kept longer than any retention policy allows.",
    remediation: {
      summary:
        'Set RetentionInDays (TF retention_in_days) to the period the team needs, for example 30 days.',
      snippets: {
        cloudformation: `FunctionLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: !Sub '/aws/lambda/\${Function}'
    RetentionInDays: 30`,
        terraform: `resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/\${aws_lambda_function.fn.function_name}"
  retention_in_days = 30
}`,
        pulumi: `const fnLogs = new aws.cloudwatch.LogGroup('fn-logs', {
  name: pulumi.interpolate\`/aws/lambda/\${fn.name}\`,
  retentionInDays: 30,
});`,
        cdk: `const fnLogs = new logs.LogGroup(this, 'FnLogs', {
  retention: logs.RetentionDays.ONE_MONTH,
});`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 3: Missing CloudWatch Log Groups',
      '004_fbb7571581d294cd: Cost Inefficiency Issues: No Log Retention',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'LOG-003',
    title: 'Function does not have active X-Ray tracing',
    category: 'logging',
    severity: 'low',
    rationale:
      'Without active tracing, a request that crosses API Gateway, several functions, queues and tables leaves no trace, so a slow or failing step cannot be followed from one service to the next.',
    remediation: {
      summary:
        'Set TracingConfig.Mode: Active (SAM Tracing: Active, e.g. in Globals; TF tracing_config { mode = "Active" }) and make sure the role can write to X-Ray (IAM-005).',
      snippets: {
        cloudformation: `Globals:
  Function:
    Tracing: Active      # SAM; adds X-Ray write access to the roles SAM creates
Resources:
  Function:              # plain CloudFormation
    Type: AWS::Lambda::Function
    Properties:
      TracingConfig:
        Mode: Active`,
        terraform: `resource "aws_lambda_function" "fn" {
  # ...
  tracing_config {
    mode = "Active"
  }
}`,
        pulumi: `const fn = new aws.lambda.Function('fn', {
  // ...
  tracingConfig: { mode: 'Active' },
});`,
        cdk: `const fn = new lambda.Function(this, 'Fn', {
  // runtime, handler, code ...
  tracing: lambda.Tracing.ACTIVE,
});`,
      },
    },
    seeds: ['001_be1f89cdd021749d: Issue 1: Missing X-Ray Policy Attachments'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'LOG-004',
    title: 'API Gateway stage has no access logs',
    category: 'logging',
    severity: 'medium',
    rationale:
      'Metrics show that requests failed, but only access logs show which caller, route, status and integration error; without them 4xx/5xx responses, throttled clients and abuse cannot be investigated after the fact.',
    remediation: {
      summary:
        "Set the stage's AccessLogSetting (HTTP API: AccessLogSettings; TF access_log_settings) with a log group DestinationArn and a Format that includes the request ID, status and integration error. REST APIs also need the account's API Gateway CloudWatch Logs role.",
      snippets: {
        cloudformation: `ApiStage:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref ApiDeployment
    StageName: prod
    AccessLogSetting:
      DestinationArn: !GetAtt ApiAccessLogs.Arn
      Format: '{"requestId":"$context.requestId","status":"$context.status","error":"$context.integrationErrorMessage"}'`,
        terraform: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      status    = "$context.status"
      error     = "$context.integrationErrorMessage"
    })
  }
}`,
        pulumi: `const stage = new aws.apigateway.Stage('prod', {
  restApi: api.id,
  deployment: deployment.id,
  stageName: 'prod',
  accessLogSettings: {
    destinationArn: apiAccessLogs.arn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      status: '$context.status',
      error: '$context.integrationErrorMessage',
    }),
  },
});`,
        cdk: `const api = new apigateway.RestApi(this, 'Api', {
  deployOptions: {
    accessLogDestination: new apigateway.LogGroupLogDestination(apiAccessLogs),
    accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
  },
});`,
      },
    },
    seeds: [],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
