# projectX data pipeline in Terraform, seed 000 with its fixes: one role per
# function (each allowed exactly what it does), log groups encrypted with a
# customer-managed KMS key, a dead-letter queue per function (14 days,
# encrypted, alarmed), alarms on function errors, and dataProcessor allowed to
# invoke responseHandler.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  default_tags {
    tags = {
      project = "projectX"
    }
  }
}

variable "environment" {
  type        = string
  default     = "dev"
  description = "Deployment environment, used in resource names"
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  functions = {
    data_processor   = "projectx-data-processor-${var.environment}"
    response_handler = "projectx-response-handler-${var.environment}"
  }
}

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "EnableAccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "AllowCloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:*"]
    }
  }
}

resource "aws_kms_key" "logs" {
  description         = "KMS key for encrypting projectX CloudWatch Logs"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.logs_key.json
}

data "aws_iam_policy_document" "alarm_topic_key" {
  statement {
    sid       = "EnableAccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "AllowCloudWatchAlarmsToPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "alarm_topic" {
  description         = "KMS key for the projectX alarm topic (CloudWatch alarms publish to it)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarm_topic_key.json
}

resource "aws_sns_topic" "alarms" {
  name              = "projectx-alarms-${var.environment}"
  kms_master_key_id = aws_kms_key.alarm_topic.id
}

resource "aws_sqs_queue" "data_processor_dlq" {
  name                      = "projectx-data-processor-dlq-${var.environment}"
  message_retention_seconds = 1209600 # 14 days
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "response_handler_dlq" {
  name                      = "projectx-response-handler-dlq-${var.environment}"
  message_retention_seconds = 1209600 # 14 days
  sqs_managed_sse_enabled   = true
}

# One role per function.
resource "aws_iam_role" "data_processor" {
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  inline_policy {
    name = "data-processor"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${aws_cloudwatch_log_group.data_processor.arn}:*"
        },
        {
          Effect   = "Allow"
          Action   = ["sqs:SendMessage"]
          Resource = aws_sqs_queue.data_processor_dlq.arn
        },
        {
          Effect   = "Allow"
          Action   = ["lambda:InvokeFunction"]
          Resource = aws_lambda_function.response_handler.arn
        },
        {
          Effect   = "Allow"
          Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
          Resource = "*"
        },
      ]
    })
  }
}

resource "aws_iam_role" "response_handler" {
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json

  inline_policy {
    name = "response-handler"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${aws_cloudwatch_log_group.response_handler.arn}:*"
        },
        {
          Effect   = "Allow"
          Action   = ["sqs:SendMessage"]
          Resource = aws_sqs_queue.response_handler_dlq.arn
        },
        {
          Effect   = "Allow"
          Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
          Resource = "*"
        },
      ]
    })
  }
}

resource "aws_lambda_function" "data_processor" {
  function_name = local.functions.data_processor
  description   = "Transforms incoming records and forwards them to the response handler"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  memory_size   = 256
  timeout       = 30
  role          = aws_iam_role.data_processor.arn
  filename      = "${path.module}/dist/data-processor.zip"

  environment {
    variables = {
      RESPONSE_HANDLER_FUNCTION = aws_lambda_function.response_handler.function_name
      ENVIRONMENT               = var.environment
    }
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.data_processor_dlq.arn
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.data_processor.name
  }
}

resource "aws_lambda_function" "response_handler" {
  function_name = local.functions.response_handler
  description   = "Builds and delivers the response for processed records"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  memory_size   = 256
  timeout       = 30
  role          = aws_iam_role.response_handler.arn
  filename      = "${path.module}/dist/response-handler.zip"

  environment {
    variables = {
      ENVIRONMENT = var.environment
    }
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.response_handler_dlq.arn
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.response_handler.name
  }
}

resource "aws_cloudwatch_log_group" "data_processor" {
  name              = "/aws/lambda/${local.functions.data_processor}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "response_handler" {
  name              = "/aws/lambda/${local.functions.response_handler}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = {
    data_processor   = aws_lambda_function.data_processor.function_name
    response_handler = aws_lambda_function.response_handler.function_name
  }

  alarm_name          = "${each.value}-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "data_processor_dlq" {
  alarm_name          = "projectx-data-processor-dlq-${var.environment}"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.data_processor_dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "response_handler_dlq" {
  alarm_name          = "projectx-response-handler-dlq-${var.environment}"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.response_handler_dlq.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

output "data_processor_function_arn" {
  description = "ARN of the dataProcessor function"
  value       = aws_lambda_function.data_processor.arn
}

output "response_handler_function_arn" {
  description = "ARN of the responseHandler function"
  value       = aws_lambda_function.response_handler.arn
}

output "alarm_topic_arn" {
  description = "Topic the alarms publish to"
  value       = aws_sns_topic.alarms.arn
}

output "dead_letter_queue_urls" {
  description = "Dead-letter queues of dataProcessor and responseHandler"
  value       = [aws_sqs_queue.data_processor_dlq.url, aws_sqs_queue.response_handler_dlq.url]
}
