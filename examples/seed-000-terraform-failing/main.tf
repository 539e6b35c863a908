# projectX data pipeline in Terraform: dataProcessor transforms incoming
# records and hands each result to responseHandler (asynchronous invocation).
# Seed 000, as the model wrote it: one shared execution role, no dead-letter
# queues, log groups without KMS encryption, no alarms, and no permission for
# dataProcessor to invoke responseHandler.

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

# Seed 000 "Shared IAM role instead of separate roles": one role for both functions.
resource "aws_iam_role" "lambda_execution" {
  name               = "projectx-lambda-execution-${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

# Seed 000 "Missing SQS permissions in IAM roles" and "Missing Lambda invoke
# permission for dataProcessor": only basic execution, no sqs:SendMessage,
# no lambda:InvokeFunction.
resource "aws_iam_role_policy_attachment" "basic_execution" {
  role       = aws_iam_role.lambda_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# Seed 000 "No dead-letter queues for Lambda error handling": no dead_letter_config.
resource "aws_lambda_function" "data_processor" {
  function_name = "projectx-data-processor-${var.environment}"
  description   = "Transforms incoming records and forwards them to the response handler"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  memory_size   = 256
  timeout       = 30
  role          = aws_iam_role.lambda_execution.arn
  filename      = "${path.module}/dist/data-processor.zip"

  environment {
    variables = {
      RESPONSE_HANDLER_FUNCTION = aws_lambda_function.response_handler.function_name
      ENVIRONMENT               = var.environment
    }
  }
}

resource "aws_lambda_function" "response_handler" {
  function_name = "projectx-response-handler-${var.environment}"
  description   = "Builds and delivers the response for processed records"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  memory_size   = 256
  timeout       = 30
  role          = aws_iam_role.lambda_execution.arn
  filename      = "${path.module}/dist/response-handler.zip"

  environment {
    variables = {
      ENVIRONMENT = var.environment
    }
  }
}

# Seed 000 "Missing KMS encryption for CloudWatch Logs": no kms_key_id.
resource "aws_cloudwatch_log_group" "data_processor" {
  name              = "/aws/lambda/${aws_lambda_function.data_processor.function_name}"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "response_handler" {
  name              = "/aws/lambda/${aws_lambda_function.response_handler.function_name}"
  retention_in_days = 30
}

# Seed 000 "No CloudWatch alarms for error monitoring": no alarm resources at all.

output "data_processor_function_arn" {
  description = "ARN of the dataProcessor function"
  value       = aws_lambda_function.data_processor.arn
}

output "response_handler_function_arn" {
  description = "ARN of the responseHandler function"
  value       = aws_lambda_function.response_handler.arn
}
