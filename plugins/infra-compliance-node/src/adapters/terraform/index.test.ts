import { lineOfNode, lineOfPath } from '../../graph/locations';
import { Ref, Template, Unknown, Value, ValueMap } from '../../graph/values';
import { ResourceGraph } from '../../graph/ResourceGraph';
import { scanFiles, selectRules } from '../../engine/scan';
import { fingerprint } from '../../engine/evaluateGraph';
import { terraformAdapter } from '.';
import { terraformPropertyName } from './resources';

const load = (files: Record<string, string>) =>
  terraformAdapter.load(
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );

describe('terraformAdapter', () => {
  const main = `
variable "env" {
  default = "dev"
}
variable "external_arn" {}
locals {
  prefix = "orders-\${var.env}"
}
resource "aws_sqs_queue" "dlq" {
  name                      = "\${local.prefix}-dlq"
  message_retention_seconds = 1209600
}
resource "aws_lambda_function" "fn" {
  function_name = local.prefix
  role          = aws_iam_role.fn.arn
  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.dlq.url
      OTHER     = var.external_arn
      REGION    = data.aws_region.current.name
    }
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
}
data "aws_region" "current" {}
data "aws_iam_policy_document" "fn" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }
}
resource "aws_iam_role" "fn" {
  name = "orders-fn"
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = data.aws_iam_policy_document.fn.json
}
resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
output "queue" {
  value = aws_sqs_queue.dlq.arn
}
`;

  it('translates resources to the AWS resource model with references, templates and lines', () => {
    const { graphs, errors } = load({ 'stack/main.tf': main });
    expect(errors).toEqual([]);
    const [graph] = graphs;
    const fn = graph.get('aws_lambda_function.fn')!;
    expect(fn).toMatchObject({
      type: 'AWS::Lambda::Function',
      sourceType: 'aws_lambda_function',
      file: 'stack/main.tf',
      line: 13,
    });
    expect(fn.properties.FunctionName).toBe('orders-dev');
    expect(fn.properties.Role).toEqual(new Ref('aws_iam_role.fn', 'Arn'));
    expect(fn.properties.Environment).toEqual({
      Variables: {
        QUEUE_URL: new Ref('aws_sqs_queue.dlq'),
        OTHER: Unknown.oneValue('variable external_arn'),
        REGION: Unknown.oneValue('AWS::Region'),
      },
    });
    expect(fn.properties.DeadLetterConfig).toEqual({
      TargetArn: new Ref('aws_sqs_queue.dlq', 'Arn'),
    });
    expect(
      lineOfPath(fn.properties, ['Environment', 'Variables', 'OTHER'], 0),
    ).toBe(19);
    expect(
      lineOfPath(fn.properties, ['DeadLetterConfig', 'TargetArn'], 0),
    ).toBe(24);

    const queue = graph.get('aws_sqs_queue.dlq')!;
    expect(queue.properties).toEqual({
      QueueName: 'orders-dev-dlq',
      MessageRetentionPeriod: 1209600,
    });
    expect(lineOfPath(queue.properties, ['MessageRetentionPeriod'], 0)).toBe(
      11,
    );

    const role = graph.get('aws_iam_role.fn')!;
    expect(role.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    expect(graph.get('aws_iam_role_policy.fn')!.properties).toEqual({
      RoleName: new Ref('aws_iam_role.fn'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sqs:SendMessage'],
            Resource: [new Ref('aws_sqs_queue.dlq', 'Arn')],
          },
        ],
      },
    });
    expect(graph.outputs).toEqual([
      {
        name: 'queue',
        value: new Ref('aws_sqs_queue.dlq', 'Arn'),
        file: 'stack/main.tf',
        line: 46,
      },
    ]);
  });

  it('reads jsonencode, heredoc JSON with interpolations, and provider default tags', () => {
    const { graphs } = load({
      'main.tf': `
provider "aws" {
  default_tags {
    tags = { team = "orders" }
  }
}
resource "aws_sqs_queue" "q" {
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 3 })
}
resource "aws_sqs_queue" "dlq" {}
resource "aws_kms_key" "k" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Resource": "\${aws_sqs_queue.q.arn}/x"}]}
EOF
}
`,
    });
    const [graph] = graphs;
    expect(graph.hasDefaultTags).toBe(true);
    expect(graph.get('aws_sqs_queue.q')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('aws_sqs_queue.dlq', 'Arn'),
      maxReceiveCount: 3,
    });
    expect(graph.get('aws_kms_key.k')!.properties.KeyPolicy).toEqual({
      Statement: [
        {
          Effect: 'Allow',
          Resource: new Template([new Ref('aws_sqs_queue.q', 'Arn'), '/x']),
        },
      ],
    });
  });

  it('keeps strings as Terraform builds them: spaces around interpolations, heredoc indentation and last newline, a value in an indented heredoc', () => {
    const { graphs } = load({
      'main.tf': `
variable "az" {
  default = "us-east-1a"
}
variable "queues" {
  default = [["a"], ["b"]]
}
variable "two_lines" {
  default = "one\\ntwo"
}
resource "aws_sqs_queue" "q" {
  name = "Subnet for \${var.az} only"
  delay_seconds = -1
  tags = {
    script = <<EOT
  set -e
  echo \${var.az} done
EOT
    indented = <<-EOT
      one
        two
      EOT
    interpolated = <<-EOT
      \${var.two_lines}
        three
      EOT
    document = <<-EOT
      \${jsonencode(var.queues)}
      EOT
    all = concat(var.queues...)
  }
}
`,
    });
    const queue = graphs[0].get('aws_sqs_queue.q')!;
    expect(queue.properties.QueueName).toBe('Subnet for us-east-1a only');
    expect(queue.properties.DelaySeconds).toBe(-1);
    expect(queue.properties.Tags).toEqual([
      { Key: 'script', Value: '  set -e\n  echo us-east-1a done\n' },
      { Key: 'indented', Value: 'one\n  two\n' },
      // The indentation is the written lines', not that of the lines of a value.
      { Key: 'interpolated', Value: 'one\ntwo\n  three\n' },
      { Key: 'document', Value: '[["a"],["b"]]\n' },
      { Key: 'all', Value: new Unknown('concat() of an expanded list') },
    ]);
  });

  it('evaluates operators and common functions over known values, and leaves the rest unknown', () => {
    const { graphs } = load({
      'main.tf': `
variable "days" {
  default = 14
}
variable "env" {
  default = "prod"
}
variable "from_the_plan" {}
locals {
  names = ["a", "b"]
}
data "aws_region" "current" {}
resource "aws_sqs_queue" "dlq" {
  name                       = format("%s-%s-dlq", var.env, element(local.names, 3))
  message_retention_seconds  = var.days * 24 * 60 * 60
  delay_seconds              = var.env == "prod" && !false ? 0 : 5
  visibility_timeout_seconds = max(30, 6 * 10)
  tags = {
    count   = length(local.names)
    first   = coalesce("", var.env)
    has_a   = contains(local.names, "a")
    keys    = join(",", keys({ b = 1, a = 2 }))
    flat    = join(",", flatten([["x"], ["y", ["z"]]]))
    replace = replace("a-b-c", "-", "_")
    regex   = replace("a-b", "/-/", "_")
    plan    = var.from_the_plan * 2
    decided = false && var.from_the_plan
    typed   = "1" == 1
    arn     = format("arn:aws:sqs:%s:%d:%s", data.aws_region.current.name, 123456789012, aws_sqs_queue.dlq.name)
    percent = format("%d%%", 5.5)
  }
}
`,
    });
    const queue = graphs[0].get('aws_sqs_queue.dlq')!;
    expect(queue.properties).toMatchObject({
      QueueName: 'prod-b-dlq',
      MessageRetentionPeriod: 1209600,
      DelaySeconds: 0,
      VisibilityTimeout: 60,
    });
    const tags = Object.fromEntries(
      (queue.properties.Tags as { Key: string; Value: unknown }[]).map(tag => [
        tag.Key,
        tag.Value,
      ]),
    );
    expect(tags).toEqual({
      count: 2,
      first: 'prod',
      has_a: true,
      keys: 'a,b',
      flat: 'x,y,z',
      replace: 'a_b_c',
      regex: new Unknown('replace()'),
      plan: new Unknown('operation *'),
      decided: false,
      typed: false,
      arn: new Template([
        'arn:aws:sqs:',
        Unknown.oneValue('AWS::Region'),
        ':123456789012:',
        new Ref('aws_sqs_queue.dlq', 'QueueName'),
      ]),
      percent: new Unknown('format()'),
    });
  });

  it('reads one() as the only element of its list, or null: the dead-letter queue and the output of a count of 1 (DLQ-003, OPS-007)', () => {
    const text = `
resource "aws_sqs_queue" "dlq" {
  count = 1
}
resource "aws_sqs_queue" "work" {
  redrive_policy = jsonencode({
    deadLetterTargetArn = one(aws_sqs_queue.dlq[*].arn)
    maxReceiveCount     = 3
  })
  tags = {
    none = coalesce(one([]), "no queue")
    many = one([1, 2])
  }
}
output "work" {
  value = aws_sqs_queue.work.url
}
output "dlq" {
  value = one(aws_sqs_queue.dlq[*].url)
}
`;
    const work = load({ 'main.tf': text }).graphs[0].get('aws_sqs_queue.work')!;
    expect(work.properties.Tags).toEqual([
      { Key: 'none', Value: 'no queue' },
      { Key: 'many', Value: new Unknown('one()') },
    ]);
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['DLQ-003', 'OPS-007']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['DLQ-003', 'aws_sqs_queue.dlq'],
    ]);
  });

  it("reads coalesce() of a variable's null default and a resource's ARN as that ARN: the dead-letter queue (DLQ-003)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "dlq_arn" {
  type    = string
  default = null
}
resource "aws_sqs_queue" "dlq" {}
resource "aws_lambda_function" "f" {
  dead_letter_config {
    target_arn = coalesce(var.dlq_arn, aws_sqs_queue.dlq.arn)
  }
}
`,
        },
      ],
      selectRules(['DLQ-003']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.confidence]),
    ).toEqual([['DLQ-003', 'aws_sqs_queue.dlq', 'partial']]);
  });

  it('reads coalesce() of one() of a splat of a resource whose count is not known as either argument: that count may be 0', () => {
    const { graphs } = load({
      'main.tf': `
variable "with_dlq" {
  type = bool
}
resource "aws_sqs_queue" "dlq" {
  count = var.with_dlq ? 1 : 0
}
resource "aws_sqs_queue" "fallback" {}
resource "aws_lambda_function" "f" {
  dead_letter_config {
    target_arn = coalesce(one(aws_sqs_queue.dlq[*].arn), aws_sqs_queue.fallback.arn)
  }
}
`,
    });
    expect(
      graphs[0].get('aws_lambda_function.f')!.properties.DeadLetterConfig,
    ).toEqual({
      TargetArn: new Unknown('coalesce() of references to resources', false, [
        'aws_sqs_queue.dlq',
        'aws_sqs_queue.fallback',
      ]),
    });
  });

  it('reads one() of a splat of a resource whose count is not known as the one instance it stands for: the dead-letter queue (DLQ-003, OPS-007)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "with_dlq" {
  type = bool
}
resource "aws_sqs_queue" "dlq" {
  count = var.with_dlq ? 1 : 0
}
resource "aws_sqs_queue" "work" {
  redrive_policy = jsonencode({
    deadLetterTargetArn = one(aws_sqs_queue.dlq[*].arn)
    maxReceiveCount     = 3
  })
}
output "work" {
  value = aws_sqs_queue.work.url
}
output "dlq" {
  value = one(aws_sqs_queue.dlq[*].url)
}
`,
        },
        // The splat kept in a local of another file.
        {
          path: 'local/locals.tf',
          text: `
locals {
  dlq_arns = aws_sqs_queue.dlq[*].arn
}
`,
        },
        {
          path: 'local/main.tf',
          text: `
variable "with_dlq" {
  type = bool
}
resource "aws_sqs_queue" "dlq" {
  count = var.with_dlq ? 1 : 0
}
resource "aws_sqs_queue" "work" {
  redrive_policy = jsonencode({
    deadLetterTargetArn = one(local.dlq_arns)
    maxReceiveCount     = 3
  })
}
`,
        },
      ],
      selectRules(['DLQ-003', 'OPS-007']),
    );
    expect(report.findings.map(f => [f.file, f.ruleId, f.resourceId])).toEqual([
      ['local/main.tf', 'DLQ-003', 'aws_sqs_queue.dlq'],
      ['main.tf', 'DLQ-003', 'aws_sqs_queue.dlq'],
    ]);
  });

  it.each([
    [
      'one() of a splat compared with null',
      'aws_sqs_queue.jobs',
      'one(aws_sqs_queue.jobs[*].arn) != null ? one(aws_sqs_queue.jobs[*].arn) : var.stream_arn',
      // Without count, the splat is a list of the one queue.
      true,
    ],
    [
      'try() of an instance, else a stream',
      'aws_sqs_queue.jobs',
      'try(aws_sqs_queue.jobs[0].arn, var.stream_arn)',
      // Without count, Terraform refuses the key, and try() gives the stream after it.
      false,
    ],
    [
      'try() of an instance, else null, compared with null',
      'aws_sqs_queue.jobs',
      'try(aws_sqs_queue.jobs[0].arn, null) == null ? var.stream_arn : aws_sqs_queue.jobs[0].arn',
      false,
    ],
    [
      'can() of an instance',
      'aws_sqs_queue.jobs',
      'can(aws_sqs_queue.jobs[0].arn) ? aws_sqs_queue.jobs[0].arn : var.stream_arn',
      false,
    ],
    [
      'try() of an instance, else a stream',
      'data.aws_sqs_queue.jobs',
      'try(data.aws_sqs_queue.jobs[0].arn, var.stream_arn)',
      false,
    ],
    [
      'try() of an instance, else null, compared with null',
      'data.aws_sqs_queue.jobs',
      'try(data.aws_sqs_queue.jobs[0].arn, null) == null ? var.stream_arn : data.aws_sqs_queue.jobs[0].arn',
      false,
    ],
    [
      'one() of a splat kept in a local of another file, compared with null',
      'data.aws_sqs_queue.jobs',
      'local.jobs_arn != null ? local.jobs_arn : var.stream_arn',
      true,
    ],
  ])(
    'reads %s of %s whose count is not known as either value, its count 0 or 1: a mapping consumes the queue only where its count is known to be 1 (DLQ-005)',
    (_, queue, source, withoutCount) => {
      // Each stack deploys the queue as its count says: not known, 1, 0, or without count (one queue).
      const counts = {
        not_known: 'count = var.with_queue ? 1 : 0',
        one: 'count = 1',
        none: 'count = 0',
        no_count: '',
      };
      const [kind, type, name] = queue.startsWith('data.')
        ? ['data', ...queue.split('.').slice(1)]
        : ['resource', ...queue.split('.')];
      const report = scanFiles(
        Object.entries(counts).flatMap(([dir, count]) => [
          {
            path: `${dir}/main.tf`,
            text: `
variable "with_queue" {
  type = bool
}
variable "stream_arn" {
  type = string
}
${kind} "${type}" "${name}" {
  ${count}
  ${kind === 'data' ? 'name = "jobs"' : ''}
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = ${source}
  function_name    = "worker"
}
`,
          },
          {
            path: `${dir}/locals.tf`,
            text: `
locals {
  jobs_arn = one(${queue}[*].arn)
}
`,
          },
        ]),
        selectRules(['DLQ-005']),
      );
      expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
        ...(withoutCount
          ? [['no_count/main.tf', 'aws_lambda_event_source_mapping.m']]
          : []),
        ['one/main.tf', 'aws_lambda_event_source_mapping.m'],
      ]);
    },
  );

  it('reads one() of a splat of a data block kept in a local of another file as one() of the splat written there: the queue, its count 1 or not known (DLQ-005)', () => {
    const files = (count: string) => ({
      'main.tf': `
variable "with_queue" {
  type = bool
}
data "aws_sqs_queue" "jobs" {
  ${count}
  name = "jobs"
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = one(local.jobs_arns)
  function_name    = "worker"
}
`,
      'locals.tf': `
locals {
  jobs_arns = data.aws_sqs_queue.jobs[*].arn
}
`,
    });
    const counts = {
      not_known: 'count = var.with_queue ? 1 : 0',
      one: 'count = 1',
    };
    const report = scanFiles(
      Object.entries(counts).flatMap(([dir, count]) =>
        Object.entries(files(count)).map(([path, text]) => ({
          path: `${dir}/${path}`,
          text,
        })),
      ),
      selectRules(['DLQ-005']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId, f.line])).toEqual([
      ['not_known/main.tf', 'aws_lambda_event_source_mapping.m', 9],
      ['one/main.tf', 'aws_lambda_event_source_mapping.m', 9],
    ]);
    const mapping = load(files(counts.not_known)).graphs[0].get(
      'aws_lambda_event_source_mapping.m',
    )!;
    // The queue's ARN, as one(data.aws_sqs_queue.jobs[*].arn) reads it.
    expect(mapping.properties.EventSourceArn).toBeInstanceOf(Template);
  });

  it('reads a data block or resource whose count is 0, written or by a default, as no instance: one() of its splat is null, [0] an error, length() 0, directly or through a local of another file (DLQ-005)', () => {
    const files = (count: string, block: string) => ({
      'main.tf': `
variable "enabled" {
  type    = bool
  default = false
}
${block} "aws_sqs_queue" "jobs" {
  ${count}
  name = "jobs"
}
resource "aws_lambda_event_source_mapping" "one" {
  event_source_arn = one(${
    block === 'data' ? 'data.' : ''
  }aws_sqs_queue.jobs[*].arn)
  function_name    = "worker"
}
resource "aws_lambda_event_source_mapping" "local" {
  event_source_arn = one(local.jobs_arns)
  function_name    = "worker"
}
resource "aws_sqs_queue" "other" {}
resource "aws_lambda_event_source_mapping" "first" {
  event_source_arn = try(${
    block === 'data' ? 'data.' : ''
  }aws_sqs_queue.jobs[0].arn, aws_sqs_queue.other.arn)
  function_name    = "worker"
}
resource "aws_lambda_event_source_mapping" "each" {
  count            = length(${
    block === 'data' ? 'data.' : ''
  }aws_sqs_queue.jobs)
  event_source_arn = ${
    block === 'data' ? 'data.' : ''
  }aws_sqs_queue.jobs[count.index].arn
  function_name    = "worker"
}
`,
      'locals.tf': `
locals {
  jobs_arns = ${block === 'data' ? 'data.' : ''}aws_sqs_queue.jobs[*].arn
}
`,
    });
    const counts = {
      by_default: 'count = var.enabled ? 1 : 0',
      zero: 'count = 0',
      one: 'count = 1',
    };
    const report = scanFiles(
      ['data', 'resource'].flatMap(block =>
        Object.entries(counts).flatMap(([dir, count]) =>
          Object.entries(files(count, block)).map(([path, text]) => ({
            path: `${block}/${dir}/${path}`,
            text,
          })),
        ),
      ),
      selectRules(['DLQ-005']),
    );
    const mappings = (file: string, names: string[], confidence: string) =>
      names.map(name => [
        file,
        `aws_lambda_event_source_mapping.${name}`,
        confidence,
      ]);
    const all = ['one', 'local', 'first', 'each'];
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([
      // The default's count of 0 leaves out `each`: the stack without defaults, where the count is not known, is
      // judged too, at partial confidence.
      ...mappings('data/by_default/main.tf', all, 'partial'),
      ...mappings('data/one/main.tf', all, 'high'),
      // Of no instance, try() reads the other queue.
      ...mappings('data/zero/main.tf', ['first'], 'high'),
      ...mappings('resource/by_default/main.tf', all, 'partial'),
      ...mappings('resource/one/main.tf', all, 'high'),
      ...mappings('resource/zero/main.tf', ['first'], 'high'),
    ]);
  });

  it('reads what a function it does not evaluate makes of references as possibly naming them: an output of it may export them (OPS-007)', () => {
    const resources = `
resource "aws_sqs_queue" "q" {}
resource "aws_sns_topic" "orders" {}
resource "aws_sns_topic" "refunds" {}
output "queue" {
  value = aws_sqs_queue.q.url
}
`;
    const report = scanFiles(
      [
        {
          path: 'reversed/main.tf',
          text: `${resources}output "topics" {
  value = reverse([aws_sns_topic.orders.arn, aws_sns_topic.refunds.arn])
}
`,
        },
        {
          path: 'literal/main.tf',
          text: `${resources}output "names" {
  value = reverse(["orders", "refunds"])
}
`,
        },
        // It names what its arguments refer to, and nothing else.
        {
          path: 'one/main.tf',
          text: `${resources}output "topics" {
  value = formatlist("%s", [aws_sns_topic.orders.arn])
}
`,
        },
      ],
      selectRules(['OPS-007']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
      ['literal/main.tf', 'aws_sns_topic.orders'],
      ['literal/main.tf', 'aws_sns_topic.refunds'],
      ['one/main.tf', 'aws_sns_topic.refunds'],
    ]);
  });

  it('reads a for expression over references whose if-clause or key is not known as possibly naming them: an output of it may export them (OPS-006)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
resource "aws_sqs_queue" "q" {
  for_each   = toset(["a", "b"])
  fifo_queue = each.key == "a"
}
output "fifo_queue_urls" {
  value = [for q in aws_sqs_queue.q : q.url if q.fifo_queue]
}
output "names_by_url" {
  value = { for key, q in aws_sqs_queue.q : q.url => key }
}
`,
        },
      ],
      selectRules(['OPS-006', 'OPS-007']),
    );
    expect(report.findings).toEqual([]);
  });

  it('reads a for expression over a collection not known, or whose if-clause is not known, as possibly naming the references it reads for an element: an output of it may export them (OPS-007)', () => {
    const text = `
variable "names" {
  type = list(string)
}
variable "with_archive" {
  type = bool
}
resource "aws_sns_topic" "events" {}
resource "aws_sqs_queue" "q" {
  for_each = toset(["a", "b"])
}
resource "aws_sqs_queue" "archive" {}
output "events_topic_arn" {
  value = aws_sns_topic.events.arn
}
output "queue_urls" {
  value = [for name in var.names : aws_sqs_queue.q[name].url]
}
output "archive_urls" {
  value = { for name in ["archive"] : name => aws_sqs_queue.archive.url if var.with_archive }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['OPS-006', 'OPS-007']),
    );
    expect(report.findings).toEqual([]);
    // The instance an element reads may be any of them: the output names them all, and the queues stay expanded.
    const [graph] = load({ 'main.tf': text }).graphs;
    expect(graph.get('aws_sqs_queue.q["a"]')).toBeDefined();
    expect(
      graph.outputs.find(output => output.name === 'queue_urls')?.value,
    ).toEqual(
      new Unknown('for expression of references to resources', false, [
        'aws_sqs_queue.q["a"]',
        'aws_sqs_queue.q["b"]',
      ]),
    );
  });

  it('reads a template directive over a collection not known, or on a condition not known, as possibly naming the references it reads: an output of it may export them (OPS-007)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "names" {
  type = list(string)
}
variable "with_archive" {
  type = bool
}
resource "aws_sns_topic" "events" {}
resource "aws_sqs_queue" "q" {
  for_each = toset(["a", "b"])
}
resource "aws_sqs_queue" "archive" {}
output "events_topic_arn" {
  value = aws_sns_topic.events.arn
}
output "queue_urls" {
  value = "%{ for name in var.names }\${aws_sqs_queue.q[name].url},%{ endfor }"
}
output "archive_url" {
  value = "%{ if var.with_archive }\${aws_sqs_queue.archive.url}%{ endif }"
}
`,
        },
      ],
      selectRules(['OPS-006', 'OPS-007']),
    );
    expect(report.findings).toEqual([]);
  });

  it('reads what lookup() or element() takes from its arguments as that value, references beside it or not: a variable names one role (IAM-001)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "shared_role_arn" {}
locals {
  roles = { shared = var.shared_role_arn, own = aws_iam_role.own.arn }
}
resource "aws_iam_role" "own" {}
resource "aws_lambda_function" "direct" {
  role = var.shared_role_arn
}
resource "aws_lambda_function" "looked_up" {
  role = lookup(local.roles, "shared")
}
resource "aws_lambda_function" "element" {
  role = element([var.shared_role_arn, aws_iam_role.own.arn], 0)
}
`,
        },
      ],
      selectRules(['IAM-001']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'aws_lambda_function.direct',
      'aws_lambda_function.looked_up',
      'aws_lambda_function.element',
    ]);
  });

  it('reads lookup() of a key the map lacks as its default, null too, and of a key it holds as its value, null too (LOG-002)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
locals {
  logs = { name = "jobs", none = null }
}
resource "aws_cloudwatch_log_group" "null_default" {
  retention_in_days = lookup(local.logs, "retention", null)
}
resource "aws_cloudwatch_log_group" "default" {
  retention_in_days = lookup(local.logs, "retention", 30)
}
resource "aws_cloudwatch_log_group" "null_value" {
  retention_in_days = lookup(local.logs, "none", 30)
}
`,
        },
      ],
      selectRules(['LOG-002']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'aws_cloudwatch_log_group.null_default',
      'aws_cloudwatch_log_group.null_value',
    ]);
  });

  it("reads a function's role taken from another function (aws_lambda_function.first.role) as the role that one runs as, through a chain, and leaves one not known as it is (IAM-001, IAM-007)", () => {
    const stack = (firstRole: string) => `
variable "role_arn" {
  type = map(string)
}
resource "aws_iam_role" "shared" {}
resource "aws_lambda_function" "first" {
  role = ${firstRole}
}
resource "aws_lambda_function" "second" {
  role = aws_lambda_function.first.role
}
resource "aws_lambda_function" "third" {
  role = aws_lambda_function.second.role
}
resource "aws_lambda_function" "own" {
  role = aws_iam_role.own.arn
}
resource "aws_iam_role" "own" {}
`;
    const scan = (firstRole: string) =>
      scanFiles(
        [{ path: 'main.tf', text: stack(firstRole) }],
        selectRules(['IAM-001', 'IAM-007']),
      ).findings.map(f => `${f.ruleId} ${f.resourceId}:${f.line}`);
    expect(scan('aws_iam_role.shared.arn')).toEqual([
      'IAM-001 aws_lambda_function.first:7',
      'IAM-007 aws_lambda_function.first:7',
      'IAM-001 aws_lambda_function.second:10',
      'IAM-007 aws_lambda_function.second:10',
      'IAM-001 aws_lambda_function.third:13',
      'IAM-007 aws_lambda_function.third:13',
      'IAM-007 aws_lambda_function.own:16',
    ]);
    // A role not known statically (any of several) is not known to be shared, nor what it grants.
    expect(scan('var.role_arn[terraform.workspace]')).toEqual([
      'IAM-007 aws_lambda_function.own:16',
    ]);
  });

  it("reads a splat of a value known statically as each element's attribute: values(aws_sqs_queue.q)[*].arn lists the queues' ARNs (OPS-007)", () => {
    const text = `
locals {
  items  = [{ name = "a" }, { name = "b" }]
  single = { name = "c" }
  none   = null
}
resource "aws_sqs_queue" "q" {
  for_each = toset(["x", "y"])
}
resource "aws_sns_topic" "t" {
  tags = {
    items  = join(",", local.items[*].name)
    single = join(",", local.single[*].name)
    none   = length(local.none[*])
  }
}
output "topic" {
  value = aws_sns_topic.t.arn
}
output "queues" {
  value = values(aws_sqs_queue.q)[*].arn
}
`;
    const graph = load({ 'main.tf': text }).graphs[0];
    expect(graph.get('aws_sns_topic.t')!.properties.Tags).toEqual([
      { Key: 'items', Value: 'a,b' },
      { Key: 'single', Value: 'c' },
      { Key: 'none', Value: 0 },
    ]);
    expect(graph.outputs.find(o => o.name === 'queues')!.value).toEqual([
      new Ref('aws_sqs_queue.q["x"]', 'Arn'),
      new Ref('aws_sqs_queue.q["y"]', 'Arn'),
    ]);
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['OPS-007']),
    );
    expect(report.findings).toEqual([]);
  });

  it('reads an index after a legacy splat (`.*`) from the list it makes, as Terraform does, and one after `[*]` from each element', () => {
    const graph = load({
      'main.tf': `
locals {
  groups = [{ names = ["a", "b"] }, { names = ["c"] }]
}
resource "aws_sqs_queue" "q" {
  count = 2
}
resource "aws_sns_topic" "t" {
  tags = {
    legacy = join(",", local.groups.*.names[0])
    full   = join(",", local.groups[*].names[0])
    dotted = join(",", local.groups.*.names.0)
  }
}
output "first" {
  value = aws_sqs_queue.q.*.arn[0]
}
`,
    }).graphs[0];
    expect(graph.get('aws_sns_topic.t')!.properties.Tags).toEqual([
      { Key: 'legacy', Value: 'a,b' },
      { Key: 'full', Value: 'a,c' },
      { Key: 'dotted', Value: 'a,c' },
    ]);
    expect(graph.outputs[0].value).toEqual(
      new Ref('aws_sqs_queue.q[0]', 'Arn'),
    );
  });

  it('reads a splat of a data source as a list, as of a resource: of one without count or for_each, a list of it; of a count, one per instance; of a count not known, not known', () => {
    const graph = load({
      'main.tf': `
variable "enabled" {
  type = bool
}
data "aws_iam_role" "deployer" {
  name = "deployer"
}
data "aws_caller_identity" "each" {
  count = 2
}
data "aws_sqs_queue" "maybe" {
  count = var.enabled ? 1 : 0
  name  = "maybe"
}
data "aws_sqs_queue" "by_key" {
  for_each = toset(["a"])
  name     = each.key
}
resource "aws_sns_topic" "t" {
  tags = {
    splat   = data.aws_iam_role.deployer[*].arn
    legacy  = data.aws_iam_role.deployer.*.arn
    one     = one(data.aws_iam_role.deployer[*].arn)
    length  = length(data.aws_iam_role.deployer[*].arn)
    counted = data.aws_caller_identity.each[*].account_id
    maybe   = data.aws_sqs_queue.maybe[*].arn
    by_key  = try(data.aws_sqs_queue.by_key[*].arn, "error")
    one_maybe   = one(data.aws_sqs_queue.maybe[*].arn)
    none_or_one = one(data.aws_sqs_queue.maybe[*].arn) == null
  }
}
`,
    }).graphs[0];
    const role = Unknown.oneValue('ARN of the IAM role named deployer');
    const account = Unknown.oneValue('AWS::AccountId');
    const tags = graph.get('aws_sns_topic.t')!.properties.Tags as {
      Key: string;
      Value: Value;
    }[];
    expect(tags).toEqual([
      { Key: 'splat', Value: [role] },
      { Key: 'legacy', Value: [role] },
      { Key: 'one', Value: role },
      { Key: 'length', Value: 1 },
      { Key: 'counted', Value: [account, account] },
      {
        Key: 'maybe',
        Value: expect.objectContaining({
          reason: 'data.aws_sqs_queue.maybe[*]: instances not known statically',
          isOneValue: false,
        }),
      },
      // Terraform refuses a splat of a for_each (a map of instances).
      { Key: 'by_key', Value: 'error' },
      // one() reads the one instance there may be, as the declaration reads it: the queue named "maybe"...
      {
        Key: 'one_maybe',
        Value: new Template([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':sqs:',
          Unknown.oneValue('AWS::Region'),
          ':',
          account,
          ':',
          'maybe',
        ]),
      },
      // ...or null, where there is none.
      { Key: 'none_or_one', Value: new Unknown('operation ==') },
    ]);
    expect(tags[5].Value).toBeInstanceOf(Unknown);
  });

  it("reads a data block's instance of a key not known as its declaration, and still each of its other instances by its key", () => {
    const [graph] = load({
      'main.tf': `
variable "n" {
  type = number
}
data "aws_iam_policy_document" "p" {
  count = 2
  statement {
    actions   = [count.index == 1 ? "*" : "s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "any" {
  count  = var.n
  role   = "app"
  policy = data.aws_iam_policy_document.p[count.index % 2].json
}
resource "aws_iam_role_policy" "second" {
  role   = "app"
  policy = data.aws_iam_policy_document.p[1].json
}
`,
    }).graphs;
    const statement = (actions: unknown) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: ['*'] }],
    });
    // The declaration's count.index is not known: neither is its action.
    expect(
      graph.get('aws_iam_role_policy.any')!.properties.PolicyDocument,
    ).toEqual(statement([expect.any(Unknown)]));
    expect(
      graph.get('aws_iam_role_policy.second')!.properties.PolicyDocument,
    ).toEqual(statement(['*']));
  });

  it("reads a splat of a module call's output as a list too: of one without count or for_each, a list of it; of a count not known, not known", () => {
    const graph = load({
      'main.tf': `
variable "enabled" {
  type = bool
}
module "svc" {
  source = "./svc"
}
module "maybe" {
  source = "./svc"
  count  = var.enabled ? 1 : 0
}
resource "aws_sns_topic" "t" {
  tags = {
    one   = module.svc[*].name
    maybe = module.maybe[*].name
  }
}
`,
      'svc/main.tf': `
output "name" {
  value = "orders"
}
`,
    }).graphs[0];
    const tags = graph.get('aws_sns_topic.t')!.properties.Tags as {
      Key: string;
      Value: Value;
    }[];
    expect(tags).toEqual([
      { Key: 'one', Value: ['orders'] },
      {
        Key: 'maybe',
        Value: expect.objectContaining({
          reason: 'module.maybe[*]: instances not known statically',
          isOneValue: false,
        }),
      },
    ]);
    expect(tags[1].Value).toBeInstanceOf(Unknown);
  });

  it('reads a module call or instance itself as an object of its outputs: an output of it, or of a module it is passed to, exports its queue (OPS-006, OPS-007)', () => {
    const queue = `
resource "aws_sqs_queue" "q" {}
output "arn" {
  value = aws_sqs_queue.q.arn
}
`;
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
module "one" {
  source = "./queue"
}
module "many" {
  source   = "./queue"
  for_each = toset(["a", "b"])
}
module "passed" {
  source = "./queue"
}
module "reader" {
  source = "./reader"
  queue  = module.passed
}
module "unread" {
  source = "./queue"
}
output "queues" {
  value = [module.one, { for key, queue in module.many : key => queue.arn }]
}
output "passed" {
  value = module.reader.arn
}
`,
        },
        { path: 'queue/main.tf', text: queue },
        {
          path: 'reader/main.tf',
          text: `
variable "queue" {}
output "arn" {
  value = var.queue.arn
}
`,
        },
      ],
      selectRules(['OPS-006', 'OPS-007']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['OPS-007', 'module.unread.aws_sqs_queue.q'],
    ]);
  });

  it("reads an aws_sqs_queue data source's ARN as an SQS queue's: a mapping that consumes it is an SQS mapping (DLQ-005, IAM-008)", () => {
    const consumer = (name: string, statement: string) => `
resource "aws_iam_role" "${name}" {}
resource "aws_iam_role_policy" "${name}" {
  role   = aws_iam_role.${name}.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [${statement}] })
}
resource "aws_lambda_function" "${name}" {
  role = aws_iam_role.${name}.arn
}
resource "aws_lambda_event_source_mapping" "${name}" {
  event_source_arn        = data.aws_sqs_queue.orders.arn
  function_name           = aws_lambda_function.${name}.arn
  function_response_types = ["ReportBatchItemFailures"]
}
`;
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
data "aws_sqs_queue" "orders" {
  name = "orders"
}
${consumer(
  'logs_only',
  '{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }',
)}
${consumer(
  'by_data',
  '{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource = data.aws_sqs_queue.orders.arn }',
)}
${consumer(
  'by_name',
  '{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource = "arn:aws:sqs:*:*:orders" }',
)}
resource "aws_lambda_event_source_mapping" "whole_batch" {
  event_source_arn = data.aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.by_data.arn
}
`,
        },
      ],
      selectRules(['DLQ-005', 'IAM-008']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-008', 'aws_lambda_event_source_mapping.logs_only'],
      ['DLQ-005', 'aws_lambda_event_source_mapping.whole_batch'],
    ]);
  });

  it("reads the ARN of an aws_sqs_queue data source's instance as an SQS queue's: by its key, of a count or for_each known, and through one() of a count not known (DLQ-005)", () => {
    const mapping = (name: string, arn: string) => `
resource "aws_lambda_event_source_mapping" "${name}" {
  event_source_arn = ${arn}
  function_name    = "worker"
}
`;
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "shared" {
  type = bool
}
variable "enabled" {
  type    = bool
  default = true
}
data "aws_sqs_queue" "shared" {
  count = var.shared ? 1 : 0
  name  = "jobs"
}
data "aws_sqs_queue" "enabled" {
  count = var.enabled ? 1 : 0
  name  = "jobs"
}
data "aws_sqs_queue" "by_team" {
  for_each = toset(["a", "b"])
  name     = "jobs-\${each.key}"
}
${mapping('one_of_count', 'one(data.aws_sqs_queue.shared[*].arn)')}
${mapping('by_index', 'data.aws_sqs_queue.enabled[0].arn')}
${mapping('by_key', 'data.aws_sqs_queue.by_team["a"].arn')}
`,
        },
      ],
      selectRules(['DLQ-005']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['DLQ-005', 'aws_lambda_event_source_mapping.one_of_count'],
      ['DLQ-005', 'aws_lambda_event_source_mapping.by_index'],
      ['DLQ-005', 'aws_lambda_event_source_mapping.by_key'],
    ]);
  });

  it("reads an index or attribute of a data source's attribute modelled, a text, as Terraform's error, which try() catches (DLQ-002)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
data "aws_sqs_queue" "shared" {
  name = "jobs"
}
resource "aws_sqs_queue" "own" {}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = try(data.aws_sqs_queue.shared.arn[0], aws_sqs_queue.own.arn)
  function_name    = aws_lambda_function.worker.arn
}
`,
        },
      ],
      selectRules(['DLQ-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['DLQ-002', 'aws_sqs_queue.own'],
    ]);
  });

  it('reads the id of an aws_iam_role data source as its name, of an aws_sqs_queue as its URL, of an aws_sns_topic as its ARN, as the AWS provider sets them', () => {
    const graph = load({
      'main.tf': `
variable "team_role" {
  type = string
}
data "aws_iam_role" "deployer" {
  name = "deployer"
}
data "aws_iam_role" "team" {
  name = var.team_role
}
data "aws_iam_role" "each" {
  count = 2
  name  = "role-\${count.index}"
}
data "aws_sqs_queue" "orders" {
  name = "orders"
}
data "aws_sns_topic" "alerts" {
  name = "alerts"
}
resource "aws_sns_topic" "t" {
  tags = {
    role_id    = data.aws_iam_role.deployer.id
    role_name  = data.aws_iam_role.deployer.name
    team_id    = data.aws_iam_role.team.id
    each_id    = data.aws_iam_role.each[0].id
    queue_id   = data.aws_sqs_queue.orders.id
    queue_url  = data.aws_sqs_queue.orders.url
    topic_id   = data.aws_sns_topic.alerts.id
  }
}
`,
    }).graphs[0];
    const queueUrl = Unknown.oneValue('data.aws_sqs_queue.orders.url');
    const place = (pseudo: string) => Unknown.oneValue(pseudo);
    expect(graph.get('aws_sns_topic.t')!.properties.Tags).toEqual([
      { Key: 'role_id', Value: 'deployer' },
      { Key: 'role_name', Value: 'deployer' },
      { Key: 'team_id', Value: Unknown.oneValue('variable team_role') },
      // The instance's own name, of its count.index.
      { Key: 'each_id', Value: 'role-0' },
      { Key: 'queue_id', Value: queueUrl },
      { Key: 'queue_url', Value: queueUrl },
      {
        Key: 'topic_id',
        Value: new Template([
          'arn:',
          place('AWS::Partition'),
          ':sns:',
          place('AWS::Region'),
          ':',
          place('AWS::AccountId'),
          ':',
          'alerts',
        ]),
      },
    ]);
  });

  it('reads the ARN of an aws_sns_topic data source as the topic of its name: a dead-letter topic a role grants no sns:Publish on (DLQ-004)', () => {
    const consumer = (name: string, resource: string) => `
resource "aws_iam_role" "${name}" {}
resource "aws_iam_role_policy" "${name}" {
  role   = aws_iam_role.${name}.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = ${resource} }] })
}
resource "aws_lambda_function" "${name}" {
  role = aws_iam_role.${name}.arn
  dead_letter_config {
    target_arn = data.aws_sns_topic.alerts.arn
  }
}
`;
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
data "aws_sns_topic" "alerts" {
  name = "alerts"
}
${consumer('granted', 'data.aws_sns_topic.alerts.arn')}
${consumer('other_topic', '"arn:aws:sns:eu-west-1:123456789012:audit"')}
`,
        },
      ],
      selectRules(['DLQ-004']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'aws_lambda_function.other_topic',
    ]);
  });

  it("reads an aws_sqs_queue data source of another provider as a queue that may be in another region or account, not the stack's queue of its name; of a module's inherited default provider, as the stack's (DLQ-006)", () => {
    const stack = (provider: string) => `
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
data "aws_sqs_queue" "orders" {
  ${provider}
  name = "orders"
}
resource "aws_sqs_queue" "orders" {
  name                       = "orders"
  visibility_timeout_seconds = 30
}
resource "aws_lambda_function" "f" {
  timeout = 300
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = data.aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.f.arn
}
`;
    // A module without a provider block has the provider its call passes, else its caller's default one.
    const root = (providers: string) => `
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_sqs_queue" "orders" {
  name                       = "orders"
  visibility_timeout_seconds = 30
}
module "consumer" {
  source = "./consumer"
  ${providers}
}
`;
    const consumer = `
data "aws_sqs_queue" "orders" {
  name = "orders"
}
resource "aws_lambda_function" "f" {
  timeout = 300
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = data.aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.f.arn
}
`;
    const report = scanFiles(
      [
        { path: 'default/main.tf', text: stack('') },
        { path: 'west/main.tf', text: stack('provider = aws.west') },
        { path: 'inherited/main.tf', text: root('') },
        { path: 'inherited/consumer/main.tf', text: consumer },
        {
          path: 'passed/main.tf',
          text: root('providers = { aws = aws.west }'),
        },
        { path: 'passed/consumer/main.tf', text: consumer },
      ],
      selectRules(['DLQ-006']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
      ['default/main.tf', 'aws_sqs_queue.orders'],
      ['inherited/main.tf', 'aws_sqs_queue.orders'],
    ]);
  });

  it("reads the region and account of an aws_region or aws_caller_identity data source of another provider (its own, or one a module call passes) as not the stack's: an ARN built with them names no queue of the stack (DLQ-002)", () => {
    const stack = (provider: string) => `
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
data "aws_region" "current" {
  ${provider}
}
data "aws_caller_identity" "current" {}
resource "aws_sqs_queue" "orders" {
  name = "orders"
}
resource "aws_lambda_function" "f" {}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = "arn:aws:sqs:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:orders"
  function_name    = aws_lambda_function.f.arn
}
`;
    // A module's default provider is the one its call passes, else its caller's.
    const root = (providers: string) => `
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_sqs_queue" "orders" {
  name = "orders"
}
module "consumer" {
  source = "./consumer"
  ${providers}
}
`;
    const consumer = `
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
resource "aws_lambda_function" "f" {}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = "arn:aws:sqs:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:orders"
  function_name    = aws_lambda_function.f.arn
}
`;
    const report = scanFiles(
      [
        { path: 'default/main.tf', text: stack('') },
        { path: 'west/main.tf', text: stack('provider = aws.west') },
        { path: 'inherited/main.tf', text: root('') },
        { path: 'inherited/consumer/main.tf', text: consumer },
        {
          path: 'passed/main.tf',
          text: root('providers = { aws = aws.west }'),
        },
        { path: 'passed/consumer/main.tf', text: consumer },
      ],
      selectRules(['DLQ-002']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
      ['default/main.tf', 'aws_sqs_queue.orders'],
      ['inherited/main.tf', 'aws_sqs_queue.orders'],
    ]);
  });

  it('keeps the arguments of resources mapped for what they call or for their tags, an argument named __proto__ included', () => {
    const graph = load({
      'main.tf': `
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::logs"
  }
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  __proto__  = { polluted = "yes" }
}
`,
    }).graphs[0];
    const stream = graph.get('aws_kinesis_firehose_delivery_stream.logs')!;
    expect(stream.type).toBe('AWS::KinesisFirehose::DeliveryStream');
    expect(stream.properties.extended_s3_configuration).toEqual([
      {
        role_arn: 'arn:aws:iam::123456789012:role/firehose',
        bucket_arn: 'arn:aws:s3:::logs',
      },
    ]);
    const vpc = graph.get('aws_vpc.main')!.properties;
    expect(Object.getPrototypeOf(vpc)).toBe(Object.prototype);
    expect(Object.keys(vpc)).toEqual(['cidr_block', '__proto__']);
  });

  it('evaluates for expressions over collections known statically', () => {
    const { graphs } = load({
      'main.tf': `
variable "queues" {
  default = { orders = 14, billing = 4, audit = 30 }
}
variable "from_the_plan" {}
locals {
  names     = [for name, days in var.queues : upper(name) if days >= 14]
  by_days   = { for name, days in var.queues : days > 10 ? "long" : "short" => name... }
  indexed   = { for i, name in ["a", "b"] : name => i }
  unknown   = [for x in var.from_the_plan : x]
  undecided = [for name, days in var.queues : name if var.from_the_plan]
  repeated  = { for name, days in var.queues : "same" => name }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    names     = join(",", local.names)
    long      = join(",", local.by_days.long)
    short     = join(",", local.by_days.short)
    b         = local.indexed.b
    unknown   = local.unknown
    undecided = local.undecided
    repeated  = local.repeated
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      names: 'AUDIT,ORDERS',
      long: 'audit,orders',
      short: 'billing',
      b: 1,
      unknown: new Unknown('for expression'),
      undecided: new Unknown('for expression'),
      repeated: new Unknown('for expression'),
    });
  });

  it('reads toset() as Terraform makes a set: each element once, strings in lexical order, numbers ascending', () => {
    const { graphs } = load({
      'main.tf': `
variable "queue_names" {
  default = ["orders", "billing", "orders"]
}
locals {
  queue_names = [for name in toset(var.queue_names) : "app-\${name}"]
}
resource "aws_sqs_queue" "q" {
  for_each = toset(var.queue_names)
  name     = each.key
  tags = {
    names   = join(",", local.queue_names)
    first   = tolist(toset(var.queue_names))[0]
    count   = length(toset(var.queue_names))
    numbers = join(",", toset([14, 4, 14, 30]))
    mixed   = join(",", toset(["b", 1, "a"]))
    numbool = join(",", toset([true, 1, 1, true]))
    bools   = length(toset([true, false, true]))
  }
}
`,
    });
    expect([...graphs[0].resources].map(resource => resource.id)).toEqual([
      'aws_sqs_queue.q["billing"]',
      'aws_sqs_queue.q["orders"]',
    ]);
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q["orders"]')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      names: 'app-billing,app-orders',
      first: 'billing',
      count: 2,
      numbers: '4,14,30',
      mixed: '1,a,b',
      numbool: '1,true',
      bools: 2,
    });
  });

  it('reads a list or map in a template with text as Terraform does: an error, not JSON; JSON text, numbers and bools are text there', () => {
    const { graphs } = load({
      // Read in another file, the local's JSON text is still text.
      'locals.tf': `
locals {
  encoded = jsonencode({ queues = var.queue_arns })
}
`,
      'main.tf': `
variable "queue_arns" {
  default = ["arn:aws:sqs:us-east-1:123456789012:orders"]
}
data "aws_iam_policy_document" "send" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    list     = "queues: \${var.queue_arns}"
    map      = "tags: \${{ team = "orders" }}"
    alone    = "\${var.queue_arns}"
    encoded  = "queues: \${jsonencode(var.queue_arns)}"
    local    = "queues: \${local.encoded}"
    format   = format("queues: %s", jsonencode(var.queue_arns))
    document = "policy: \${data.aws_iam_policy_document.send.json}"
    number   = "days: \${14}"
    bool     = "on: \${true}"
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      list: new Unknown('a list or map in a string template'),
      map: new Unknown('a list or map in a string template'),
      // A template that is one interpolation is its value, not converted to a string.
      alone: ['arn:aws:sqs:us-east-1:123456789012:orders'],
      encoded: 'queues: ["arn:aws:sqs:us-east-1:123456789012:orders"]',
      local: 'queues: {"queues":["arn:aws:sqs:us-east-1:123456789012:orders"]}',
      format: 'queues: ["arn:aws:sqs:us-east-1:123456789012:orders"]',
      document: expect.stringMatching(
        /^policy: \{"Version":"2012-10-17","Statement":\[\{"Effect":"Allow"/,
      ),
      number: 'days: 14',
      bool: 'on: true',
    });
  });

  it('jsonencodes text with a reference in it, or an ARN, as a JSON string, so a heredoc policy written with it reads as JSON', () => {
    const { graphs } = load({
      'main.tf': `
resource "aws_s3_bucket" "assets" {
  bucket = "assets"
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": \${jsonencode("\${aws_s3_bucket.assets.arn}/*")}
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": \${jsonencode(aws_s3_bucket.assets.arn)}
    }
  ]
}
EOF
}
`,
    });
    expect(
      graphs[0].get('aws_iam_role_policy.read')!.properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: new Template([
            new Ref('aws_s3_bucket.assets', 'Arn'),
            '/*',
          ]),
        },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: new Ref('aws_s3_bucket.assets', 'Arn'),
        },
      ],
    });
  });

  it("jsonencodes null as null and the stack's account or region as a JSON string, as Terraform does; a variable set in a file as no reading of it (IAM-002)", () => {
    const text = `
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
variable "nothing" {
  default = null
}
variable "team" {}
resource "aws_sqs_queue" "q" {
  tags = {
    nothing = jsonencode(var.nothing)
    region  = jsonencode(data.aws_region.current.name)
    team    = jsonencode(var.team)
  }
}
resource "aws_iam_role_policy" "account" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
  "Condition": {"StringEquals": {"aws:SourceAccount": \${jsonencode(data.aws_caller_identity.current.account_id)}}}}]}
EOF
}
resource "aws_iam_role_policy" "quoted_in_text" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs-\${jsonencode(data.aws_region.current.name)}/*"}]}
EOF
}
`;
    const files = { 'main.tf': text, 'prod.tfvars': 'team = "orders"\n' };
    const [graph] = load(files).graphs;
    const tags = Object.fromEntries(
      (
        graph.get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      nothing: 'null',
      region: new Template(['"', Unknown.oneValue('AWS::Region'), '"']),
      // Quoted, the variable -var-file sets is not that variable: not one value with it.
      team: new Unknown('jsonencode() of a value not known'),
    });
    expect(
      graph.get('aws_iam_role_policy.account')!.properties.PolicyDocument,
    ).toMatchObject({
      Statement: [
        {
          Condition: {
            StringEquals: {
              'aws:SourceAccount': new Template([
                Unknown.oneValue('AWS::AccountId'),
              ]),
            },
          },
        },
      ],
    });
    // Terraform writes "arn:aws:s3:::logs-"eu-west-1"/*": no JSON, no policy.
    expect(
      graph.get('aws_iam_role_policy.quoted_in_text')!.properties
        .PolicyDocument,
    ).toBeInstanceOf(Unknown);
    const report = scanFiles(
      Object.entries(files).map(([path, content]) => ({ path, text: content })),
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.account'],
    ]);
  });

  it("reads an aws_caller_identity's id as its account_id: the stack's account, one value (a bucket named with it is named with the account; jsonencode() of it quoted)", () => {
    const [graph] = load({
      'main.tf': `
data "aws_caller_identity" "current" {}
resource "aws_s3_bucket" "logs" {
  bucket = "logs-\${data.aws_caller_identity.current.id}"
  tags = {
    json = jsonencode(data.aws_caller_identity.current.id)
  }
}
`,
    }).graphs;
    const account = Unknown.oneValue('AWS::AccountId');
    expect(graph.get('aws_s3_bucket.logs')!.properties).toMatchObject({
      BucketName: new Template(['logs-', account]),
      Tags: [{ Key: 'json', Value: new Template(['"', account, '"']) }],
    });
  });

  it("jsonencodes a reference by the type of what it reads: a list or text as JSON, a resource's identifier as a string; a whole resource or a splat not known (IAM-002, IAM-003)", () => {
    const text = `
variable "actions" {
  default = ["s3:*"]
}
variable "instances" {}
locals {
  send = "sqs:SendMessage"
}
resource "aws_sqs_queue" "q" {}
resource "aws_sqs_queue" "many" {
  count = var.instances
}
resource "aws_iam_role_policy" "listed" {
  role   = "r"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": \${jsonencode(var.actions)}, "Resource": \${jsonencode(aws_sqs_queue.q.id)} },
    { "Effect": "Allow", "Action": \${jsonencode(local.send)}, "Resource": "*" }
  ]
}
EOF
}
resource "aws_iam_role_policy" "whole" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": \${jsonencode(aws_sqs_queue.q)}}]}
EOF
}
resource "aws_iam_role_policy" "splat" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": \${jsonencode(aws_sqs_queue.many[*].arn)}}]}
EOF
}
`;
    const graph = load({ 'main.tf': text }).graphs[0];
    expect(
      graph.get('aws_iam_role_policy.listed')!.properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:*'],
          Resource: new Ref('aws_sqs_queue.q'),
        },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      ],
    });
    // An object, or a list of ARNs as many as a count not known, is no JSON string: the policy is not known.
    for (const id of ['aws_iam_role_policy.whole', 'aws_iam_role_policy.splat'])
      expect(graph.get(id)!.properties.PolicyDocument).toBeInstanceOf(Unknown);
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['IAM-002', 'IAM-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.listed'],
      ['IAM-003', 'aws_iam_role_policy.listed'],
    ]);
  });

  it('jsonencodes what one() or try() reads of an instance a count not known may not make as not known: it may be null, no JSON string (IAM-002)', () => {
    const policy = (name: string, resource: string) => `
resource "aws_iam_role_policy" "${name}" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": \${jsonencode(${resource})}}]}
EOF
}
`;
    const text = `
variable "with_queue" {
  type = bool
}
resource "aws_sqs_queue" "maybe" {
  count = var.with_queue ? 1 : 0
}
data "aws_sqs_queue" "maybe" {
  count = var.with_queue ? 1 : 0
  name  = "jobs"
}
resource "aws_sqs_queue" "one" {
  count = 1
}
${policy('resource', 'one(aws_sqs_queue.maybe[*].arn)')}
${policy('data', 'one(data.aws_sqs_queue.maybe[*].arn)')}
${policy('tried', 'try(aws_sqs_queue.maybe[0].arn, null)')}
${policy('known', 'one(aws_sqs_queue.one[*].arn)')}
`;
    const graph = load({ 'main.tf': text }).graphs[0];
    for (const id of ['resource', 'data', 'tried'])
      expect(
        graph.get(`aws_iam_role_policy.${id}`)!.properties.PolicyDocument,
      ).toBeInstanceOf(Unknown);
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.known'],
    ]);
  });

  it("jsonencodes the ARN an aws_iam_role data source reads as a JSON string, as a resource's; a splat of it not known (IAM-002)", () => {
    const text = `
data "aws_iam_role" "deployer" {
  name = "deployer"
}
resource "aws_iam_role_policy" "pass" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": \${jsonencode(data.aws_iam_role.deployer.arn)}}]}
EOF
}
resource "aws_iam_role_policy" "splat" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": \${jsonencode(data.aws_iam_role.deployer[*].arn)}}]}
EOF
}
`;
    const [graph] = load({ 'main.tf': text }).graphs;
    expect(
      graph.get('aws_iam_role_policy.pass')!.properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:*',
          Resource: new Template([
            Unknown.oneValue('ARN of the IAM role named deployer'),
          ]),
        },
      ],
    });
    // A splat is a list of the ARN, not the ARN: its JSON is not known here.
    expect(
      graph.get('aws_iam_role_policy.splat')!.properties.PolicyDocument,
    ).toBeInstanceOf(Unknown);
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.pass'],
    ]);
  });

  it("jsonencodes a data source's ARN read through a local of another file, a module's output or a module's input as a JSON string too (IAM-002)", () => {
    const policy = (reading: string) => `
resource "aws_iam_role_policy" "pass" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": \${jsonencode(${reading})}}]}
EOF
}
`;
    const role = `
data "aws_iam_role" "deployer" {
  name = "deployer"
}
`;
    const stacks: Record<string, Record<string, string>> = {
      'a local of another file': {
        'locals.tf': `${role}locals {\n  deployer = data.aws_iam_role.deployer.arn\n}\n`,
        'main.tf': policy('local.deployer'),
      },
      "a module's output": {
        'main.tf': `module "roles" {\n  source = "./roles"\n}\n${policy(
          'module.roles.deployer',
        )}`,
        'roles/main.tf': `${role}output "deployer" {\n  value = data.aws_iam_role.deployer.arn\n}\n`,
      },
      "a module's input": {
        'main.tf': `${role}module "policy" {\n  source   = "./policy"\n  deployer = data.aws_iam_role.deployer.arn\n}\n`,
        'policy/main.tf': `variable "deployer" {}\n${policy('var.deployer')}`,
      },
    };
    for (const [reading, files] of Object.entries(stacks)) {
      const report = scanFiles(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        selectRules(['IAM-002']),
      );
      expect([reading, report.findings.map(f => f.resourceId)]).toEqual([
        reading,
        [
          reading === "a module's input"
            ? 'module.policy.aws_iam_role_policy.pass'
            : 'aws_iam_role_policy.pass',
        ],
      ]);
    }
  });

  it('escapes <, > and & in the JSON it writes as jsonencode() does, and a policy written with it reads them back', () => {
    const [graph] = load({
      'main.tf': `
resource "aws_sqs_queue" "q" {
  tags = {
    text   = jsonencode("R&D <team>")
    map    = "tags: \${jsonencode({ "a&b" = ["<x>"] })}"
    quoted = format("%q", "a>b")
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"StringEquals": {"aws:PrincipalTag/team": \${jsonencode("R&D")}}}}]}
EOF
}
`,
    }).graphs;
    expect(
      Object.fromEntries(
        (
          graph.get('aws_sqs_queue.q')!.properties.Tags as {
            Key: string;
            Value: unknown;
          }[]
        ).map(tag => [tag.Key, tag.Value]),
      ),
    ).toEqual({
      text: '"R\\u0026D \\u003cteam\\u003e"',
      map: 'tags: {"a\\u0026b":["\\u003cx\\u003e"]}',
      quoted: '"a\\u003eb"',
    });
    expect(
      graph.get('aws_iam_role_policy.p')!.properties.PolicyDocument,
    ).toMatchObject({
      Statement: [
        { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'R&D' } } },
      ],
    });
  });

  it('orders the keys of a map as text, "10" before "9", wherever it is iterated or written as JSON, as Terraform does', () => {
    const [graph] = load({
      'main.tf': `
locals {
  ids = { "a" = "A", "9" = "nine", "10" = "ten" }
}
resource "aws_sqs_queue" "q" {
  for_each = { for key, id in local.ids : key => id }
  tags = {
    keys     = join(",", keys(local.ids))
    values   = join(",", values(local.ids))
    for      = join(",", [for key, id in local.ids : key])
    template = "%{for key, id in local.ids}\${key};%{endfor}"
    json     = "ids: \${jsonencode(local.ids)}"
    nested   = format("%v", { list = [local.ids] })
  }
}
data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = local.ids
    content {
      sid       = "S\${statement.key}"
      actions   = ["sqs:ReceiveMessage"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = data.aws_iam_policy_document.read.json
}
`,
    }).graphs;
    const queues = graph.ofType('AWS::SQS::Queue');
    expect(queues.map(queue => queue.id)).toEqual([
      'aws_sqs_queue.q["10"]',
      'aws_sqs_queue.q["9"]',
      'aws_sqs_queue.q["a"]',
    ]);
    expect(
      Object.fromEntries(
        (queues[0].properties.Tags as { Key: string; Value: unknown }[]).map(
          tag => [tag.Key, tag.Value],
        ),
      ),
    ).toEqual({
      keys: '10,9,a',
      values: 'ten,nine,A',
      for: '10,9,a',
      template: '10;9;a;',
      json: 'ids: {"10":"ten","9":"nine","a":"A"}',
      nested: '{"list":[{"10":"ten","9":"nine","a":"A"}]}',
    });
    expect(
      (
        graph.get('aws_iam_role_policy.read')!.properties.PolicyDocument as {
          Statement: { Sid: string }[];
        }
      ).Statement.map(statement => statement.Sid),
    ).toEqual(['S10', 'S9', 'Sa']);
  });

  it("formats with %q, %v of null and a width as Terraform's format() docs say, and leaves what they do not say not known (IAM-002)", () => {
    const text = `
resource "aws_sqs_queue" "q" {
  tags = {
    padded      = format("%-6s|%5v|%05s", "ab", "cd", 7)
    graphemes   = format("%3s|", "e\u0301")
    quoted      = format("%q", "say \\"hi\\"")
    quotedDays  = format("%q", 14)
    null        = format("%v", null)
    nullText    = format("%s", null)
    nullQuoted  = format("%q", null)
    listQuoted  = format("%q", ["a"])
    large       = format("%v", 1209600)
    small       = format("%v", 1.5)
    precision   = format("%.2s", "abc")
    sign        = format("%+s", "abc")
    zerosRight  = format("%-05s", "a")
    tooWide     = format("%999999999s", "a")
    reference   = format("%5s", aws_sqs_queue.q.arn)
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = format("{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": %q, \\"Resource\\": %q}]}", "sqs:*", aws_sqs_queue.q.arn)
}
`;
    const graph = load({ 'main.tf': text }).graphs[0];
    const tags = Object.fromEntries(
      (
        graph.get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    const notKnown = new Unknown('format()');
    expect(tags).toEqual({
      padded: 'ab    |   cd|00007',
      // A width counts characters as a reader sees them: e and its accent are one.
      graphemes: '  e\u0301|',
      quoted: '"say \\"hi\\""',
      quotedDays: '"14"',
      null: 'null',
      // %s and %q of null, and %q of a list, are errors in Terraform.
      nullText: notKnown,
      nullQuoted: notKnown,
      listQuoted: notKnown,
      // %v writes a number as %g does, which Terraform writes 1.2096e+06 here: where %g turns to an exponent is not documented.
      large: notKnown,
      small: '1.5',
      precision: notKnown,
      sign: notKnown,
      zerosRight: notKnown,
      tooWide: notKnown,
      // How long an ARN is, is not known: nor how much to pad it.
      reference: expect.objectContaining({
        reason: 'format() of references to resources',
      }),
    });
    expect(
      graph.get('aws_iam_role_policy.p')!.properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sqs:*',
          Resource: new Ref('aws_sqs_queue.q', 'Arn'),
        },
      ],
    });
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.p'],
    ]);
  });

  it('formats a list, map or bool with %v and any value with %#v as jsonencode writes it, and jsonencodes text as a JSON string', () => {
    const { graphs } = load({
      'main.tf': `
variable "queue_arns" {
  default = ["arn:aws:sqs:us-east-1:123456789012:orders"]
}
data "aws_iam_policy_document" "send" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    list     = format("queues: %v", var.queue_arns)
    map      = format("%v", { team = "orders", env = "prod" })
    bool     = format("on: %v", true)
    text     = format("%#v", "orders")
    number   = format("%#v", 14)
    listText = format("%s", var.queue_arns)
    twice    = jsonencode(jsonencode({ a = 1 }))
    document = jsonencode(data.aws_iam_policy_document.send.json)
    string   = jsonencode("orders")
    days     = jsonencode(14)
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      list: 'queues: ["arn:aws:sqs:us-east-1:123456789012:orders"]',
      map: '{"env":"prod","team":"orders"}',
      bool: 'on: true',
      text: '"orders"',
      number: '14',
      // %s takes no list: Terraform stops with an error.
      listText: new Unknown('format()'),
      twice: '"{\\"a\\":1}"',
      document: expect.stringMatching(
        /^"\{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":/,
      ),
      string: '"orders"',
      days: '14',
    });
  });

  it("decodes JSON text (jsonencode(), a policy document's json) to its data, which is no longer text", () => {
    const { graphs } = load({
      'main.tf': `
data "aws_iam_policy_document" "send" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
locals {
  statements = jsondecode(data.aws_iam_policy_document.send.json).Statement
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    version  = jsondecode(data.aws_iam_policy_document.send.json).Version
    effect   = local.statements[0].Effect
    count    = length(jsondecode(jsonencode(["a", "b"])))
    template = "list: \${jsondecode(jsonencode(["a"]))}"
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      version: '2012-10-17',
      effect: 'Allow',
      count: 2,
      template: new Unknown('a list or map in a string template'),
    });
  });

  it("evaluates zipmap(), range(), substr(), setproduct(), regex(), regexall() and yamldecode() as Terraform's docs say, and leaves what they do not say not known", () => {
    const { graphs } = load({
      'main.tf': `
variable "arn" {
  default = "arn:aws:sqs:eu-west-1:123456789012:orders"
}
variable "from_the_plan" {}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    zipped      = zipmap(["a", "b", "a"], [1, 2, 3])
    zipUneven   = try(zipmap(["a"], [1, 2]), "uneven")
    zipNullKey  = can(zipmap([null], [1]))
    zipArns     = zipmap(["q"], [aws_sqs_queue.q.arn])
    zipText     = zipmap(["e+1", 2], [1, 2])
    zipPlan     = zipmap(["a"], var.from_the_plan)
    range       = range(3)
    rangeDown   = range(4, 1)
    rangeStep   = range(1, 8, 3)
    rangeAway   = range(1, 4, -1)
    rangeHalf   = range(0, 1, 0.5)
    rangeHuge   = can(range(1e9))
    rangeMost   = length(range(1024))
    rangeZero   = can(range(0, 1, 0))
    substr      = substr("hello world", 1, 4)
    substrEnd   = substr("hello world", -5, -1)
    substrLong  = substr("hello world", 6, 10)
    substrChars = substr("e\u0301x", 0, 1)
    substrOut   = substr("abc", 5, 1)
    product     = setproduct(["a", "b"], [1, 2])
    productNone = setproduct(["a"], [])
    region      = regex("^arn:aws:sqs:([^:]+):(\\\\d+):", var.arn)
    name        = regex("[a-z]+$", var.arn)
    digits      = regexall("\\\\d+", "a1b22")
    noMatch     = can(regex("x", "abc"))
    noMatches   = regexall("x", "abc")
    flags       = regex("(?i)ORDERS", var.arn)
    spaces      = regexall("\\\\s", "a b")
    emptyMatch  = regexall("a*", "baaa")
    nested      = regex("(a+)+$", "aaaa")
    yaml        = yamldecode("a: 1\\nb: [x, true]\\n")
    yamlTag     = yamldecode("a: !Ref X")
    yamlTwice   = yamldecode("a: 1\\na: 2\\n")
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      // A key written twice takes the value at its last index.
      zipped: { a: 3, b: 2 },
      // Lists of different lengths and a null key are errors, which try() and can() catch.
      zipUneven: 'uneven',
      zipNullKey: false,
      zipArns: { q: new Ref('aws_sqs_queue.q', 'Arn') },
      zipText: { 'e+1': 1, '2': 2 },
      zipPlan: new Unknown('zipmap()'),
      range: [0, 1, 2],
      rangeDown: [4, 3, 2],
      rangeStep: [1, 4, 7],
      rangeAway: [],
      // Terraform adds fractions in decimal, JavaScript in binary.
      rangeHalf: new Unknown('range()'),
      // More than 1024 numbers, or a step of 0, is an error.
      rangeHuge: false,
      rangeMost: 1024,
      rangeZero: false,
      substr: 'ello',
      substrEnd: 'world',
      substrLong: 'world',
      // Characters as a reader sees them: e and its accent are one.
      substrChars: 'e\u0301',
      substrOut: new Unknown('substr()'),
      product: [
        ['a', 1],
        ['a', 2],
        ['b', 1],
        ['b', 2],
      ],
      productNone: [],
      region: ['eu-west-1', '123456789012'],
      name: 'orders',
      digits: ['1', '22'],
      // No match is an error for regex(), none for regexall().
      noMatch: false,
      noMatches: [],
      // RE2's flags, its \s (JavaScript's takes Unicode spaces), an empty match Go leaves out after another, and a
      // quantified group that JavaScript backtracks over where RE2 does not: not evaluated.
      flags: new Unknown('regex()'),
      spaces: new Unknown('regexall()'),
      emptyMatch: new Unknown('regexall()'),
      nested: new Unknown('regex()'),
      yaml: { a: 1, b: ['x', true] },
      // A tag Terraform refuses, which the YAML parser reads as CloudFormation's.
      yamlTag: new Unknown('yamldecode() of a tag'),
      // The parser keeps the last; what Terraform does is not documented.
      yamlTwice: new Unknown('yamldecode() of a key written twice'),
    });
  });

  it('converts with toset(), tonumber() and tobool() as Terraform does, a value of another type an error that try() and can() catch', () => {
    const { graphs } = load({
      'main.tf': `
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    setOfText    = can(toset("a"))
    setOfMap     = can(toset({ a = 1 }))
    setOfList    = can(toset(["a"]))
    number       = tonumber("14")
    notNumber    = try(tonumber("fourteen"), 0)
    boolNumber   = can(tonumber(true))
    hex          = tonumber("0x10")
    bool         = tobool("false")
    notBool      = can(tobool(1))
    capitalized  = can(tobool("True"))
    null         = tonumber(null) == null
  }
}
`,
    });
    const tags = Object.fromEntries(
      (
        graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Key: string;
          Value: unknown;
        }[]
      ).map(tag => [tag.Key, tag.Value]),
    );
    expect(tags).toEqual({
      setOfText: false,
      setOfMap: false,
      setOfList: true,
      number: 14,
      notNumber: 0,
      boolNumber: false,
      // JavaScript reads it as 16; what Terraform's parser reads of it is not known here.
      hex: new Unknown('tonumber()'),
      bool: false,
      notBool: false,
      capitalized: false,
      null: true,
    });
  });

  it('reads dead-letter queues mapped by zipmap(), and a retention try() falls back from when tonumber() fails (DLQ-003)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "retention" {
  default = "fourteen days"
}
resource "aws_sqs_queue" "orders_dlq" {
  message_retention_seconds = 1209600
}
resource "aws_sqs_queue" "billing_dlq" {
  message_retention_seconds = try(tonumber(var.retention), 345600)
}
resource "aws_sqs_queue" "refunds_dlq" {
  message_retention_seconds = 86400
}
locals {
  dlq_arns = zipmap(["orders", "billing"], [aws_sqs_queue.orders_dlq.arn, aws_sqs_queue.billing_dlq.arn])
}
resource "aws_sqs_queue" "work" {
  for_each = local.dlq_arns
  redrive_policy = jsonencode({
    deadLetterTargetArn = each.value
    maxReceiveCount     = 3
  })
}
`,
        },
      ],
      selectRules(['DLQ-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId, f.line])).toEqual([
      ['DLQ-003', 'aws_sqs_queue.billing_dlq', 9],
    ]);
  });

  it('reads a policy written in YAML and decoded with yamldecode() (IAM-002)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
resource "aws_iam_role" "r" {
  name = "r"
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = jsonencode(yamldecode(<<-EOT
    Version: "2012-10-17"
    Statement:
      - Effect: Allow
        Action: "sqs:*"
        Resource: "*"
  EOT
  ))
}
`,
        },
      ],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId, f.line])).toEqual([
      ['IAM-002', 'aws_iam_role_policy.p', 7],
    ]);
  });

  it('stops generating elements past a bound, however deep for expressions nest', () => {
    // Three levels over a list of a thousand would generate a billion elements. The bound is a million for the whole
    // stack: a for expression over 999,997 elements and the 3 of the outer list leave no room for the inner lists,
    // where 9 fewer leave room for all.
    const nested = (filler: string) =>
      (
        load({
          'main.tf': `
locals {
  items  = [0, 1, 2]
  filler = [for space in split(" ", format("%${filler}s", "")) : space]
  nested = length(local.filler) > 0 ? [for a in local.items : [for b in local.items : b]] : []
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { nested = local.nested }
}
`,
        }).graphs[0].get('aws_sqs_queue.q')!.properties.Tags as {
          Value: unknown;
        }[]
      )[0].Value;
    expect(nested('999987')).toEqual(Array(3).fill([0, 1, 2]));
    expect(nested('999996')).toEqual(
      Array(3).fill(
        new Unknown(
          'for expression: more than 1000000 blocks and elements generated',
        ),
      ),
    );
  });

  it('reads the policies file() and templatefile() load, from path.module or from where Terraform runs', () => {
    const report = scanFiles(
      [
        {
          path: 'svc/main.tf',
          text: `module "worker" {
  source = "./modules/worker"
  queue  = "orders"
}
resource "aws_iam_role" "root" {
  name               = "root"
  assume_role_policy = file("policies/trust.json")
}
resource "aws_iam_role_policy" "missing" {
  role   = aws_iam_role.root.id
  policy = file("policies/missing.json")
}
`,
        },
        {
          path: 'svc/modules/worker/main.tf',
          text: `variable "queue" {}
resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = file("\${path.root}/policies/trust.json")
}
resource "aws_iam_role_policy" "worker" {
  role   = aws_iam_role.worker.id
  policy = templatefile("\${path.module}/policy.tftpl", { queue = var.queue, actions = ["sqs:*"] })
}
`,
        },
        {
          path: 'svc/policies/trust.json',
          text: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
        },
        {
          path: 'svc/modules/worker/policy.tftpl',
          text: '{"Statement": [{"Effect": "Allow", "Action": ${jsonencode(actions)}, "Resource": "arn:aws:sqs:*:*:${queue}"}]}',
        },
      ],
      selectRules(['IAM-002']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.file, f.line, f.resourceId]),
    ).toEqual([
      [
        'IAM-002',
        'svc/modules/worker/main.tf',
        8,
        'module.worker.aws_iam_role_policy.worker',
      ],
    ]);
    expect(report.findings[0].message).toContain('sqs:*');

    const [graph] = load({
      'svc/main.tf':
        'resource "aws_iam_role" "root" {\n  assume_role_policy = file("policies/trust.json")\n}\n',
    }).graphs;
    // Without a reader (or without the file), the policy is not known, and judged by no rule.
    expect(
      graph.get('aws_iam_role.root')!.properties.AssumeRolePolicyDocument,
    ).toEqual(new Unknown('file("policies/trust.json"), a file not read'));
  });

  it('reads the if and for directives of a template over values known statically: a policy templatefile() lists the queues in (IAM-002, IAM-004)', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "debug" {
  type    = bool
  default = false
}
resource "aws_sqs_queue" "orders" {}
resource "aws_sqs_queue" "audit" {}
resource "aws_iam_role" "fn" {}
resource "aws_iam_role_policy" "fn" {
  role = aws_iam_role.fn.id
  policy = templatefile("\${path.module}/send.json.tftpl", {
    queues = { orders = aws_sqs_queue.orders.arn }
    debug  = var.debug
  })
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.fn.arn
  environment {
    variables = {
      ORDERS_URL = aws_sqs_queue.orders.url
      AUDIT_URL  = aws_sqs_queue.audit.url
    }
  }
}
`,
        },
        {
          path: 'send.json.tftpl',
          text: `{
  "Statement": [
    %{~ for name, arn in queues ~}
    {"Sid": "Send\${name}", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "\${arn}"},
    %{~ endfor ~}
    {"Effect": "Allow", "Action": "%{ if debug }logs:*%{ else }logs:PutLogEvents%{ endif }", "Resource": "*"}
  ]
}
`,
        },
      ],
      selectRules(['IAM-002', 'IAM-004']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.message]),
    ).toEqual([
      [
        'IAM-004',
        'aws_lambda_function.fn',
        expect.stringContaining('aws_sqs_queue.audit in AUDIT_URL'),
      ],
    ]);
  });

  it('expands local modules with their inputs, addressed module.<name>.<address>', () => {
    const { graphs, files } = load({
      'main.tf': `
module "worker" {
  source = "./modules/worker"
  name   = "orders-worker"
}
output "worker_arn" {
  value = module.worker.arn
}
`,
      'modules/worker/main.tf': `
variable "name" {}
resource "aws_lambda_function" "this" {
  function_name = var.name
}
output "arn" {
  value = aws_lambda_function.this.arn
}
`,
    });
    expect(graphs).toHaveLength(1);
    const fn = graphs[0].get('module.worker.aws_lambda_function.this')!;
    expect(fn).toMatchObject({
      file: 'modules/worker/main.tf',
      line: 3,
      properties: { FunctionName: 'orders-worker' },
    });
    expect(graphs[0].outputs[0].value).toEqual(
      new Ref('module.worker.aws_lambda_function.this', 'Arn'),
    );
    expect(files).toEqual([
      { path: 'main.tf', format: 'terraform', resources: 0 },
      { path: 'modules/worker/main.tf', format: 'terraform', resources: 1 },
    ]);
  });

  it("gives a module's resources the default tags of the providers its call passes, else of its caller's default provider (OPS-003)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
provider "aws" {
  default_tags {
    tags = { team = "orders" }
  }
}
provider "aws" {
  alias = "plain"
}
module "passed_plain" {
  source = "./queue"
  providers = {
    aws = aws.plain
  }
}
module "inherited" {
  source = "./queue"
}
module "passed_default" {
  source = "./queue"
  providers = {
    aws       = aws
    aws.other = aws.plain
  }
}
module "nested" {
  source = "./nested"
  providers = {
    aws = aws.plain
  }
}
`,
        },
        { path: 'queue/main.tf', text: 'resource "aws_sqs_queue" "q" {}\n' },
        {
          path: 'nested/main.tf',
          text: 'module "inner" {\n  source = "../queue"\n}\n',
        },
        {
          path: 'json/main.tf.json',
          text: JSON.stringify({
            provider: {
              aws: [
                { default_tags: { tags: { team: 'orders' } } },
                { alias: 'plain' },
              ],
            },
            module: {
              passed_plain: {
                source: './queue',
                providers: { aws: 'aws.plain' },
              },
            },
            resource: {
              aws_sqs_queue: { tagged: {}, plain: { provider: 'aws.plain' } },
            },
          }),
        },
        {
          path: 'json/queue/main.tf',
          text: 'resource "aws_sqs_queue" "q" {}\n',
        },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
      ['json/main.tf.json', 'aws_sqs_queue.plain'],
      ['json/queue/main.tf', 'module.passed_plain.aws_sqs_queue.q'],
      ['queue/main.tf', 'module.passed_plain.aws_sqs_queue.q'],
      ['queue/main.tf', 'module.nested.module.inner.aws_sqs_queue.q'],
    ]);
  });

  it("gives a module the caller's default provider configuration where its call's providers leave it out (OPS-003)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
provider "aws" {}
provider "aws" {
  alias = "east"
  default_tags {
    tags = { team = "orders" }
  }
}
module "m" {
  source    = "./queue"
  providers = { aws.east = aws.east }
}
`,
        },
        {
          path: 'queue/main.tf',
          text: 'resource "aws_sqs_queue" "plain" {}\nresource "aws_sqs_queue" "east" {\n  provider = aws.east\n}\n',
        },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'module.m.aws_sqs_queue.plain',
    ]);
  });

  it("reads a module's provider block that holds nothing but its alias as the configuration its call passes (a proxy; OPS-003)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
provider "aws" {
  default_tags {
    tags = { team = "orders" }
  }
}
provider "aws" {
  alias = "east"
  default_tags {
    tags = { team = "orders" }
  }
}
module "m" {
  source    = "./queue"
  providers = { aws = aws, aws.east = aws.east }
}
module "inherited" {
  source = "./empty"
}
`,
        },
        {
          path: 'queue/main.tf',
          text: 'provider "aws" {\n  alias = "east"\n}\nresource "aws_sqs_queue" "east" {\n  provider = aws.east\n}\n',
        },
        {
          path: 'empty/main.tf',
          text: 'provider "aws" {}\nresource "aws_sqs_queue" "q" {}\n',
        },
        // A root module's blocks are configurations of their own: these have no default tags.
        {
          path: 'root/main.tf',
          text: 'provider "aws" {}\nprovider "aws" {\n  alias = "east"\n}\nresource "aws_sqs_queue" "q" {}\nresource "aws_sqs_queue" "east" {\n  provider = aws.east\n}\n',
        },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => [f.file, f.resourceId])).toEqual([
      ['root/main.tf', 'aws_sqs_queue.q'],
      ['root/main.tf', 'aws_sqs_queue.east'],
    ]);
  });

  it('merges the provider blocks of override files into the configuration: the last that writes default_tags decides (OPS-003)', () => {
    const tagged =
      'provider "aws" {\n  default_tags {\n    tags = { team = "orders" }\n  }\n}\n';
    const untagged = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
    const emptied =
      'provider "aws" {\n  default_tags {\n    tags = {}\n  }\n}\n';
    const queue = 'resource "aws_sqs_queue" "q" {}\n';
    const report = scanFiles(
      [
        { path: 'overridden/main.tf', text: untagged + queue },
        { path: 'overridden/provider_override.tf', text: tagged },
        { path: 'emptied/main.tf', text: tagged + queue },
        { path: 'emptied/a_override.tf', text: tagged },
        { path: 'emptied/override.tf', text: emptied },
        { path: 'region/main.tf', text: tagged + queue },
        { path: 'region/override.tf', text: untagged },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => f.file)).toEqual(['emptied/main.tf']);
  });

  it("judges default tags a variable's default empties at partial confidence, first read in a module call that deploys none or not (OPS-003)", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "tags" {
  default = {}
}
provider "aws" {
  default_tags {
    tags = var.tags
  }
}
module "never" {
  source = "./queue"
  count  = 0
}
module "queue" {
  source = "./queue"
}
`,
        },
        { path: 'queue/main.tf', text: 'resource "aws_sqs_queue" "q" {}\n' },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['module.queue.aws_sqs_queue.q', 'partial'],
    ]);
  });

  it('adds the $default stage quick create makes for an HTTP API with a target, as generated by the API', () => {
    const { graphs } = load({
      'main.tf': `
resource "aws_apigatewayv2_api" "quick" {
  for_each      = toset(["a"])
  name          = "quick"
  protocol_type = "HTTP"
  target        = "https://example.com/\${each.key}"
}
resource "aws_apigatewayv2_api" "socket" {
  name          = "socket"
  protocol_type = "WEBSOCKET"
  target        = "https://example.com"
}
`,
    });
    const stages = graphs[0].ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toEqual([
      {
        id: 'aws_apigatewayv2_api.quick["a"].$default',
        type: 'AWS::ApiGatewayV2::Stage',
        properties: {
          ApiId: new Ref('aws_apigatewayv2_api.quick["a"]'),
          StageName: '$default',
          AutoDeploy: true,
        },
        file: 'main.tf',
        line: 2,
        sourceType: 'aws_apigatewayv2_stage',
        generatedBy: 'aws_apigatewayv2_api.quick["a"]',
        origin: 'target (quick create)',
        suppressions: [],
        instanceOf: 'aws_apigatewayv2_api.quick.$default',
      },
    ]);
    expect(lineOfNode(stages[0].properties)).toBe(2);
  });

  it('reads a table with replica blocks as a global table: each replica its own point-in-time recovery and tags, as the provider makes them (OPS-004, OPS-003)', () => {
    const table = `resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name = "eu-west-2"
  }
  replica {
    region_name            = "us-west-2"
    point_in_time_recovery = true
    propagate_tags         = true
  }
}
resource "aws_dynamodb_table" "single" {
  name     = "single"
  hash_key = "id"
  tags     = { team = "orders" }
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
}
`;
    const [graph] = load({ 'main.tf': table }).graphs;
    expect(graph.get('aws_dynamodb_table.orders')!.type).toBe(
      'AWS::DynamoDB::GlobalTable',
    );
    expect(graph.get('aws_dynamodb_table.single')!.type).toBe(
      'AWS::DynamoDB::Table',
    );
    const report = scanFiles(
      [{ path: 'main.tf', text: table }],
      selectRules(['OPS-004', 'OPS-003']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.line, f.message]),
    ).toEqual([
      [
        'OPS-003',
        'aws_dynamodb_table.orders',
        15,
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica in eu-west-2, so it cannot be attributed to a team, service or environment.',
      ],
      [
        'OPS-004',
        'aws_dynamodb_table.orders',
        15,
        'DynamoDB global table aws_dynamodb_table.orders has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it("reports a replica that lacks point-in-time recovery or tags at its own replica block, not the first one's", () => {
    const table = `resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name            = "eu-west-2"
    point_in_time_recovery = true
    propagate_tags         = true
  }
  replica {
    region_name = "us-east-2"
  }
  replica {
    region_name            = "us-west-2"
    point_in_time_recovery = false
  }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: table }],
      selectRules(['OPS-004', 'OPS-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.line, f.property])).toEqual([
      ['OPS-003', 15, 'Replicas[2]'],
      ['OPS-004', 15, 'Replicas[2]'],
      ['OPS-003', 18, 'Replicas[3]'],
      ['OPS-004', 20, 'Replicas[3].PointInTimeRecoverySpecification'],
    ]);
  });

  it('gives a replica the table\'s tags with propagate_tags true as Terraform converts it ("true"), and tags not known where it is not known statically (OPS-003)', () => {
    const table = `resource "aws_ssm_parameter" "flag" {
  name  = "flag"
  type  = "String"
  value = "true"
  tags  = { team = "orders" }
}
resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  replica {
    region_name    = "eu-west-2"
    propagate_tags = "true"
  }
  replica {
    region_name    = "us-east-2"
    propagate_tags = "\${aws_ssm_parameter.flag.value}\${aws_ssm_parameter.flag.type}"
  }
  replica {
    region_name    = "us-west-2"
    propagate_tags = "false"
  }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: table }],
      selectRules(['OPS-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.line, f.property])).toEqual([
      ['OPS-003', 21, 'Replicas[3]'],
    ]);
  });

  it("takes the replicas of a table an aws_dynamodb_tag may tag (the provider's way to tag a replica) for tagged as far as is known (OPS-003)", () => {
    const tables = `data "aws_region" "current" {}
resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  replica {
    region_name = "eu-west-2"
  }
}
resource "aws_dynamodb_table" "audit" {
  name             = "audit"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  replica {
    region_name = "eu-west-2"
  }
}
`;
    const tag = `resource "aws_dynamodb_tag" "orders" {
  provider     = aws.replica
  resource_arn = replace(aws_dynamodb_table.orders.arn, data.aws_region.current.name, "eu-west-2")
  key          = "team"
  value        = "orders"
}
`;
    const findings = (files: string[]) =>
      scanFiles(
        files.map((text, index) => ({ path: `main${index}.tf`, text })),
        selectRules(['OPS-003']),
      ).findings.map(f => [f.resourceId, f.confidence]);
    expect(findings([tables])).toEqual([
      ['aws_dynamodb_table.orders', 'high'],
      ['aws_dynamodb_table.audit', 'high'],
    ]);
    expect(findings([tables, tag])).toEqual([
      ['aws_dynamodb_table.audit', 'high'],
    ]);
  });

  it('takes the replicas of a table whose aws_dynamodb_table_replica an aws_dynamodb_tag may tag for tagged as far as is known (OPS-003)', () => {
    const stack = (tagged: string) => `resource "aws_dynamodb_table" "orders" {
  name = "orders"
  tags = { team = "orders" }
}
resource "aws_dynamodb_table_replica" "west" {
  global_table_arn = aws_dynamodb_table.orders.arn
  region           = "eu-west-2"
}
resource "aws_dynamodb_table" "audit" {
  name = "audit"
  tags = { team = "orders" }
}
resource "aws_dynamodb_table_replica" "audit" {
  global_table_arn = aws_dynamodb_table.audit.arn
  region           = "eu-west-2"
}
resource "aws_dynamodb_tag" "west" {
  resource_arn = ${tagged}.arn
  key          = "team"
  value        = "orders"
}
`;
    const findings = (tagged: string) =>
      scanFiles(
        [{ path: 'main.tf', text: stack(tagged) }],
        selectRules(['OPS-003']),
      ).findings.map(f => `${f.resourceId} ${f.property}`);
    expect(findings('aws_dynamodb_table_replica.west')).toEqual([
      'aws_dynamodb_table.audit Replicas[1]',
    ]);
    expect(findings('aws_dynamodb_table_replica.audit')).toEqual([
      'aws_dynamodb_table.orders Replicas[1]',
    ]);
  });

  it("adds each aws_dynamodb_table_replica to its table's replicas, its own point_in_time_recovery and tags as the provider makes them, the table a global table (OPS-004, OPS-003)", () => {
    const table = `variable "other_table_arn" {}
provider "aws" {
  alias  = "tagged"
  region = "us-east-2"
  default_tags {
    tags = { team = "orders" }
  }
}
resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  tags             = { team = "orders" }
  point_in_time_recovery {
    enabled = true
  }
  lifecycle {
    ignore_changes = [replica]
  }
}
resource "aws_dynamodb_table_replica" "west" {
  global_table_arn = aws_dynamodb_table.orders.arn
  region           = "eu-west-2"
}
resource "aws_dynamodb_table_replica" "us" {
  global_table_arn       = aws_dynamodb_table.orders.arn
  region                 = "us-west-2"
  point_in_time_recovery = true
  tags                   = { team = "orders" }
}
resource "aws_dynamodb_table_replica" "tagged" {
  provider               = aws.tagged
  global_table_arn       = aws_dynamodb_table.orders.arn
  point_in_time_recovery = false
}
resource "aws_dynamodb_table_replica" "elsewhere" {
  global_table_arn = var.other_table_arn
}
`;
    const apart = `resource "aws_dynamodb_table_replica" "apart" {
  global_table_arn       = aws_dynamodb_table.orders.arn
  point_in_time_recovery = true
}
`;
    const [graph] = load({ 'main.tf': table }).graphs;
    const orders = graph.get('aws_dynamodb_table.orders')!;
    expect(orders.type).toBe('AWS::DynamoDB::GlobalTable');
    expect(orders.properties.Replicas).toHaveLength(4);
    expect(
      [...graph.resources].filter(
        r => r.sourceType === 'aws_dynamodb_table_replica',
      ),
    ).toEqual([]);
    const findings = (files: Record<string, string>) =>
      scanFiles(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        selectRules(['OPS-004', 'OPS-003']),
      ).findings.map(f => [f.ruleId, f.file, f.line, f.property, f.message]);
    expect(findings({ 'main.tf': table })).toEqual([
      [
        'OPS-003',
        'main.tf',
        22,
        'Replicas[1]',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica in eu-west-2, so it cannot be attributed to a team, service or environment.',
      ],
      [
        'OPS-004',
        'main.tf',
        22,
        'Replicas[1]',
        'DynamoDB global table aws_dynamodb_table.orders has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
      ],
      [
        'OPS-004',
        'main.tf',
        35,
        'Replicas[3].PointInTimeRecoverySpecification',
        'DynamoDB global table aws_dynamodb_table.orders has no point-in-time recovery on its replica in us-east-2, so deleted or overwritten items cannot be restored.',
      ],
    ]);
    // Declared in another file, at the table's line.
    expect(
      findings({ 'main.tf': table, 'replica.tf': apart }).filter(
        ([, , , property]) => property === 'Replicas[4]',
      ),
    ).toEqual([
      [
        'OPS-003',
        'main.tf',
        9,
        'Replicas[4]',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
  });

  it("reads a table's ARN written as text around its name, or with its name written out, in an aws_dynamodb_table_replica's global_table_arn and an aws_dynamodb_tag's resource_arn as that table's (OPS-003)", () => {
    const stack = (more: string) => `data "aws_region" "current" {}
data "aws_caller_identity" "current" {}
resource "aws_dynamodb_table" "orders" {
  name = "orders"
  tags = { team = "orders" }
}
resource "aws_dynamodb_table" "audit" {
  name = "audit"
  tags = { team = "orders" }
}
resource "aws_dynamodb_table" "events" {
  name = "events"
  tags = { team = "orders" }
}
resource "aws_dynamodb_table_replica" "orders" {
  global_table_arn = "arn:aws:dynamodb:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:table/\${aws_dynamodb_table.orders.name}"
  region           = "eu-west-2"
}
resource "aws_dynamodb_table_replica" "audit" {
  global_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/audit"
  region           = "eu-west-2"
}
resource "aws_dynamodb_table_replica" "events" {
  global_table_arn = aws_dynamodb_table.events.arn
  region           = "eu-west-2"
}
resource "aws_dynamodb_table_replica" "copy" {
  global_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/\${aws_dynamodb_table.events.name}-copy"
  region           = "us-west-2"
}
resource "aws_dynamodb_tag" "orders" {
  resource_arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/orders"
  key          = "team"
  value        = "orders"
}
${more}`;
    const findings = (more: string) =>
      scanFiles(
        [{ path: 'main.tf', text: stack(more) }],
        selectRules(['OPS-003']),
      ).findings.map(f => `${f.resourceId} ${f.property} ${f.line}`);
    // The tag names orders: the others' replicas are untagged.
    expect(findings('')).toEqual([
      'aws_dynamodb_table.audit Replicas[1] 19',
      'aws_dynamodb_table.events Replicas[1] 23',
    ]);
    // A table whose name is not known statically may be the one a name written out names: the tag may tag any
    // replica, and the replica written so is not judged.
    const other = `variable "name" {}
resource "aws_dynamodb_table" "other" {
  name = var.name
  tags = { team = "orders" }
}
`;
    expect(findings(other)).toEqual([]);
    const replicated = (more: string) =>
      scanFiles(
        [{ path: 'main.tf', text: stack(more) }],
        selectRules(['OPS-004']),
      )
        .findings.filter(f => f.property === 'Replicas[1]')
        .map(f => f.resourceId);
    expect(replicated('')).toEqual([
      'aws_dynamodb_table.orders',
      'aws_dynamodb_table.audit',
      'aws_dynamodb_table.events',
    ]);
    expect(replicated(other)).toEqual([
      'aws_dynamodb_table.orders',
      'aws_dynamodb_table.events',
    ]);
  });

  it("names a replica's empty tags as what sets them: the table's tags, which a replica block propagates, and an aws_dynamodb_table_replica's own (OPS-003)", () => {
    const stack = `resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  tags     = {}
  replica {
    region_name    = "us-west-2"
    propagate_tags = true
  }
}
resource "aws_dynamodb_table_replica" "west" {
  global_table_arn = aws_dynamodb_table.orders.arn
  region           = "eu-west-2"
  tags             = {}
}
`;
    expect(
      scanFiles(
        [{ path: 'main.tf', text: stack }],
        selectRules(['OPS-003']),
      ).findings.map(f => [f.line, f.property, f.message]),
    ).toEqual([
      [
        4,
        'Replicas[0].Tags',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica: tags is empty, so it cannot be attributed to a team, service or environment.',
      ],
      [
        7,
        'Replicas[1].Tags',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica in us-west-2: tags is empty, so it cannot be attributed to a team, service or environment.',
      ],
      [
        13,
        'Replicas[2].Tags',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica in eu-west-2: tags of aws_dynamodb_table_replica.west is empty, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
    // And the other properties of each, as their arguments.
    const [graph] = load({ 'main.tf': stack }).graphs;
    const orders = graph.get('aws_dynamodb_table.orders')!;
    expect(
      [
        'Replicas[0].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
        'Replicas[1]',
        'Replicas[1].Region',
        'Replicas[1].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
        'Replicas[2]',
        'Replicas[2].SSESpecification.KMSMasterKeyId',
      ].map(path => graph.nameOf(orders, path)),
    ).toEqual([
      'point_in_time_recovery.enabled',
      'replica[0]',
      'replica[0].region_name',
      'replica[0].point_in_time_recovery',
      'aws_dynamodb_table_replica.west',
      'kms_key_arn of aws_dynamodb_table_replica.west',
    ]);
    // Its block, where its tags are written: the replicas of every instance read alike, reported once.
    const counted = `resource "aws_dynamodb_table" "orders" {
  count    = 2
  name     = "orders-\${count.index}"
  hash_key = "id"
  tags     = { team = "orders" }
}
resource "aws_dynamodb_table_replica" "west" {
  count            = 2
  global_table_arn = aws_dynamodb_table.orders[count.index].arn
  region           = "eu-west-2"
  tags             = {}
}
`;
    expect(
      scanFiles(
        [{ path: 'main.tf', text: counted }],
        selectRules(['OPS-003']),
      ).findings.map(f => [f.resourceId, f.message]),
    ).toEqual([
      [
        'aws_dynamodb_table.orders',
        'aws_dynamodb_table aws_dynamodb_table.orders has no tags on its replica in eu-west-2: tags of aws_dynamodb_table_replica.west is empty, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
  });

  it("names the region of a table's own replica, and of a replica resource, where known: its region, else its provider configuration's as written, not by a variable's default (OPS-004)", () => {
    const stack = `variable "region" {
  default = "us-east-1"
}
provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "defaulted"
  region = var.region
}
provider "aws" {
  alias  = "west"
  region = "eu-west-2"
}
resource "aws_dynamodb_table" "provider" {
  name = "provider"
  replica {
    region_name = "us-west-2"
  }
}
resource "aws_dynamodb_table" "own" {
  name   = "own"
  region = "ap-south-1"
  replica {
    region_name = "us-west-2"
  }
}
resource "aws_dynamodb_table" "defaulted" {
  provider = aws.defaulted
  name     = "defaulted"
  replica {
    region_name = "us-west-2"
  }
}
resource "aws_dynamodb_table" "apart" {
  name = "apart"
}
resource "aws_dynamodb_table_replica" "west" {
  provider         = aws.west
  global_table_arn = aws_dynamodb_table.apart.arn
}
module "nested" {
  source = "./nested"
  providers = {
    aws = aws.west
  }
}
`;
    const nested = `resource "aws_dynamodb_table" "passed" {
  name = "passed"
  replica {
    region_name = "us-west-2"
  }
}
`;
    const report = scanFiles(
      [
        { path: 'main.tf', text: stack },
        { path: 'nested/main.tf', text: nested },
      ],
      selectRules(['OPS-004']),
    );
    const inRegion = (message: string) =>
      / on its replica( in ([a-z0-9-]+))?,/.exec(message)![2] ?? 'none';
    expect(
      report.findings
        .filter(f => f.property === 'Replicas[0]')
        .map(f => [f.resourceId, inRegion(f.message)]),
    ).toEqual([
      ['aws_dynamodb_table.provider', 'eu-west-1'],
      ['aws_dynamodb_table.own', 'ap-south-1'],
      ['aws_dynamodb_table.defaulted', 'none'],
      ['aws_dynamodb_table.apart', 'eu-west-1'],
      ['module.nested.aws_dynamodb_table.passed', 'eu-west-2'],
    ]);
    expect(
      report.findings
        .filter(f => f.resourceId === 'aws_dynamodb_table.apart')
        .map(f => [f.property, f.line, inRegion(f.message)]),
    ).toEqual([
      ['Replicas[0]', 35, 'eu-west-1'],
      ['Replicas[1]', 38, 'eu-west-2'],
    ]);
    // The region read no default: nothing rests on one.
    expect(report.findings.every(f => f.confidence === 'high')).toBe(true);
  });

  it("names no region a table's provider configuration or its region argument does not say statically, and rests no verdict on it: a suppression of a rule it passes is unused (OPS-004)", () => {
    const stack = `variable "region" {}
provider "aws" {
  region = var.region
}
# infra-compliance:suppress=OPS-004:restored from the nightly export
resource "aws_dynamodb_table" "provider" {
  name = "provider"
  point_in_time_recovery {
    enabled = true
  }
}
# infra-compliance:suppress=OPS-004:restored from the nightly export
resource "aws_dynamodb_table" "own" {
  name   = "own"
  region = var.region
  point_in_time_recovery {
    enabled = true
  }
}
resource "aws_dynamodb_table" "global" {
  name   = "global"
  region = var.region
  replica {
    region_name = "us-west-2"
  }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: stack }],
      selectRules(['OPS-004']),
    );
    expect(report.unusedSuppressions!.map(u => u.resourceId)).toEqual([
      'aws_dynamodb_table.provider',
      'aws_dynamodb_table.own',
    ]);
    // Not the provider configuration's region either: the table's own is not known.
    expect(
      report.findings.map(f => [f.resourceId, f.property, f.message]),
    ).toEqual([
      [
        'aws_dynamodb_table.global',
        'Replicas[0]',
        'DynamoDB global table aws_dynamodb_table.global has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
      [
        'aws_dynamodb_table.global',
        'Replicas[1]',
        'DynamoDB global table aws_dynamodb_table.global has no point-in-time recovery on its replica in us-west-2, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it("names no region a replica block's region_name or an aws_dynamodb_table_replica's region does not say statically, and rests no verdict on it: a suppression of a rule its table passes is unused (OPS-004)", () => {
    const stack = `variable "region" {}
provider "aws" {
  region = "us-east-1"
}
# infra-compliance:suppress=OPS-003:tagged by the account's tag policy
resource "aws_dynamodb_table" "blocks" {
  name = "blocks"
  tags = { team = "orders" }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name    = var.region
    propagate_tags = true
  }
}
# infra-compliance:suppress=OPS-003:tagged by the account's tag policy
resource "aws_dynamodb_table" "apart" {
  name = "apart"
  tags = { team = "orders" }
  point_in_time_recovery {
    enabled = true
  }
}
resource "aws_dynamodb_table_replica" "west" {
  global_table_arn = aws_dynamodb_table.apart.arn
  region           = var.region
  tags             = { team = "orders" }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: stack }],
      selectRules(['OPS-003', 'OPS-004']),
    );
    expect(report.unusedSuppressions!.map(u => u.resourceId)).toEqual([
      'aws_dynamodb_table.blocks',
      'aws_dynamodb_table.apart',
    ]);
    // Not the provider configuration's region either: the replica's own is not known.
    expect(
      report.findings.map(f => [f.resourceId, f.property, f.message]),
    ).toEqual([
      [
        'aws_dynamodb_table.blocks',
        'Replicas[1]',
        'DynamoDB global table aws_dynamodb_table.blocks has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
      [
        'aws_dynamodb_table.apart',
        'Replicas[1]',
        'DynamoDB global table aws_dynamodb_table.apart has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it('reads the target and credentials of a quick-created API, as CloudFormation their ARNs (OPS-002)', () => {
    const api = `resource "aws_apigatewayv2_api" "quick" {
  name            = "quick"
  protocol_type   = "HTTP"
  target          = "arn:aws:lambda:eu-west-1:123456789012:function:events"
  credentials_arn = "arn:aws:iam::123456789012:role/invoker"
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: api }],
      selectRules(['OPS-002']),
    );
    expect(
      report.findings.map(f => [f.resourceId, f.line, f.property]),
    ).toEqual([
      ['aws_apigatewayv2_api.quick', 4, 'Target'],
      ['aws_apigatewayv2_api.quick', 5, 'CredentialsArn'],
    ]);
  });

  it('makes no $default stage for a quick-created API the stack declares a stage $default of (or of a name not known)', () => {
    const api = (name: string) =>
      `resource "aws_apigatewayv2_api" "${name}" {\n  name          = "${name}"\n  protocol_type = "HTTP"\n  target        = "https://example.com"\n}\n`;
    const stage = (name: string, apiId: string, stageName: string) =>
      `resource "aws_apigatewayv2_stage" "${name}" {\n  api_id = ${apiId}\n  name   = ${stageName}\n}\n`;
    const { graphs } = load({
      'main.tf': [
        'variable "stage" {}',
        api('declared'),
        stage('declared', 'aws_apigatewayv2_api.declared.id', '"$default"'),
        api('named'),
        stage('named', 'aws_apigatewayv2_api.named.id', 'var.stage'),
        api('other'),
        stage('other', 'aws_apigatewayv2_api.other.id', '"prod"'),
      ].join('\n'),
      'external/main.tf': [
        'variable "api" {}',
        api('quick'),
        stage('default', 'var.api', '"$default"'),
      ].join('\n'),
    });
    const generated = graphs.map(graph =>
      graph
        .ofType('AWS::ApiGatewayV2::Stage')
        .filter(s => s.generatedBy)
        .map(s => s.id),
    );
    expect(generated).toEqual([['aws_apigatewayv2_api.other.$default'], []]);
  });

  it('reports the $default stages of a quick-created API in each instance of a module once, on the declarations, as other instances', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: 'module "m" {\n  source   = "./api"\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
        },
        {
          path: 'api/main.tf',
          text: `
variable "name" {}
# infra-compliance:suppress=OPS-001
resource "aws_apigatewayv2_api" "api" {
  name          = var.name
  protocol_type = "HTTP"
  target        = "https://example.com"
}
`,
        },
      ],
      selectRules(['LOG-004', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.generatedResourceId,
        f.fingerprint,
      ]),
    ).toEqual([
      [
        'SUP-001',
        'module.m.aws_apigatewayv2_api.api',
        undefined,
        expect.any(String),
      ],
      [
        'LOG-004',
        'module.m.aws_apigatewayv2_api.api',
        'module.m.aws_apigatewayv2_api.api.$default',
        fingerprint(
          'LOG-004',
          'api/main.tf',
          'module.m.aws_apigatewayv2_api.api.$default',
          undefined,
        ),
      ],
    ]);
  });

  it('loads in steps, pausing after each file parsed and each stack built, to the same result as load', () => {
    const files = [
      {
        path: 'orders/main.tf',
        text: 'module "worker" {\n  source = "../modules/worker"\n}\n',
      },
      {
        path: 'modules/worker/main.tf',
        text: 'resource "aws_sqs_queue" "jobs" {}\n',
      },
      {
        path: 'billing/main.tf',
        text: 'resource "aws_sns_topic" "invoices" {}\n',
      },
    ];
    const steps = terraformAdapter.loadInSteps!(files);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(3 + 2); // three files, two root modules
    const ids = (graphs: ResourceGraph[]) =>
      graphs.map(graph => [...graph.resources].map(resource => resource.id));
    expect(ids(step.value.graphs)).toEqual([
      ['module.worker.aws_sqs_queue.jobs'],
      ['aws_sns_topic.invoices'],
    ]);
    expect(step.value).toEqual(terraformAdapter.load(files));
  });

  it("reads keys and attributes named like Object's members (__proto__, constructor) as plain names", () => {
    const { graphs } = load({
      'main.tf': `
variable "settings" {
  default = { name = "jobs" }
}
locals {
  tags = { "__proto__" = { polluted = "yes" }, constructor = "x" }
}
resource "aws_sqs_queue" "q" {
  name              = lookup(var.settings, "constructor", "fallback")
  kms_master_key_id = var.settings.constructor
  tags              = local.tags
}
resource "aws_lambda_function" "f" {
  environment {
    variables = { Q = aws_sqs_queue.q.constructor }
  }
}
`,
    });
    const queue = graphs[0].get('aws_sqs_queue.q')!;
    expect(queue.properties.QueueName).toBe('fallback');
    expect(queue.properties.KmsMasterKeyId).toEqual(
      new Unknown('missing attribute constructor'),
    );
    expect(queue.properties.Tags).toEqual([
      { Key: '__proto__', Value: { polluted: 'yes' } },
      { Key: 'constructor', Value: 'x' },
    ]);
    expect(
      graphs[0].get('aws_lambda_function.f')!.properties.Environment,
    ).toEqual({
      Variables: { Q: new Ref('aws_sqs_queue.q', 'Constructor') },
    });
  });

  it('reads .tf.json files, whose strings are templates', () => {
    const { graphs, errors } = load({
      'main.tf.json': `{
  "resource": {
    "aws_cloudwatch_log_group": {
      "fn": {
        "name": "/aws/lambda/\${aws_lambda_function.fn.function_name}",
        "retention_in_days": 14
      }
    },
    "aws_lambda_function": {
      "fn": { "function_name": "orders" }
    }
  }
}
`,
    });
    expect(errors).toEqual([]);
    const group = graphs[0].get('aws_cloudwatch_log_group.fn')!;
    expect(group).toMatchObject({ type: 'AWS::Logs::LogGroup', line: 4 });
    expect(group.properties).toEqual({
      LogGroupName: new Template([
        '/aws/lambda/',
        new Ref('aws_lambda_function.fn'),
      ]),
      RetentionInDays: 14,
    });
    expect(lineOfPath(group.properties, ['RetentionInDays'], 0)).toBe(6);
  });

  it('reads .tf.json blocks written as arrays of objects, at any level, nested blocks each at its own line', () => {
    const { graphs, errors } = load({
      'main.tf.json': `[
  {
    "resource": [
      { "aws_sqs_queue": { "a": { "name": "a" } } },
      { "aws_sqs_queue": [{ "b": [{ "name": "b" }] }] }
    ]
  },
  {
    "data": {
      "aws_iam_policy_document": [{
        "read": {
          "statement": [
            { "actions": ["sqs:ReceiveMessage"], "resources": ["*"] },
            {
              "actions": ["sqs:DeleteMessage"],
              "resources": ["*"]
            }
          ],
          "dynamic": [{ "statement": { "for_each": "\${[1]}", "content": { "actions": ["s3:GetObject"], "resources": ["*"] } } }]
        }
      }]
    },
    "resource": { "aws_iam_role_policy": { "read": { "role": "r", "policy": "\${data.aws_iam_policy_document.read.json}" } } }
  }
]
`,
    });
    expect(errors).toEqual([]);
    expect(
      [...graphs[0].resources].map(resource => [
        resource.id,
        resource.line,
        resource.properties.QueueName,
      ]),
    ).toEqual([
      ['aws_sqs_queue.a', 4, 'a'],
      ['aws_sqs_queue.b', 5, 'b'],
      ['aws_iam_role_policy.read', 23, undefined],
    ]);
    const policy = graphs[0].get('aws_iam_role_policy.read')!.properties;
    const statements = (policy.PolicyDocument as ValueMap)
      .Statement as ValueMap[];
    expect(statements.map(statement => statement.Action)).toEqual([
      ['sqs:ReceiveMessage'],
      ['sqs:DeleteMessage'],
      ['s3:GetObject'],
    ]);
    expect(
      statements.map((_statement, index) =>
        lineOfPath(policy, ['PolicyDocument', 'Statement', index, 'Action'], 0),
      ),
    ).toEqual([13, 15, 19]);
  });

  it('ignores the "//" properties of .tf.json bodies, which Terraform reads as comments', () => {
    const files = {
      'main.tf.json': JSON.stringify({
        '//': 'Generated: do not edit',
        resource: {
          aws_vpc: {
            main: {
              '//': 'Replaces arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0old',
              cidr_block: '10.0.0.0/16',
              tags: { team: 'network' },
            },
          },
        },
      }),
    };
    const [graph] = load(files).graphs;
    expect(graph.get('aws_vpc.main')!.properties).toEqual({
      cidr_block: '10.0.0.0/16',
      tags: { team: 'network' },
      Tags: [{ Key: 'team', Value: 'network' }],
    });
    expect(
      scanFiles(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        selectRules(['OPS-002']),
      ).findings,
    ).toEqual([]);
  });

  it('reads each of a .tf.json property written twice in one object, as HCL reads a block type, a label or a nested block each time', () => {
    const { graphs, errors } = load({
      'main.tf.json': `{
  "resource": { "aws_sqs_queue": { "a": { "name": "\${var.prefix}-a" } } },
  "variable": { "prefix": { "default": "orders" } },
  "locals": { "suffix": "b" },
  "resource": {
    "aws_sqs_queue": { "b": { "name": "\${var.prefix}-\${local.suffix}" } },
    "aws_sqs_queue": { "c": { "name": "c", "visibility_timeout_seconds": "\${local.timeout}" } }
  },
  "locals": { "timeout": 60 },
  "data": {
    "aws_iam_policy_document": {
      "read": {
        "statement": { "actions": ["sqs:ReceiveMessage"], "resources": ["*"] },
        "statement": [{ "actions": ["sqs:DeleteMessage"], "resources": ["*"] }]
      }
    }
  },
  "resource": { "aws_iam_role_policy": { "read": { "role": "r", "policy": "\${data.aws_iam_policy_document.read.json}" } } }
}
`,
    });
    expect(errors).toEqual([]);
    expect(
      [...graphs[0].resources].map(resource => [
        resource.id,
        resource.line,
        resource.properties.QueueName,
        resource.properties.VisibilityTimeout,
      ]),
    ).toEqual([
      ['aws_sqs_queue.a', 2, 'orders-a', undefined],
      ['aws_sqs_queue.b', 6, 'orders-b', undefined],
      ['aws_sqs_queue.c', 7, 'c', 60],
      ['aws_iam_role_policy.read', 18, undefined, undefined],
    ]);
    const policy = graphs[0].get('aws_iam_role_policy.read')!.properties;
    const statements = (policy.PolicyDocument as ValueMap)
      .Statement as ValueMap[];
    expect(statements.map(statement => statement.Action)).toEqual([
      ['sqs:ReceiveMessage'],
      ['sqs:DeleteMessage'],
    ]);
    expect(
      statements.map((_statement, index) =>
        lineOfPath(policy, ['PolicyDocument', 'Statement', index, 'Action'], 0),
      ),
    ).toEqual([13, 14]);
  });

  it('reports a .tf.json argument, local or object key written twice as PARSE-001 at the second, as Terraform refuses it, and reads the last', () => {
    const { graphs, errors } = load({
      'main.tf.json': `{
  "locals": {
    "name": "first",
    "name": "second"
  },
  "resource": {
    "aws_sqs_queue": {
      "q": {
        "name": "\${local.name}",
        "tags": { "team": "a", "team": "b" },
        "delay_seconds": 5,
        "delay_seconds": 10
      }
    }
  }
}
`,
    });
    expect(errors.map(error => [error.line, error.message])).toEqual([
      [
        4,
        'duplicate argument name (also on line 3): Terraform refuses it; the last is read',
      ],
      [
        10,
        'duplicate key team (also on line 10): Terraform refuses it; the last is read',
      ],
      [
        12,
        'duplicate argument delay_seconds (also on line 11): Terraform refuses it; the last is read',
      ],
    ]);
    expect(graphs[0].get('aws_sqs_queue.q')!.properties).toMatchObject({
      QueueName: 'second',
      DelaySeconds: 10,
      Tags: [{ Key: 'team', Value: 'b' }],
    });
  });

  it('reports a .tf argument written twice in a block as PARSE-001 at the second, as Terraform refuses it ("Attribute redefined"), reads the last, and scans the rest', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `resource "aws_sqs_queue" "q" {
  name              = "first"
  kms_master_key_id = "alias/aws/sqs"
  name              = "second"
}
resource "aws_sns_topic" "t" {
  name = "t"
}
`,
        },
      ],
      selectRules(['ENC-003', 'ENC-004']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.line, f.message]),
    ).toEqual([
      [
        'PARSE-001',
        '',
        4,
        'Terraform parse error in main.tf: duplicate argument name (also on line 2): Terraform refuses it; the last is read',
      ],
      ['ENC-004', 'aws_sns_topic.t', 6, expect.any(String)],
    ]);
    const { graphs } = load({
      'main.tf':
        'resource "aws_sqs_queue" "q" {\n  name = "first"\n  name = "second"\n}\n',
    });
    expect(graphs[0].get('aws_sqs_queue.q')!.properties.QueueName).toBe(
      'second',
    );
  });

  it('reads a .tf.json nested block or object key written many times in one object in linear time', () => {
    const times = 100_000;
    const ingress = Array.from(
      { length: times },
      () => '"ingress": { "from_port": 22 }',
    ).join(', ');
    const tags = Array.from({ length: times }, () => '"team": {}').join(', ');
    const started = Date.now();
    const { graphs, errors } = load({
      'main.tf.json': `{ "resource": { "aws_security_group": { "sg": { "tags": { ${tags} },\n ${ingress} } } } }`,
    });
    // Each repeat compared with all the others (or copying those before it), this took minutes; it takes a second.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(errors).toEqual([]);
    expect(
      graphs[0].get('aws_security_group.sg')!.properties.ingress,
    ).toHaveLength(times);
  });

  it('reads the documents a policy document merges in as the provider decodes them, keys of any case, numeric condition values dropped; jsonencode keeps them', () => {
    const { graphs, errors } = load({
      'main.tf': `
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [<<EOF
{
  "statement": [{
    "effect": "Allow",
    "action": "s3:GetObject",
    "resource": "*",
    "condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": 3600 } }
  }]
}
EOF
  ]
}
resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}
resource "aws_iam_policy" "encoded" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*", Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }] })
}
`,
    });
    expect(errors).toEqual([]);
    const merged = graphs[0].get('aws_iam_policy.merged')!.properties;
    expect((merged.PolicyDocument as ValueMap).Statement).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ]);
    // A document of the list, text not read where written, stands at the argument.
    expect(
      lineOfPath(merged, ['PolicyDocument', 'Statement', 0, 'Action'], 0),
    ).toBe(3);
    expect(
      (
        graphs[0].get('aws_iam_policy.encoded')!.properties
          .PolicyDocument as ValueMap
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
      },
    ]);
  });

  it('reads keys alike but for case in a merged jsonencode() document as the provider decodes the JSON Terraform writes: keys sorted, the last wins (IAM-002)', () => {
    const tf = (statement: string) => `
data "aws_iam_policy_document" "merged" {
  source_policy_documents = [jsonencode({ Statement = [${statement}] })]
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.merged.json
}
`;
    const effect = (statement: string) => {
      const { graphs, errors } = load({ 'main.tf': tf(statement) });
      expect(errors).toEqual([]);
      return (
        (
          graphs[0].get('aws_iam_policy.p')!.properties
            .PolicyDocument as ValueMap
        ).Statement as ValueMap[]
      )[0].Effect;
    };
    // Terraform writes {"Action":…,"Effect":"Allow",…,"effect":"Deny"}: Go's encoding/json sets the field from each key in turn.
    expect(
      effect(
        '{ effect = "Deny", Effect = "Allow", Action = "s3:*", Resource = "*" }',
      ),
    ).toBe('Deny');
    expect(
      effect(
        '{ Effect = "Deny", effect = "Allow", Action = "s3:*", Resource = "*" }',
      ),
    ).toBe('Allow');
    expect(
      effect(
        '{ EFFECT = "Allow", Effect = "Deny", Action = "s3:*", Resource = "*" }',
      ),
    ).toBe('Deny');
    const iam002 = (statement: string) =>
      scanFiles(
        [{ path: 'main.tf', text: tf(statement) }],
        selectRules(['IAM-002']),
      ).findings.map(f => f.resourceId);
    expect(
      iam002(
        '{ effect = "Deny", Effect = "Allow", Action = "s3:*", Resource = "*" }',
      ),
    ).toEqual([]);
    expect(
      iam002(
        '{ Effect = "Deny", effect = "Allow", Action = "s3:*", Resource = "*" }',
      ),
    ).toEqual(['aws_iam_policy.p']);
  });

  it('orders a jsonencode() value once, however many times it holds one list or map', () => {
    const levels = Array.from(
      { length: 8 },
      (_, i) => `  l${i + 1} = { b = [local.l${i}, local.l${i}] }\n`,
    ).join('');
    const { graphs, errors } = load({
      'main.tf': `locals {\n  l0 = { b = "x", a = "y" }\n${levels}}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [local.l8] })\n}\n`,
    });
    expect(errors).toEqual([]);
    // One ordered copy stands for each list or map wherever it recurs: copied at each place, levels that each
    // hold the one before twice would take time and memory doubling with each level (minutes for 22 of them).
    let level = (
      (graphs[0].get('aws_iam_policy.p')!.properties.PolicyDocument as ValueMap)
        .Statement as ValueMap[]
    )[0];
    for (let depth = 8; depth > 0; depth--) {
      const [first, second] = level.b as ValueMap[];
      expect(second).toBe(first);
      level = first;
    }
    expect(Object.entries(level)).toEqual([
      ['a', 'y'],
      ['b', 'x'],
    ]);
  });

  it('reads a string Principal of a merged document, whatever it names, as the provider writes it: "*" (ENC-002)', () => {
    const tf = (principal: string) => `
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
data "aws_iam_policy_document" "key" {
  source_policy_documents = [jsonencode({
    Statement = [{ Effect = "Allow", Principal = ${principal}, Action = "kms:*", Resource = "*" }]
  })]
}
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
`;
    const principalOf = (principal: string) => {
      const { graphs, errors } = load({ 'main.tf': tf(principal) });
      expect(errors).toEqual([]);
      return (
        (graphs[0].get('aws_kms_key.logs')!.properties.KeyPolicy as ValueMap)
          .Statement as ValueMap[]
      )[0].Principal;
    };
    expect(principalOf('"arn:aws:iam::123456789012:root"')).toBe('*');
    expect(
      principalOf(
        '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"',
      ),
    ).toBe('*');
    expect(principalOf('{ "*" = ["*"] }')).toBe('*');
    expect(principalOf('{ AWS = "arn:aws:iam::123456789012:root" }')).toEqual({
      AWS: 'arn:aws:iam::123456789012:root',
    });
    const enc002 = (principal: string) =>
      scanFiles(
        [{ path: 'main.tf', text: tf(principal) }],
        selectRules(['ENC-002']),
      ).findings.map(f => f.resourceId);
    // The provider makes the key's policy allow everyone, the CloudWatch Logs service included.
    expect(enc002('"arn:aws:iam::123456789012:root"')).toEqual([]);
    expect(enc002('{ AWS = "arn:aws:iam::123456789012:root" }')).toEqual([
      'aws_kms_key.logs',
    ]);
  });

  it('reports a .tf.json array that holds other than objects as PARSE-001, at the line of the first, and reads its objects', () => {
    const { graphs, errors } = load({
      'main.tf.json':
        '[\n  { "resource": { "aws_sqs_queue": { "q": { "name": "q" } } } },\n  "resource",\n  null\n]\n',
    });
    expect(errors.map(error => [error.line, error.message])).toEqual([
      [3, 'a .tf.json file must hold an object, or an array of objects'],
    ]);
    expect([...graphs[0].resources].map(resource => resource.id)).toEqual([
      'aws_sqs_queue.q',
    ]);
    expect(load({ 'main.tf.json': '[]' }).errors).toEqual([]);
  });

  it('reports invalid HCL as PARSE-001 at the parser line and still scans the rest', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
resource "aws_cloudwatch_log_group" "a" {
  name = "/aws/lambda/a"
}
resource "aws_sqs_queue" "broken" {
  name = = "x"
}
`,
        },
      ],
      [],
    );
    expect(report.findings.map(f => [f.ruleId, f.line])).toEqual([
      ['PARSE-001', 6],
    ]);
    expect(report.files).toEqual([
      { path: 'main.tf', format: 'terraform', resources: 2 },
    ]);
  });

  it('refuses HCL nested deeper than 500 levels as PARSE-001, and scans the other files of the module', () => {
    const report = scanFiles(
      [
        {
          path: 'deep.tf',
          text: `resource "aws_sqs_queue" "deep" {\n  name = ${'('.repeat(
            20_000,
          )}"x"${')'.repeat(20_000)}\n}\n`,
        },
        {
          path: 'main.tf',
          text: 'resource "aws_sqs_queue" "shallow" {\n  name = "orders"\n}\n',
        },
      ],
      [],
    );
    expect(
      report.findings.map(f => [f.ruleId, f.file, f.line, f.message]),
    ).toEqual([
      [
        'PARSE-001',
        'deep.tf',
        2,
        'Terraform parse error in deep.tf: invalid HCL on line 2: nests deeper than 500 levels',
      ],
    ]);
    expect(report.files).toEqual([
      { path: 'deep.tf', format: 'terraform', resources: 0 },
      { path: 'main.tf', format: 'terraform', resources: 1 },
    ]);
  });

  it('notes modules it cannot expand, and reports nothing on values not known statically', () => {
    const report = scanFiles(
      [
        {
          path: 'infra/main.tf',
          text: `
variable "retention" {}
module "keys" {
  source = "terraform-aws-modules/kms/aws"
}
resource "aws_cloudwatch_log_group" "a" {
  count             = 2
  name              = "/aws/lambda/a-\${count.index}"
  retention_in_days = var.retention
  kms_key_id        = module.keys.key_arn
}
resource "aws_cloudwatch_log_group" "disabled" {
  count = 0
}
`,
        },
      ],
      selectRules(['LOG-002', 'ENC-001']),
    );
    expect(report.findings).toEqual([]);
    // Both instances of the count.
    expect(report.files).toEqual([
      { path: 'infra/main.tf', format: 'terraform', resources: 2 },
    ]);
    expect(report.skipped).toEqual([
      {
        path: 'infra/main.tf',
        reason:
          'module "keys" (source "terraform-aws-modules/kms/aws") is not scanned: only local modules found in the scanned tree are expanded, and the registry modules the scanner models (terraform-aws-modules/lambda/aws, terraform-aws-modules/sqs/aws, terraform-aws-modules/sns/aws, terraform-aws-modules/dynamodb-table/aws, terraform-aws-modules/eventbridge/aws, terraform-aws-modules/apigateway-v2/aws, terraform-aws-modules/s3-bucket/aws, terraform-aws-modules/s3-bucket/aws//modules/notification)',
      },
    ]);
    expect(report.checks.filter(c => c.ruleId === 'ENC-001')).toEqual([
      expect.objectContaining({ passed: true }),
    ]);
  });

  it("judges a resource or module that deploys none only with a variable's default, at partial confidence", () => {
    const files = [
      {
        path: 'app/main.tf',
        text: `
variable "enable_worker" {
  default = false
}
variable "queues" {
  default = []
}
variable "workers" {
  type    = number
  default = 0
}
resource "aws_sqs_queue" "optional" {
  count = var.enable_worker ? 1 : 0
}
resource "aws_sqs_queue" "per_name" {
  for_each = toset(var.queues)
}
resource "aws_sqs_queue" "never" {
  count = 0
}
resource "aws_sqs_queue" "none" {
  for_each = {}
}
resource "aws_sqs_queue" "always" {}
module "workers" {
  source = "../worker"
  count  = var.workers
}
module "off" {
  source = "../worker"
  count  = 0
}
module "cdn" {
  source = "terraform-aws-modules/cloudfront/aws"
  count  = var.enable_worker ? 1 : 0
}
`,
      },
      { path: 'worker/main.tf', text: 'resource "aws_sqs_queue" "q" {}\n' },
    ];
    const report = scanFiles(files, selectRules(['ENC-003', 'OPS-006']));
    // A module it does not scan, whatever its count.
    expect(report.skipped.map(skipped => skipped.reason)).toEqual([
      'module "cdn" (source "terraform-aws-modules/cloudfront/aws") is not scanned: only local modules found in the scanned tree are expanded, and the registry modules the scanner models (terraform-aws-modules/lambda/aws, terraform-aws-modules/sqs/aws, terraform-aws-modules/sns/aws, terraform-aws-modules/dynamodb-table/aws, terraform-aws-modules/eventbridge/aws, terraform-aws-modules/apigateway-v2/aws, terraform-aws-modules/s3-bucket/aws, terraform-aws-modules/s3-bucket/aws//modules/notification)',
    ]);
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.file,
        f.line,
        f.confidence,
      ]),
    ).toEqual([
      ['ENC-003', 'aws_sqs_queue.optional', 'app/main.tf', 12, 'partial'],
      ['ENC-003', 'aws_sqs_queue.per_name', 'app/main.tf', 15, 'partial'],
      ['ENC-003', 'aws_sqs_queue.always', 'app/main.tf', 24, 'high'],
      // The stack's one OPS-006 finding, not one more on a resource the defaults left out; it has no outputs whatever they are.
      ['OPS-006', 'aws_sqs_queue.always', 'app/main.tf', 24, 'high'],
      [
        'ENC-003',
        'module.workers.aws_sqs_queue.q',
        'worker/main.tf',
        1,
        'partial',
      ],
    ]);
    expect(report.checks.filter(c => c.ruleId === 'ENC-003')).toHaveLength(4);
    expect(report.checks.filter(c => c.ruleId === 'OPS-006')).toHaveLength(1);
  });

  it('takes the first argument of try() that Terraform evaluates without an error, and can() as whether one does', () => {
    const { graphs } = load({
      'main.tf': `
variable "settings" {
  default = {}
}
locals {
  queue   = { name = "orders" }
  list    = ["a", "b"]
  numbers = { "0" = "zero" }
  # An error of its own, which no try() reading the local catches (Terraform refuses the local).
  broken  = var.settings.retention
}
resource "aws_sqs_queue" "when_enabled" {
  count = try(var.settings.enabled ? 1 : 0, 0)
}
resource "aws_sqs_queue" "when_set" {
  count = can(var.settings.name) ? 1 : 0
}
resource "aws_sqs_queue" "named" {
  name                       = try(var.settings.name, local.queue.prefix, local.queue.name)
  delay_seconds              = try(var.settings.delay, try(var.settings.wait, 5))
  visibility_timeout_seconds = try(var.settings.timeout.seconds, var.from_the_plan)
  tags = {
    known   = can(local.queue.name)
    unknown = can(var.from_the_plan.name)
    fails   = try(var.settings.a, var.settings.b)
    nested  = try(try(var.settings.a, var.settings.b), "z")
    caught  = can(try(var.settings.a, var.settings.b))
    item    = try(local.list["1"], "none")
    legacy  = try(local.list.0, "none")
    key     = try(local.numbers[0], "none")
    broken  = try(local.broken, "fallback")
  }
}
variable "from_the_plan" {}
`,
    });
    const [graph] = graphs;
    // Both counts are 0: an attribute a known object does not have is an error try() and can() catch.
    expect([...graph.resources].map(resource => resource.id)).toEqual([
      'aws_sqs_queue.named',
    ]);
    expect(graph.defaults?.leftOutResources).toBe(true);
    const queue = graph.get('aws_sqs_queue.named')!;
    expect(queue.properties).toMatchObject({
      QueueName: 'orders',
      DelaySeconds: 5,
      // A value not known may still fail: try() gives it as it is.
      VisibilityTimeout: Unknown.oneValue('variable from_the_plan'),
    });
    const tags = Object.fromEntries(
      (queue.properties.Tags as { Key: string; Value: unknown }[]).map(tag => [
        tag.Key,
        tag.Value,
      ]),
    );
    expect(tags).toEqual({
      known: true,
      unknown: new Unknown('can()'),
      fails: new Unknown('try() with every argument failing'),
      nested: 'z',
      caught: false,
      // Terraform converts an index: a string of digits reads a list's item, a number a map's key.
      item: 'b',
      legacy: 'a',
      key: 'zero',
      broken: new Unknown('missing attribute retention'),
    });
  });

  it("gives an object variable's optional attributes their defaults, or null, as its type says", () => {
    const { graphs } = load({
      'main.tf': `
variable "logs" {
  type = object({
    retention = optional(number, 14)
    kms_key   = optional(string)
    class     = optional(string, "STANDARD")
    export    = optional(object({ enabled = optional(bool, true) }), {})
  })
  default = { class = null }
}
variable "limits" {
  type    = object({ name = string })
  default = { name = "jobs", fifo = true }
}
variable "timeouts" {
  type    = object({ visibility = optional(number, "+30"), delay = optional(number, "0x1E"), fifo = optional(bool, "True"), on = optional(bool, "1") })
  default = {}
}
variable "queues" {
  type = map(object({ delay = optional(number, 0), fifo = bool }))
  default = {
    orders = { fifo = true }
    audit  = { fifo = false, delay = 30 }
  }
}
resource "aws_cloudwatch_log_group" "app" {
  retention_in_days = var.logs.retention
  kms_key_id        = var.logs.kms_key
  name              = var.logs.export.enabled ? "exported" : "kept"
  tags              = { class = var.logs.class }
}
resource "aws_sqs_queue" "orders" {
  delay_seconds = var.queues.orders.delay
  fifo_queue    = var.queues.orders.fifo
}
resource "aws_sqs_queue" "audit" {
  delay_seconds = var.queues["audit"].delay
}
resource "aws_sqs_queue" "jobs" {
  name                       = var.limits.name
  visibility_timeout_seconds = var.timeouts.visibility == 30 ? 60 : 0
  fifo_queue                 = try(var.limits.fifo, var.timeouts.on)
  tags = {
    # Not a number or a bool to Terraform: it refuses them, and they are read as written.
    delay = var.timeouts.delay
    fifo  = var.timeouts.fifo
  }
}
`,
      'variables.tf.json': JSON.stringify({
        variable: {
          archive: {
            type: 'object({ retention = optional(number, 7) })',
            default: {},
          },
        },
        resource: {
          aws_cloudwatch_log_group: {
            archive: {
              retention_in_days: '${try(var.archive.retention, null)}',
            },
          },
        },
      }),
    });
    const [graph] = graphs;
    // An optional attribute with no default is null: the argument is left out.
    expect(graph.get('aws_cloudwatch_log_group.app')!.properties).toEqual({
      RetentionInDays: 14,
      LogGroupName: 'exported',
      // Set to null, it takes the default too.
      Tags: [{ Key: 'class', Value: 'STANDARD' }],
    });
    expect(graph.get('aws_sqs_queue.orders')!.properties).toEqual({
      DelaySeconds: 0,
      FifoQueue: true,
    });
    expect(graph.get('aws_sqs_queue.audit')!.properties).toEqual({
      DelaySeconds: 30,
    });
    // The default converts to the attribute's type; an attribute the type does not declare is dropped.
    expect(graph.get('aws_sqs_queue.jobs')!.properties).toEqual({
      QueueName: 'jobs',
      VisibilityTimeout: 60,
      FifoQueue: true,
      Tags: [
        { Key: 'delay', Value: '0x1E' },
        { Key: 'fifo', Value: 'True' },
      ],
    });
    // A type in a .tf.json file is HCL in a string.
    expect(graph.get('aws_cloudwatch_log_group.archive')!.properties).toEqual({
      RetentionInDays: 7,
    });
    // Without the defaults, the variables are not known, attributes and all (each attribute a value of its own).
    const withoutDefaults = graph
      .defaults!.withoutDefaults()
      .get('aws_cloudwatch_log_group.app')!;
    expect(withoutDefaults.properties.RetentionInDays).toEqual(
      new Unknown('retention of variable logs'),
    );
  });

  it('judges what try() and optional attributes give, at partial confidence where a default gives it', () => {
    const files = [
      {
        path: 'main.tf',
        text: `variable "logs" {
  type    = object({ retention = optional(number) })
  default = {}
}
variable "settings" {
  default = {}
}
resource "aws_cloudwatch_log_group" "app" {
  retention_in_days = var.logs.retention
}
resource "aws_sqs_queue" "extra" {
  count = try(var.settings.extra ? 1 : 0, 0)
}
`,
      },
    ];
    const report = scanFiles(files, selectRules(['LOG-002', 'ENC-003']));
    // The log group keeps its logs forever unless the deployer sets a retention; the queue exists only if they ask for it.
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.line, f.confidence]),
    ).toEqual([
      ['LOG-002', 'aws_cloudwatch_log_group.app', 8, 'partial'],
      ['ENC-003', 'aws_sqs_queue.extra', 11, 'partial'],
    ]);
  });

  it('takes a count from a local read before as resting on the default the local read', () => {
    const stack = `variable "domain" {
  default = ""
}
locals {
  custom_domain = var.domain != ""
}
resource "aws_sqs_queue" "named" {
  name                    = local.custom_domain ? "custom" : "default"
  sqs_managed_sse_enabled = true
}
resource "aws_sqs_queue" "for_domain" {
  count = local.custom_domain ? 1 : 0
}
`;
    const report = scanFiles(
      [{ path: 'app/main.tf', text: stack }],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['aws_sqs_queue.for_domain', 'partial'],
    ]);
  });

  it('reads each instance of a module call known statically as a module of its own, and counts the copies of one that is not', () => {
    const graph = load({
      'app/main.tf': `
variable "names" {
  type = list(string)
}
module "pair" {
  source = "../worker"
  count  = 2
  name   = "pair-\${count.index}"
}
module "each" {
  source   = "../worker"
  for_each = toset(var.names)
}
module "crowd" {
  source = "../worker"
  count  = 101
}
module "single" {
  source = "../worker"
}
resource "aws_sns_topic" "second" {
  name = module.pair[1].queue
}
`,
      'worker/main.tf': `variable "name" {
  default = "worker"
}
resource "aws_sqs_queue" "q" {
  name = var.name
}
resource "aws_sqs_queue" "three" {
  count = 3
}
resource "aws_sqs_queue" "many" {
  count = 101
}
output "queue" {
  value = aws_sqs_queue.q.name
}
`,
    }).graphs[0];
    // Each instance of the call is a module of its own, whose resources are instances of what the module declares.
    expect(graph.get('module.pair[1].aws_sqs_queue.q')).toMatchObject({
      instanceOf: 'module.pair.aws_sqs_queue.q',
      properties: { QueueName: 'pair-1' },
    });
    expect(graph.get('module.pair[1].aws_sqs_queue.q')!.copies).toBeUndefined();
    expect(graph.instancesOf('module.pair.aws_sqs_queue.three')).toBe(6);
    expect(graph.get('module.pair[0].aws_sqs_queue.three[2]')!.instanceOf).toBe(
      'module.pair.aws_sqs_queue.three',
    );
    expect(graph.get('module.pair[0].aws_sqs_queue.many')).toMatchObject({
      instanceOf: 'module.pair.aws_sqs_queue.many',
      copies: [{ by: 'module.pair[0].aws_sqs_queue.many', count: 101 }],
    });
    // An output of one instance: a reference to its resource.
    expect(graph.get('aws_sns_topic.second')!.properties.TopicName).toEqual(
      new Ref('module.pair[1].aws_sqs_queue.q', 'QueueName'),
    );
    // Not known statically, or more than it expands: one module for all its copies.
    expect(graph.get('module.each.aws_sqs_queue.q')!.copies).toEqual([
      { by: 'module.each' },
    ]);
    expect(graph.get('module.crowd.aws_sqs_queue.q')!.copies).toEqual([
      { by: 'module.crowd', count: 101 },
    ]);
    expect(graph.get('module.crowd.aws_sqs_queue.many')!.copies).toEqual([
      { by: 'module.crowd.aws_sqs_queue.many', count: 101 },
      { by: 'module.crowd', count: 101 },
    ]);
    expect(graph.get('module.single.aws_sqs_queue.q')!.copies).toBeUndefined();
    expect(
      graph.get('module.single.aws_sqs_queue.q')!.instanceOf,
    ).toBeUndefined();
    expect(
      graph.get('module.single.aws_sqs_queue.three[0]')!.copies,
    ).toBeUndefined();
    expect(graph.get('module.single.aws_sqs_queue.many')!.copies).toEqual([
      { by: 'module.single.aws_sqs_queue.many', count: 101 },
    ]);
  });

  it("reports the copies of a module call's function that share the role its caller passes, not those with their own (IAM-001)", () => {
    const report = scanFiles(
      [
        {
          path: 'app/main.tf',
          text: `
resource "aws_iam_role" "shared" {
  assume_role_policy = "{}"
}
module "pair" {
  source   = "../worker"
  count    = 2
  role_arn = aws_iam_role.shared.arn
}
module "own_roles" {
  source = "../worker"
  count  = 2
}
module "service" {
  source = "../service"
  count  = 2
}
`,
        },
        {
          // Each copy of the module has one role its two functions share.
          path: 'service/main.tf',
          text: `resource "aws_iam_role" "shared" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "a" {
  role = aws_iam_role.shared.arn
}
resource "aws_lambda_function" "b" {
  role = aws_iam_role.shared.arn
}
`,
        },
        {
          // The role it makes when given none (terraform-aws-modules' way).
          path: 'worker/main.tf',
          text: `variable "role_arn" {
  default = null
}
resource "aws_iam_role" "own" {
  count              = var.role_arn == null ? 1 : 0
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  role = var.role_arn != null ? var.role_arn : aws_iam_role.own[0].arn
}
`,
        },
      ],
      selectRules(['IAM-001']),
    );
    expect(
      report.findings.map(f => [f.resourceId, f.file, f.line, f.message]),
    ).toEqual([
      [
        'module.service.aws_lambda_function.a',
        'service/main.tf',
        5,
        'Function module.service.aws_lambda_function.a shares its execution role module.service.aws_iam_role.shared with module.service.aws_lambda_function.b, so each holds the permissions of all of them.',
      ],
      [
        'module.service.aws_lambda_function.b',
        'service/main.tf',
        8,
        'Function module.service.aws_lambda_function.b shares its execution role module.service.aws_iam_role.shared with module.service.aws_lambda_function.a, so each holds the permissions of all of them.',
      ],
      [
        'module.pair.aws_lambda_function.fn',
        'worker/main.tf',
        9,
        'Function module.pair.aws_lambda_function.fn shares its execution role aws_iam_role.shared with its other 1 copy (count or for_each), so each holds the permissions of all of them.',
      ],
    ]);
  });

  it('counts the copies of a function that shares a role as the sum of what each module instance deploys (IAM-001)', () => {
    const report = scanFiles(
      [
        {
          path: 'app/main.tf',
          text: `resource "aws_iam_role" "shared" {
  assume_role_policy = "{}"
}
module "fn" {
  source   = "../fn"
  count    = 2
  role_arn = aws_iam_role.shared.arn
  n        = count.index == 0 ? 101 : 2
}
`,
        },
        {
          path: 'fn/main.tf',
          text: 'variable "role_arn" {}\nvariable "n" {}\nresource "aws_lambda_function" "f" {\n  count = var.n\n  role  = var.role_arn\n}\n',
        },
      ],
      selectRules(['IAM-001']),
    );
    // 101 copies (more than it expands) in one instance, 2 instances in the other.
    expect(report.findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'module.fn.aws_lambda_function.f',
        expect.stringContaining(
          'with its other 102 copies (count or for_each), so',
        ),
      ],
    ]);
  });

  it('says a role is shared with copies as many as are not known, and names a few of many functions that share it (IAM-001)', () => {
    const functions = Array.from(
      { length: 13 },
      (_, index) =>
        `resource "aws_lambda_function" "f${index}" {\n  role = aws_iam_role.shared.arn\n}\n`,
    ).join('');
    const report = scanFiles(
      [
        {
          path: 'app/main.tf',
          text: `variable "n" {}
resource "aws_iam_role" "shared" {
  assume_role_policy = "{}"
}
module "m" {
  source   = "../m"
  count    = var.n
  role_arn = aws_iam_role.shared.arn
}
`,
        },
        {
          path: 'm/main.tf',
          text: 'variable "role_arn" {}\nresource "aws_lambda_function" "f" {\n  for_each = toset(["a", "b"])\n  role     = var.role_arn\n}\n',
        },
        {
          path: 'many/main.tf',
          text: `resource "aws_iam_role" "shared" {\n  assume_role_policy = "{}"\n}\n${functions}`,
        },
      ],
      selectRules(['IAM-001']),
    );
    expect(report.findings.find(f => f.file === 'm/main.tf')!.message).toBe(
      'Function module.m.aws_lambda_function.f shares its execution role aws_iam_role.shared with its other copies (count or for_each), so each holds the permissions of all of them.',
    );
    expect(
      report.findings.find(f => f.resourceId === 'aws_lambda_function.f0')!
        .message,
    ).toContain(
      'with aws_lambda_function.f1, aws_lambda_function.f2, aws_lambda_function.f3, aws_lambda_function.f4, aws_lambda_function.f5, aws_lambda_function.f6, aws_lambda_function.f7, aws_lambda_function.f8, aws_lambda_function.f9, aws_lambda_function.f10, 2 other functions, so',
    );
  });

  it('says which modules only a cycle of modules calls, instead of dropping them silently', () => {
    const report = scanFiles(
      [
        { path: 'a/main.tf', text: 'module "b" {\n  source = "../b"\n}\n' },
        {
          path: 'b/main.tf',
          text: 'module "a" {\n  source = "../a"\n}\nresource "aws_sqs_queue" "q" {}\n',
        },
        { path: 'app/main.tf', text: 'resource "aws_sqs_queue" "app" {}\n' },
      ],
      [],
    );
    expect(report.files.map(f => [f.path, f.resources])).toEqual([
      ['a/main.tf', 0],
      ['app/main.tf', 1],
      ['b/main.tf', 0],
    ]);
    const reason =
      'a local module that only a cycle of modules calls (Terraform refuses module cycles)';
    expect(report.skipped).toEqual([
      { path: 'a/main.tf', reason },
      { path: 'b/main.tf', reason },
    ]);
  });

  describe('dynamic blocks', () => {
    /** What the dynamic blocks of the stack below (in HCL or JSON) generate. */
    const expectGeneratedBlocks = (graph: ResourceGraph) => {
      expect(
        graph.get('aws_lambda_function.without')!.properties.DeadLetterConfig,
      ).toBeUndefined();
      expect(
        graph.get('aws_lambda_function.with')!.properties.DeadLetterConfig,
      ).toEqual({
        TargetArn: new Ref('aws_sqs_queue.dlq', 'Arn'),
      });
      // A collection from the plan stays unknown: it never produces a failure.
      expect(
        graph.get('aws_lambda_function.unknown')!.properties.DeadLetterConfig,
      ).toEqual(new Unknown('block dead_letter_config'));
      const policy = graph.get('aws_iam_role_policy.read')!.properties
        .PolicyDocument as any;
      expect(policy.Statement).toEqual([
        expect.objectContaining({ Action: ['sqs:ReceiveMessage'] }),
        expect.objectContaining({
          Sid: 'Bucket0',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::logs/*'],
        }),
        expect.objectContaining({
          Sid: 'Bucket1',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::assets/*'],
        }),
      ]);
    };

    const text = `
variable "enable_dlq" {
  default = false
}
variable "buckets" {
  default = ["logs", "assets"]
}
variable "from_the_plan" {}
resource "aws_sqs_queue" "dlq" {}
resource "aws_lambda_function" "without" {
  function_name = "without"
  dynamic "dead_letter_config" {
    for_each = var.enable_dlq ? [1] : []
    content {
      target_arn = aws_sqs_queue.dlq.arn
    }
  }
}
resource "aws_lambda_function" "with" {
  function_name = "with"
  dynamic "dead_letter_config" {
    for_each = { main = aws_sqs_queue.dlq.arn }
    iterator = dlq
    content {
      target_arn = dlq.value
    }
  }
}
resource "aws_lambda_function" "unknown" {
  function_name = "unknown"
  dynamic "dead_letter_config" {
    for_each = var.from_the_plan
    content {
      target_arn = dead_letter_config.value
    }
  }
}
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }
  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "Bucket\${statement.key}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = data.aws_iam_policy_document.read.json
}
`;

    it('generates a block per element of a collection known statically, and none for an empty one', () => {
      const [graph] = load({ 'main.tf': text }).graphs;
      expectGeneratedBlocks(graph);
      // Each generated block keeps the line of its content.
      const role = graph.get('aws_iam_role_policy.read')!;
      expect(
        lineOfPath(
          role.properties,
          ['PolicyDocument', 'Statement', 2, 'Resource'],
          role.line,
        ),
      ).toBe(48);
    });

    it('generates the blocks of a map in the lexical order of its keys, as Terraform does', () => {
      const [graph] = load({
        'main.tf': `
data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = { queues = "sqs:ReceiveMessage", buckets = "s3:GetObject" }
    content {
      sid       = statement.key
      actions   = [statement.value]
      resources = ["*"]
    }
  }
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = data.aws_iam_policy_document.read.json
}
`,
      }).graphs;
      expect(
        (
          graph.get('aws_iam_role_policy.read')!.properties.PolicyDocument as {
            Statement: { Sid: string }[];
          }
        ).Statement.map(statement => statement.Sid),
      ).toEqual(['buckets', 'queues']);
    });

    it('gives each element of a set as its own key, in a dynamic block and a for expression, and a set(string) variable each element once in order, as Terraform does', () => {
      const [graph] = load({
        'main.tf': `
variable "buckets" {
  type    = set(string)
  default = ["logs", "assets", "logs"]
}
data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "Read\${statement.key}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = data.aws_iam_policy_document.read.json
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    for name, queue in toset(["orders", "billing"]) : name => upper(queue)
  }
}
resource "aws_sqs_queue" "listed" {
  name = "listed"
  tags = { for index, queue in tolist(toset(["orders"])) : queue => index }
}
`,
      }).graphs;
      expect(
        (
          graph.get('aws_iam_role_policy.read')!.properties.PolicyDocument as {
            Statement: { Sid: string; Resource: string[] }[];
          }
        ).Statement.map(statement => [statement.Sid, statement.Resource]),
      ).toEqual([
        ['Readassets', ['arn:aws:s3:::assets/*']],
        ['Readlogs', ['arn:aws:s3:::logs/*']],
      ]);
      expect(graph.get('aws_sqs_queue.q')!.properties.Tags).toEqual([
        { Key: 'billing', Value: 'BILLING' },
        { Key: 'orders', Value: 'ORDERS' },
      ]);
      expect(graph.get('aws_sqs_queue.listed')!.properties.Tags).toEqual([
        { Key: 'orders', Value: 0 },
      ]);
    });

    it('gives each element of a set as its own key when the set is written in another file (a .tfvars value, a local in locals.tf)', () => {
      const [graph] = load({
        'variables.tf': `
variable "buckets" {
  type = set(string)
}
`,
        'terraform.tfvars': 'buckets = ["logs", "assets", "logs"]',
        'locals.tf': 'locals { queues = toset(["orders", "billing"]) }',
        'main.tf': `
data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "Read\${statement.key}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
}
resource "aws_iam_role_policy" "read" {
  role   = "reader"
  policy = data.aws_iam_policy_document.read.json
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { for name, queue in local.queues : name => upper(queue) }
}
`,
      }).graphs;
      expect(
        (
          graph.get('aws_iam_role_policy.read')!.properties.PolicyDocument as {
            Statement: { Sid: string }[];
          }
        ).Statement.map(statement => statement.Sid),
      ).toEqual(['Readassets', 'Readlogs']);
      expect(graph.get('aws_sqs_queue.q')!.properties.Tags).toEqual([
        { Key: 'billing', Value: 'BILLING' },
        { Key: 'orders', Value: 'ORDERS' },
      ]);
    });

    // eslint-disable-next-line jest/expect-expect -- the assertions are expectGeneratedBlocks'
    it('expands the dynamic blocks of .tf.json files, beside the static blocks written as an attribute', () => {
      const json = {
        variable: {
          enable_dlq: { default: false },
          buckets: { default: ['logs', 'assets'] },
          from_the_plan: {},
        },
        resource: {
          aws_sqs_queue: { dlq: {} },
          aws_lambda_function: {
            without: {
              function_name: 'without',
              dynamic: {
                dead_letter_config: {
                  for_each: '${var.enable_dlq ? [1] : []}',
                  content: { target_arn: '${aws_sqs_queue.dlq.arn}' },
                },
              },
            },
            with: {
              function_name: 'with',
              dynamic: {
                dead_letter_config: {
                  for_each: '${{ main = aws_sqs_queue.dlq.arn }}',
                  iterator: 'dlq',
                  content: { target_arn: '${dlq.value}' },
                },
              },
            },
            unknown: {
              function_name: 'unknown',
              dynamic: {
                dead_letter_config: {
                  for_each: '${var.from_the_plan}',
                  content: { target_arn: '${dead_letter_config.value}' },
                },
              },
            },
          },
          aws_iam_role_policy: {
            read: {
              role: 'reader',
              policy: '${data.aws_iam_policy_document.read.json}',
            },
          },
        },
        data: {
          aws_iam_policy_document: {
            read: {
              statement: [
                {
                  actions: ['sqs:ReceiveMessage'],
                  resources: ['${aws_sqs_queue.dlq.arn}'],
                },
              ],
              dynamic: {
                statement: {
                  for_each: '${var.buckets}',
                  content: {
                    sid: 'Bucket${statement.key}',
                    actions: ['s3:GetObject'],
                    resources: ['arn:aws:s3:::${statement.value}/*'],
                  },
                },
              },
            },
          },
        },
      };
      expectGeneratedBlocks(
        load({ 'main.tf.json': JSON.stringify(json, null, 2) }).graphs[0],
      );
    });

    it('stops generating blocks past a bound that every dynamic block and for expression of the stack counts towards, however deep they nest', () => {
      // Three levels over a list of a thousand would generate a billion blocks. The bound is a million for the whole
      // stack: a for expression over 999,997 elements and the 3 statements leave no room for their conditions, where
      // 9 fewer leave room for all.
      const stack = (filler: string) => `
locals {
  items  = [0, 1, 2]
  filler = [for space in split(" ", format("%${filler}s", "")) : space]
}
data "aws_iam_policy_document" "huge" {
  dynamic "statement" {
    for_each = length(local.filler) > 0 ? local.items : []
    content {
      actions   = ["s3:GetObject"]
      resources = ["*"]
      dynamic "condition" {
        for_each = local.items
        content {
          test     = "StringEquals"
          variable = "aws:PrincipalTag/t\${condition.value}"
          values   = ["v"]
        }
      }
    }
  }
}
resource "aws_iam_role_policy" "huge" {
  role   = "r"
  policy = data.aws_iam_policy_document.huge.json
}
`;
      const conditions = (filler: string) =>
        (
          load({ 'main.tf': stack(filler) }).graphs[0].get(
            'aws_iam_role_policy.huge',
          )!.properties.PolicyDocument as {
            Statement: { Condition: unknown }[];
          }
        ).Statement.map(statement => statement.Condition);
      expect(conditions('999987')).toEqual(
        Array(3).fill({
          StringEquals: {
            'aws:PrincipalTag/t0': ['v'],
            'aws:PrincipalTag/t1': ['v'],
            'aws:PrincipalTag/t2': ['v'],
          },
        }),
      );
      expect(conditions('999996')).toEqual(Array(3).fill(expect.any(Unknown)));
    });

    it('reads a policy document once, however many documents merge it in', () => {
      // Each read of d0 generates its hundred statements anew: read once per merge, the 2^14 reads of it would pass
      // the stack's bound on generated blocks (a million), and the statements past it would not be known.
      const items = Array.from({ length: 100 }, (_, i) => i);
      const merging = Array.from({ length: 14 }, (_, i) => {
        const previous = `data.aws_iam_policy_document.d${i}.json`;
        return `data "aws_iam_policy_document" "d${
          i + 1
        }" {\n  override_policy_documents = [${previous}, ${previous}]\n}\n`;
      });
      const [graph] = load({
        'main.tf': `locals {\n  items = [${items.join(
          ', ',
        )}]\n}\ndata "aws_iam_policy_document" "d0" {\n  dynamic "statement" {\n    for_each = local.items\n    content {\n      sid     = "S\${statement.value}"\n      actions = ["s3:GetObject"]\n    }\n  }\n}\n${merging.join(
          '',
        )}resource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = data.aws_iam_policy_document.d14.json\n}\n`,
      }).graphs;
      expect(
        (
          graph.get('aws_iam_role_policy.p')!.properties
            .PolicyDocument as ValueMap
        ).Statement,
      ).toEqual(
        items.map(i => ({
          Sid: `S${i}`,
          Effect: 'Allow',
          Action: ['s3:GetObject'],
        })),
      );
    });

    it('reads no more statements of merged policy documents than a policy holds, however many times they merge each other in', () => {
      const merging = Array.from({ length: 14 }, (_, i) => {
        const previous = `data.aws_iam_policy_document.d${i}.json`;
        return `data "aws_iam_policy_document" "d${
          i + 1
        }" {\n  source_policy_documents = [${previous}, ${previous}]\n}\n`;
      });
      const [graph] = load({
        'main.tf': `data "aws_iam_policy_document" "d0" {\n  statement {\n    actions = ["s3:GetObject"]\n  }\n}\n${merging.join(
          '',
        )}resource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = data.aws_iam_policy_document.d14.json\n}\n`,
      }).graphs;
      // The provider would write its 2^14 statements: no policy AWS takes holds 1,000.
      const statements = (
        graph.get('aws_iam_role_policy.p')!.properties
          .PolicyDocument as ValueMap
      ).Statement as unknown[];
      expect(statements).toHaveLength(1001);
      expect(
        new Set(
          statements.slice(0, 1000).map(statement => JSON.stringify(statement)),
        ),
      ).toEqual(
        new Set([
          JSON.stringify({ Effect: 'Allow', Action: ['s3:GetObject'] }),
        ]),
      );
      expect(statements[1000]).toBeInstanceOf(Unknown);
    });

    it('lets the rules judge what the blocks generate', () => {
      const report = scanFiles(
        [
          {
            path: 'main.tf',
            text: `${text}
resource "aws_sns_topic" "events" {}
resource "aws_sns_topic_subscription" "without" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.without.arn
}
resource "aws_sns_topic_subscription" "with" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.with.arn
}
resource "aws_sns_topic_subscription" "unknown" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.unknown.arn
}
`,
          },
        ],
        selectRules(['DLQ-001']),
      );
      // Invoked asynchronously by SNS: only the function whose dynamic block generates nothing lacks a DLQ.
      expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
        ['DLQ-001', 'aws_lambda_function.without'],
      ]);
    });
  });

  it('points a finding in a value read from a local where the local writes it, for each resource that reads it', () => {
    const policies = `locals {
  read_all = {
    Effect   = "Allow"
    Action   = "s3:*"
    Resource = "*"
  }
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [local.read_all] })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.read_all]
  })
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: policies }],
      selectRules(['IAM-002']),
    );
    expect(
      report.findings.map(f => [f.resourceId, f.line, f.property]),
    ).toEqual([
      ['aws_iam_policy.a', 4, 'PolicyDocument.Statement[0].Action'],
      ['aws_iam_policy.b', 4, 'PolicyDocument.Statement[0].Action'],
    ]);
  });

  it('points a finding on a key merge() is given at the line that writes the key', () => {
    const functions = `locals {
  env = { STAGE = "prod" }
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  environment {
    variables = merge(local.env, {
      QUEUE = "arn:aws:sqs:us-east-1:123456789012:jobs"
    })
  }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: functions }],
      selectRules(['OPS-002']),
    );
    expect(
      report.findings.map(f => [f.resourceId, f.line, f.property]),
    ).toEqual([
      ['aws_lambda_function.worker', 8, 'Environment.Variables.QUEUE'],
    ]);
  });

  it('points findings in parts of a local that function calls read at the line of each call', () => {
    const policies = `locals {
  doc = jsondecode("{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":\\"*\\"}]}")
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [element(local.doc.Statement, 0)]
  })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.doc.Statement, [])
  })
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text: policies }],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.resourceId, f.line])).toEqual([
      ['aws_iam_policy.a', 7],
      ['aws_iam_policy.b', 13],
    ]);
  });

  it('points a finding in a value written in another file at the line of the resource that reads it', () => {
    const statement = '{ Effect = "Allow", Action = "s3:*", Resource = "*" }';
    const files = [
      {
        path: 'app/locals.tf',
        text: `locals {\n  read_all = ${statement}\n}\n`,
      },
      {
        path: 'app/variables.tf',
        text: `variable "statement" {\n  default = ${statement}\n}\nvariable "set" {\n  type = object({ Effect = optional(string, "Allow"), Action = string, Resource = string })\n}\n`,
      },
      {
        path: 'app/terraform.tfvars',
        text: `set = { Action = "s3:*", Resource = "*" }\n`,
      },
      {
        path: 'app/iam.tf',
        text: `data "aws_iam_policy_document" "all" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}\n`,
      },
      {
        path: 'app/main.tf',
        text: `resource "aws_iam_policy" "local" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [local.read_all] })
}
resource "aws_iam_policy" "default" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [var.statement] })
}
resource "aws_iam_policy" "tfvars" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [var.set] })
}
module "child" {
  source    = "../child"
  statement = ${statement}
}
resource "aws_iam_policy" "data" {
  policy = data.aws_iam_policy_document.all.json
}
`,
      },
      {
        path: 'child/main.tf',
        text: `variable "statement" {}
resource "aws_iam_policy" "argument" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [var.statement] })
}
`,
      },
    ];
    const report = scanFiles(files, selectRules(['IAM-002']));
    expect(report.findings.map(f => [f.resourceId, f.file, f.line])).toEqual([
      ['aws_iam_policy.local', 'app/main.tf', 2],
      ['aws_iam_policy.default', 'app/main.tf', 5],
      ['aws_iam_policy.tfvars', 'app/main.tf', 8],
      ['aws_iam_policy.data', 'app/main.tf', 15],
      ['module.child.aws_iam_policy.argument', 'child/main.tf', 3],
    ]);
  });

  it('points a finding in a local read by a local of another file at the line that reads it, whichever file comes first', () => {
    const first = {
      path: 'app/a.tf',
      text: `locals {
  stmt = { Effect = "Allow", Action = "s3:*", Resource = "*" }
}
resource "aws_iam_policy" "first" {
  policy = jsonencode({ Version = "2012-10-17", Statement = local.doc })
}
`,
    };
    const second = {
      path: 'app/b.tf',
      text: `locals {
  doc = [
    local.stmt,
  ]
}
resource "aws_iam_policy" "second" {
  policy = jsonencode({ Version = "2012-10-17", Statement = local.doc })
}
`,
    };
    const outputs = {
      path: 'child/outputs.tf',
      text: `output "stmt" {
  value = { Effect = "Allow", Action = "sqs:*", Resource = "*" }
}
`,
    };
    const attachment = {
      path: 'app/attach.tf',
      text: `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
    };
    const root = {
      path: 'app/main.tf',
      text: `module "c" {
  source = "../child"
}
resource "aws_iam_policy" "from_module" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [module.c.stmt] })
}
resource "aws_iam_role" "app" {
  assume_role_policy = "{}"
}
`,
    };
    const findings = (files: { path: string; text: string }[]) =>
      scanFiles(files, selectRules(['IAM-002'])).findings.map(f => [
        f.resourceId,
        f.file,
        f.line,
      ]);
    const expected = [
      ['aws_iam_policy.first', 'app/a.tf', 5],
      ['aws_iam_policy.second', 'app/b.tf', 3],
      ['aws_iam_policy.from_module', 'app/main.tf', 5],
      // The attachment is in another file than the role: the finding points at the role.
      ['aws_iam_role.app', 'app/main.tf', 7],
    ];
    expect(findings([first, second, outputs, attachment, root])).toEqual(
      expected,
    );
    expect(findings([root, attachment, outputs, second, first])).toEqual(
      expected,
    );
  });

  it('reads each instance of a count or for_each known statically with its own count.index or each, and a reference to an instance as one to it', () => {
    const { graphs } = load({
      'main.tf': `
variable "from_the_plan" {}
locals {
  queues = {
    b = { days = 7 }
    a = { days = 14 }
  }
}
resource "aws_sqs_queue" "dlq" {
  for_each                  = local.queues
  name                      = "dlq-\${each.key}"
  message_retention_seconds = each.value.days * 86400
}
resource "aws_lambda_function" "fn" {
  count         = 2
  function_name = "fn-\${count.index}"
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq["a"].arn
  }
  environment {
    variables = {
      FIRST   = aws_sqs_queue.dlq["a"].url
      MISSING = try(aws_sqs_queue.dlq["c"].arn, "none")
      NO_KEY  = try(aws_sqs_queue.dlq.arn, "none")
      SPLAT   = try(aws_sqs_queue.dlq[*].arn, "none")
      BY_KEY  = aws_lambda_function.fn[0].arn
      ALL     = aws_lambda_function.fn[*].arn
    }
  }
}
resource "aws_sqs_queue" "per_name" {
  for_each = toset(["x", "x", "y"])
  name     = each.value
}
resource "aws_sqs_queue" "from_the_plan" {
  for_each = var.from_the_plan
  name     = each.key
}
output "queues" {
  value = aws_sqs_queue.dlq
}
output "functions" {
  value = aws_lambda_function.fn
}
`,
    });
    const graph = graphs[0];
    // Instances in key order, each read with its own key and value.
    expect(
      [...graph.resources].map(resource => [
        resource.id,
        resource.instanceOf,
        resource.copies,
      ]),
    ).toEqual([
      ['aws_sqs_queue.dlq["a"]', 'aws_sqs_queue.dlq', undefined],
      ['aws_sqs_queue.dlq["b"]', 'aws_sqs_queue.dlq', undefined],
      ['aws_lambda_function.fn[0]', 'aws_lambda_function.fn', undefined],
      ['aws_lambda_function.fn[1]', 'aws_lambda_function.fn', undefined],
      ['aws_sqs_queue.per_name["x"]', 'aws_sqs_queue.per_name', undefined],
      ['aws_sqs_queue.per_name["y"]', 'aws_sqs_queue.per_name', undefined],
      // Not known statically: one declaration standing for its copies.
      [
        'aws_sqs_queue.from_the_plan',
        undefined,
        [{ by: 'aws_sqs_queue.from_the_plan' }],
      ],
    ]);
    expect(graph.instancesOf('aws_sqs_queue.dlq')).toBe(2);
    expect(graph.get('aws_sqs_queue.dlq["b"]')!.properties).toMatchObject({
      QueueName: 'dlq-b',
      MessageRetentionPeriod: 604800,
    });
    expect(graph.get('aws_sqs_queue.dlq["a"]')!.properties).toMatchObject({
      QueueName: 'dlq-a',
      MessageRetentionPeriod: 1209600,
    });
    expect(graph.get('aws_sqs_queue.per_name["y"]')!.properties.QueueName).toBe(
      'y',
    );
    expect(
      graph.get('aws_sqs_queue.from_the_plan')!.properties.QueueName,
    ).toEqual(new Unknown('each.key'));
    const fn = graph.get('aws_lambda_function.fn[1]')!;
    expect(fn.properties.FunctionName).toBe('fn-1');
    expect(fn.properties.DeadLetterConfig).toEqual({
      TargetArn: new Ref('aws_sqs_queue.dlq["a"]', 'Arn'),
    });
    expect(fn.properties.Environment).toEqual({
      Variables: {
        FIRST: new Ref('aws_sqs_queue.dlq["a"]'),
        // Terraform refuses an instance the resource does not have, an attribute without an instance key,
        // and a splat of a for_each: try() catches them.
        MISSING: 'none',
        NO_KEY: 'none',
        SPLAT: 'none',
        BY_KEY: new Ref('aws_lambda_function.fn[0]', 'Arn'),
        ALL: [
          new Ref('aws_lambda_function.fn[0]', 'Arn'),
          new Ref('aws_lambda_function.fn[1]', 'Arn'),
        ],
      },
    });
    // The graph follows a reference to an instance.
    expect(graph.referencesFrom(fn).map(edge => edge.to.id)).toContain(
      'aws_sqs_queue.dlq["a"]',
    );
    // The whole resource: its instances by key, or in a list.
    expect(graph.outputs.map(output => output.value)).toEqual([
      {
        a: new Ref('aws_sqs_queue.dlq["a"]'),
        b: new Ref('aws_sqs_queue.dlq["b"]'),
      },
      [
        new Ref('aws_lambda_function.fn[0]'),
        new Ref('aws_lambda_function.fn[1]'),
      ],
    ]);
  });

  it('reports what every instance fails alike once, on the declaration, and what only some fail on each of those', () => {
    const text = `variable "groups" {
  default = {
    api    = { retention = 30 }
    worker = { retention = null }
  }
}
locals {
  functions = {
    orders  = 14
    billing = null
  }
}
resource "aws_cloudwatch_log_group" "fn" {
  for_each          = local.functions
  name              = "/aws/lambda/\${each.key}"
  retention_in_days = each.value
}
# infra-compliance:suppress=ENC-003
resource "aws_sqs_queue" "jobs" {
  count = 3
  name  = "jobs-\${count.index}"
}
resource "aws_cloudwatch_log_group" "from_default" {
  for_each          = var.groups
  name              = "/x/\${each.key}"
  retention_in_days = each.value.retention
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['LOG-002', 'ENC-001', 'ENC-003']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.confidence,
        f.message,
      ]),
    ).toEqual([
      [
        'ENC-001',
        'aws_cloudwatch_log_group.fn',
        13,
        'high',
        'Log group aws_cloudwatch_log_group.fn has no kms_key_id, so its logs are not encrypted with a KMS key the team controls.',
      ],
      [
        'LOG-002',
        'aws_cloudwatch_log_group.fn["billing"]',
        13,
        'high',
        'Log group aws_cloudwatch_log_group.fn["billing"] has no retention_in_days, so its logs are kept forever.',
      ],
      // One review of the suppression all its instances share.
      [
        'SUP-001',
        'aws_sqs_queue.jobs',
        18,
        'high',
        'The suppression on aws_sqs_queue.jobs of ENC-003 gives no reason, so it is not applied.',
      ],
      [
        'ENC-003',
        'aws_sqs_queue.jobs',
        19,
        'high',
        expect.stringMatching(
          /^Queue aws_sqs_queue\.jobs has no kms_master_key_id/,
        ),
      ],
      // Whatever the groups are, their log groups have no key; which of them keeps its logs forever rests on the default.
      [
        'ENC-001',
        'aws_cloudwatch_log_group.from_default',
        23,
        'high',
        expect.stringContaining(
          'aws_cloudwatch_log_group.from_default has no kms_key_id',
        ),
      ],
      [
        'LOG-002',
        'aws_cloudwatch_log_group.from_default["worker"]',
        23,
        'partial',
        expect.stringContaining(
          'aws_cloudwatch_log_group.from_default["worker"] has no',
        ),
      ],
    ]);
    // One finding merged is the one the declaration had before its instances were read: it keeps its history.
    const jobs = report.findings.find(f => f.ruleId === 'ENC-003')!;
    expect(jobs.fingerprint).toBe(
      fingerprint('ENC-003', 'main.tf', 'aws_sqs_queue.jobs', jobs.property),
    );
    // A check per declaration, failed where any instance fails.
    expect(
      report.checks.filter(c => c.ruleId === 'LOG-002').map(c => c.passed),
    ).toEqual([false, false]);
    expect(
      report.checks.filter(c => c.ruleId === 'ENC-003').map(c => c.passed),
    ).toEqual([false]);
  });

  it('attaches each policy of an attachment with for_each over known ARNs to the role', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `resource "aws_iam_role" "deploy" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "deploy" {
  for_each   = toset(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"])
  role       = aws_iam_role.deploy.name
  policy_arn = each.value
}
`,
        },
      ],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.resourceId, f.line, f.message])).toEqual(
      [
        // At the attachment's policy_arn, which gives the role the policy.
        [
          'aws_iam_role.deploy',
          7,
          expect.stringContaining('AdministratorAccess'),
        ],
      ],
    );
  });

  it("names in a merged finding's message only the instance's own declaration and what its module instance holds, or says the others fail it too", () => {
    const scan = (text: string, rules: string[]) =>
      scanFiles([{ path: 'main.tf', text }], selectRules(rules)).findings.map(
        f => [f.resourceId, f.message],
      );
    expect(
      scan(
        `resource "aws_iam_role" "r1" {
  assume_role_policy = "{}"
}
resource "aws_iam_role" "r2" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  for_each      = toset(["a", "b", "c"])
  function_name = "fn-\${each.key}"
  role          = each.key == "a" ? aws_iam_role.r1.arn : aws_iam_role.r2.arn
}
resource "aws_lambda_function" "g" {
  count         = 2
  function_name = "g-\${count.index}"
  role          = aws_iam_role.r2.arn
}
`,
        ['IAM-001'],
      ),
    ).toEqual([
      // fn["a"] has a role of its own: fn["b"] and fn["c"] are not all of fn.
      [
        'aws_lambda_function.fn["b"]',
        expect.stringContaining(
          'with its other 1 copy (count or for_each), aws_lambda_function.g, so',
        ),
      ],
      [
        'aws_lambda_function.fn["c"]',
        expect.stringContaining(
          'with its other 1 copy (count or for_each), aws_lambda_function.g, so',
        ),
      ],
      [
        'aws_lambda_function.g',
        'Function aws_lambda_function.g shares its execution role aws_iam_role.r2 with its other 1 copy (count or for_each), aws_lambda_function.fn["b"], aws_lambda_function.fn["c"], so each holds the permissions of all of them.',
      ],
    ]);
    // Instances used by different functions fail at one place, each its own way; what a module instance holds reads as the module's.
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `resource "aws_sqs_queue" "dlq" {
  for_each                  = toset(["a", "b"])
  message_retention_seconds = 60
}
resource "aws_lambda_function" "fn" {
  for_each = toset(["a", "b"])
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq[each.key].arn
  }
}
module "svc" {
  source   = "./svc"
  for_each = toset(["x", "y"])
}
`,
        },
        {
          path: 'svc/main.tf',
          text: 'resource "aws_sqs_queue" "dlq" {\n  message_retention_seconds = 60\n}\nresource "aws_lambda_function" "fn" {\n  dead_letter_config {\n    target_arn = aws_sqs_queue.dlq.arn\n  }\n}\n',
        },
      ],
      selectRules(['DLQ-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'aws_sqs_queue.dlq',
        'Dead-letter queue aws_sqs_queue.dlq["a"] (used by aws_lambda_function.fn["a"]) keeps messages for 60 s (message_retention_seconds 60), less than 14 days: failed messages can expire before anyone looks at them. (The other 1 instance of aws_sqs_queue.dlq fails this check too, at the same place.)',
      ],
      [
        'module.svc.aws_sqs_queue.dlq',
        expect.stringContaining(
          'Dead-letter queue module.svc.aws_sqs_queue.dlq (used by module.svc.aws_lambda_function.fn)',
        ),
      ],
    ]);
  });

  it('names in any message the only instance of a count as its declaration, and in a merged one what its module instance holds one of', () => {
    const scan = (text: string, rules: string[]) =>
      scanFiles([{ path: 'main.tf', text }], selectRules(rules)).findings.map(
        f => [f.ruleId, f.resourceId, f.message],
      );
    // The role and the queue of a count of one are named as their blocks, as findings on them are; the function of a count of
    // two by its instance; the role of a for_each of one by its key, which names what the author wrote.
    expect(
      scan(
        `resource "aws_sqs_queue" "dlq" {
  count = 1
}
resource "aws_iam_role" "r" {
  count              = 1
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  count = 2
  role  = aws_iam_role.r[0].arn
  tracing_config {
    mode = "Active"
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq[0].arn
  }
}
resource "aws_iam_role" "keyed" {
  for_each           = toset(["only"])
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "other" {
  role = aws_iam_role.keyed["only"].arn
  tracing_config {
    mode = "Active"
  }
}
`,
        ['IAM-005', 'DLQ-003'],
      ),
    ).toEqual([
      [
        'DLQ-003',
        'aws_sqs_queue.dlq',
        expect.stringMatching(
          /^Dead-letter queue aws_sqs_queue\.dlq \(used by aws_lambda_function\.fn\[0\]\) keeps/,
        ),
      ],
      [
        'IAM-005',
        'aws_lambda_function.fn',
        'Function aws_lambda_function.fn has active tracing but its role aws_iam_role.r grants no xray:PutTraceSegments, so its traces are rejected.',
      ],
      [
        'IAM-005',
        'aws_lambda_function.other',
        expect.stringContaining(
          'its role aws_iam_role.keyed["only"] grants no',
        ),
      ],
    ]);
    // A module call's instances: what one of them holds one of is named by its block where all fail alike, by its address
    // where one does; in the only instance of a count, by its declaration.
    const perInstance = (instances: string, tracing = 'each.value') =>
      scan(
        `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  ${instances}
  function_name = "fn"
  tracing_mode  = ${tracing}
}
`,
        ['IAM-005'],
      );
    const role = (address: string) =>
      `Function module.fn.aws_lambda_function.this has active tracing but its role ${address} grants no xray:PutTraceSegments, so its traces are rejected.`;
    expect(perInstance('for_each = { a = "Active", b = "Active" }')).toEqual([
      [
        'IAM-005',
        'module.fn.aws_lambda_function.this',
        role('module.fn.aws_iam_role.lambda'),
      ],
    ]);
    expect(perInstance('count = 1', '"Active"')).toEqual([
      [
        'IAM-005',
        'module.fn.aws_lambda_function.this',
        role('module.fn.aws_iam_role.lambda'),
      ],
    ]);
    expect(perInstance('for_each = { a = "Active", b = null }')).toEqual([
      [
        'IAM-005',
        'module.fn["a"].aws_lambda_function.this[0]',
        'Function module.fn["a"].aws_lambda_function.this[0] has active tracing but its role module.fn["a"].aws_iam_role.lambda[0] grants no xray:PutTraceSegments, so its traces are rejected.',
      ],
    ]);
  });

  it('names the only instance of a declaration in a module of a count of one without the index of either, keeping its for_each key', () => {
    // module.roles[0].aws_iam_role.r["x"] is the only role: its finding names module.roles.aws_iam_role.r, and so does every message.
    const roles = `resource "aws_iam_role" "r" {
  for_each           = toset(["x"])
  assume_role_policy = "{}"
}
output "arn" {
  value = aws_iam_role.r["x"].arn
}
`;
    const report = scanFiles(
      [
        { path: 'roles/main.tf', text: roles },
        {
          path: 'main.tf',
          text: `variable "enabled" {
  type    = bool
  default = true
}
module "roles" {
  source = "./roles"
  count  = var.enabled ? 1 : 0
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = module.roles[0].arn
  tracing_config {
    mode = "Active"
  }
}
`,
        },
      ],
      selectRules(['IAM-005']),
    );
    expect(report.findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'aws_lambda_function.fn',
        'Function aws_lambda_function.fn has active tracing but its role module.roles.aws_iam_role.r["x"] grants no xray:PutTraceSegments, so its traces are rejected.',
      ],
    ]);
  });

  it('names what the only instance of a module in a module holds as declared in a finding on it', () => {
    // module.svc[0].module.fn["only"] is the one instance: its function and role are named as their blocks.
    const report = scanFiles(
      [
        {
          path: 'svc/main.tf',
          text: `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  for_each      = { only = "Active" }
  function_name = "fn-\${each.key}"
  tracing_mode  = each.value
}
`,
        },
        {
          path: 'main.tf',
          text: 'module "svc" {\n  source = "./svc"\n  count  = 1\n}\n',
        },
      ],
      selectRules(['IAM-005']),
    );
    expect(report.findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'module.svc.module.fn.aws_lambda_function.this',
        'Function module.svc.module.fn.aws_lambda_function.this has active tracing but its role module.svc.module.fn.aws_iam_role.lambda grants no xray:PutTraceSegments, so its traces are rejected.',
      ],
    ]);
  });

  it('names the only instance of a declaration as declared where a module names a resource of the same address as its own', () => {
    // The dead-letter queue aws_sqs_queue.this[0] is the only one; module.sources makes two queues of the address
    // aws_sqs_queue.this[0] and [1] in it: the first is not named as its block.
    const report = scanFiles(
      [
        {
          path: 'sources/main.tf',
          text: `variable "dlq" {}
resource "aws_sqs_queue" "this" {
  count = 2
  redrive_policy = jsonencode({
    deadLetterTargetArn = var.dlq
    maxReceiveCount     = 3
  })
}
`,
        },
        {
          path: 'main.tf',
          text: `resource "aws_sqs_queue" "this" {
  count = 1
}
module "sources" {
  source = "./sources"
  dlq    = aws_sqs_queue.this[0].arn
}
`,
        },
      ],
      selectRules(['DLQ-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'aws_sqs_queue.this',
        expect.stringMatching(
          /^Dead-letter queue aws_sqs_queue\.this \(used by module\.sources\.aws_sqs_queue\.this\[0\]\) keeps/,
        ),
      ],
    ]);
  });

  it('counts the for expressions of every instance against one budget for the stack, large enough for a hundred instances of a large one', () => {
    const big = Array.from({ length: 1100 }, (_, index) => index).join(', ');
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `locals {
  big = [${big}]
}
resource "aws_sqs_queue" "many" {
  count = 100
  tags = {
    n = length([for x in local.big : x])
  }
}
resource "aws_iam_policy" "later" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [for s in ["s3"] : "\${s}:*"], Resource = "*" }] })
}
`,
        },
      ],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'aws_iam_policy.later',
    ]);
  });

  it('reports a rule of the whole stack on the declaration of the instance it names', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: 'resource "aws_sqs_queue" "q" {\n  for_each = toset(["a", "b", "c"])\n}\nresource "aws_sns_topic" "t" {}\n',
        },
      ],
      selectRules(['OPS-006']),
    );
    expect(report.findings.map(f => [f.resourceId, f.fingerprint])).toEqual([
      ['aws_sqs_queue.q', fingerprint('OPS-006', 'main.tf', 'aws_sqs_queue.q')],
    ]);
    // An output of the whole resource exports every instance.
    const exported = scanFiles(
      [
        {
          path: 'main.tf',
          text: 'resource "aws_sqs_queue" "q" {\n  for_each = toset(["a", "b"])\n}\noutput "queues" {\n  value = aws_sqs_queue.q\n}\n',
        },
      ],
      selectRules(['OPS-006']),
    );
    expect(exported.findings).toEqual([]);
  });

  it("proves an instance's finding on that instance where the stack without defaults has it, and matches instances with their declaration", () => {
    const confidences = (text: string, rules: string[]) => {
      const report = scanFiles([{ path: 'main.tf', text }], selectRules(rules));
      return {
        findings: report.findings.map(f => [
          f.ruleId,
          f.resourceId,
          f.confidence,
        ]),
        checks: report.checks
          .filter(c => c.ruleId === rules[0])
          .map(c => c.passed),
      };
    };
    // Without defaults, fn["b"] fails and fn["a"] does not: fn["a"]'s failure rests on the default.
    expect(
      confidences(
        `variable "dlq_a" {
  default = null
}
resource "aws_lambda_function" "fn" {
  for_each      = toset(["a", "b"])
  function_name = "fn-\${each.key}"
  role          = "arn:aws:iam::123456789012:role/x"
  dead_letter_config {
    target_arn = each.key == "a" ? var.dlq_a : null
  }
}
resource "aws_lambda_permission" "api" {
  action        = "lambda:InvokeFunction"
  principal     = "apigateway.amazonaws.com"
  function_name = aws_lambda_function.fn["b"].function_name
}
`,
        ['DLQ-001'],
      ).findings,
    ).toEqual([['DLQ-001', 'aws_lambda_function.fn["a"]', 'partial']]);
    // One failure, merged in one stack and on one instance in the other: reported once; g["b"]'s rests on its default.
    expect(
      confidences(
        `variable "legacy" {
  default = false
}
variable "b_retention" {
  default = null
}
resource "aws_sqs_queue" "legacy" {
  count = var.legacy ? 1 : 0
}
resource "aws_cloudwatch_log_group" "g" {
  for_each          = { a = null, b = var.b_retention }
  retention_in_days = each.value
}
`,
        ['LOG-002'],
      ),
    ).toEqual({
      findings: [['LOG-002', 'aws_cloudwatch_log_group.g', 'partial']],
      checks: [false],
    });
    // A failure only the stack without defaults has fails the declaration's check.
    expect(
      confidences(
        `variable "extra" {
  default = false
}
resource "aws_iam_role" "r" {
  for_each           = toset(["a", "b"])
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  for_each = toset(["a", "b"])
  role     = aws_iam_role.r[each.key].arn
}
resource "aws_lambda_function" "extra" {
  count = var.extra ? 1 : 0
  role  = aws_iam_role.r["a"].arn
}
`,
        ['IAM-001'],
      ),
    ).toEqual({
      findings: [
        ['IAM-001', 'aws_lambda_function.fn["a"]', 'partial'],
        ['IAM-001', 'aws_lambda_function.extra', 'partial'],
      ],
      checks: [false, false],
    });
  });

  it('proves a finding on every instance once for each, and an instance in a module instance on that module instance', () => {
    const scan = (files: Record<string, string>) =>
      scanFiles(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        selectRules(['ENC-003']),
      ).findings.map(f => [f.resourceId, f.confidence]);
    // Both fail; b's failure rests on the default.
    expect(
      scan({
        'main.tf': `variable "flag" {
  default = false
}
resource "aws_sqs_queue" "q" {
  for_each                = toset(["a", "b"])
  sqs_managed_sse_enabled = each.key == "a" ? false : var.flag
}
`,
      }),
    ).toEqual([['aws_sqs_queue.q', 'partial']]);
    // Without defaults, each module instance's queue is one declaration (its count is not known): a's failure rests on
    // the default, whatever b does; c never fails, b deploys none by default and fails when it does.
    expect(
      scan({
        'main.tf': `variable "flag" {
  default = false
}
variable "enabled" {
  default = 1
}
module "m" {
  source   = "./q"
  for_each = toset(["a", "b", "c"])
  key      = each.key
  flag     = var.flag
  n        = each.key == "b" ? var.enabled - 1 : var.enabled
}
`,
        'q/main.tf': `variable "key" {}
variable "flag" {}
variable "n" {}
resource "aws_sqs_queue" "q" {
  count                   = var.n
  sqs_managed_sse_enabled = var.key == "a" ? var.flag : var.key == "c"
}
`,
      }),
    ).toEqual([
      ['module.m["a"].aws_sqs_queue.q[0]', 'partial'],
      ['module.m["b"].aws_sqs_queue.q', 'partial'],
    ]);
  });

  it('judges a block one of whose instances is read with a key not known as one declaration: an alarm on it watches it, and no other function', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `variable "alarms" {}
resource "aws_lambda_function" "f" {
  for_each      = toset(["a", "b"])
  function_name = "f-\${each.key}"
}
resource "aws_lambda_function" "g" {
  function_name = "g"
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each    = var.alarms
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions = {
    FunctionName = aws_lambda_function.f[each.key].function_name
  }
  alarm_actions = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
}
`,
        },
      ],
      selectRules(['ALM-001']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual([
      'aws_lambda_function.g',
    ]);
  });

  it('reads the attributes of each instance a for_each over a resource gives', () => {
    const graph = load({
      'main.tf': `resource "aws_sqs_queue" "q" {
  for_each = toset(["a", "b"])
  name     = "q-\${each.key}"
}
resource "aws_cloudwatch_metric_alarm" "depth" {
  for_each    = aws_sqs_queue.q
  namespace   = "AWS/SQS"
  metric_name = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = each.value.name
  }
}
output "arns" {
  value = [for queue in aws_sqs_queue.q : queue.arn]
}
`,
    }).graphs[0];
    expect(
      graph.get('aws_cloudwatch_metric_alarm.depth["b"]')!.properties
        .Dimensions,
    ).toEqual([
      {
        Name: 'QueueName',
        Value: new Ref('aws_sqs_queue.q["b"]', 'QueueName'),
      },
    ]);
    expect(graph.outputs[0].value).toEqual([
      new Ref('aws_sqs_queue.q["a"]', 'Arn'),
      new Ref('aws_sqs_queue.q["b"]', 'Arn'),
    ]);
  });

  it('reads the stack again with each block read with a key not known as one declaration, as it read them before instances', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `variable "k" {}
resource "aws_sqs_queue" "q" {
  for_each                = toset(["a", "b"])
  sqs_managed_sse_enabled = true
}
output "queue" {
  value = aws_sqs_queue.q[var.k].arn
}
resource "aws_sqs_queue" "src" {
  sqs_managed_sse_enabled = true
}
resource "aws_lambda_function" "f" {
  for_each = toset(["a", "b"])
  role     = aws_iam_role.r[each.key].arn
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.src.arn
  function_name    = aws_lambda_function.f[var.k].arn
}
resource "aws_iam_role" "r" {
  for_each           = toset(["a", "b"])
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.r[var.k].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
        },
      ],
      selectRules(['OPS-006', 'DLQ-002', 'IAM-002']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.confidence]),
    ).toEqual([
      ['DLQ-002', 'aws_sqs_queue.src', 'high'],
      ['IAM-002', 'aws_iam_role.r', 'high'],
    ]);
  });

  it('reads a block as one declaration with defaults too where only the stack without them reads it with a key not known', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `variable "k" {
  default = "a"
}
resource "aws_iam_role" "r" {
  for_each           = toset(["a", "b"])
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.r[var.k].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
        },
      ],
      selectRules(['IAM-002']),
    );
    // One of the roles has it, whichever k is: r["a"] would rest on k's default.
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['aws_iam_role.r', 'high'],
    ]);
  });

  it('attaches a policy to a role one of whose instances is read with a key not known to that role alone, as one declaration', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `variable "attachments" {}
resource "aws_iam_role" "r" {
  for_each           = toset(["api", "worker"])
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "a" {
  for_each   = var.attachments
  role       = aws_iam_role.r[each.value.service].name
  policy_arn = each.value.arn
}
resource "aws_iam_role" "other" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.other.arn
}
`,
        },
      ],
      selectRules(['IAM-007']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-007', 'aws_lambda_function.fn'],
    ]);
  });

  it('reads module instances safely: an argument that reads itself, a count from the default its for_each read, a call it does not scan named once', () => {
    const files = [
      {
        path: 'app/main.tf',
        text: `variable "queues" {
  default = { a = 0 }
}
module "loop" {
  source = "../echo"
  count  = 2
  x      = module.loop[0].y
}
module "m" {
  source   = "../q"
  for_each = var.queues
  n        = each.value
}
module "svc" {
  source   = "../svc"
  for_each = toset(["x", "y", "z"])
}
`,
      },
      {
        path: 'echo/main.tf',
        text: 'variable "x" {}\noutput "y" {\n  value = var.x\n}\n',
      },
      {
        path: 'q/main.tf',
        text: 'variable "n" {}\nresource "aws_sqs_queue" "q" {\n  count = var.n\n}\n',
      },
      {
        path: 'svc/main.tf',
        text: 'module "cdn" {\n  source = "terraform-aws-modules/cloudfront/aws"\n}\n',
      },
    ];
    const report = scanFiles(files, selectRules(['ENC-003']));
    // A count of 0 from the default the module's for_each read: judged as the stack without defaults deploys it.
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['module.m.aws_sqs_queue.q', 'partial'],
    ]);
    expect(report.skipped).toEqual([
      {
        path: 'svc/main.tf',
        reason:
          'module "cdn" (source "terraform-aws-modules/cloudfront/aws") is not scanned: only local modules found in the scanned tree are expanded, and the registry modules the scanner models (terraform-aws-modules/lambda/aws, terraform-aws-modules/sqs/aws, terraform-aws-modules/sns/aws, terraform-aws-modules/dynamodb-table/aws, terraform-aws-modules/eventbridge/aws, terraform-aws-modules/apigateway-v2/aws, terraform-aws-modules/s3-bucket/aws, terraform-aws-modules/s3-bucket/aws//modules/notification)',
      },
    ]);
  });

  it("does not spend the stack's instances on a module call that deploys none", () => {
    const graph = load({
      'main.tf':
        'module "off" {\n  source = "./mid"\n  count  = 0\n}\nmodule "on" {\n  source = "./on"\n}\n',
      'mid/main.tf':
        'module "leaf" {\n  source = "../leaf"\n  count  = 100\n}\n',
      'leaf/main.tf': 'resource "aws_sqs_queue" "q" {\n  count = 100\n}\n',
      'on/main.tf':
        'resource "aws_sqs_queue" "q" {\n  for_each = toset(["a", "b"])\n}\n',
    }).graphs[0];
    expect(graph.get('module.on.aws_sqs_queue.q["b"]')).toBeDefined();
  });

  it('attaches a policy to every role a module output of an instance not known may name, where the outputs are not references', () => {
    // The module is read as one declaration; its output is a name built from an argument not known.
    const report = scanFiles(
      [
        {
          path: 'app/main.tf',
          text: `variable "which" {}
module "role" {
  source   = "../role"
  for_each = toset(["a", "b"])
  name     = each.key
}
resource "aws_iam_role_policy_attachment" "logs" {
  role       = module.role[var.which].role_name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
`,
        },
        {
          path: 'role/main.tf',
          text: `variable "name" {}
resource "aws_iam_role" "r" {
  name               = "role-\${var.name}"
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "f" {
  role = aws_iam_role.r.arn
}
output "role_name" {
  value = "role-\${var.name}"
}
`,
        },
      ],
      selectRules(['IAM-007']),
    );
    expect(report.findings).toEqual([]);
  });

  it('proves each instance a module not expanded without defaults stands for, and lets a module that deploys none give back what it generated', () => {
    const scan = (files: Record<string, string>) =>
      scanFiles(
        Object.entries(files).map(([path, text]) => ({ path, text })),
        selectRules(['ENC-003']),
      ).findings.map(f => [f.resourceId, f.confidence]);
    expect(
      scan({
        'main.tf':
          'variable "envs" {\n  default = ["x", "y"]\n}\nmodule "m" {\n  source   = "./m"\n  for_each = toset(var.envs)\n}\n',
        'm/main.tf':
          'resource "aws_sqs_queue" "q" {\n  count                   = 2\n  sqs_managed_sse_enabled = count.index == 0 ? false : true\n}\n',
      }),
    ).toEqual([
      ['module.m["x"].aws_sqs_queue.q[0]', 'high'],
      ['module.m["y"].aws_sqs_queue.q[0]', 'high'],
    ]);
    // 10 module instances of 99 queues, each reading a for expression over 900 items (891,000 of the 1,000,000 a stack
    // may generate), after a module that deploys none generating a million: the later blocks are known.
    const items = Array.from({ length: 900 }, (_, index) => index).join(', ');
    const square = Array.from({ length: 1001 }, (_, index) => index).join(', ');
    expect(
      scan({
        'main.tf':
          'module "off" {\n  source = "./off"\n  count  = 0\n}\nmodule "m" {\n  source = "./m"\n  count  = 10\n}\nmodule "last" {\n  source = "./last"\n}\n',
        'off/main.tf': `locals {\n  l = [${square}]\n}\nresource "aws_sqs_queue" "big" {\n  tags = {\n    n = length(flatten([for a in local.l : [for b in local.l : b]]))\n  }\n}\n`,
        'm/main.tf': `locals {\n  l = [${items}]\n}\nresource "aws_sqs_queue" "q" {\n  count                   = 99\n  sqs_managed_sse_enabled = length([for x in local.l : x]) == 0\n}\n`,
        'last/main.tf':
          'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = [for x in [false] : x][0]\n}\n',
      }),
    ).toEqual([
      ['module.last.aws_sqs_queue.q', 'high'],
      ['module.m.aws_sqs_queue.q', 'high'],
    ]);
  });

  it('stops expanding instances once a stack has 10,000, however module calls multiply them', () => {
    const graph = load({
      'main.tf': 'module "mid" {\n  source = "./mid"\n  count  = 100\n}\n',
      'mid/main.tf':
        'module "leaf" {\n  source = "../leaf"\n  count  = 100\n}\n',
      'leaf/main.tf':
        'resource "aws_sqs_queue" "q" {\n  count = 100\n  name  = "q-${count.index}"\n}\n',
    }).graphs[0];
    // In the order they are read: the 100 instances of mid, the 100 of mid[0]'s leaf, and the queues of 98 of those.
    expect(
      graph.get('module.mid[0].module.leaf[97].aws_sqs_queue.q[99]')!
        .instanceOf,
    ).toBe('module.mid.module.leaf.aws_sqs_queue.q');
    // Then each stands for its copies.
    expect(
      graph.get('module.mid[0].module.leaf[98].aws_sqs_queue.q')!.copies,
    ).toEqual([
      { by: 'module.mid[0].module.leaf[98].aws_sqs_queue.q', count: 100 },
    ]);
    expect(
      graph.get('module.mid[99].module.leaf.aws_sqs_queue.q')!.copies,
    ).toEqual([
      { by: 'module.mid[99].module.leaf.aws_sqs_queue.q', count: 100 },
      { by: 'module.mid[99].module.leaf', count: 100 },
    ]);
    expect(graph.size).toBe(98 * 100 + 2 + 99);
  });

  describe('locals that double one another', () => {
    /**
     * A managed policy of a statement allowing on `*` what its `place` (Action, or a condition's value) `value` says, and
     * one allowing all of SQS, then `declarations`.
     */
    const policy = (
      place: 'Action' | 'Condition',
      value: string,
      declarations: string,
    ) => `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Resource = "*", ${
      place === 'Action'
        ? `Action = ${value}`
        : `Action = "*", Condition = { StringEquals = { "aws:PrincipalTag/team" = ${value} } }`
    } },
      { Effect = "Allow", Action = "sqs:*", Resource = "*" }]
  })
}
${declarations}`;
    const findings = (text: string) =>
      scanFiles(
        [{ path: 'main.tf', text }],
        selectRules(['IAM-001', 'IAM-002', 'IAM-003', 'IAM-005']),
      ).findings.map(f => `${f.ruleId} ${f.line}`);

    // Each value twice the one before: 2^26 actions, 2^40 characters, items or entries, unless larger ones are not known.
    it.each([
      [
        'concat()',
        'Action',
        '["s3:GetObject"]',
        (a: string) => `concat(${a}, ${a})`,
        26,
      ],
      [
        'interpolation',
        'Condition',
        '"x"',
        (a: string) => `"\${${a}}\${${a}}"`,
        40,
      ],
      [
        'interpolation with a reference',
        'Condition',
        '"${aws_iam_policy.p.arn}"',
        (a: string) => `"\${${a}}\${${a}}"`,
        40,
      ],
      [
        'format()',
        'Condition',
        '"x"',
        (a: string) => `format("%s%s", ${a}, ${a})`,
        40,
      ],
      [
        'join()',
        'Condition',
        '"x"',
        (a: string) => `join("", [${a}, ${a}])`,
        40,
      ],
      [
        'an object',
        'Condition',
        '{ k = "x" }',
        (a: string) => `{ l = ${a}, r = ${a} }`,
        40,
      ],
      [
        'merge()',
        'Condition',
        '{ k = "x" }',
        (a: string) => `merge({ l = ${a} }, { r = ${a} })`,
        40,
      ],
      [
        'jsonencode()',
        'Condition',
        '"x"',
        (a: string) => `jsonencode([${a}, ${a}])`,
        40,
      ],
      ['a tuple', 'Condition', '["x"]', (a: string) => `[${a}, ${a}]`, 40],
    ] as const)(
      'with %s are not known once too large: the policy reads as with a value not known',
      (_how, place, first, doubled, depth) => {
        const locals = Array.from(
          { length: depth },
          (_, index) => `  a${index + 1} = ${doubled(`local.a${index}`)}\n`,
        ).join('');
        const expected = findings(
          policy(place, 'var.not_known', 'variable "not_known" {}\n'),
        );
        expect(expected.length).toBeGreaterThan(0);
        expect(
          findings(
            policy(
              place,
              `local.a${depth}`,
              `locals {\n  a0 = ${first}\n${locals}}\n`,
            ),
          ),
        ).toEqual(expected);
      },
    );

    it('evaluates each local once, however many locals read it', () => {
      // Read anew wherever read, a0's for expression would run 2^10 times here and generate 1,024,000 elements: past
      // the stack's bound (a million), a10 would not be known. At depth 40 it would run for hours.
      const items = Array.from({ length: 1000 }, (_, i) => i).join(', ');
      const locals = Array.from(
        { length: 10 },
        (_, index) => `  a${index + 1} = local.a${index} + local.a${index}\n`,
      ).join('');
      const [graph] = load({
        'main.tf': `locals {\n  items = [${items}]\n  a0    = length([for x in local.items : x])\n${locals}}\nresource "aws_sqs_queue" "q" {\n  message_retention_seconds = local.a10\n}\n`,
      }).graphs;
      expect(
        graph.get('aws_sqs_queue.q')!.properties.MessageRetentionPeriod,
      ).toBe(1000 * 2 ** 10);
    });

    it('evaluates each module output once, however many times its callers read it', () => {
      // Read anew wherever read, the innermost for expression would run 10^4 times here and generate 10,000,000
      // elements: past the stack's bound (a million), the queue's retention would not be known.
      const items = Array.from({ length: 1000 }, (_, i) => i).join(', ');
      const files: Record<string, string> = {
        'main.tf': `module "next" {\n  source = "./l1"\n}\nresource "aws_sqs_queue" "q" {\n  message_retention_seconds = module.next.n\n}\n`,
        'l5/main.tf': `locals {\n  items = [${items}]\n}\noutput "n" {\n  value = length([for x in local.items : x])\n}\n`,
      };
      for (let level = 1; level < 5; level++) {
        const sum = Array.from({ length: 10 }, () => 'module.next.n');
        files[`l${level}/main.tf`] = `module "next" {\n  source = "../l${
          level + 1
        }"\n}\noutput "n" {\n  value = ${sum.join(' + ')}\n}\n`;
      }
      const [graph] = load(files).graphs;
      expect(
        graph.get('aws_sqs_queue.q')!.properties.MessageRetentionPeriod,
      ).toBe(1000 * 10 ** 4);
    });
  });

  it("judges each instance of a module call with its own arguments, and names what they all fail alike by the module's declaration", () => {
    const report = scanFiles(
      [
        {
          path: 'app/main.tf',
          text: `locals {
  functions = {
    orders  = { retention = 30 }
    billing = { retention = null }
  }
}
module "fn" {
  source    = "../fn"
  for_each  = local.functions
  name      = each.key
  retention = each.value.retention
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each    = local.functions
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions = {
    FunctionName = module.fn[each.key].function_name
  }
  alarm_actions = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
}
`,
        },
        {
          path: 'fn/main.tf',
          text: `variable "name" {}
variable "retention" {}
resource "aws_lambda_function" "this" {
  function_name = var.name
}
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/\${var.name}"
  retention_in_days = var.retention
}
output "function_name" {
  value = aws_lambda_function.this.function_name
}
`,
        },
      ],
      selectRules(['LOG-002', 'ENC-001', 'ALM-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.file,
        f.line,
        f.confidence,
      ]),
    ).toEqual([
      // Each function has its alarm: the one whose key names it.
      [
        'ENC-001',
        'module.fn.aws_cloudwatch_log_group.this',
        'fn/main.tf',
        6,
        'high',
      ],
      [
        'LOG-002',
        'module.fn["billing"].aws_cloudwatch_log_group.this',
        'fn/main.tf',
        6,
        'high',
      ],
    ]);
    expect(report.findings[0].message).toContain(
      'Log group module.fn.aws_cloudwatch_log_group.this has no kms_key_id',
    );
    expect(
      report.checks.filter(c => c.ruleId === 'ALM-001').map(c => c.passed),
    ).toEqual([true]);
  });

  it('reads each instance of a policy document data block with its own each, as the instance that reads it names it', () => {
    const text = `locals {
  functions = {
    reader = ["s3:GetObject"]
    admin  = ["s3:*"]
  }
}
data "aws_iam_policy_document" "fn" {
  for_each = local.functions
  statement {
    actions   = each.value
    resources = ["arn:aws:s3:::reports/*"]
  }
}
data "aws_iam_policy_document" "broken" {
  statement {
    actions   = local.functions.nobody
    resources = ["*"]
  }
}
resource "aws_iam_role" "fn" {
  for_each           = local.functions
  name               = each.key
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "fn" {
  for_each = local.functions
  role     = aws_iam_role.fn[each.key].id
  policy   = data.aws_iam_policy_document.fn[each.key].json
}
resource "aws_iam_role_policy" "missing" {
  role   = aws_iam_role.fn["reader"].id
  policy = try(data.aws_iam_policy_document.fn["writer"].json, "{}")
}
resource "aws_iam_role" "other" {
  assume_role_policy = "{}"
  inline_policy {
    policy = try(data.aws_iam_policy_document.broken.json, "{}")
  }
}
`;
    const report = scanFiles(
      [{ path: 'main.tf', text }],
      selectRules(['IAM-002']),
    );
    expect(report.findings.map(f => [f.resourceId, f.line, f.message])).toEqual(
      [
        [
          'aws_iam_role_policy.fn["admin"]',
          10,
          expect.stringContaining('allows "s3:*"'),
        ],
      ],
    );
    const graph = load({ 'main.tf': text }).graphs[0];
    const statements = (id: string) =>
      (graph.get(id)!.properties.PolicyDocument as { Statement: unknown[] })
        .Statement;
    expect(statements('aws_iam_role_policy.fn["reader"]')).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: ['arn:aws:s3:::reports/*'],
      },
    ]);
    // Terraform refuses an instance the data block does not have: try() takes its fallback.
    expect(
      graph.get('aws_iam_role_policy.missing')!.properties.PolicyDocument,
    ).toEqual({});
    // What goes wrong inside a data block is its own: a try() that reads it does not catch it.
    expect(
      (graph.get('aws_iam_role.other')!.properties.Policies as ValueMap[])[0]
        .PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: new Unknown('missing attribute nobody'),
          Resource: ['*'],
        },
      ],
    });
  });

  it('honours suppression comments on the line above a resource', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
# infra-compliance:suppress=ENC-001:audit logs are encrypted by the central account
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.line, f.suppressed]),
    ).toEqual([
      [
        'ENC-001',
        'aws_cloudwatch_log_group.audit',
        3,
        {
          kind: 'inline',
          reason: 'audit logs are encrypted by the central account',
        },
      ],
    ]);
  });

  it('honours suppression comments written with //, which HCL allows as it does #', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
// infra-compliance:suppress=ENC-001:audit logs are encrypted by the central account
# Kept a month.
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "app" { // infra-compliance:suppress=ENC-001:public logs
  name              = "/app"
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [f.resourceId, f.line, f.suppressed?.reason]),
    ).toEqual([
      [
        'aws_cloudwatch_log_group.audit',
        4,
        'audit logs are encrypted by the central account',
      ],
      ['aws_cloudwatch_log_group.app', 9, 'public logs'],
    ]);
  });

  it('honours suppression comments written as block comments, on the line or in a block comment right above', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
/* infra-compliance:suppress=ENC-001:audit logs are encrypted by the central account */
resource "aws_cloudwatch_log_group" "audit" {
  retention_in_days = 30
}

/*
 * Public logs.
 * infra-compliance:suppress=ENC-001:nothing secret is logged
 */
# Kept a month.
resource "aws_cloudwatch_log_group" "public" {
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "app" { /* infra-compliance:suppress=ENC-001:public logs */
  retention_in_days = 30
}

/* infra-compliance:suppress=ENC-001 */
resource "aws_cloudwatch_log_group" "no_reason" {
  retention_in_days = 30
}

/* infra-compliance:suppress=ENC-001:not right above */

resource "aws_cloudwatch_log_group" "apart" {
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.suppressed?.reason,
      ]),
    ).toEqual([
      [
        'ENC-001',
        'aws_cloudwatch_log_group.audit',
        3,
        'audit logs are encrypted by the central account',
      ],
      [
        'ENC-001',
        'aws_cloudwatch_log_group.public',
        12,
        'nothing secret is logged',
      ],
      ['ENC-001', 'aws_cloudwatch_log_group.app', 16, 'public logs'],
      ['SUP-001', 'aws_cloudwatch_log_group.no_reason', 20, undefined],
      ['ENC-001', 'aws_cloudwatch_log_group.no_reason', 21, undefined],
      ['ENC-001', 'aws_cloudwatch_log_group.apart', 27, undefined],
    ]);
  });

  it('reads a block comment from its opening line, whatever `/*` its text holds; one after code is not above the next block', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
/*
 * infra-compliance:suppress=ENC-001:the reader only gets arn:aws:s3:::assets/*
 */
resource "aws_cloudwatch_log_group" "assets" {
  retention_in_days = 30
}

/*
  infra-compliance:suppress=ENC-001:nothing secret is logged
  (objects under logs/* are public)
*/
resource "aws_cloudwatch_log_group" "public" {
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "audit" {
  retention_in_days = 30
} /* infra-compliance:suppress=ENC-001:the central account encrypts it */
resource "aws_cloudwatch_log_group" "app" {
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.suppressed?.reason]),
    ).toEqual([
      [
        'ENC-001',
        'aws_cloudwatch_log_group.assets',
        'the reader only gets arn:aws:s3:::assets/*',
      ],
      [
        'ENC-001',
        'aws_cloudwatch_log_group.public',
        'nothing secret is logged',
      ],
      ['ENC-001', 'aws_cloudwatch_log_group.audit', undefined],
      ['ENC-001', 'aws_cloudwatch_log_group.app', undefined],
    ]);
  });

  it('reviews the suppression comments on a module call that makes no resource or whose module is not read', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
# infra-compliance:suppress=ENC-01:a typo
module "variables_only" {
  source = "./settings"
}

# infra-compliance:suppress=ENC-01:a typo
module "not_read" {
  source = "./missing"
}

# infra-compliance:suppress=ENC-001:audit logs are encrypted by the central account
module "audit" {
  source = "./logs"
}
`,
        },
        { path: 'settings/main.tf', text: 'variable "retention" {}\n' },
        {
          path: 'logs/main.tf',
          text: `resource "aws_cloudwatch_log_group" "this" {
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.resourceType,
        f.line,
        f.message,
        f.suppressed?.reason,
      ]),
    ).toEqual([
      [
        'ENC-001',
        'module.audit.aws_cloudwatch_log_group.this',
        'aws_cloudwatch_log_group',
        1,
        expect.any(String),
        'audit logs are encrypted by the central account',
      ],
      [
        'SUP-001',
        'module.variables_only',
        'module',
        2,
        'The suppression on module.variables_only names ENC-01, which is not a rule of the catalog, so it is not applied.',
        undefined,
      ],
      [
        'SUP-001',
        'module.not_read',
        'module',
        7,
        'The suppression on module.not_read names ENC-01, which is not a rule of the catalog, so it is not applied.',
        undefined,
      ],
    ]);
    // Reviewed once each: the passed review of the audit call's too.
    expect(
      report.checks
        .filter(c => c.ruleId === 'SUP-001')
        .map(c => c.passed)
        .sort(),
    ).toEqual([false, false, true]);
  });

  it("honours suppression comments on a local module's call for what the module makes, through nested calls, and reviews them once on the call", () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
# infra-compliance:suppress=ENC-001:audit logs are encrypted by the central account
module "audit" {
  source = "./logs"
}

module "app" {
  source = "./logs"
}

module "jobs" { # infra-compliance:suppress=ENC-001:public logs
  source   = "./wrapper"
  for_each = toset(["a", "b"])
}

# infra-compliance:suppress=ENC-01:a typo
module "typo" {
  source = "./logs"
}
`,
        },
        {
          path: 'wrapper/main.tf',
          text: `module "inner" {
  source = "../logs"
}
`,
        },
        {
          path: 'logs/main.tf',
          text: `resource "aws_cloudwatch_log_group" "this" {
  retention_in_days = 30
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.resourceType,
        f.file,
        f.line,
        f.suppressed?.reason,
      ]),
    ).toEqual([
      [
        'ENC-001',
        'module.audit.aws_cloudwatch_log_group.this',
        'aws_cloudwatch_log_group',
        'logs/main.tf',
        1,
        'audit logs are encrypted by the central account',
      ],
      [
        'ENC-001',
        'module.app.aws_cloudwatch_log_group.this',
        'aws_cloudwatch_log_group',
        'logs/main.tf',
        1,
        undefined,
      ],
      [
        'ENC-001',
        'module.jobs.module.inner.aws_cloudwatch_log_group.this',
        'aws_cloudwatch_log_group',
        'logs/main.tf',
        1,
        'public logs',
      ],
      [
        'ENC-001',
        'module.typo.aws_cloudwatch_log_group.this',
        'aws_cloudwatch_log_group',
        'logs/main.tf',
        1,
        undefined,
      ],
      ['SUP-001', 'module.typo', 'module', 'main.tf', 16, undefined],
    ]);
  });

  it('reads the suppression marker only where a comment starts, not in a string or further in a comment', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
# https://example.com/docs#infra-compliance:suppress
resource "aws_cloudwatch_log_group" "documented" {
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "named" { name = "#infra-compliance:suppress=ENC-001:a name" }

resource "aws_cloudwatch_log_group" "linked" { name = "http://x" } // infra-compliance:suppress=ENC-001:public logs
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.suppressed?.reason,
      ]),
    ).toEqual([
      ['ENC-001', 'aws_cloudwatch_log_group.documented', 3, undefined],
      ['ENC-001', 'aws_cloudwatch_log_group.named', 7, undefined],
      ['ENC-001', 'aws_cloudwatch_log_group.linked', 9, 'public logs'],
    ]);
  });

  it('reviews the suppression comments of a resource whose count is always 0', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
# infra-compliance:suppress=ENC-001
resource "aws_cloudwatch_log_group" "disabled" {
  count = 0
  name  = "/disabled"
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId, f.line])).toEqual([
      ['SUP-001', 'aws_cloudwatch_log_group.disabled', 2],
    ]);
  });

  it('reviews the suppression comments inside a module whose call makes no instance, and reads nothing else of it', () => {
    const report = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
variable "retention" {
  default = 0
}
module "off" {
  source    = "./mod"
  count     = 0
  retention = var.retention
}
`,
        },
        {
          path: 'mod/main.tf',
          text: `# infra-compliance:suppress=ENC-001
resource "aws_cloudwatch_log_group" "q" {
  retention_in_days = var.retention
}
module "remote" {
  source = "terraform-aws-modules/sqs/aws"
}
`,
        },
      ],
      selectRules(['ENC-001', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.file,
        f.line,
        f.confidence,
      ]),
    ).toEqual([
      [
        'SUP-001',
        'module.off.aws_cloudwatch_log_group.q',
        'mod/main.tf',
        1,
        'high',
      ],
    ]);
    // The remote module of a call that makes nothing is not one the scan skipped.
    expect(report.skipped).toEqual([]);
  });

  it('takes variable values from automatic .tfvars files, and leaves those of -var-file files unknown', () => {
    const variables = `
variable "retention" {
  default = 0
}
variable "key" {
  default = null
}
resource "aws_cloudwatch_log_group" "a" {
  retention_in_days = var.retention
  kms_key_id        = var.key
}
`;
    const { graphs, files } = load({
      'main.tf': variables,
      'terraform.tfvars': 'retention = 30\n',
      'prod.tfvars': 'key = "arn:aws:kms:eu-west-1:111122223333:key/1"\n',
    });
    // Without the -var-file, the null default leaves kms_key_id out.
    expect(
      load({ 'main.tf': variables }).graphs[0].get(
        'aws_cloudwatch_log_group.a',
      )!.properties,
    ).toEqual({ RetentionInDays: 0 });
    expect(graphs).toHaveLength(1);
    expect(graphs[0].get('aws_cloudwatch_log_group.a')!.properties).toEqual({
      RetentionInDays: 30,
      KmsKeyId: Unknown.oneValue('variable key (set in prod.tfvars)'),
    });
    expect(files.map(f => f.path)).toEqual([
      'main.tf',
      'terraform.tfvars',
      'prod.tfvars',
    ]);
  });

  it('takes the value of the automatic .tfvars file Terraform loads last: terraform.tfvars, terraform.tfvars.json, then the *.auto.tfvars files by name', () => {
    const { graphs } = load({
      'main.tf': `
variable "retention" {}
variable "key" {}
resource "aws_cloudwatch_log_group" "a" {
  retention_in_days = var.retention
  kms_key_id        = var.key
}
`,
      // As a scan lists them, by name.
      'a.auto.tfvars.json': '{ "retention": 7 }\n',
      'b.auto.tfvars': 'retention = 30\n',
      'terraform.tfvars': 'retention = 3\nkey = "alias/hcl"\n',
      'terraform.tfvars.json': '{ "retention": 1, "key": "alias/json" }\n',
    });
    expect(graphs[0].get('aws_cloudwatch_log_group.a')!.properties).toEqual({
      RetentionInDays: 30,
      KmsKeyId: 'alias/json',
    });
  });
});

describe('attachments across modules', () => {
  const root = (module: string) => [
    {
      path: 'main.tf',
      text: `resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.fn.arn
}
module "perm" {
  source    = "./modules/perm"
  role_name = aws_iam_role.fn.name
}
`,
    },
    {
      path: 'modules/perm/main.tf',
      text: `variable "role_name" {}\n${module}`,
    },
  ];

  it('a policy a module attaches to the role its caller passed in reaches that role', () => {
    const attached = scanFiles(
      root(`resource "aws_iam_role_policy_attachment" "basic" {
  role       = var.role_name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
`),
      selectRules(['IAM-007']),
    );
    expect(attached.findings).toEqual([]);
    const none = scanFiles(
      root('output "unused" { value = var.role_name }\n'),
      selectRules(['IAM-007']),
    );
    expect(none.findings.map(f => [f.ruleId, f.resourceId])).toEqual([
      ['IAM-007', 'aws_lambda_function.api'],
    ]);
  });
});

describe('terraformPropertyName', () => {
  it.each([
    ['aws_iam_role', 'RoleName', 'name'],
    ['aws_iam_policy', 'ManagedPolicyName', 'name'],
    ['aws_sqs_queue', 'MessageRetentionPeriod', 'message_retention_seconds'],
    ['aws_sqs_queue', 'RedrivePolicy', 'redrive_policy'],
    ['aws_kms_key', 'KeyPolicy', 'policy'],
    [
      'aws_lambda_function',
      'LoggingConfig.LogGroup',
      'logging_config.log_group',
    ],
    [
      'aws_api_gateway_stage',
      'AccessLogSetting.DestinationArn',
      'access_log_settings.destination_arn',
    ],
    [
      'aws_dynamodb_table',
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
      'point_in_time_recovery.enabled',
    ],
    [
      'aws_cloudwatch_metric_alarm',
      'Metrics.MetricStat.Period',
      'metric_query.metric.period',
    ],
    [
      'aws_lambda_event_source_mapping',
      'DestinationConfig.OnFailure.Destination',
      'destination_config.on_failure.destination_arn',
    ],
    [
      'aws_lambda_function_event_invoke_config',
      'DestinationConfig.OnFailure.Destination',
      'destination_config.on_failure.destination',
    ],
    ['aws_kms_key', 'KeySpec', 'key_spec'],
    [
      'aws_cloudfront_distribution',
      'DistributionConfig.DefaultCacheBehavior',
      'default_cache_behavior',
    ],
    ['aws_cloudfront_distribution', 'DistributionConfig.Enabled', 'enabled'],
  ])(
    '%s: %s is the argument its mapping reads, %s',
    (type, property, written) => {
      expect(terraformPropertyName(type, property)).toBe(written);
    },
  );

  it('names what the mapping does not read in snake case, after the part it does read', () => {
    expect(
      terraformPropertyName(
        'aws_lambda_function',
        'TracingConfig.SamplingRate',
      ),
    ).toBe('tracing_config.sampling_rate');
    expect(
      terraformPropertyName(
        'aws_opensearch_domain',
        'EncryptionAtRestOptions.KMSKeyId',
      ),
    ).toBe('encryption_at_rest_options.kms_key_id');
  });

  it('names the resource that holds what Terraform does not write on the resource itself', () => {
    expect(
      terraformPropertyName('aws_api_gateway_stage', 'MethodSettings'),
    ).toBe('aws_api_gateway_method_settings');
    expect(
      terraformPropertyName(
        'aws_api_gateway_stage',
        'MethodSettings.ThrottlingRateLimit',
      ),
    ).toBe('settings.throttling_rate_limit');
    expect(
      terraformPropertyName(
        'aws_api_gateway_deployment',
        'StageDescription.AccessLogSetting.DestinationArn',
      ),
    ).toBe('access_log_settings.destination_arn of an aws_api_gateway_stage');
  });
});

describe('terraformAdapter: aws_iam_policy_document', () => {
  it('writes the identifiers of principals blocks of one type together, as the provider does', () => {
    const { graphs } = load({
      'main.tf': `
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111111111111:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::333333333333:root"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444444444444:root"]
    }
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`,
    });
    expect(
      graphs[0].get('aws_iam_role.r')!.properties.AssumeRolePolicyDocument,
    ).toMatchObject({
      Statement: [
        {
          Principal: {
            AWS: [
              'arn:aws:iam::111111111111:root',
              'arn:aws:iam::222222222222:root',
            ],
            Service: ['lambda.amazonaws.com'],
          },
          NotPrincipal: {
            AWS: [
              'arn:aws:iam::333333333333:root',
              'arn:aws:iam::444444444444:root',
            ],
          },
        },
      ],
    });
  });
});
