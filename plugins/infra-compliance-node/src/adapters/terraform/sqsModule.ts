/**
 * The public registry module terraform-aws-modules/sqs/aws (Apache-2.0),
 * modelled as lambdaModule.ts models the lambda module: a small HCL module
 * of ours, expanded like a local one and placed at the call's lines.
 *
 * Facts (input names, defaults, what each creates) from the module's
 * sources at v5.x (main.tf, variables.tf, outputs.tf; the release that
 * added the `region` input), which match v4.x in what the rules read; 4.x
 * gives a queue with both a KMS key and SQS-managed encryption the managed
 * one, 5.x the key: encrypted either way. Before 4.0 (UPGRADE-4.0.md) the
 * module made no dead-letter queue, and `sqs_managed_sse_enabled`
 * defaulted to false (see {@link inputsOfVersion}); its outputs were
 * named `sqs_queue_*`, kept here as well.
 *
 * What the rules read: the queue (name, FIFO, visibility timeout,
 * retention, KMS key or SQS-managed encryption, tags); with `create_dlq`
 * its dead-letter queue (the `dlq_*` inputs, else the queue's) and the
 * redrive policy that names it (maxReceiveCount 5 unless `redrive_policy`
 * says otherwise); without, the `redrive_policy` the call gives; the queue
 * policies. The `*_arn_static` outputs are the queues' ARNs, which they
 * spell out. Not modelled: the redrive allow policies, the `region` input,
 * message sizes and delays.
 */
import type { MessageNames } from './modelledModules';
import { onlyBefore } from './versionConstraints';

/** The release that made SQS-managed encryption the default (`sqs_managed_sse_enabled` false before; UPGRADE-4.0.md). */
const MANAGED_SSE_SINCE = [4, 0, 0];

/** The inputs a call's `version` decides: releases before 4.0 encrypt nothing by default. */
export function inputsOfVersion(version: unknown): Record<string, boolean> {
  return onlyBefore(version, MANAGED_SSE_SINCE)
    ? { sqs_managed_sse_enabled: false }
    : {};
}

/**
 * What messages name beyond the inputs read: the dead-letter queue's
 * retention is set by `dlq_message_retention_seconds`, which the module
 * takes over the queue's `message_retention_seconds` (main.tf:
 * `coalesce(var.dlq_message_retention_seconds, var.message_retention_seconds)`);
 * where the call gives only the latter a value, that value is the one
 * named, with the input that sets the dead-letter queue's alone; where
 * neither has one, `dlq_message_retention_seconds` is the input to write.
 * The queue gets a redrive policy naming a dead-letter queue the module
 * makes with `create_dlq = true`.
 */
export const SQS_MESSAGE_NAMES: MessageNames = {
  'aws_sqs_queue.this': {
    redrive_policy:
      'redrive_policy (create_dlq = true makes a dead-letter queue and names it there)',
  },
  'aws_sqs_queue.dlq': {
    message_retention_seconds: (input, value) => {
      if (input !== 'message_retention_seconds') return input;
      return value === undefined || value === null
        ? 'dlq_message_retention_seconds'
        : 'dlq_message_retention_seconds unset, so message_retention_seconds';
    },
  },
};

// The dead-letter queue's settings read its own input last: messages name it when the call writes neither.
/** The model (HCL of ours, expanded like a local module). */
export const SQS_MODULE = `
variable "create" { default = true }
variable "name" { default = null }
variable "use_name_prefix" { default = false }
variable "fifo_queue" { default = false }
variable "visibility_timeout_seconds" { default = null }
variable "message_retention_seconds" { default = null }
variable "delay_seconds" { default = null }
variable "receive_wait_time_seconds" { default = null }
variable "kms_master_key_id" { default = null }
variable "kms_data_key_reuse_period_seconds" { default = null }
variable "sqs_managed_sse_enabled" { default = true }
variable "tags" { default = {} }
variable "create_queue_policy" { default = false }
variable "queue_policy_statements" { default = null }
variable "redrive_policy" { default = {} }
variable "create_dlq" { default = false }
variable "dlq_name" { default = null }
variable "dlq_message_retention_seconds" { default = null }
variable "dlq_visibility_timeout_seconds" { default = null }
variable "dlq_delay_seconds" { default = null }
variable "dlq_receive_wait_time_seconds" { default = null }
variable "dlq_kms_master_key_id" { default = null }
variable "dlq_kms_data_key_reuse_period_seconds" { default = null }
variable "dlq_sqs_managed_sse_enabled" { default = true }
variable "dlq_tags" { default = {} }
variable "create_dlq_queue_policy" { default = false }
variable "dlq_queue_policy_statements" { default = null }

locals {
  name       = var.name == null ? null : trimsuffix(var.name, ".fifo")
  queue_name = var.use_name_prefix || local.name == null ? null : (var.fifo_queue ? "\${local.name}.fifo" : local.name)
  dlq_base   = var.dlq_name == null ? (local.name == null ? null : "\${local.name}-dlq") : trimsuffix(var.dlq_name, ".fifo")
  dlq_name   = var.fifo_queue && !var.use_name_prefix && local.dlq_base != null ? "\${local.dlq_base}.fifo" : local.dlq_base

  dlq_kms_master_key_id       = var.dlq_kms_master_key_id == null ? var.kms_master_key_id : var.dlq_kms_master_key_id
  dlq_sqs_managed_sse_enabled = var.dlq_sqs_managed_sse_enabled == null ? var.sqs_managed_sse_enabled : var.dlq_sqs_managed_sse_enabled
}

resource "aws_sqs_queue" "this" {
  count = var.create ? 1 : 0

  name                              = local.queue_name
  name_prefix                       = var.use_name_prefix ? "\${local.name}-" : null
  fifo_queue                        = var.fifo_queue
  visibility_timeout_seconds        = var.visibility_timeout_seconds
  message_retention_seconds         = var.message_retention_seconds
  delay_seconds                     = var.delay_seconds
  receive_wait_time_seconds         = var.receive_wait_time_seconds
  kms_master_key_id                 = var.kms_master_key_id
  kms_data_key_reuse_period_seconds = var.kms_data_key_reuse_period_seconds
  sqs_managed_sse_enabled           = var.kms_master_key_id != null ? null : var.sqs_managed_sse_enabled

  tags = var.tags
}

data "aws_iam_policy_document" "this" {
  count = var.create && var.create_queue_policy ? 1 : 0

  dynamic "statement" {
    for_each = var.queue_policy_statements != null ? var.queue_policy_statements : {}
    content {
      sid           = try(statement.value.sid, statement.key)
      effect        = try(statement.value.effect, "Allow")
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      resources     = try(statement.value.resources, null) != null ? statement.value.resources : [aws_sqs_queue.this[0].arn]
      not_resources = try(statement.value.not_resources, null)
      dynamic "principals" {
        for_each = try(statement.value.principals, null) != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
      dynamic "condition" {
        for_each = concat(try(statement.value.condition, null) != null ? statement.value.condition : [], try(statement.value.conditions, null) != null ? statement.value.conditions : [])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  count = var.create && var.create_queue_policy ? 1 : 0

  queue_url = aws_sqs_queue.this[0].url
  policy    = data.aws_iam_policy_document.this[0].json
}

resource "aws_sqs_queue_redrive_policy" "this" {
  count = var.create && !var.create_dlq && length(var.redrive_policy) > 0 ? 1 : 0

  queue_url      = aws_sqs_queue.this[0].url
  redrive_policy = jsonencode(var.redrive_policy)
}

resource "aws_sqs_queue_redrive_policy" "dlq" {
  count = var.create && var.create_dlq ? 1 : 0

  queue_url      = aws_sqs_queue.this[0].url
  redrive_policy = jsonencode(merge({ deadLetterTargetArn = aws_sqs_queue.dlq[0].arn, maxReceiveCount = 5 }, var.redrive_policy))
}

resource "aws_sqs_queue" "dlq" {
  count = var.create && var.create_dlq ? 1 : 0

  name                              = var.use_name_prefix ? null : local.dlq_name
  name_prefix                       = var.use_name_prefix ? "\${local.dlq_name}-" : null
  fifo_queue                        = var.fifo_queue
  visibility_timeout_seconds        = var.dlq_visibility_timeout_seconds == null ? var.visibility_timeout_seconds : var.dlq_visibility_timeout_seconds
  message_retention_seconds         = var.dlq_message_retention_seconds == null ? var.message_retention_seconds : var.dlq_message_retention_seconds
  delay_seconds                     = var.dlq_delay_seconds == null ? var.delay_seconds : var.dlq_delay_seconds
  receive_wait_time_seconds         = var.dlq_receive_wait_time_seconds == null ? var.receive_wait_time_seconds : var.dlq_receive_wait_time_seconds
  kms_master_key_id                 = local.dlq_kms_master_key_id
  kms_data_key_reuse_period_seconds = var.dlq_kms_data_key_reuse_period_seconds == null ? var.kms_data_key_reuse_period_seconds : var.dlq_kms_data_key_reuse_period_seconds
  sqs_managed_sse_enabled           = local.dlq_kms_master_key_id != null ? null : local.dlq_sqs_managed_sse_enabled

  tags = merge(var.tags, var.dlq_tags)
}

data "aws_iam_policy_document" "dlq" {
  count = var.create && var.create_dlq && var.create_dlq_queue_policy ? 1 : 0

  dynamic "statement" {
    for_each = var.dlq_queue_policy_statements != null ? var.dlq_queue_policy_statements : {}
    content {
      sid           = try(statement.value.sid, statement.key)
      effect        = try(statement.value.effect, "Allow")
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      resources     = try(statement.value.resources, null) != null ? statement.value.resources : [aws_sqs_queue.dlq[0].arn]
      not_resources = try(statement.value.not_resources, null)
      dynamic "principals" {
        for_each = try(statement.value.principals, null) != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
      dynamic "condition" {
        for_each = concat(try(statement.value.condition, null) != null ? statement.value.condition : [], try(statement.value.conditions, null) != null ? statement.value.conditions : [])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_sqs_queue_policy" "dlq" {
  count = var.create && var.create_dlq && var.create_dlq_queue_policy ? 1 : 0

  queue_url = aws_sqs_queue.dlq[0].url
  policy    = data.aws_iam_policy_document.dlq[0].json
}

output "queue_id" { value = try(aws_sqs_queue.this[0].url, null) }
output "queue_arn" { value = try(aws_sqs_queue.this[0].arn, null) }
output "queue_arn_static" { value = try(aws_sqs_queue.this[0].arn, "") }
output "queue_url" { value = try(aws_sqs_queue.this[0].url, null) }
output "queue_name" { value = try(aws_sqs_queue.this[0].name, null) }
output "dead_letter_queue_id" { value = try(aws_sqs_queue.dlq[0].url, null) }
output "dead_letter_queue_arn" { value = try(aws_sqs_queue.dlq[0].arn, null) }
output "dead_letter_queue_arn_static" { value = try(aws_sqs_queue.dlq[0].arn, "") }
output "dead_letter_queue_url" { value = try(aws_sqs_queue.dlq[0].url, null) }
output "dead_letter_queue_name" { value = try(aws_sqs_queue.dlq[0].name, null) }
output "sqs_queue_id" { value = try(aws_sqs_queue.this[0].url, "") }
output "sqs_queue_arn" { value = try(aws_sqs_queue.this[0].arn, "") }
output "sqs_queue_name" { value = try(aws_sqs_queue.this[0].name, "") }
`;
