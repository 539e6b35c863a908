/**
 * The public registry module terraform-aws-modules/apigateway-v2/aws
 * (Apache-2.0): HTTP and WebSocket APIs, modelled as lambdaModule.ts models
 * the lambda module: a small HCL module of ours, expanded like a local one
 * and placed at the call's lines.
 *
 * The module changed its inputs, defaults and addresses at 5.0
 * (docs/UPGRADE-5.0.md): the model holds both releases' shapes, and a
 * call is read as one written for 4.x and earlier when its `version`
 * admits only releases before 5.0 or when it writes an input only those
 * releases have, whatever its value, and its version admits one of them
 * (see {@link inputsOfCall}): the latest release rejects those. Any other
 * call may install the latest.
 *
 * Facts, 4.x and earlier: main.tf as stored at a 1.x and a 2.x commit
 * and at one with the 4.x access log group (the API, `create_api_gateway`, tagged with `tags` alone; the
 * stage `aws_apigatewayv2_stage.default`, named `$default`, auto-deployed,
 * access logs only where `default_stage_access_log_format` is set too,
 * default route settings only from a non-empty `default_route_settings`,
 * tags `default_stage_tags` and `tags`; routes and integrations keyed by
 * route key from `integrations`, an integration `AWS_PROXY` to
 * `lambda_arn` when one is given, else `integration_uri`); the 4.x
 * variables.tf and wrappers (`create_default_stage_access_log_group`
 * false, whose log group the stage then logs to, named
 * `default_stage_access_log_group_name`, else the API's name and
 * `default_stage_access_log_group_name_suffix`, its retention
 * `default_stage_access_log_group_retention_in_days` and key
 * `default_stage_access_log_group_kms_key_id` null by default); the output
 * names 5.0 renamed (`apigatewayv2_api_*`, `default_apigatewayv2_stage_*`);
 * the log group's address, `aws_cloudwatch_log_group.this` (5.0's
 * migrations.tf moves `aws_cloudwatch_log_group.this[0]`).
 * 5.x and 6.x: variables.tf of 5.0 and of a later 5.x (`create_stage`, `stage_name`
 * "$default", `stage_access_log_settings` whose `create_log_group` defaults
 * to true and `log_group_retention_in_days` to 30, `stage_default_route_settings`
 * whose throttling limits default to 500 burst and 1000 rate, `routes` with
 * an `integration` object whose `type` defaults to `AWS_PROXY`) and
 * UPGRADE-5.0.md (the log group's default name
 * `/aws/apigateway/<name>/<stage_name>`, main.tf drops the `$` of
 * `$default`), the outputs' new names
 * `api_*`, `stage_*`); 6.0 changed types, not inputs (UPGRADE-6.0.md).
 * A 5.x+ main.tf (a stored copy; its API has `ip_address_type`) confirms
 * the stage's wiring: access logs from a non-null
 * `stage_access_log_settings`, to the log group it makes unless
 * `create_log_group` is false; default route settings from a non-null
 * `stage_default_route_settings`. Both inputs are nullable: null turns
 * them off.
 *
 * What the rules read: the API (name, protocol, tags: OPS-003; a quick
 * create `target` makes the `$default` stage the adapter knows), its stage
 * (access logs: LOG-004; throttling: OPS-001; tags), the access log group
 * it makes (retention: LOG-002; key: ENC-001; tags), its integrations (a
 * Lambda proxy integration invokes the function synchronously: DLQ-001
 * exempts that trigger) and routes, a domain name a call gives
 * (`domain_name`; its tags), and the outputs callers read
 * (`api_execution_arn`, `apigatewayv2_api_execution_arn`, ... in a Lambda
 * permission's `source_arn`). Simplified: a domain name is made only for a
 * call that writes `domain_name` (with none the module's default of making
 * one fails to apply). Not modelled: authorizers, VPC links, API mappings,
 * certificates and Route 53 records, route settings per route, route and
 * integration responses, CORS, the stage's deployment.
 */
import type { MessageNames } from './modelledModules';
import { onlyBefore, onlyFrom } from './versionConstraints';

/** The release that renamed the inputs (docs/UPGRADE-5.0.md). */
const RENAMED_AT = [5, 0, 0];

/**
 * The inputs 5.0 removed or renamed (docs/UPGRADE-5.0.md; the 4.x
 * variables.tf): a call that writes one is rejected by every later release.
 */
const INPUTS_BEFORE_5 = new Set([
  'create_api_gateway',
  'create_default_stage',
  'create_default_stage_api_mapping',
  'create_default_stage_access_log_group',
  'create_api_domain_name',
  'create_vpc_link',
  'integrations',
  'default_route_settings',
  'default_stage_tags',
  'domain_name_tags',
  'default_stage_access_log_destination_arn',
  'default_stage_access_log_format',
  'default_stage_access_log_group_name',
  'default_stage_access_log_group_name_suffix',
  'default_stage_access_log_group_retention_in_days',
  'default_stage_access_log_group_kms_key_id',
  'default_stage_access_log_group_skip_destroy',
  'default_stage_access_log_group_class',
  'default_stage_access_log_group_tags',
]);

/**
 * The inputs a call decides: one whose `version` admits only releases
 * before 5.0, or that writes an input only those have and whose version
 * admits one of them, is read with their inputs and defaults. One that
 * admits none is read as the releases it admits, which reject the input.
 * Decided either way, the releases read are known where the model is
 * placed: what it reads of the others names no input.
 */
export function inputsOfCall(
  version: unknown,
  written: ReadonlySet<string>,
): Record<string, boolean> {
  const before5 =
    onlyBefore(version, RENAMED_AT) ||
    (!onlyFrom(version, RENAMED_AT) &&
      [...written].some(name => INPUTS_BEFORE_5.has(name)));
  return { written_for_4x: before5 };
}

/** The 4.x stage writes access log settings only with a format as well: messages name both (see MessageNames). */
export const APIGATEWAY_V2_MESSAGE_NAMES: MessageNames = {
  'aws_apigatewayv2_stage.default': {
    'access_log_settings.destination_arn': input =>
      `${input} with default_stage_access_log_format`,
  },
};

/** The model (HCL of ours, expanded like a local module). */
export const APIGATEWAY_V2_MODULE = `
variable "written_for_4x" { default = false }
variable "create" { default = true }
variable "name" { default = "" }
variable "description" { default = null }
variable "protocol_type" { default = "HTTP" }
variable "body" { default = null }
variable "route_key" { default = null }
variable "target" { default = null }
variable "credentials_arn" { default = null }
variable "disable_execute_api_endpoint" { default = null }
variable "tags" { default = {} }
variable "create_routes_and_integrations" { default = true }
variable "domain_name" { default = null }
variable "domain_name_certificate_arn" { default = null }

variable "create_api_gateway" { default = null }
variable "create_default_stage" { default = null }
variable "default_stage_access_log_destination_arn" { default = null }
variable "default_stage_access_log_format" { default = null }
variable "create_default_stage_access_log_group" { default = null }
variable "default_stage_access_log_group_name" { default = null }
variable "default_stage_access_log_group_name_suffix" { default = "" }
variable "default_stage_access_log_group_retention_in_days" { default = null }
variable "default_stage_access_log_group_kms_key_id" { default = null }
variable "default_stage_access_log_group_tags" { default = {} }
variable "default_route_settings" { default = null }
variable "default_stage_tags" { default = null }
variable "integrations" { default = null }
variable "create_api_domain_name" { default = null }
variable "domain_name_tags" { default = null }

variable "create_stage" { default = true }
variable "stage_name" { default = "$default" }
variable "stage_access_log_settings" { default = {} }
variable "stage_default_route_settings" { default = {} }
variable "stage_tags" { default = {} }
variable "routes" { default = {} }
variable "create_domain_name" { default = true }

locals {
  legacy = var.written_for_4x
  api    = var.create && coalesce(var.create_api_gateway, true)

  legacy_stage     = local.api && local.legacy && coalesce(var.create_default_stage, true)
  legacy_log_group = local.legacy_stage && coalesce(var.create_default_stage_access_log_group, false)
  legacy_settings  = var.default_route_settings != null ? var.default_route_settings : {}

  stage     = local.api && !local.legacy && var.create_stage
  # null (the inputs are nullable) turns the access log settings, or the default route settings, off.
  log_group = local.stage && var.stage_access_log_settings != null && coalesce(try(var.stage_access_log_settings.create_log_group, null), true)

  routes = local.api && var.create_routes_and_integrations ? (local.legacy ? (var.integrations != null ? var.integrations : {}) : var.routes) : {}
  domain = local.api && (local.legacy ? coalesce(var.create_api_domain_name, true) : var.create_domain_name) && var.domain_name != null && var.domain_name != ""
}

resource "aws_apigatewayv2_api" "this" {
  count = local.api ? 1 : 0

  name                         = var.name
  description                  = var.description
  protocol_type                = var.protocol_type
  body                         = var.body
  disable_execute_api_endpoint = var.disable_execute_api_endpoint
  route_key                    = var.route_key
  credentials_arn              = var.credentials_arn
  target                       = var.target

  # A 5.x+ release (the stored main.tf) tags its API with the module's name; a call whose
  # version may install one is not known to leave it untagged (OPS-003). 4.x tags it with tags alone.
  tags = merge(local.legacy ? {} : { terraform-aws-modules = "apigateway-v2" }, var.tags)
}

resource "aws_apigatewayv2_stage" "default" {
  count = local.legacy_stage ? 1 : 0

  api_id      = aws_apigatewayv2_api.this[0].id
  name        = "$default"
  auto_deploy = true

  dynamic "access_log_settings" {
    # Every release before 5.0 writes no access log settings without a format.
    for_each = (var.default_stage_access_log_destination_arn != null || coalesce(var.create_default_stage_access_log_group, false)) && var.default_stage_access_log_format != null ? [true] : []
    content {
      destination_arn = coalesce(var.create_default_stage_access_log_group, false) ? aws_cloudwatch_log_group.this[0].arn : var.default_stage_access_log_destination_arn
      format          = var.default_stage_access_log_format
    }
  }

  dynamic "default_route_settings" {
    for_each = length(keys(local.legacy_settings)) == 0 ? [] : [local.legacy_settings]
    content {
      detailed_metrics_enabled = try(default_route_settings.value.detailed_metrics_enabled, false)
      logging_level            = try(default_route_settings.value.logging_level, null)
      throttling_burst_limit   = try(default_route_settings.value.throttling_burst_limit, null)
      throttling_rate_limit    = try(default_route_settings.value.throttling_rate_limit, null)
    }
  }

  tags = merge(var.default_stage_tags != null ? var.default_stage_tags : {}, var.tags)
}

resource "aws_apigatewayv2_stage" "this" {
  count = local.stage ? 1 : 0

  api_id      = aws_apigatewayv2_api.this[0].id
  name        = var.stage_name
  auto_deploy = true

  dynamic "access_log_settings" {
    for_each = local.log_group || try(var.stage_access_log_settings.destination_arn, null) != null ? [true] : []
    content {
      destination_arn = local.log_group ? aws_cloudwatch_log_group.this[0].arn : var.stage_access_log_settings.destination_arn
      format          = try(var.stage_access_log_settings.format, null)
    }
  }

  dynamic "default_route_settings" {
    for_each = var.stage_default_route_settings != null ? [true] : []
    content {
      detailed_metrics_enabled = try(var.stage_default_route_settings.detailed_metrics_enabled, null)
      logging_level            = try(var.stage_default_route_settings.logging_level, null)
      throttling_burst_limit   = coalesce(try(var.stage_default_route_settings.throttling_burst_limit, null), 500)
      throttling_rate_limit    = coalesce(try(var.stage_default_route_settings.throttling_rate_limit, null), 1000)
    }
  }

  tags = merge(var.tags, var.stage_tags)
}

# The access log group of 4.x, which 5.0 keeps at this address (migrations.tf moves aws_cloudwatch_log_group.this[0]),
# and of 5.x: one block, each release's arguments.
resource "aws_cloudwatch_log_group" "this" {
  count = local.legacy_log_group || local.log_group ? 1 : 0

  name              = local.legacy ? coalesce(var.default_stage_access_log_group_name, "\${var.name}\${var.default_stage_access_log_group_name_suffix}") : coalesce(try(var.stage_access_log_settings.log_group_name, null), "/aws/apigateway/\${var.name}/\${replace(var.stage_name, "$", "")}")
  retention_in_days = local.legacy ? var.default_stage_access_log_group_retention_in_days : coalesce(try(var.stage_access_log_settings.log_group_retention_in_days, null), 30)
  kms_key_id        = local.legacy ? var.default_stage_access_log_group_kms_key_id : try(var.stage_access_log_settings.log_group_kms_key_id, null)
  tags              = merge(var.tags, local.legacy ? var.default_stage_access_log_group_tags : try(var.stage_access_log_settings.log_group_tags, {}))
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = local.routes

  api_id             = aws_apigatewayv2_api.this[0].id
  integration_type   = local.legacy ? try(each.value.integration_type, try(each.value.lambda_arn, "") != "" ? "AWS_PROXY" : "MOCK") : coalesce(try(each.value.integration.type, null), "AWS_PROXY")
  integration_uri    = local.legacy ? try(each.value.lambda_arn, each.value.integration_uri, null) : try(each.value.integration.uri, null)
  request_parameters = local.legacy ? try(jsondecode(each.value.request_parameters), each.value.request_parameters, null) : try(each.value.integration.request_parameters, null)
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.routes

  api_id    = aws_apigatewayv2_api.this[0].id
  route_key = each.key
  target    = "integrations/\${aws_apigatewayv2_integration.this[each.key].id}"
}

resource "aws_apigatewayv2_domain_name" "this" {
  count = local.domain ? 1 : 0

  domain_name = var.domain_name
  domain_name_configuration {
    certificate_arn = var.domain_name_certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }

  tags = merge(var.domain_name_tags != null ? var.domain_name_tags : {}, var.tags)
}

output "api_id" { value = try(aws_apigatewayv2_api.this[0].id, null) }
output "api_endpoint" { value = try(aws_apigatewayv2_api.this[0].api_endpoint, null) }
output "api_arn" { value = try(aws_apigatewayv2_api.this[0].arn, null) }
output "api_execution_arn" { value = try(aws_apigatewayv2_api.this[0].execution_arn, null) }
output "stage_id" { value = try(aws_apigatewayv2_stage.this[0].id, null) }
output "stage_arn" { value = try(aws_apigatewayv2_stage.this[0].arn, null) }
output "stage_execution_arn" { value = try(aws_apigatewayv2_stage.this[0].execution_arn, null) }
output "stage_invoke_url" { value = try(aws_apigatewayv2_stage.this[0].invoke_url, null) }
output "stage_access_logs_cloudwatch_log_group_name" { value = try(aws_cloudwatch_log_group.this[0].name, null) }
output "stage_access_logs_cloudwatch_log_group_arn" { value = try(aws_cloudwatch_log_group.this[0].arn, null) }
output "domain_name_id" { value = try(aws_apigatewayv2_domain_name.this[0].id, null) }
output "domain_name_arn" { value = try(aws_apigatewayv2_domain_name.this[0].arn, null) }

output "apigatewayv2_api_id" { value = try(aws_apigatewayv2_api.this[0].id, "") }
output "apigatewayv2_api_api_endpoint" { value = try(aws_apigatewayv2_api.this[0].api_endpoint, "") }
output "apigatewayv2_api_arn" { value = try(aws_apigatewayv2_api.this[0].arn, "") }
output "apigatewayv2_api_execution_arn" { value = try(aws_apigatewayv2_api.this[0].execution_arn, "") }
output "default_apigatewayv2_stage_id" { value = try(aws_apigatewayv2_stage.default[0].id, "") }
output "default_apigatewayv2_stage_arn" { value = try(aws_apigatewayv2_stage.default[0].arn, "") }
output "default_apigatewayv2_stage_execution_arn" { value = try(aws_apigatewayv2_stage.default[0].execution_arn, "") }
output "default_apigatewayv2_stage_invoke_url" { value = try(aws_apigatewayv2_stage.default[0].invoke_url, "") }
output "apigatewayv2_domain_name_id" { value = try(aws_apigatewayv2_domain_name.this[0].id, "") }
output "apigatewayv2_domain_name_arn" { value = try(aws_apigatewayv2_domain_name.this[0].arn, "") }
`;
