/**
 * The public registry module terraform-aws-modules/lambda/aws (Apache-2.0),
 * modelled: what a call of it declares for the inputs the rules care about,
 * written as a small module of our own that the adapter expands as it
 * expands a local one. An HCL model, not TypeScript building resources:
 * the call's `count`/`for_each`, its arguments known or not, the outputs
 * its caller reads (`module.fn.lambda_function_arn`), policy documents and
 * attachments are then read by the adapter's own machinery.
 *
 * Facts (input names, defaults, what each creates, the policies' actions
 * and resources) from the module's sources at v8.x (main.tf, iam.tf,
 * variables.tf; the release that added the `region` input). Earlier
 * releases differ here only where the model says so (the default tag), or
 * in what no rule reads alike: before 7.x its policies were managed
 * policies named after the role, now inline ones.
 *
 * Simplified: the tracing and network policies are AWS's managed policies
 * the module copies into inline ones (attached as the managed policies,
 * which grant the same); `logging_config` is written as in AWS's commercial
 * partition; the policy of a Lambda@Edge function lists the log group of
 * us-east-1 only. Not modelled: layers, packages and their S3 objects,
 * provisioned concurrency, recursion config, the SAM metadata, assume-role
 * statements beyond the trusted entities.
 */
import type { MadeBy, MessageNames } from './modelledModules';
import { onlyBefore } from './versionConstraints';

/** The release that added the default tag `terraform-aws-modules = "lambda"` to the function (CHANGELOG 7.5.0). */
const DEFAULT_TAG_SINCE = [7, 5, 0];

/**
 * The inputs a call's `version` decides: a constraint that only admits
 * releases before {@link DEFAULT_TAG_SINCE} gives a function no default
 * tag. Any other (none, or one not known) may install the latest.
 */
export function inputsOfVersion(version: unknown): Record<string, boolean> {
  return typeof version === 'string' && onlyBefore(version, DEFAULT_TAG_SINCE)
    ? { include_default_tag: false }
    : {};
}

/**
 * What messages name beyond the inputs read: the role the module makes
 * always has a name, `role_name` else `function_name` (iam.tf:
 * `coalesce(var.role_name, var.function_name, "*")`); it has no prefix
 * input (variables.tf), so a role without a fixed name is one of the
 * caller's, passed as `lambda_role` with `create_role = false`.
 */
export const LAMBDA_MESSAGE_NAMES: MessageNames = {
  'aws_iam_role.lambda': {
    name: 'name (role_name, else function_name; to avoid one, pass a role of your own named by name_prefix as lambda_role, with create_role = false)',
  },
};

/**
 * Each entry of `allowed_triggers` makes two permissions (main.tf:
 * `current_version_triggers` for the published version,
 * `unqualified_alias_triggers` for the function itself), alike but for the
 * qualifier: they are reported as the function, made by the entry.
 */
export const LAMBDA_MADE_BY: MadeBy = {
  'aws_lambda_permission.current_version_triggers': {
    by: 'aws_lambda_function.this',
    input: 'allowed_triggers',
  },
  'aws_lambda_permission.unqualified_alias_triggers': {
    by: 'aws_lambda_function.this',
    input: 'allowed_triggers',
  },
};

/** The model (HCL of ours, expanded like a local module). */
export const LAMBDA_MODULE = `
variable "create" { default = true }
variable "putin_khuylo" { default = true }
variable "create_function" { default = true }
variable "create_layer" { default = false }
variable "create_role" { default = true }
variable "lambda_role" { default = "" }
variable "function_name" { default = "" }
variable "handler" { default = "" }
variable "runtime" { default = "" }
variable "package_type" { default = "Zip" }
variable "image_uri" { default = null }
variable "architectures" { default = null }
variable "timeout" { default = 3 }
variable "memory_size" { default = 128 }
variable "reserved_concurrent_executions" { default = -1 }
variable "lambda_at_edge" { default = false }
variable "kms_key_arn" { default = null }
variable "dead_letter_target_arn" { default = null }
variable "tracing_mode" { default = null }
variable "environment_variables" { default = {} }
variable "vpc_subnet_ids" { default = null }
variable "vpc_security_group_ids" { default = null }
variable "tags" { default = {} }
variable "function_tags" { default = {} }
variable "include_default_tag" { default = true }
variable "logging_log_group" { default = null }
variable "logging_log_format" { default = "Text" }
variable "use_existing_cloudwatch_log_group" { default = false }
variable "cloudwatch_logs_retention_in_days" { default = null }
variable "cloudwatch_logs_kms_key_id" { default = null }
variable "cloudwatch_logs_log_group_class" { default = null }
variable "cloudwatch_logs_tags" { default = {} }
variable "role_name" { default = null }
variable "role_path" { default = null }
variable "role_permissions_boundary" { default = null }
variable "role_tags" { default = {} }
variable "trusted_entities" { default = [] }
variable "policy_name" { default = null }
variable "attach_cloudwatch_logs_policy" { default = true }
variable "attach_create_log_group_permission" { default = true }
variable "attach_dead_letter_policy" { default = false }
variable "attach_network_policy" { default = false }
variable "attach_tracing_policy" { default = false }
variable "attach_async_event_policy" { default = false }
variable "attach_policy_json" { default = false }
variable "policy_json" { default = null }
variable "attach_policy_jsons" { default = false }
variable "policy_jsons" { default = [] }
variable "number_of_policy_jsons" { default = 0 }
variable "attach_policy" { default = false }
variable "policy" { default = null }
variable "attach_policies" { default = false }
variable "policies" { default = [] }
variable "number_of_policies" { default = 0 }
variable "attach_policy_statements" { default = false }
variable "policy_statements" { default = {} }
variable "allowed_triggers" { default = {} }
variable "create_current_version_allowed_triggers" { default = true }
variable "create_unqualified_alias_allowed_triggers" { default = true }
variable "event_source_mapping" { default = {} }
variable "create_async_event_config" { default = false }
variable "create_current_version_async_event_config" { default = true }
variable "create_unqualified_alias_async_event_config" { default = true }
variable "maximum_event_age_in_seconds" { default = null }
variable "maximum_retry_attempts" { default = null }
variable "destination_on_failure" { default = null }
variable "destination_on_success" { default = null }
variable "create_lambda_function_url" { default = false }
variable "create_unqualified_alias_lambda_function_url" { default = true }
variable "authorization_type" { default = "NONE" }

locals {
  function       = var.create && var.putin_khuylo && var.create_function && !var.create_layer
  role           = local.function && var.create_role
  role_name      = var.role_name != null ? var.role_name : var.function_name
  policy_name    = var.policy_name != null ? var.policy_name : local.role_name
  log_group_name = var.logging_log_group != null ? var.logging_log_group : "/aws/lambda/\${var.lambda_at_edge ? "us-east-1." : ""}\${var.function_name}"
  log_group_arn  = var.use_existing_cloudwatch_log_group ? data.aws_cloudwatch_log_group.lambda.arn : aws_cloudwatch_log_group.lambda[0].arn
}

resource "aws_lambda_function" "this" {
  count = local.function ? 1 : 0

  function_name                  = var.function_name
  role                           = var.create_role ? aws_iam_role.lambda[0].arn : var.lambda_role
  handler                        = var.package_type != "Zip" ? null : var.handler
  runtime                        = var.package_type != "Zip" ? null : var.runtime
  package_type                   = var.package_type
  image_uri                      = var.image_uri
  architectures                  = var.architectures
  timeout                        = var.lambda_at_edge ? min(var.timeout, 30) : var.timeout
  memory_size                    = var.memory_size
  reserved_concurrent_executions = var.reserved_concurrent_executions
  kms_key_arn                    = var.kms_key_arn

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }
  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn == null ? [] : [true]
    content {
      target_arn = var.dead_letter_target_arn
    }
  }
  dynamic "tracing_config" {
    for_each = var.tracing_mode == null ? [] : [true]
    content {
      mode = var.tracing_mode
    }
  }
  dynamic "vpc_config" {
    for_each = var.vpc_subnet_ids != null && var.vpc_security_group_ids != null ? [true] : []
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }
  logging_config {
    log_group  = var.logging_log_group
    log_format = var.logging_log_format
  }

  tags = merge(var.include_default_tag ? { terraform-aws-modules = "lambda" } : {}, var.tags, var.function_tags)
}

resource "aws_cloudwatch_log_group" "lambda" {
  count = local.function && !var.use_existing_cloudwatch_log_group ? 1 : 0

  name              = local.log_group_name
  retention_in_days = var.cloudwatch_logs_retention_in_days
  kms_key_id        = var.cloudwatch_logs_kms_key_id
  log_group_class   = var.cloudwatch_logs_log_group_class
  tags              = merge(var.tags, var.cloudwatch_logs_tags)
}

data "aws_iam_policy_document" "assume_role" {
  count = local.role ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = concat(["lambda.amazonaws.com"], var.lambda_at_edge ? ["edgelambda.amazonaws.com"] : [], [for entity in var.trusted_entities : entity if !can(entity.type)])
    }
    dynamic "principals" {
      for_each = [for entity in var.trusted_entities : entity if can(entity.type)]
      content {
        type        = principals.value.type
        identifiers = principals.value.identifiers
      }
    }
  }
}

resource "aws_iam_role" "lambda" {
  count = local.role ? 1 : 0

  name                 = local.role_name
  path                 = var.role_path
  permissions_boundary = var.role_permissions_boundary
  assume_role_policy   = data.aws_iam_policy_document.assume_role[0].json
  tags                 = merge(var.tags, var.role_tags)
}

data "aws_iam_policy_document" "logs" {
  count = local.role && var.attach_cloudwatch_logs_policy ? 1 : 0

  statement {
    actions   = compact([!var.use_existing_cloudwatch_log_group && var.attach_create_log_group_permission ? "logs:CreateLogGroup" : "", "logs:CreateLogStream", "logs:PutLogEvents"])
    resources = ["\${local.log_group_arn}:*", "\${local.log_group_arn}:*:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  count = local.role && var.attach_cloudwatch_logs_policy ? 1 : 0

  name   = "\${local.policy_name}-logs"
  role   = aws_iam_role.lambda[0].name
  policy = data.aws_iam_policy_document.logs[0].json
}

data "aws_iam_policy_document" "dead_letter" {
  count = local.role && var.attach_dead_letter_policy ? 1 : 0

  statement {
    actions   = ["sns:Publish", "sqs:SendMessage"]
    resources = [var.dead_letter_target_arn]
  }
}

resource "aws_iam_role_policy" "dead_letter" {
  count = local.role && var.attach_dead_letter_policy ? 1 : 0

  name   = "\${local.policy_name}-dl"
  role   = aws_iam_role.lambda[0].name
  policy = data.aws_iam_policy_document.dead_letter[0].json
}

resource "aws_iam_role_policy_attachment" "vpc" {
  count = local.role && var.attach_network_policy ? 1 : 0

  role       = aws_iam_role.lambda[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess"
}

resource "aws_iam_role_policy_attachment" "tracing" {
  count = local.role && var.attach_tracing_policy ? 1 : 0

  role       = aws_iam_role.lambda[0].name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

data "aws_iam_policy_document" "async" {
  count = local.role && var.attach_async_event_policy ? 1 : 0

  statement {
    actions   = ["sns:Publish", "sqs:SendMessage", "events:PutEvents", "lambda:InvokeFunction"]
    resources = [for destination in [var.destination_on_failure, var.destination_on_success] : destination if destination != null]
  }
}

resource "aws_iam_role_policy" "async" {
  count = local.role && var.attach_async_event_policy ? 1 : 0

  name   = "\${local.policy_name}-async"
  role   = aws_iam_role.lambda[0].name
  policy = data.aws_iam_policy_document.async[0].json
}

resource "aws_iam_role_policy" "additional_json" {
  count = local.role && var.attach_policy_json ? 1 : 0

  name   = local.policy_name
  role   = aws_iam_role.lambda[0].name
  policy = var.policy_json
}

resource "aws_iam_role_policy" "additional_jsons" {
  count = local.role && var.attach_policy_jsons ? var.number_of_policy_jsons : 0

  name   = "\${local.policy_name}-\${count.index}"
  role   = aws_iam_role.lambda[0].name
  policy = var.policy_jsons[count.index]
}

resource "aws_iam_role_policy_attachment" "additional_one" {
  count = local.role && var.attach_policy ? 1 : 0

  role       = aws_iam_role.lambda[0].name
  policy_arn = var.policy
}

resource "aws_iam_role_policy_attachment" "additional_many" {
  count = local.role && var.attach_policies ? var.number_of_policies : 0

  role       = aws_iam_role.lambda[0].name
  policy_arn = var.policies[count.index]
}

data "aws_iam_policy_document" "additional_inline" {
  count = local.role && var.attach_policy_statements ? 1 : 0

  dynamic "statement" {
    for_each = var.policy_statements
    content {
      effect        = try(statement.value.effect, null)
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      resources     = try(statement.value.resources, null)
      not_resources = try(statement.value.not_resources, null)
      dynamic "condition" {
        for_each = try(statement.value.condition, [])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "additional_inline" {
  count = local.role && var.attach_policy_statements ? 1 : 0

  name   = "\${local.policy_name}-inline"
  role   = aws_iam_role.lambda[0].name
  policy = data.aws_iam_policy_document.additional_inline[0].json
}

resource "aws_lambda_permission" "current_version_triggers" {
  for_each = { for name, trigger in var.allowed_triggers : name => trigger if local.function && var.create_current_version_allowed_triggers }

  function_name          = aws_lambda_function.this[0].function_name
  qualifier              = aws_lambda_function.this[0].version
  action                 = try(each.value.action, "lambda:InvokeFunction")
  principal              = try(each.value.principal, format("%s.amazonaws.com", try(each.value.service, "")))
  source_arn             = try(each.value.source_arn, null)
  source_account         = try(each.value.source_account, null)
  function_url_auth_type = try(each.value.function_url_auth_type, null)
}

resource "aws_lambda_permission" "unqualified_alias_triggers" {
  for_each = { for name, trigger in var.allowed_triggers : name => trigger if local.function && var.create_unqualified_alias_allowed_triggers }

  function_name          = aws_lambda_function.this[0].function_name
  action                 = try(each.value.action, "lambda:InvokeFunction")
  principal              = try(each.value.principal, format("%s.amazonaws.com", try(each.value.service, "")))
  source_arn             = try(each.value.source_arn, null)
  source_account         = try(each.value.source_account, null)
  function_url_auth_type = try(each.value.function_url_auth_type, null)
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = { for name, mapping in var.event_source_mapping : name => mapping if local.function && var.create_unqualified_alias_allowed_triggers }

  function_name                  = aws_lambda_function.this[0].arn
  event_source_arn               = try(each.value.event_source_arn, null)
  batch_size                     = try(each.value.batch_size, null)
  enabled                        = try(each.value.enabled, true)
  starting_position              = try(each.value.starting_position, null)
  maximum_retry_attempts         = try(each.value.maximum_retry_attempts, null)
  bisect_batch_on_function_error = try(each.value.bisect_batch_on_function_error, null)
  function_response_types        = try(each.value.function_response_types, null)

  dynamic "destination_config" {
    for_each = try(each.value.destination_arn_on_failure, null) != null ? [true] : []
    content {
      on_failure {
        destination_arn = each.value.destination_arn_on_failure
      }
    }
  }

  tags = merge(var.tags, try(each.value.tags, {}))
}

resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.function && var.create_async_event_config ? { for qualifier, wanted in { current_version = var.create_current_version_async_event_config, unqualified_alias = var.create_unqualified_alias_async_event_config } : qualifier => wanted if wanted } : {}

  function_name                = aws_lambda_function.this[0].function_name
  qualifier                    = each.key == "current_version" ? aws_lambda_function.this[0].version : null
  maximum_event_age_in_seconds = var.maximum_event_age_in_seconds
  maximum_retry_attempts       = var.maximum_retry_attempts

  dynamic "destination_config" {
    for_each = var.destination_on_failure != null || var.destination_on_success != null ? [true] : []
    content {
      dynamic "on_failure" {
        for_each = var.destination_on_failure != null ? [true] : []
        content {
          destination = var.destination_on_failure
        }
      }
      dynamic "on_success" {
        for_each = var.destination_on_success != null ? [true] : []
        content {
          destination = var.destination_on_success
        }
      }
    }
  }
}

resource "aws_lambda_function_url" "this" {
  count = local.function && var.create_lambda_function_url ? 1 : 0

  function_name      = aws_lambda_function.this[0].function_name
  qualifier          = var.create_unqualified_alias_lambda_function_url ? null : aws_lambda_function.this[0].version
  authorization_type = var.authorization_type
}

output "lambda_function_arn" { value = try(aws_lambda_function.this[0].arn, "") }
output "lambda_function_invoke_arn" { value = try(aws_lambda_function.this[0].invoke_arn, "") }
output "lambda_function_qualified_arn" { value = try(aws_lambda_function.this[0].qualified_arn, "") }
output "lambda_function_name" { value = try(aws_lambda_function.this[0].function_name, "") }
output "lambda_function_url" { value = try(aws_lambda_function_url.this[0].function_url, "") }
output "lambda_role_arn" { value = try(aws_iam_role.lambda[0].arn, "") }
output "lambda_role_name" { value = try(aws_iam_role.lambda[0].name, "") }
output "lambda_cloudwatch_log_group_arn" { value = local.log_group_arn }
output "lambda_cloudwatch_log_group_name" { value = try(aws_cloudwatch_log_group.lambda[0].name, "") }
`;
