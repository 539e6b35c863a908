import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

describe('terraform-aws-modules/sns/aws', () => {
  it('declares the topic with its defaults: no KMS key (ENC-004), no tags (OPS-003), at the module block', () => {
    const text = `module "events" {\n  source = "terraform-aws-modules/sns/aws"\n  name   = "events"\n}\n`;
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text },
    ]);
    expect(skipped).toEqual([]);
    expect([...graphs[0].resources].map(r => [r.id, r.type, r.line])).toEqual([
      ['module.events.aws_sns_topic.this[0]', 'AWS::SNS::Topic', 1],
    ]);
    const { report, findings } = scanTerraformFile(text, [
      'ENC-004',
      'OPS-003',
    ]);
    expect(findings).toEqual([
      ['ENC-004', 'module.events.aws_sns_topic.this', 1],
      ['OPS-003', 'module.events.aws_sns_topic.this', 1],
    ]);
    expect(report.findings[0].message).toMatch(/kms_master_key_id/);
  });

  it('passes a topic with a KMS key and tags; a 4.x call (create_sns_topic) is read too', () => {
    const rules = ['ENC-004', 'OPS-003'];
    const { report, findings } = scanTerraformFile(
      `module "events" {\n  source            = "terraform-aws-modules/sns/aws"\n  name              = "events"\n  kms_master_key_id = "alias/aws/sns"\n  tags              = { team = "events" }\n}\n`,
      rules,
    );
    expect(findings).toEqual([]);
    expect(passingRules(report, rules)).toEqual(rules);
    const old = scanTerraformFile(
      `module "events" {\n  source           = "terraform-aws-modules/sns/aws"\n  version          = "~> 3.0"\n  create_sns_topic = false\n}\n`,
      rules,
    );
    expect(old.report.checks.filter(c => rules.includes(c.ruleId))).toEqual([]);
  });

  it("declares its subscriptions: a function it invokes needs a dead-letter target, a subscription's dead-letter queue an alarm", () => {
    const program = (
      alarm: string,
    ) => `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
}
resource "aws_sqs_queue" "undelivered" {
  name                      = "undelivered"
  message_retention_seconds = 1209600
}
module "events" {
  source = "terraform-aws-modules/sns/aws"
  name   = "events"
  subscriptions = {
    worker = {
      protocol       = "lambda"
      endpoint       = aws_lambda_function.worker.arn
      redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.undelivered.arn })
    }
  }
}
${alarm}`;
    const rules = ['DLQ-001', 'ALM-002'];
    expect(scanTerraformFile(program(''), rules).findings).toEqual([
      ['DLQ-001', 'aws_lambda_function.worker', 1],
      ['ALM-002', 'aws_sqs_queue.undelivered', 5],
    ]);
    const watched = scanTerraformFile(
      program(`resource "aws_cloudwatch_metric_alarm" "undelivered" {
  namespace     = "AWS/SQS"
  metric_name   = "ApproximateNumberOfMessagesVisible"
  dimensions    = { QueueName = aws_sqs_queue.undelivered.name }
  alarm_actions = [module.events.topic_arn]
}
`),
      ['ALM-002'],
    );
    expect(watched.findings).toEqual([]);
    expect(passingRules(watched.report, ['ALM-002'])).toEqual(['ALM-002']);
  });

  it('reports nothing an input not known statically decides', () => {
    const { findings } = scanTerraformFile(
      `variable "key" {}\nvariable "subscriptions" {}\nmodule "events" {\n  source            = "terraform-aws-modules/sns/aws"\n  name              = "events"\n  kms_master_key_id = var.key\n  subscriptions     = var.subscriptions\n}\n`,
      ['ENC-004', 'DLQ-001', 'ALM-002'],
    );
    expect(findings).toEqual([]);
  });
});
