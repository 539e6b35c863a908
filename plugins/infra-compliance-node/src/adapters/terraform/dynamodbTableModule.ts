/**
 * The public registry module terraform-aws-modules/dynamodb-table/aws
 * (Apache-2.0), modelled as lambdaModule.ts models the lambda module: a
 * small HCL module of ours, expanded like a local one and placed at the
 * call's lines.
 *
 * Facts (input names, defaults, what each creates) from the module's
 * sources: main.tf at v6.x, whose `server_side_encryption` and
 * `point_in_time_recovery` inputs are objects (docs/UPGRADE-6.0.md), and
 * the flat inputs of 1.x to 5.x they replaced
 * (`server_side_encryption_enabled`, `server_side_encryption_kms_key_arn`,
 * `point_in_time_recovery_enabled`, all off by default), and `create_table`,
 * now `create`. A call writes the inputs of its release, never both, so the
 * model reads either. 6.x's `server_side_encryption` defaults to
 * `{ enabled = true }` (the AWS-managed key) and both objects' `enabled`
 * to true (`optional(bool, true)`); `point_in_time_recovery` defaults to
 * null, off. A call that writes neither encryption input is encrypted
 * unless its `version` admits only releases before 6.0 (see
 * {@link inputsOfVersion}). Every release tags the table with its name
 * (`Name = var.name`, merged into `tags`).
 *
 * Its replicas, each a `replica` block of the table as the module writes
 * it (a global table, see resources.ts): 1.x to 5.x take them as
 * `replica_regions`, a list of objects of any type whose `region_name` each
 * block reads and whose `kms_key_arn`, `propagate_tags` and
 * `point_in_time_recovery` it looks up (null where left out: the
 * provider's defaults, no tags and no point-in-time recovery); 6.x as
 * `replicas`, typed, where `propagate_tags` defaults to true and
 * `point_in_time_recovery` to null, and the table's own region is its
 * `region` input (null: its provider configuration's).
 *
 * What the rules read: the table (name, keys, billing, encryption,
 * point-in-time recovery, stream, tags, replicas) and the outputs callers
 * read (`dynamodb_table_arn`, `dynamodb_table_id`,
 * `dynamodb_table_stream_arn`): a function whose environment names the
 * table through them is wired to it (IAM-004). Simplified: a table with
 * autoscaling is one table here, where the module declares it as
 * `aws_dynamodb_table.autoscaled`; not modelled: the autoscaling policies,
 * indexes, TTL, import, the resource policy, a replica's
 * `consistency_mode` and deletion protection.
 */
import { onlyBefore } from './versionConstraints';

/** The release whose `server_side_encryption` defaults to `{ enabled = true }` (variables.tf at 6.x). */
const ENCRYPTED_SINCE = [6, 0, 0];

/** The inputs a call's `version` decides: from 6.0 on (and with no version, the latest) the table is encrypted by default. */
export function inputsOfVersion(version: unknown): Record<string, boolean> {
  return onlyBefore(version, ENCRYPTED_SINCE)
    ? {}
    : { server_side_encryption_enabled: true };
}

/** The model (HCL of ours, expanded like a local module). */
export const DYNAMODB_TABLE_MODULE = `
variable "create" { default = true }
variable "create_table" { default = true }
variable "name" { default = null }
variable "hash_key" { default = null }
variable "range_key" { default = null }
variable "billing_mode" { default = "PAY_PER_REQUEST" }
variable "read_capacity" { default = null }
variable "write_capacity" { default = null }
variable "table_class" { default = null }
variable "deletion_protection_enabled" { default = null }
variable "server_side_encryption" { default = null }
variable "server_side_encryption_enabled" { default = false }
variable "server_side_encryption_kms_key_arn" { default = null }
variable "point_in_time_recovery" { default = null }
variable "point_in_time_recovery_enabled" { default = false }
variable "stream_enabled" { default = false }
variable "stream_view_type" { default = null }
variable "tags" { default = {} }
variable "region" { default = null }
variable "replica_regions" { default = [] }
variable "replicas" {
  type = list(object({
    consistency_mode            = optional(string)
    deletion_protection_enabled = optional(bool, true)
    kms_key_arn                 = optional(string)
    point_in_time_recovery      = optional(bool)
    propagate_tags              = optional(bool, true)
    region_name                 = string
  }))
  default = []
}

resource "aws_dynamodb_table" "this" {
  count = var.create && var.create_table ? 1 : 0

  region                      = var.region
  name                        = var.name
  hash_key                    = var.hash_key
  range_key                   = var.range_key
  billing_mode                = var.billing_mode
  read_capacity               = var.billing_mode == "PROVISIONED" ? var.read_capacity : null
  write_capacity              = var.billing_mode == "PROVISIONED" ? var.write_capacity : null
  table_class                 = var.table_class
  deletion_protection_enabled = var.deletion_protection_enabled
  stream_enabled              = var.stream_enabled
  stream_view_type            = var.stream_view_type

  server_side_encryption {
    enabled     = var.server_side_encryption != null ? try(var.server_side_encryption.enabled, true) : var.server_side_encryption_enabled
    kms_key_arn = var.server_side_encryption != null ? try(var.server_side_encryption.kms_key_arn, null) : var.server_side_encryption_kms_key_arn
  }
  point_in_time_recovery {
    enabled = var.point_in_time_recovery != null ? try(var.point_in_time_recovery.enabled, true) : var.point_in_time_recovery_enabled
  }
  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name            = replica.value.region_name
      kms_key_arn            = lookup(replica.value, "kms_key_arn", null)
      propagate_tags         = lookup(replica.value, "propagate_tags", null)
      point_in_time_recovery = lookup(replica.value, "point_in_time_recovery", null)
    }
  }
  dynamic "replica" {
    for_each = var.replicas
    content {
      region_name            = replica.value.region_name
      kms_key_arn            = replica.value.kms_key_arn
      propagate_tags         = replica.value.propagate_tags
      point_in_time_recovery = replica.value.point_in_time_recovery
    }
  }

  tags = merge(var.tags, { Name = var.name })
}

output "dynamodb_table_arn" { value = try(aws_dynamodb_table.this[0].arn, "") }
output "dynamodb_table_id" { value = try(aws_dynamodb_table.this[0].id, "") }
output "dynamodb_table_stream_arn" { value = var.stream_enabled ? try(aws_dynamodb_table.this[0].stream_arn, "") : "" }
output "dynamodb_table_stream_label" { value = var.stream_enabled ? try(aws_dynamodb_table.this[0].stream_label, "") : "" }
`;
