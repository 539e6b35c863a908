import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

/** A function of ours that consumes `queueArn`, judged by nothing the tests ask. */
const consumer = (queueArn: string) => `
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  timeout       = 3
}
resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = ${queueArn}
  function_name    = aws_lambda_function.worker.arn
}
`;

describe('terraform-aws-modules/sqs/aws', () => {
  it('declares the queue with its defaults: encrypted by SQS, no dead-letter queue, no tags', () => {
    const { graphs, skipped } = terraformAdapter.load([
      {
        path: 'svc/main.tf',
        text: `module "queue" {\n  source = "terraform-aws-modules/sqs/aws"\n  name   = "jobs"\n}\n`,
      },
    ]);
    expect(skipped).toEqual([]);
    expect([...graphs[0].resources].map(r => [r.id, r.type, r.line])).toEqual([
      ['module.queue.aws_sqs_queue.this[0]', 'AWS::SQS::Queue', 1],
    ]);
    expect(
      graphs[0].get('module.queue.aws_sqs_queue.this[0]')!.properties,
    ).toEqual({
      QueueName: 'jobs',
      FifoQueue: false,
      SqsManagedSseEnabled: true,
      Tags: [],
    });
  });

  it("reports the module's queue a function of ours consumes through its output: no dead-letter queue (DLQ-002), no tags", () => {
    const rules = ['DLQ-002', 'ENC-003', 'OPS-003', 'DLQ-006'];
    const { report, findings } = scanTerraformFile(
      `module "queue" {\n  source = "terraform-aws-modules/sqs/aws"\n  name   = "jobs"\n}\n${consumer(
        'module.queue.queue_arn',
      )}`,
      rules,
    );
    expect(findings.filter(f => String(f[1]).startsWith('module.'))).toEqual([
      ['DLQ-002', 'module.queue.aws_sqs_queue.this', 1],
      ['OPS-003', 'module.queue.aws_sqs_queue.this', 1],
    ]);
    // SQS-managed encryption by default since 4.0; the queue's default visibility timeout (30 s) exceeds the function's.
    expect(passingRules(report, ['ENC-003', 'DLQ-006'])).toEqual([
      'ENC-003',
      'DLQ-006',
    ]);
  });

  it("before 4.0 the module's queue is not encrypted by default", () => {
    const call = (version: string) =>
      `module "queue" {\n  source  = "terraform-aws-modules/sqs/aws"\n  version = "${version}"\n  name    = "jobs"\n}\n`;
    const { report, findings } = scanTerraformFile(call('~> 3.0'), ['ENC-003']);
    expect(findings).toEqual([
      ['ENC-003', 'module.queue.aws_sqs_queue.this', 1],
    ]);
    expect(report.findings[0].message).toMatch(/kms_master_key_id/);
    expect(scanTerraformFile(call('~> 4.0'), ['ENC-003']).findings).toEqual([]);
  });

  it('with create_dlq, declares the dead-letter queue and the redrive policy that names it, judged as ones written by hand', () => {
    const program = (dlq: string) => `module "queue" {
  source     = "terraform-aws-modules/sqs/aws"
  name       = "jobs"
  create_dlq = true
${dlq}
  tags = { team = "jobs" }
}
${consumer('module.queue.queue_arn')}`;
    const rules = ['DLQ-002', 'DLQ-003', 'ENC-003', 'ALM-002', 'OPS-003'];
    const { graphs } = terraformAdapter.load([
      { path: 'svc/main.tf', text: program('') },
    ]);
    const graph = graphs[0];
    expect(
      graph.get('module.queue.aws_sqs_queue.dlq[0]')!.properties,
    ).toMatchObject({ QueueName: 'jobs-dlq', SqsManagedSseEnabled: true });
    expect(
      graph.get('module.queue.aws_sqs_queue.this[0]')!.properties.RedrivePolicy,
    ).toMatchObject({ maxReceiveCount: 5 });

    const { report, findings } = scanTerraformFile(program(''), rules);
    // Its retention is the queue's, SQS's 4 days by default; no alarm watches it.
    expect(findings.filter(f => String(f[1]).startsWith('module.'))).toEqual([
      ['ALM-002', 'module.queue.aws_sqs_queue.dlq', 1],
      ['DLQ-003', 'module.queue.aws_sqs_queue.dlq', 1],
    ]);
    expect(report.findings.find(f => f.ruleId === 'DLQ-003')!.message).toMatch(
      /dlq_message_retention_seconds/,
    );
    expect(passingRules(report, ['DLQ-002', 'ENC-003'])).toEqual([
      'DLQ-002',
      'ENC-003',
    ]);
    // A retention the call writes is reported at its line.
    expect(
      scanTerraformFile(program('  dlq_message_retention_seconds = 86400'), [
        'DLQ-003',
      ]).findings,
    ).toEqual([['DLQ-003', 'module.queue.aws_sqs_queue.dlq', 5]]);

    const watched = scanTerraformFile(
      `${program('  dlq_message_retention_seconds = 1209600')}
resource "aws_sns_topic" "alerts" {
  kms_master_key_id = "alias/aws/sns"
  tags              = { team = "jobs" }
}
resource "aws_cloudwatch_metric_alarm" "dlq" {
  alarm_name    = "jobs-dlq-visible"
  namespace     = "AWS/SQS"
  metric_name   = "ApproximateNumberOfMessagesVisible"
  dimensions    = { QueueName = module.queue.dead_letter_queue_name }
  alarm_actions = [aws_sns_topic.alerts.arn]
  tags          = { team = "jobs" }
}
`,
      rules,
    );
    expect(
      watched.findings.filter(f => String(f[1]).startsWith('module.')),
    ).toEqual([]);
    expect(
      passingRules(watched.report, [
        'DLQ-002',
        'DLQ-003',
        'ENC-003',
        'ALM-002',
      ]),
    ).toEqual(['DLQ-002', 'DLQ-003', 'ENC-003', 'ALM-002']);
  });

  it("judges a queue given as a function's dead-letter target, and a redrive_policy the call writes, by what they name", () => {
    const { findings } = scanTerraformFile(
      `module "dlq" {
  source = "terraform-aws-modules/sqs/aws"
  name   = "orders-dlq"
}
module "queue" {
  source         = "terraform-aws-modules/sqs/aws"
  name           = "orders"
  redrive_policy = { deadLetterTargetArn = module.dlq.queue_arn, maxReceiveCount = 3 }
}
${consumer('module.queue.queue_arn')}`,
      ['DLQ-002', 'DLQ-003'],
    );
    expect(findings).toEqual([['DLQ-003', 'module.dlq.aws_sqs_queue.this', 1]]);
  });

  it("names the inputs that fix what it reports: create_dlq for a queue with no dead-letter queue, the dead-letter queue's own retention and tags before dlq_tags", () => {
    const noDlq = scanTerraformFile(
      `module "queue" {\n  source = "terraform-aws-modules/sqs/aws"\n  name   = "jobs"\n}\n${consumer(
        'module.queue.queue_arn',
      )}`,
      ['DLQ-002'],
    );
    expect(noDlq.findings).toEqual([
      ['DLQ-002', 'module.queue.aws_sqs_queue.this', 1],
    ]);
    expect(noDlq.report.findings[0].message).toMatch(
      /but has no redrive_policy \(create_dlq = true makes a dead-letter queue and names it there\):/,
    );

    // The queue's retention, written, is the dead-letter queue's too: what sets the latter alone is dlq_message_retention_seconds.
    const { report, findings } = scanTerraformFile(
      `module "queue" {
  source                    = "terraform-aws-modules/sqs/aws"
  name                      = "jobs"
  create_dlq                = true
  message_retention_seconds = 86400
}
${consumer('module.queue.queue_arn')}`,
      ['DLQ-003', 'OPS-003'],
    );
    expect(findings.filter(f => String(f[1]).startsWith('module.'))).toEqual([
      ['OPS-003', 'module.queue.aws_sqs_queue.this', 1],
      ['OPS-003', 'module.queue.aws_sqs_queue.dlq', 1],
      ['DLQ-003', 'module.queue.aws_sqs_queue.dlq', 5],
    ]);
    const messages = report.findings
      .filter(f => f.resourceId.startsWith('module.'))
      .map(f => f.message);
    expect(messages[1]).toMatch(/ has no tags: tags \(or dlq_tags\) is empty,/);
    expect(messages[2]).toMatch(
      / keeps messages for 1 day \(dlq_message_retention_seconds unset, so message_retention_seconds 86400\),/,
    );
  });

  it("names the dead-letter queue's retention as the call sets it: its own input, the queue's it takes, or neither", () => {
    const retention = (written: string) =>
      scanTerraformFile(
        `module "queue" {\n  source     = "terraform-aws-modules/sqs/aws"\n  name       = "jobs"\n  create_dlq = true\n${written}}\n${consumer(
          'module.queue.queue_arn',
        )}`,
        ['DLQ-003'],
      ).report.findings.map(f => [
        f.line,
        f.message.replace(/^.* keeps messages for (.*), less than .*$/, '$1'),
      ]);
    expect(retention('  dlq_message_retention_seconds = 86400\n')).toEqual([
      [5, '1 day (dlq_message_retention_seconds 86400)'],
    ]);
    expect(
      retention(
        '  message_retention_seconds     = 86400\n  dlq_message_retention_seconds = 172800\n',
      ),
    ).toEqual([[6, '2 days (dlq_message_retention_seconds 172800)']]);
    expect(retention('')).toEqual([
      [1, 'the SQS default of 4 days (no dlq_message_retention_seconds)'],
    ]);
    // The queue's retention null, written or a variable's default: neither queue has one.
    expect(retention('  message_retention_seconds = null\n')).toEqual([
      [1, 'the SQS default of 4 days (no dlq_message_retention_seconds)'],
    ]);
    const fromVariable = scanTerraformFile(
      `variable "retention" {\n  default = null\n}\nmodule "queue" {\n  source                    = "terraform-aws-modules/sqs/aws"\n  name                      = "jobs"\n  create_dlq                = true\n  message_retention_seconds = var.retention\n}\n${consumer(
        'module.queue.queue_arn',
      )}`,
      ['DLQ-003'],
    );
    expect(
      fromVariable.report.findings.map(f =>
        f.message.replace(/^.* keeps messages for (.*), less than .*$/, '$1'),
      ),
    ).toEqual(['the SQS default of 4 days (no dlq_message_retention_seconds)']);
  });

  it("places and names the dead-letter queue's retention by the queue's where the call gives dlq_message_retention_seconds null", () => {
    const retention = (variables: string, dlqRetention: string) =>
      scanTerraformFile(
        `${variables}module "queue" {\n  source                        = "terraform-aws-modules/sqs/aws"\n  name                          = "jobs"\n  create_dlq                    = true\n  dlq_message_retention_seconds = ${dlqRetention}\n  message_retention_seconds     = 86400\n}\n${consumer(
          'module.queue.queue_arn',
        )}`,
        ['DLQ-003'],
      ).report.findings.map(f => [
        f.line,
        f.message.replace(/^.* keeps messages for (.*), less than .*$/, '$1'),
      ]);
    // The module takes the queue's retention where the dead-letter queue's is null: that is the value, at its line.
    expect(retention('', 'null')).toEqual([
      [
        6,
        '1 day (dlq_message_retention_seconds unset, so message_retention_seconds 86400)',
      ],
    ]);
    expect(
      retention(
        'variable "dlq_retention" {\n  default = null\n}\n',
        'var.dlq_retention',
      ),
    ).toEqual([
      [
        9,
        '1 day (dlq_message_retention_seconds unset, so message_retention_seconds 86400)',
      ],
    ]);
    // A value not known may be the dead-letter queue's own: no finding is proven on it.
    expect(
      retention('variable "dlq_retention" {}\n', 'var.dlq_retention'),
    ).toEqual([]);
  });

  it('names what sets the encryption it reports: sqs_managed_sse_enabled, written, not the key whose absence selects it', () => {
    const { report, findings } = scanTerraformFile(
      `module "queue" {
  source                  = "terraform-aws-modules/sqs/aws"
  name                    = "jobs"
  kms_master_key_id       = null
  sqs_managed_sse_enabled = false
}
`,
      ['ENC-003'],
    );
    expect(findings).toEqual([
      ['ENC-003', 'module.queue.aws_sqs_queue.this', 5],
    ]);
    expect(report.findings[0].message).toMatch(
      / sets sqs_managed_sse_enabled to false and has no kms_master_key_id,/,
    );
  });

  it("reports a redrive_policy the call writes with no dead-letter target at that argument's line", () => {
    const { report, findings } = scanTerraformFile(
      `module "queue" {
  source         = "terraform-aws-modules/sqs/aws"
  name           = "jobs"
  redrive_policy = { maxReceiveCount = 3 }
}
${consumer('module.queue.queue_arn')}`,
      ['DLQ-002'],
    );
    expect(findings).toEqual([
      ['DLQ-002', 'module.queue.aws_sqs_queue.this', 4],
    ]);
    expect(report.findings[0].message).toMatch(
      / but its redrive_policy .* has no deadLetterTargetArn:/,
    );
  });

  it('names FIFO queues as the module does', () => {
    const { graphs } = terraformAdapter.load([
      {
        path: 'svc/main.tf',
        text: `module "queue" {\n  source     = "terraform-aws-modules/sqs/aws"\n  name       = "jobs.fifo"\n  fifo_queue = true\n  create_dlq = true\n}\n`,
      },
    ]);
    expect(
      graphs[0].get('module.queue.aws_sqs_queue.this[0]')!.properties.QueueName,
    ).toBe('jobs.fifo');
    expect(
      graphs[0].get('module.queue.aws_sqs_queue.dlq[0]')!.properties.QueueName,
    ).toBe('jobs-dlq.fifo');
  });

  it('reports nothing an input not known statically decides', () => {
    const { findings } = scanTerraformFile(
      `variable "dlq" {}
variable "retention" {}
variable "sse" {}
module "queue" {
  source                        = "terraform-aws-modules/sqs/aws"
  name                          = "jobs"
  create_dlq                    = var.dlq
  dlq_message_retention_seconds = var.retention
  sqs_managed_sse_enabled       = var.sse
}
${consumer('module.queue.queue_arn')}`,
      ['DLQ-002', 'DLQ-003', 'ENC-003'],
    );
    expect(findings).toEqual([]);
  });
});
