/**
 * The submodule notification of the public registry module
 * terraform-aws-modules/s3-bucket/aws (Apache-2.0), called as
 * `terraform-aws-modules/s3-bucket/aws//modules/notification`, modelled as
 * lambdaModule.ts models the lambda module: a small HCL module of ours,
 * expanded like a local one and placed at the call's lines.
 *
 * Facts (input names, defaults, what each creates) from the submodule's
 * sources (modules/notification/main.tf, variables.tf, outputs.tf), alike
 * in 3.x and 4.x in what the rules read, and the CHANGELOG (4.4.0 added
 * `create_lambda_permission`, which the model takes as on unless the call
 * turns it off, as a call written before 4.4 has it).
 *
 * What the rules read: the bucket's notification configuration (one
 * `aws_s3_bucket_notification` on the bucket `bucket` names, made when any
 * of the three maps is not empty), whose Lambda notifications
 * (`lambda_notifications`: `function_arn`, `events`) make S3 invoke those
 * functions asynchronously (DLQ-001); the `aws_lambda_permission` it makes
 * for each (principal `s3.amazonaws.com`, `function_name`, source the
 * bucket's ARN). Queue and topic notifications are written as the module
 * writes them (no rule reads them on a bucket). Not modelled: the queue and
 * topic policies it makes (`create_sqs_policy`, `create_sns_policy`;
 * resource policies no rule judges), EventBridge delivery (`eventbridge`).
 */

/** The model (HCL of ours, expanded like a local module). */
export const S3_NOTIFICATION_MODULE = `
variable "create" { default = true }
variable "create_lambda_permission" { default = true }
variable "bucket" { default = "" }
variable "bucket_arn" { default = null }
variable "lambda_notifications" { default = {} }
variable "sqs_notifications" { default = {} }
variable "sns_notifications" { default = {} }

locals {
  bucket_arn = coalesce(var.bucket_arn, "arn:aws:s3:::\${var.bucket}")
}

resource "aws_s3_bucket_notification" "this" {
  count = var.create && (length(var.lambda_notifications) > 0 || length(var.sqs_notifications) > 0 || length(var.sns_notifications) > 0) ? 1 : 0

  bucket = var.bucket

  dynamic "lambda_function" {
    for_each = var.lambda_notifications
    content {
      id                  = lambda_function.key
      lambda_function_arn = lambda_function.value.function_arn
      events              = lambda_function.value.events
      filter_prefix       = try(lambda_function.value.filter_prefix, null)
      filter_suffix       = try(lambda_function.value.filter_suffix, null)
    }
  }

  dynamic "queue" {
    for_each = var.sqs_notifications
    content {
      id            = queue.key
      queue_arn     = queue.value.queue_arn
      events        = queue.value.events
      filter_prefix = try(queue.value.filter_prefix, null)
      filter_suffix = try(queue.value.filter_suffix, null)
    }
  }

  dynamic "topic" {
    for_each = var.sns_notifications
    content {
      id            = topic.key
      topic_arn     = topic.value.topic_arn
      events        = topic.value.events
      filter_prefix = try(topic.value.filter_prefix, null)
      filter_suffix = try(topic.value.filter_suffix, null)
    }
  }
}

resource "aws_lambda_permission" "allow" {
  for_each = { for key, notification in var.lambda_notifications : key => notification if var.create_lambda_permission }

  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  qualifier     = try(each.value.qualifier, null)
  principal     = "s3.amazonaws.com"
  source_arn    = local.bucket_arn
}

output "s3_bucket_notification_id" { value = try(aws_s3_bucket_notification.this[0].id, "") }
`;
