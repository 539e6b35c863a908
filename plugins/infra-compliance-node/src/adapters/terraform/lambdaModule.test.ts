import { fingerprint } from '../../engine/evaluateGraph';
import { lineOfPath } from '../../graph/locations';
import { Ref } from '../../graph/values';
import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

describe('terraform-aws-modules/lambda/aws', () => {
  const withDefaults = (version: string) => `module "fn" {
  source  = "terraform-aws-modules/lambda/aws"
  ${version}

  function_name = "orders"
  handler       = "index.handler"
  runtime       = "python3.12"

  allowed_triggers = {
    Nightly = {
      principal  = "events.amazonaws.com"
      source_arn = aws_cloudwatch_event_rule.nightly.arn
    }
  }
}
resource "aws_cloudwatch_event_rule" "nightly" {
  schedule_expression = "rate(1 day)"
  tags                = { team = "orders" }
}
`;

  it("declares what the module declares with its defaults: the function, its log group, its role and the triggers' permissions", () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: withDefaults('version = "~> 4.0"') },
    ]);
    expect(skipped).toEqual([]);
    const graph = graphs[0];
    expect(
      [...graph.resources].map(r => [r.id, r.type, r.file, r.line]),
    ).toEqual([
      [
        'aws_cloudwatch_event_rule.nightly',
        'AWS::Events::Rule',
        'svc/main.tf',
        16,
      ],
      [
        'module.fn.aws_lambda_function.this[0]',
        'AWS::Lambda::Function',
        'svc/main.tf',
        1,
      ],
      [
        'module.fn.aws_cloudwatch_log_group.lambda[0]',
        'AWS::Logs::LogGroup',
        'svc/main.tf',
        1,
      ],
      ['module.fn.aws_iam_role.lambda[0]', 'AWS::IAM::Role', 'svc/main.tf', 1],
      [
        'module.fn.aws_iam_role_policy.logs[0]',
        'AWS::IAM::RolePolicy',
        'svc/main.tf',
        1,
      ],
      [
        'module.fn.aws_lambda_permission.current_version_triggers["Nightly"]',
        'AWS::Lambda::Permission',
        'svc/main.tf',
        1,
      ],
      [
        'module.fn.aws_lambda_permission.unqualified_alias_triggers["Nightly"]',
        'AWS::Lambda::Permission',
        'svc/main.tf',
        1,
      ],
    ]);
    const fn = graph.get('module.fn.aws_lambda_function.this[0]')!;
    // The module's defaults: 3 s, 128 MB, a role of its own, text logs; no tags before 7.5.
    expect(fn.properties).toEqual({
      FunctionName: 'orders',
      Role: new Ref('module.fn.aws_iam_role.lambda[0]', 'Arn'),
      Handler: 'index.handler',
      Runtime: 'python3.12',
      PackageType: 'Zip',
      Timeout: 3,
      MemorySize: 128,
      ReservedConcurrentExecutions: -1,
      LoggingConfig: { LogFormat: 'Text' },
      Tags: [],
    });
    expect(
      graph.get('module.fn.aws_cloudwatch_log_group.lambda[0]')!.properties,
    ).toEqual({ LogGroupName: '/aws/lambda/orders', Tags: [] });
    expect(
      graph.get('module.fn.aws_iam_role_policy.logs[0]')!.properties
        .PolicyDocument,
    ).toMatchObject({
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
          ],
        },
      ],
    });
  });

  it('reports what its defaults leave out at the module block, and what an argument sets at its line', () => {
    const rules = [
      'DLQ-001',
      'LOG-001',
      'LOG-002',
      'LOG-003',
      'ALM-001',
      'OPS-003',
      'IAM-006',
      'IAM-007',
    ];
    const { report, findings } = scanTerraformFile(
      withDefaults('version = "~> 4.0"'),
      rules,
    );
    expect(findings).toEqual([
      ['ALM-001', 'module.fn.aws_lambda_function.this', 1],
      ['DLQ-001', 'module.fn.aws_lambda_function.this', 1],
      ['LOG-002', 'module.fn.aws_cloudwatch_log_group.lambda', 1],
      ['LOG-003', 'module.fn.aws_lambda_function.this', 1],
      ['OPS-003', 'module.fn.aws_lambda_function.this', 1],
      ['OPS-003', 'module.fn.aws_cloudwatch_log_group.lambda', 1],
      ['OPS-003', 'module.fn.aws_iam_role.lambda', 1],
      // The module names its role after the function.
      ['IAM-006', 'module.fn.aws_iam_role.lambda', 5],
    ]);
    // Messages name the module's inputs, which the author writes, not the arguments of what it declares.
    expect(report.findings.find(f => f.ruleId === 'LOG-002')!.message).toMatch(
      /^Log group module\.fn\.aws_cloudwatch_log_group\.lambda has no cloudwatch_logs_retention_in_days,/,
    );
    // The module has no prefix input: a role without a fixed name is one of the caller's.
    expect(report.findings.find(f => f.ruleId === 'IAM-006')!.message).toMatch(
      /^Role module\.fn\.aws_iam_role\.lambda has an explicit name \(role_name, else function_name; to avoid one, pass a role of your own named by name_prefix as lambda_role, with create_role = false\), so /,
    );
    expect(
      scanTerraformFile(withDefaults('version = "~> 4.0"'), ['ENC-001']).report
        .findings[0].message,
    ).toMatch(/has no cloudwatch_logs_kms_key_id,/);
    // Its own log group and the logs policy it attaches.
    expect(passingRules(report, ['LOG-001', 'IAM-007'])).toEqual([
      'LOG-001',
      'IAM-007',
    ]);
    // Since 7.5 the module tags the function itself.
    expect(scanTerraformFile(withDefaults(''), ['OPS-003']).findings).toEqual([
      ['OPS-003', 'module.fn.aws_cloudwatch_log_group.lambda', 1],
      ['OPS-003', 'module.fn.aws_iam_role.lambda', 1],
    ]);
  });

  it('advises tags, which the module merges into all it makes, before the input that tags one resource alone', () => {
    const { report } = scanTerraformFile(withDefaults('version = "~> 4.0"'), [
      'OPS-003',
    ]);
    expect(
      report.findings.map(f => [
        f.resourceId,
        f.message.replace(/^.* has no tags: (.*) is empty, so .*$/, '$1'),
      ]),
    ).toEqual([
      ['module.fn.aws_lambda_function.this', 'tags (or function_tags)'],
      [
        'module.fn.aws_cloudwatch_log_group.lambda',
        'tags (or cloudwatch_logs_tags)',
      ],
      ['module.fn.aws_iam_role.lambda', 'tags (or role_tags)'],
    ]);
  });

  it('places and names what a conditional sets by the input whose value it takes, not the switch that selects it', () => {
    const program = (written: string) => `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "orders"
${written}
}
`;
    // role = var.create_role ? <its own role> : var.lambda_role: the ARN hardcoded is lambda_role's.
    const role = scanTerraformFile(
      program(
        '  create_role = false\n  lambda_role = "arn:aws:iam::111122223333:role/orders"',
      ),
      ['OPS-002'],
    );
    expect(role.findings).toEqual([
      ['OPS-002', 'module.fn.aws_lambda_function.this', 5],
    ]);

    // timeout = var.lambda_at_edge ? min(var.timeout, 30) : var.timeout
    const timeout = (written: string) => {
      const graph = terraformAdapter.load([
        { path: 'svc/main.tf', text: program(written) },
      ]).graphs[0];
      const fn = graph.get('module.fn.aws_lambda_function.this[0]')!;
      return [
        graph.nameOf(fn, 'Timeout'),
        lineOfPath(fn.properties, ['Timeout'], fn.line),
      ];
    };
    expect(timeout('  lambda_at_edge = true\n  timeout        = 5')).toEqual([
      'timeout',
      5,
    ]);
    // A switch alone written is what decided the value; with nothing written, the input to write.
    expect(timeout('  lambda_at_edge = true')).toEqual(['lambda_at_edge', 4]);
    expect(timeout('')).toEqual(['timeout', 1]);
  });

  it('judges the role the module makes by the policies it attaches: none for the dead-letter queue or X-Ray unless asked', () => {
    const program = (attach: string) => `resource "aws_sqs_queue" "dlq" {
  name                      = "orders-dlq"
  message_retention_seconds = 1209600
}
module "fn" {
  source                 = "terraform-aws-modules/lambda/aws"
  function_name          = "orders"
  dead_letter_target_arn = aws_sqs_queue.dlq.arn
  tracing_mode           = "Active"
${attach}
}
`;
    expect(
      scanTerraformFile(program(''), ['DLQ-004', 'IAM-005']).findings,
    ).toEqual([
      ['DLQ-004', 'module.fn.aws_lambda_function.this', 8],
      ['IAM-005', 'module.fn.aws_lambda_function.this', 9],
    ]);
    const attached = scanTerraformFile(
      program(
        '  attach_dead_letter_policy = true\n  attach_tracing_policy     = true',
      ),
      ['DLQ-004', 'IAM-005'],
    );
    expect(attached.findings).toEqual([]);
    expect(passingRules(attached.report, ['DLQ-004', 'IAM-005'])).toEqual([
      'DLQ-004',
      'IAM-005',
    ]);
  });

  it("passes a well-configured function, whose alarm names it through the module's output", () => {
    const rules = [
      'DLQ-001',
      'DLQ-004',
      'LOG-001',
      'LOG-002',
      'LOG-003',
      'IAM-005',
      'IAM-007',
      'ALM-001',
      'ENC-001',
      'OPS-003',
    ];
    const { report, findings } = scanTerraformFile(
      `resource "aws_sqs_queue" "dlq" {
  name                      = "orders-dlq"
  message_retention_seconds = 1209600
  tags                      = { team = "orders" }
}
resource "aws_sns_topic" "alerts" {
  tags = { team = "orders" }
}
module "fn" {
  source  = "registry.terraform.io/terraform-aws-modules/lambda/aws"
  version = "8.1.0"

  function_name = "orders"
  handler       = "index.handler"
  runtime       = "python3.12"

  tracing_mode          = "Active"
  attach_tracing_policy = true

  dead_letter_target_arn    = aws_sqs_queue.dlq.arn
  attach_dead_letter_policy = true

  cloudwatch_logs_retention_in_days = 30
  cloudwatch_logs_kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/logs"

  allowed_triggers = {
    Uploads = {
      service    = "s3"
      source_arn = "arn:aws:s3:::orders-uploads"
    }
  }
  tags = { team = "orders" }
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name    = "orders-errors"
  namespace     = "AWS/Lambda"
  metric_name   = "Errors"
  dimensions    = { FunctionName = module.fn.lambda_function_name }
  alarm_actions = [aws_sns_topic.alerts.arn]
  tags          = { team = "orders" }
}
`,
      rules,
    );
    expect(findings).toEqual([]);
    expect(passingRules(report, rules)).toEqual(rules);
  });

  describe('the two permissions each allowed_triggers entry makes (for the version and unqualified)', () => {
    const program = (
      head: string,
      triggers: Record<string, string>,
    ) => `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
${head}  function_name = "orders"

  allowed_triggers = {
${Object.entries(triggers)
  .map(
    ([name, arn]) =>
      `    ${name} = {\n      principal  = "events.amazonaws.com"\n      source_arn = "${arn}"\n    }\n`,
  )
  .join('')}  }
}
`;
    const nightly = 'arn:aws:events:eu-west-1:111122223333:rule/nightly';
    const failures = (text: string) =>
      scanTerraformFile(text, ['OPS-002', 'DLQ-001']).report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.message.replace(/;.*| but .*/, ''),
      ]);

    it('fail once, as the function the entry is written for, what both fail alike', () => {
      expect(failures(program('', { Nightly: nightly }))).toEqual([
        [
          'DLQ-001',
          'module.fn.aws_lambda_function.this',
          1,
          'Function module.fn.aws_lambda_function.this is invoked asynchronously (by its allowed_triggers "Nightly")',
        ],
        [
          'OPS-002',
          'module.fn.aws_lambda_function.this',
          5,
          `module.fn.aws_lambda_function.this hardcodes the region eu-west-1 and the account ID 111122223333 in the ARN "${nightly}"`,
        ],
      ]);
      // The finding keeps the fingerprint of the permission for the version, which it is.
      const [finding] = scanTerraformFile(program('', { Nightly: nightly }), [
        'OPS-002',
      ]).report.findings;
      expect(finding.generatedResourceId).toBe(
        'module.fn.aws_lambda_permission.current_version_triggers',
      );
      expect(finding.fingerprint).toBe(
        fingerprint(
          'OPS-002',
          'svc/main.tf',
          'module.fn.aws_lambda_permission.current_version_triggers',
          'SourceArn',
        ),
      );
    });

    it('count as one failed check where both fail alike (the copy is no check of its own that passes)', () => {
      const passed = (text: string) =>
        scanTerraformFile(text, ['OPS-002'])
          .report.checks.map(c => c.passed)
          .sort();
      // The module's other resources that name ARNs pass, with or without the trigger.
      expect(passed(program('', { Nightly: nightly }))).toEqual([
        false,
        ...passed(program('', {})),
      ]);
    });

    it('fail once for all the instances of a module call', () => {
      expect(
        failures(
          program('  for_each      = toset(["eu", "us"])\n', {
            Nightly: nightly,
          }),
        ),
      ).toEqual([
        [
          'DLQ-001',
          'module.fn.aws_lambda_function.this',
          1,
          'Function module.fn.aws_lambda_function.this is invoked asynchronously (by its allowed_triggers "Nightly")',
        ],
        [
          'OPS-002',
          'module.fn.aws_lambda_function.this',
          6,
          `module.fn.aws_lambda_function.this hardcodes the region eu-west-1 and the account ID 111122223333 in the ARN "${nightly}"`,
        ],
      ]);
    });

    it('fail once for all the entries, at their place, naming the others', () => {
      const hourly = 'arn:aws:events:eu-west-1:111122223333:rule/hourly';
      // The first entry's message stands for both (as for any declaration's instances that fail at one place), naming
      // the function as declared and the other entries as written, not the module's permission or an instance of it.
      const hourlyFailure = `module.fn.aws_lambda_function.this hardcodes the region eu-west-1 and the account ID 111122223333 in the ARN "${hourly}"`;
      const opsFailures = (text: string) =>
        scanTerraformFile(text, ['OPS-002']).report.findings.map(f => [
          f.ruleId,
          f.resourceId,
          f.line,
          f.message.replace(/; build it from .*?(?= \(|$)/, ''),
        ]);
      expect(
        opsFailures(program('', { Hourly: hourly, Nightly: nightly })),
      ).toEqual([
        [
          'OPS-002',
          'module.fn.aws_lambda_function.this',
          5,
          `${hourlyFailure} (allowed_triggers "Nightly" fails this check too, at the same place.)`,
        ],
      ]);
      // Each instance of the call made both entries' permissions: still one finding.
      expect(
        opsFailures(
          program('  for_each      = toset(["eu", "us"])\n', {
            Hourly: hourly,
            Nightly: nightly,
          }),
        ),
      ).toEqual([
        [
          'OPS-002',
          'module.fn.aws_lambda_function.this',
          6,
          `${hourlyFailure} (allowed_triggers "Hourly", allowed_triggers "Nightly" fail this check in every instance of module.fn.aws_lambda_function.this, at the same place.)`,
        ],
      ]);
    });

    it('fail apart where an instance of the call made none, once where each made some', () => {
      const hourly = 'arn:aws:events:eu-west-1:111122223333:rule/hourly';
      const perInstance = (triggers: string) => `module "fn" {
  source           = "terraform-aws-modules/lambda/aws"
  for_each         = ${triggers}
  function_name    = "orders"
  allowed_triggers = { for name, arn in each.value : name => { principal = "events.amazonaws.com", source_arn = arn } }
}
`;
      const opsFailures = (text: string) =>
        scanTerraformFile(text, ['OPS-002']).report.findings.map(f => [
          f.resourceId,
          f.generatedResourceId,
          f.message.replace(/; build it from .*?(?= \(|$)/, ''),
        ]);
      // "us" made no permission: the declaration does not fail as a whole, each of "eu"'s does.
      expect(
        opsFailures(
          perInstance(
            `{ eu = { Hourly = "${hourly}", Nightly = "${nightly}" }, us = {} }`,
          ),
        ),
      ).toEqual(
        [hourly, nightly].map((arn, index) => [
          'module.fn["eu"].aws_lambda_function.this[0]',
          `module.fn["eu"].aws_lambda_permission.current_version_triggers["${
            ['Hourly', 'Nightly'][index]
          }"]`,
          `module.fn["eu"].aws_lambda_function.this[0] hardcodes the region eu-west-1 and the account ID 111122223333 in the ARN "${arn}"`,
        ]),
      );
      expect(
        opsFailures(
          perInstance(
            `{ eu = { Hourly = "${hourly}" }, us = { Nightly = "${nightly}" } }`,
          ),
        ),
      ).toEqual([
        [
          'module.fn.aws_lambda_function.this',
          'module.fn.aws_lambda_permission.current_version_triggers',
          `module.fn.aws_lambda_function.this hardcodes the region eu-west-1 and the account ID 111122223333 in the ARN "${hourly}" (allowed_triggers "Nightly" fails this check too, at the same place.)`,
        ],
      ]);
    });
  });

  it('declares the event source mappings it is given, an SQS one judged as one the author wrote', () => {
    const { findings } = scanTerraformFile(
      `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "worker"

  event_source_mapping = {
    jobs = {
      event_source_arn = aws_sqs_queue.jobs.arn
      batch_size       = 10
    }
  }
}
`,
      ['DLQ-001', 'DLQ-002', 'DLQ-005', 'IAM-008'],
    );
    // A function only a queue triggers is exempt from DLQ-001; the queue and the mapping are judged.
    expect(findings).toEqual([
      ['DLQ-002', 'aws_sqs_queue.jobs', 1],
      ['DLQ-005', 'module.fn.aws_lambda_event_source_mapping.this', 4],
      ['IAM-008', 'module.fn.aws_lambda_event_source_mapping.this', 8],
    ]);
  });

  it('reads policy_statements as the inline policy the module attaches', () => {
    const { findings } = scanTerraformFile(
      `module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "reports"

  attach_policy_statements = true
  policy_statements = {
    bucket = {
      effect    = "Allow"
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}
`,
      ['IAM-002', 'IAM-003'],
    );
    expect(findings).toEqual([
      ['IAM-002', 'module.fn.aws_iam_role_policy.additional_inline', 6],
    ]);
  });

  it('does not call a function invoked asynchronously for triggers given by an input not known statically (they may all be API Gateway)', () => {
    const { report, findings } = scanTerraformFile(
      `variable "triggers" {
  type = map(any)
}
module "fn" {
  source           = "terraform-aws-modules/lambda/aws"
  function_name    = "orders"
  allowed_triggers = var.triggers
}
`,
      ['DLQ-001'],
    );
    expect(findings).toEqual([]);
    expect(report.checks.filter(c => c.ruleId === 'DLQ-001')).toEqual([]);
  });

  it('leaves what inputs not known statically decide not known, and still skips the registry modules it does not model', () => {
    const { report, findings } = scanTerraformFile(
      `variable "retention" {}
variable "mode" {}
module "fn" {
  source                            = "terraform-aws-modules/lambda/aws"
  function_name                     = "orders"
  cloudwatch_logs_retention_in_days = var.retention
  tracing_mode                      = var.mode
}
module "alias" {
  source = "terraform-aws-modules/lambda/aws//modules/alias"
}
`,
      ['LOG-002', 'LOG-003'],
    );
    expect(findings).toEqual([]);
    expect(report.skipped).toEqual([
      {
        path: 'svc/main.tf',
        reason: expect.stringContaining(
          'module "alias" (source "terraform-aws-modules/lambda/aws//modules/alias") is not scanned',
        ),
      },
    ]);
  });
});
