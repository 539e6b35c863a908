/** Synthetic infrastructure code the benchmarks scan. */

/**
 * A Terraform module of `services` services (a queue with its dead-letter
 * queue, a role and its policy, a function, an alarm, an API and its stage),
 * their names numbered from `prefix`: what the benchmarks scale and name.
 */
export function terraformServices(services: number, prefix = ''): string {
  const out: string[] = [];
  for (let index = 0; index < services; index++) {
    const i = `${prefix}${index}`;
    out.push(`
resource "aws_sqs_queue" "q${i}" {
  name           = "q-${i}"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq${i}.arn, maxReceiveCount = 5 })
}
resource "aws_sqs_queue" "dlq${i}" { name = "dlq-${i}" }
resource "aws_iam_role" "r${i}" {
  name               = "r-${i}"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "p${i}" {
  role   = aws_iam_role.r${i}.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = aws_sqs_queue.q${i}.arn }] })
}
resource "aws_lambda_function" "f${i}" {
  function_name = "f-${i}"
  role          = aws_iam_role.r${i}.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  environment { variables = { QUEUE_URL = aws_sqs_queue.q${i}.url } }
  dead_letter_config { target_arn = aws_sqs_queue.dlq${i}.arn }
}
resource "aws_cloudwatch_metric_alarm" "e${i}" {
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.f${i}.function_name }
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  period              = 60
  statistic           = "Sum"
}
resource "aws_api_gateway_rest_api" "api${i}" { name = "api-${i}" }
resource "aws_api_gateway_stage" "s${i}" {
  rest_api_id = aws_api_gateway_rest_api.api${i}.id
  stage_name  = "prod"
}
`);
  }
  return out.join('');
}

/**
 * A CloudFormation template of `services` services, the same as
 * {@link terraformServices}, their logical ids and names numbered from
 * `prefix`.
 */
export function cloudFormationServices(services: number, prefix = ''): string {
  const out = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:'];
  for (let index = 0; index < services; index++) {
    const i = `${prefix}${index}`;
    out.push(`  Q${i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: q-${i}
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq${i}.Arn, maxReceiveCount: 5 }
  Dlq${i}:
    Type: AWS::SQS::Queue
    Properties: { QueueName: dlq-${i} }
  R${i}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: r-${i}
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: p-${i}
          PolicyDocument:
            Statement: [{ Effect: Allow, Action: [sqs:SendMessage], Resource: !GetAtt Q${i}.Arn }]
  F${i}:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: f-${i}
      Role: !GetAtt R${i}.Arn
      Runtime: nodejs22.x
      Handler: index.handler
      Code: { ZipFile: 'exports.handler = async () => {}' }
      Environment: { Variables: { QUEUE_URL: !Ref Q${i} } }
      DeadLetterConfig: { TargetArn: !GetAtt Dlq${i}.Arn }
  E${i}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref F${i} }]
      ComparisonOperator: GreaterThanThreshold
      Threshold: 0
      EvaluationPeriods: 1
      Period: 60
      Statistic: Sum
  Api${i}:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api-${i} }
  S${i}:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Api${i}, StageName: prod }`);
  }
  return `${out.join('\n')}\n`;
}
