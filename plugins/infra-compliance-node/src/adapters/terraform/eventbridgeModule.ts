/**
 * The public registry module terraform-aws-modules/eventbridge/aws
 * (Apache-2.0), modelled as lambdaModule.ts models the lambda module: a
 * small HCL module of ours, expanded like a local one and placed at the
 * call's lines.
 *
 * Facts (input names, defaults, what each creates) from the module's
 * sources at v1.16.0 (main.tf; its README's inputs: `create_bus`,
 * `create_rules`, `create_targets` and `append_rule_postfix` true,
 * `bus_name` "default") and v1.17.2 (outputs.tf), and at v4.x (main.tf,
 * variables.tf, outputs.tf; the release that added the `region` input),
 * which agree in what the rules read. The schedules came in 2.3.0
 * (CHANGELOG); a call written for 1.x gives none.
 *
 * What the rules read: the bus the module makes (`create_bus`, named
 * `bus_name`; without it the rules are on the bus `bus_name` names, AWS's
 * default bus unless the call says otherwise); each rule of the `rules`
 * map, named after its key (`-rule` appended unless `append_rule_postfix`
 * is false, `_` made `-`), tagged with its name; each target of the
 * `targets` map under a rule's key (arn, target_id, dead_letter_arn,
 * retry_policy), which refers to its rule by reference here, where the
 * module writes the rule's name (the adapter attaches a target to the
 * rule it refers to); each schedule of the `schedules` map (its target's
 * arn, role, dead_letter_arn and retry policy).
 *
 * The module makes no Lambda permission for a function it targets (its
 * callers give one, e.g. through the lambda module's `allowed_triggers`).
 * Not modelled: its IAM role and policies (`create_role`, `attach_*`; a
 * schedule with no `role_arn` uses that role), a target's API destination
 * (`destination`), connections, archives, bus permissions, schema
 * discoverer, schedule groups, pipes, the bus's logging, the rules' state
 * (`enabled` in 1.x, `state` since 3.3).
 */

/** The model (HCL of ours, expanded like a local module). */
export const EVENTBRIDGE_MODULE = `
variable "create" { default = true }
variable "create_bus" { default = true }
variable "create_rules" { default = true }
variable "create_targets" { default = true }
variable "create_schedules" { default = true }
variable "bus_name" { default = "default" }
variable "append_rule_postfix" { default = true }
variable "append_schedule_postfix" { default = true }
variable "rules" { default = {} }
variable "targets" { default = {} }
variable "schedules" { default = {} }
variable "tags" { default = {} }

locals {
  bus_name = var.create && var.create_bus ? aws_cloudwatch_event_bus.this[0].name : var.bus_name
  # The targets under a rule's key. Iterated over targets (maps iterate in key order: the same list as over rules),
  # so that a target's arguments are placed at the call's targets, the input they are read from, not at its rules.
  targets = flatten([for key, targets in var.targets : [for target in targets : merge(target, { rule = key })] if contains(keys(var.rules), key)])
}

resource "aws_cloudwatch_event_bus" "this" {
  count = var.create && var.create_bus ? 1 : 0

  name = var.bus_name
  tags = var.tags
}

resource "aws_cloudwatch_event_rule" "this" {
  for_each = { for key, rule in var.rules : key => merge(rule, { Name = var.append_rule_postfix ? "\${replace(key, "_", "-")}-rule" : key }) if var.create && var.create_rules }

  name                = each.value.Name
  event_bus_name      = local.bus_name
  description         = try(each.value.description, null)
  event_pattern       = try(each.value.event_pattern, null)
  schedule_expression = try(each.value.schedule_expression, null)

  tags = merge(var.tags, { Name = each.value.Name })
}

resource "aws_cloudwatch_event_target" "this" {
  for_each = { for target in local.targets : target.name => target if var.create && var.create_targets }

  event_bus_name = local.bus_name
  rule           = aws_cloudwatch_event_rule.this[each.value.rule].name
  arn            = try(each.value.destination, null) == null ? each.value.arn : null
  target_id      = try(each.value.target_id, null)
  input          = try(each.value.input, null)

  dynamic "dead_letter_config" {
    for_each = try(each.value.dead_letter_arn, null) != null ? [each.value.dead_letter_arn] : []
    content {
      arn = dead_letter_config.value
    }
  }

  dynamic "retry_policy" {
    for_each = try(each.value.retry_policy, null) != null ? [each.value.retry_policy] : []
    content {
      maximum_event_age_in_seconds = retry_policy.value.maximum_event_age_in_seconds
      maximum_retry_attempts       = retry_policy.value.maximum_retry_attempts
    }
  }
}

resource "aws_scheduler_schedule" "this" {
  for_each = { for key, schedule in var.schedules : key => merge(schedule, { Name = var.append_schedule_postfix ? "\${replace(key, "_", "-")}-schedule" : key }) if var.create && var.create_schedules }

  name                = each.value.Name
  description         = try(each.value.description, null)
  schedule_expression = each.value.schedule_expression

  target {
    arn      = each.value.arn
    role_arn = try(each.value.role_arn, null)
    input    = try(each.value.input, null)

    dynamic "dead_letter_config" {
      for_each = try(each.value.dead_letter_arn, null) != null ? [each.value.dead_letter_arn] : []
      content {
        arn = dead_letter_config.value
      }
    }

    dynamic "retry_policy" {
      for_each = try(each.value.retry_policy, null) != null ? [each.value.retry_policy] : []
      content {
        maximum_event_age_in_seconds = retry_policy.value.maximum_event_age_in_seconds
        maximum_retry_attempts       = retry_policy.value.maximum_retry_attempts
      }
    }
  }
}

output "eventbridge_bus_name" { value = var.bus_name }
output "eventbridge_bus_arn" { value = try(aws_cloudwatch_event_bus.this[0].arn, "") }
output "eventbridge_bus" { value = aws_cloudwatch_event_bus.this }
output "eventbridge_rule_ids" { value = { for key, rule in aws_cloudwatch_event_rule.this : key => rule.id } }
output "eventbridge_rule_arns" { value = { for key, rule in aws_cloudwatch_event_rule.this : key => rule.arn } }
output "eventbridge_rules" { value = aws_cloudwatch_event_rule.this }
output "eventbridge_targets" { value = aws_cloudwatch_event_target.this }
output "eventbridge_schedule_ids" { value = { for key, schedule in aws_scheduler_schedule.this : key => schedule.id } }
output "eventbridge_schedule_arns" { value = { for key, schedule in aws_scheduler_schedule.this : key => schedule.arn } }
output "eventbridge_schedules" { value = aws_scheduler_schedule.this }
`;
