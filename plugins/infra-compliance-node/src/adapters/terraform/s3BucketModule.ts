/**
 * The public registry module terraform-aws-modules/s3-bucket/aws
 * (Apache-2.0), root module, modelled as lambdaModule.ts models the lambda
 * module: a small HCL module of ours, expanded like a local one and placed
 * at the call's lines.
 *
 * Facts (input names, defaults, what each creates) from the module's
 * sources: main.tf and outputs.tf at v5.8 (CHANGELOG 5.8.1; the release
 * line with the `region` input and directory buckets), whose bucket,
 * bucket policy and outputs read here are those of 3.x and 4.x alike
 * (`create_bucket`, `bucket`, `bucket_prefix`, `tags`, the `attach_*`
 * policy switches, all off by default; `s3_bucket_id`, `s3_bucket_arn`).
 *
 * What the rules read of a bucket: its tags (OPS-003), its name and ARN
 * (a function whose environment names it through the outputs is wired to
 * it: IAM-004; a grant on it covers it), and whether a bucket policy
 * denies requests where aws:SecureTransport is false (ENC-006). The
 * module makes one bucket policy when any `attach_*` switch is on, the
 * document `combined` of the policies they switch on; of those, only
 * `attach_deny_insecure_transport_policy` (statement `denyInsecureTransport`)
 * denies insecure transport, and `attach_policy`'s `policy` is the
 * caller's own (merged in, so not known here). The other switches' statements
 * (log delivery allows, TLS-version and encryption-header denials) are not
 * written out: none of them denies insecure transport. The module writes
 * placeholders (`_S3_BUCKET_ARN_`) it replaces with the bucket's ARN; the
 * model writes the ARN.
 *
 * Not modelled (no rule reads them): the directory bucket
 * (`is_directory_bucket`), server-side encryption configuration
 * (ENC-006 is about transport, no rule judges a bucket's encryption),
 * versioning, logging, ACLs, public access block, lifecycle, replication,
 * website, CORS, inventory, analytics, metrics, object lock.
 */

/** The model (HCL of ours, expanded like a local module). */
export const S3_BUCKET_MODULE = `
variable "create_bucket" { default = true }
variable "putin_khuylo" { default = true }
variable "is_directory_bucket" { default = false }
variable "bucket" { default = null }
variable "bucket_prefix" { default = null }
variable "force_destroy" { default = false }
variable "object_lock_enabled" { default = false }
variable "tags" { default = {} }
variable "attach_policy" { default = false }
variable "policy" { default = null }
variable "attach_deny_insecure_transport_policy" { default = false }
variable "attach_require_latest_tls_policy" { default = false }
variable "attach_access_log_delivery_policy" { default = false }
variable "attach_elb_log_delivery_policy" { default = false }
variable "attach_lb_log_delivery_policy" { default = false }
variable "attach_cloudtrail_log_delivery_policy" { default = false }
variable "attach_waf_log_delivery_policy" { default = false }
variable "attach_inventory_destination_policy" { default = false }
variable "attach_analytics_destination_policy" { default = false }
variable "attach_deny_incorrect_encryption_headers" { default = false }
variable "attach_deny_incorrect_kms_key_sse" { default = false }
variable "attach_deny_unencrypted_object_uploads" { default = false }
variable "attach_deny_ssec_encrypted_object_uploads" { default = false }

locals {
  create_bucket = var.create_bucket && var.putin_khuylo && !var.is_directory_bucket
  attach_policy = var.attach_require_latest_tls_policy || var.attach_access_log_delivery_policy || var.attach_elb_log_delivery_policy || var.attach_lb_log_delivery_policy || var.attach_cloudtrail_log_delivery_policy || var.attach_deny_insecure_transport_policy || var.attach_inventory_destination_policy || var.attach_analytics_destination_policy || var.attach_deny_incorrect_encryption_headers || var.attach_deny_incorrect_kms_key_sse || var.attach_deny_unencrypted_object_uploads || var.attach_deny_ssec_encrypted_object_uploads || var.attach_policy || var.attach_waf_log_delivery_policy
}

resource "aws_s3_bucket" "this" {
  count = local.create_bucket ? 1 : 0

  bucket              = var.bucket
  bucket_prefix       = var.bucket_prefix
  force_destroy       = var.force_destroy
  object_lock_enabled = var.object_lock_enabled
  tags                = var.tags
}

resource "aws_s3_bucket_policy" "this" {
  count = local.create_bucket && local.attach_policy ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  policy = data.aws_iam_policy_document.combined[0].json
}

data "aws_iam_policy_document" "combined" {
  count = local.create_bucket && local.attach_policy ? 1 : 0

  source_policy_documents = compact([var.attach_policy ? var.policy : ""])

  dynamic "statement" {
    for_each = var.attach_deny_insecure_transport_policy ? [true] : []
    content {
      sid       = "denyInsecureTransport"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [aws_s3_bucket.this[0].arn, "\${aws_s3_bucket.this[0].arn}/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}

output "s3_bucket_id" { value = try(aws_s3_bucket.this[0].id, null) }
output "s3_bucket_arn" { value = try(aws_s3_bucket.this[0].arn, null) }
output "s3_bucket_bucket_domain_name" { value = try(aws_s3_bucket.this[0].bucket_domain_name, null) }
output "s3_bucket_bucket_regional_domain_name" { value = try(aws_s3_bucket.this[0].bucket_regional_domain_name, null) }
output "s3_bucket_region" { value = try(aws_s3_bucket.this[0].bucket_region, null) }
output "s3_bucket_tags" { value = try(aws_s3_bucket.this[0].tags, {}) }
output "s3_bucket_policy" { value = try(aws_s3_bucket_policy.this[0].policy, null) }
`;
