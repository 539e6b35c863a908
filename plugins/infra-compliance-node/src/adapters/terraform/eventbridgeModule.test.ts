import { Ref } from '../../graph/values';
import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

/**
 * A function of the lambda module whose only trigger of its own is its
 * function URL (synchronous): exempt from DLQ-001 unless something else
 * invokes it asynchronously. `extra` adds inputs (a dead-letter target).
 */
const fn = (extra = '') => `
module "fn" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 4.0"

  function_name              = "cron"
  handler                    = "index.handler"
  runtime                    = "python3.12"
  create_lambda_function_url = true
${extra}}
`;

describe('terraform-aws-modules/eventbridge/aws', () => {
  // As the corpus calls it (serverless-patterns/terraform-eventbridge-scheduled-lambda): the default bus, a scheduled rule, a Lambda target.
  const corpusLike = (fnInputs = '') => `module "eventbridge" {
  source  = "terraform-aws-modules/eventbridge/aws"
  version = "~> 1.0"

  create_bus = false

  rules = {
    crons = {
      description         = "Trigger a Lambda Function periodically"
      schedule_expression = "rate(1 minute)"
    }
  }

  targets = {
    crons = [
      {
        name  = "lambda-loves-cron"
        arn   = module.fn.lambda_function_arn
        input = jsonencode({ "job" : "cron-by-rate" })
      }
    ]
  }
}
${fn(fnInputs)}`;

  it('declares the rule on the default bus with its target, the function it invokes through module.fn.lambda_function_arn', () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: corpusLike() },
    ]);
    expect(skipped).toEqual([]);
    const graph = graphs[0];
    const declared = [...graph.resources]
      .filter(r => r.id.startsWith('module.eventbridge.'))
      .map(r => [r.id, r.type, r.line]);
    // No bus of its own (create_bus = false): the rule is on AWS's default bus; the target is a property of its rule.
    expect(declared).toEqual([
      [
        'module.eventbridge.aws_cloudwatch_event_rule.this["crons"]',
        'AWS::Events::Rule',
        1,
      ],
    ]);
    const rule = graph.get(
      'module.eventbridge.aws_cloudwatch_event_rule.this["crons"]',
    )!;
    expect(rule.properties).toMatchObject({
      Name: 'crons-rule',
      EventBusName: 'default',
      ScheduleExpression: 'rate(1 minute)',
    });
    expect(rule.properties.Targets).toEqual([
      {
        Arn: new Ref('module.fn.aws_lambda_function.this[0]', 'Arn'),
        Id: null,
      },
    ]);
  });

  it('makes the function it targets invoked asynchronously: DLQ-001 without a dead-letter target, none with one', () => {
    const { report, findings } = scanTerraformFile(corpusLike(), ['DLQ-001']);
    expect(findings).toEqual([
      ['DLQ-001', 'module.fn.aws_lambda_function.this', 25],
    ]);
    expect(report.findings[0].message).toContain(
      'module.eventbridge.aws_cloudwatch_event_rule.this["crons"]',
    );

    const withDlq = scanTerraformFile(
      `${corpusLike(
        '  dead_letter_target_arn = aws_sqs_queue.failed.arn\n',
      )}resource "aws_sqs_queue" "failed" {}\n`,
      ['DLQ-001'],
    );
    expect(withDlq.findings).toEqual([]);
    expect(passingRules(withDlq.report, ['DLQ-001'])).toEqual(['DLQ-001']);
  });

  it('declares its own bus by default, named by bus_name, with the rules on it', () => {
    const text = `module "events" {
  source   = "terraform-aws-modules/eventbridge/aws"
  bus_name = "orders"
  rules = {
    placed = { event_pattern = jsonencode({ source = ["shop.orders"] }) }
  }
  append_rule_postfix = false
  tags = { team = "orders" }
}
`;
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text },
    ]);
    expect(skipped).toEqual([]);
    const graph = graphs[0];
    expect([...graph.resources].map(r => [r.id, r.type, r.line])).toEqual([
      [
        'module.events.aws_cloudwatch_event_bus.this[0]',
        'AWS::Events::EventBus',
        1,
      ],
      [
        'module.events.aws_cloudwatch_event_rule.this["placed"]',
        'AWS::Events::Rule',
        1,
      ],
    ]);
    expect(
      graph.get('module.events.aws_cloudwatch_event_rule.this["placed"]')!
        .properties,
    ).toMatchObject({
      Name: 'placed',
      EventBusName: new Ref(
        'module.events.aws_cloudwatch_event_bus.this[0]',
        'Name',
      ),
      EventPattern: { source: ['shop.orders'] },
    });
    // Its rules are tagged with their name; the bus with the call's tags.
    const { findings } = scanTerraformFile(text, ['OPS-003']);
    expect(findings).toEqual([]);
  });

  it("counts a target's dead_letter_arn as a dead-letter queue: ALM-002 wants an alarm on it", () => {
    const program = (alarm: string) => `resource "aws_sqs_queue" "undelivered" {
  name                      = "undelivered"
  message_retention_seconds = 1209600
  tags                      = { team = "orders" }
}
module "eventbridge" {
  source     = "terraform-aws-modules/eventbridge/aws"
  create_bus = false
  rules = {
    orders = { event_pattern = jsonencode({ source = ["shop.orders"] }) }
  }
  targets = {
    orders = [
      {
        name            = "archive"
        arn             = "arn:aws:sqs:eu-west-1:111122223333:archive"
        dead_letter_arn = aws_sqs_queue.undelivered.arn
        retry_policy    = { maximum_retry_attempts = 3, maximum_event_age_in_seconds = 3600 }
      }
    ]
  }
}
${alarm}`;
    const { graphs } = terraformAdapter.load([
      { path: 'svc/main.tf', text: program('') },
    ]);
    expect(
      graphs[0].get(
        'module.eventbridge.aws_cloudwatch_event_rule.this["orders"]',
      )!.properties.Targets,
    ).toEqual([
      {
        Arn: 'arn:aws:sqs:eu-west-1:111122223333:archive',
        Id: null,
        DeadLetterConfig: { Arn: new Ref('aws_sqs_queue.undelivered', 'Arn') },
      },
    ]);
    expect(scanTerraformFile(program(''), ['ALM-002']).findings).toEqual([
      ['ALM-002', 'aws_sqs_queue.undelivered', 1],
    ]);
    const watched = scanTerraformFile(
      program(`resource "aws_cloudwatch_metric_alarm" "undelivered" {
  namespace     = "AWS/SQS"
  metric_name   = "ApproximateNumberOfMessagesVisible"
  dimensions    = { QueueName = aws_sqs_queue.undelivered.name }
  alarm_actions = ["arn:aws:sns:eu-west-1:111122223333:oncall"]
}
`),
      ['ALM-002'],
    );
    expect(watched.findings).toEqual([]);
    expect(passingRules(watched.report, ['ALM-002'])).toEqual(['ALM-002']);
  });

  it("reports a hardcoded ARN of a target at the call's targets, where it is written, not at its rules; a target under no rule's key makes nothing", () => {
    const program = `module "eventbridge" {
  source     = "terraform-aws-modules/eventbridge/aws"
  create_bus = false

  rules = {
    crons  = { schedule_expression = "rate(1 minute)" }
    nightly = { schedule_expression = "cron(0 2 * * ? *)" }
  }

  targets = {
    crons = [
      {
        name = "lambda-loves-cron"
        arn  = "arn:aws:lambda:us-east-1:123456789012:function:f"
      }
    ]
    orphan = [{ name = "nowhere", arn = "arn:aws:lambda:us-east-1:123456789012:function:g" }]
  }
}
`;
    const { graphs } = terraformAdapter.load([
      { path: 'svc/main.tf', text: program },
    ]);
    const targets = (key: string) =>
      graphs[0].get(
        `module.eventbridge.aws_cloudwatch_event_rule.this["${key}"]`,
      )!.properties.Targets;
    expect(targets('crons')).toEqual([
      { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', Id: null },
    ]);
    expect(targets('nightly')).toBeUndefined();
    expect(scanTerraformFile(program, ['OPS-002']).findings).toEqual([
      [
        'OPS-002',
        'module.eventbridge.aws_cloudwatch_event_rule.this["crons"]',
        10,
      ],
    ]);
  });

  it('declares its schedules (2.3 and later): a function one invokes is invoked asynchronously, its dead_letter_arn is a dead-letter queue', () => {
    const text = `module "scheduler" {
  source     = "terraform-aws-modules/eventbridge/aws"
  version    = "~> 3.0"
  create_bus = false
  schedules = {
    nightly = {
      schedule_expression = "rate(1 day)"
      arn                 = module.fn.lambda_function_arn
      dead_letter_arn     = aws_sqs_queue.missed.arn
    }
  }
}
resource "aws_sqs_queue" "missed" {
  message_retention_seconds = 1209600
}
${fn()}`;
    const { graphs } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    const schedule = graphs[0].get(
      'module.scheduler.aws_scheduler_schedule.this["nightly"]',
    )!;
    expect([schedule.type, schedule.line]).toEqual([
      'AWS::Scheduler::Schedule',
      1,
    ]);
    expect(schedule.properties).toMatchObject({
      Name: 'nightly-schedule',
      ScheduleExpression: 'rate(1 day)',
      Target: {
        Arn: new Ref('module.fn.aws_lambda_function.this[0]', 'Arn'),
        DeadLetterConfig: { Arn: new Ref('aws_sqs_queue.missed', 'Arn') },
      },
    });
    expect(scanTerraformFile(text, ['DLQ-001', 'ALM-002']).findings).toEqual([
      ['ALM-002', 'aws_sqs_queue.missed', 13],
      ['DLQ-001', 'module.fn.aws_lambda_function.this', 17],
    ]);
  });

  it('gives the outputs other code reads: the rules’ ARNs and ids, the bus’s name and ARN, the schedules’ ARNs', () => {
    const text = `module "eventbridge" {
  source   = "terraform-aws-modules/eventbridge/aws"
  bus_name = "orders"
  rules = {
    crons = { schedule_expression = "rate(1 hour)" }
  }
  schedules = {
    nightly = { schedule_expression = "rate(1 day)", arn = "arn:aws:sqs:eu-west-1:111122223333:jobs" }
  }
}
resource "aws_lambda_permission" "crons" {
  function_name = "worker"
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"
  source_arn    = module.eventbridge.eventbridge_rule_arns["crons"]
}
resource "aws_cloudwatch_event_rule" "audit" {
  event_bus_name = module.eventbridge.eventbridge_bus_name
  description    = "\${module.eventbridge.eventbridge_bus_arn} \${module.eventbridge.eventbridge_rule_ids["crons"]} \${module.eventbridge.eventbridge_schedule_arns["nightly"]}"
  event_pattern  = jsonencode({ source = ["shop.audit"] })
}
`;
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text },
    ]);
    expect(skipped).toEqual([]);
    const graph = graphs[0];
    expect(
      graph.resolve(
        graph.get('aws_lambda_permission.crons')!.properties.SourceArn,
      )?.id,
    ).toBe('module.eventbridge.aws_cloudwatch_event_rule.this["crons"]');
    // eventbridge_bus_name is the bus_name input as written, whether the module makes the bus or not.
    expect(
      graph.get('aws_cloudwatch_event_rule.audit')!.properties.EventBusName,
    ).toBe('orders');
  });

  it('reports nothing an input not known statically decides, and skips nothing', () => {
    const text = `variable "rules" {}
variable "targets" {}
variable "target_arn" {}
variable "dlq_arn" {}
module "unknown_maps" {
  source  = "terraform-aws-modules/eventbridge/aws"
  rules   = var.rules
  targets = var.targets
}
module "unknown_values" {
  source     = "terraform-aws-modules/eventbridge/aws"
  create_bus = false
  rules = {
    crons = { schedule_expression = "rate(1 hour)" }
  }
  targets = {
    crons = [{ name = "maybe", arn = var.target_arn, dead_letter_arn = var.dlq_arn }]
  }
  schedules = {
    nightly = { schedule_expression = "rate(1 day)", arn = var.target_arn, dead_letter_arn = var.dlq_arn }
  }
}
resource "aws_sqs_queue" "maybe_dlq" {}
${fn()}`;
    const { skipped } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    expect(skipped).toEqual([]);
    const { findings } = scanTerraformFile(text, [
      'DLQ-001',
      'ALM-002',
      'DLQ-003',
    ]);
    expect(findings).toEqual([]);
  });
});
