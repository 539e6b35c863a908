/**
 * The public registry module terraform-aws-modules/sns/aws (Apache-2.0),
 * modelled as lambdaModule.ts models the lambda module: a small HCL module
 * of ours, expanded like a local one and placed at the call's lines.
 *
 * Facts (input names, defaults, what each creates) from the module's
 * sources at v7.x (main.tf, variables.tf, outputs.tf; the release that
 * added the `region` input), which match 5.x and 6.x in what the rules
 * read. 5.0 (docs/UPGRADE-5.0.md) renamed `create_sns_topic` to `create`
 * and stripped the `sns_` prefix from the outputs, and added the
 * subscriptions: a call written for 4.x is read with both names, which
 * never meet in one call.
 *
 * What the rules read: the topic (name, FIFO, KMS key, tags) and the
 * subscriptions the `subscriptions` map gives (protocol, endpoint,
 * redrive policy: an SQS queue it names is a dead-letter queue ALM-002
 * watches; a Lambda endpoint is a function SNS invokes asynchronously,
 * for DLQ-001). Not modelled: the topic policy (a resource policy no rule
 * judges), feedback roles, the data protection policy.
 */

/** The model (HCL of ours, expanded like a local module). */
export const SNS_MODULE = `
variable "create" { default = true }
variable "create_sns_topic" { default = true }
variable "name" { default = null }
variable "name_prefix" { default = null }
variable "use_name_prefix" { default = false }
variable "display_name" { default = null }
variable "fifo_topic" { default = false }
variable "content_based_deduplication" { default = false }
variable "kms_master_key_id" { default = null }
variable "tags" { default = {} }
variable "create_subscription" { default = true }
variable "subscriptions" { default = {} }

locals {
  create = var.create && var.create_sns_topic
  name   = var.name == null ? null : trimsuffix(var.name, ".fifo")
  prefix = var.name_prefix != null ? var.name_prefix : (var.use_name_prefix ? "\${local.name}-" : null)
}

resource "aws_sns_topic" "this" {
  count = local.create ? 1 : 0

  name                        = local.prefix != null || local.name == null ? null : (var.fifo_topic ? "\${local.name}.fifo" : local.name)
  name_prefix                 = local.prefix
  display_name                = var.display_name
  fifo_topic                  = var.fifo_topic
  content_based_deduplication = var.content_based_deduplication
  kms_master_key_id           = var.kms_master_key_id

  tags = var.tags
}

resource "aws_sns_topic_subscription" "this" {
  for_each = { for name, subscription in var.subscriptions : name => subscription if local.create && var.create_subscription }

  topic_arn            = aws_sns_topic.this[0].arn
  protocol             = each.value.protocol
  endpoint             = each.value.endpoint
  raw_message_delivery = try(each.value.raw_message_delivery, null)
  filter_policy        = try(each.value.filter_policy, null)
  redrive_policy       = try(each.value.redrive_policy, null)
}

output "topic_arn" { value = try(aws_sns_topic.this[0].arn, null) }
output "topic_id" { value = try(aws_sns_topic.this[0].id, null) }
output "topic_name" { value = try(aws_sns_topic.this[0].name, null) }
output "subscriptions" { value = aws_sns_topic_subscription.this }
output "sns_topic_arn" { value = try(aws_sns_topic.this[0].arn, "") }
output "sns_topic_id" { value = try(aws_sns_topic.this[0].id, "") }
output "sns_topic_name" { value = try(aws_sns_topic.this[0].name, "") }
`;
