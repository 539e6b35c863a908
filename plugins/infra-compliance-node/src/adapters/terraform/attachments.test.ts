import { scanFiles, selectRules } from '../../engine/scan';
import { scanTerraformFile } from '../../testing/programScans';

/**
 * A resource that configures another one (a key policy, an event target, a
 * policy attachment, a bucket's notification or encryption) gives it a
 * property: a finding on what it gives is at the argument that sets it.
 */
describe('Terraform attachments: findings at the argument that sets the value', () => {
  it("reports a key policy with no statement for CloudWatch Logs at the aws_kms_key_policy's policy line, a hardcoded ARN inside it at its own line", () => {
    const { findings } = scanTerraformFile(
      `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = {
        ArnLike = { "aws:SourceArn" = "arn:aws:sns:us-east-1:123456789012:topic" }
      }
    }]
  })
}
resource "aws_cloudwatch_log_group" "g" {
  name              = "g"
  retention_in_days = 7
  kms_key_id        = aws_kms_key.k.arn
}
`,
      ['ENC-002', 'OPS-002'],
    );
    expect(findings).toEqual([
      ['ENC-002', 'aws_kms_key.k', 6],
      ['OPS-002', 'aws_kms_key.k', 14],
    ]);
  });

  it('reports a hardcoded ARN inside a key policy written as a heredoc at its line in the heredoc', () => {
    const { findings } = scanTerraformFile(
      `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "sns.amazonaws.com" },
    "Action": "kms:Decrypt",
    "Resource": "*",
    "Condition": { "ArnLike": { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic" } }
  }]
}
EOF
}
`,
      ['OPS-002'],
    );
    expect(findings).toEqual([['OPS-002', 'aws_kms_key.k', 14]]);
  });

  it("reports hardcoded ARNs of an aws_cloudwatch_event_target at its arn and its dead_letter_config's arn", () => {
    const { findings } = scanTerraformFile(
      `resource "aws_cloudwatch_event_rule" "r" {
  schedule_expression = "rate(5 minutes)"
}
resource "aws_cloudwatch_event_target" "t" {
  rule      = aws_cloudwatch_event_rule.r.name
  target_id = "x"
  arn       = "arn:aws:lambda:us-east-1:123456789012:function:f"
  dead_letter_config {
    arn = "arn:aws:sqs:us-east-1:123456789012:dlq"
  }
}
`,
      ['OPS-002'],
    );
    expect(findings).toEqual([
      ['OPS-002', 'aws_cloudwatch_event_rule.r', 7],
      ['OPS-002', 'aws_cloudwatch_event_rule.r', 9],
    ]);
  });

  it('reports each managed policy a role is given at the policy_arn of the attachment that gives it', () => {
    const { findings } = scanTerraformFile(
      `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/p"
}
resource "aws_iam_policy_attachment" "b" {
  name       = "b"
  roles      = [aws_iam_role.r.name]
  policy_arn = "arn:aws:iam::123456789012:policy/q"
}
`,
      ['OPS-002'],
    );
    expect(findings).toEqual([
      ['OPS-002', 'aws_iam_role.r', 6],
      ['OPS-002', 'aws_iam_role.r', 11],
    ]);
  });

  it("reports a broad managed policy an attachment gives a function's role at that attachment's policy_arn", () => {
    const { findings } = scanTerraformFile(
      `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "admin" {
  role = aws_iam_role.r.name

  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
`,
      ['IAM-002'],
    );
    expect(findings).toEqual([['IAM-002', 'aws_iam_role.r', 7]]);
  });

  it('reports a hardcoded function ARN of an aws_s3_bucket_notification at its lambda_function_arn', () => {
    const { findings } = scanTerraformFile(
      `resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_notification" "n" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    events              = ["s3:ObjectCreated:*"]
  }
}
`,
      ['OPS-002'],
    );
    expect(findings).toEqual([['OPS-002', 'aws_s3_bucket.b', 5]]);
  });

  // Each sets the bucket's whole configuration, and Terraform applies them in no set order: either may be deployed last.
  it('keeps the functions of every aws_s3_bucket_notification on a bucket: S3 may invoke each', () => {
    const { report } = scanTerraformFile(
      `resource "aws_s3_bucket" "b" {}
resource "aws_sqs_queue" "q" {}
resource "aws_lambda_function" "resize" {
  function_name = "resize"
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_lambda_event_source_mapping" "resize" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_function.resize.arn
}
resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = "arn:aws:iam::123456789012:role/r"
}
resource "aws_s3_bucket_notification" "resize" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.resize.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
resource "aws_s3_bucket_notification" "audit" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.audit.arn
    events              = ["s3:ObjectRemoved:*"]
  }
}
`,
      ['DLQ-001'],
    );
    const lost =
      'but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.';
    // resize, polled from its queue, is not exempt: the first notification has S3 invoke it too.
    expect(report.findings.map(f => [f.resourceId, f.line, f.message])).toEqual(
      [
        [
          'aws_lambda_function.resize',
          3,
          `Function aws_lambda_function.resize is invoked asynchronously (by aws_s3_bucket.b) ${lost}`,
        ],
        [
          'aws_lambda_function.audit',
          11,
          `Function aws_lambda_function.audit is invoked asynchronously (by aws_s3_bucket.b) ${lost}`,
        ],
      ],
    );
  });

  it("reports each notified function's hardcoded ARN at its lambda_function_arn, or at the bucket for a notification in another file", () => {
    const bucket = `resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_notification" "here" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:here"
    events              = ["s3:ObjectCreated:*"]
  }
}
`;
    const elsewhere = `resource "aws_s3_bucket_notification" "elsewhere" {
  bucket = aws_s3_bucket.b.id
  lambda_function {
    lambda_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:elsewhere"
    events              = ["s3:ObjectRemoved:*"]
  }
}
`;
    const findings = (files: { path: string; text: string }[]) =>
      scanFiles(files, selectRules(['OPS-002'])).findings.map(f => [
        f.file,
        f.line,
        f.message.match(/function:\w+/)?.[0],
      ]);
    const expected = [
      ['svc/a.tf', 1, 'function:elsewhere'],
      ['svc/a.tf', 5, 'function:here'],
    ];
    expect(
      findings([
        { path: 'svc/a.tf', text: bucket },
        { path: 'svc/b.tf', text: elsewhere },
      ]),
    ).toEqual(expected);
    expect(
      findings([
        { path: 'svc/b.tf', text: elsewhere },
        { path: 'svc/a.tf', text: bucket },
      ]),
    ).toEqual(expected);
    // The other file's notification read first: the bucket's own still at its lambda_function_arn.
    expect(
      findings([
        { path: 'svc/a.tf', text: elsewhere },
        { path: 'svc/b.tf', text: bucket },
      ]),
    ).toEqual([
      ['svc/b.tf', 1, 'function:elsewhere'],
      ['svc/b.tf', 5, 'function:here'],
    ]);
  });

  it('reports a hardcoded key ARN of an aws_s3_bucket_server_side_encryption_configuration at its kms_master_key_id', () => {
    const { findings } = scanTerraformFile(
      `resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:us-east-1:123456789012:key/abc"
    }
  }
}
`,
      ['OPS-002'],
    );
    expect(findings).toEqual([['OPS-002', 'aws_s3_bucket.b', 7]]);
  });

  it("keeps each managed policy at its attachment's policy_arn when another file's attachment gives the role one more, which is at the role", () => {
    const role = `resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "here" {
  role = aws_iam_role.r.name

  policy_arn = "arn:aws:iam::123456789012:policy/here"
}
`;
    const elsewhere = `resource "aws_iam_role_policy_attachment" "elsewhere" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/elsewhere"
}
`;
    const findings = (files: { path: string; text: string }[]) =>
      scanFiles(files, selectRules(['OPS-002'])).findings.map(f => [
        f.file,
        f.line,
        f.message.match(/policy\/\w+/)?.[0],
      ]);
    const expected = [
      // Written in another file than the role: at the role.
      ['svc/a.tf', 1, 'policy/elsewhere'],
      ['svc/a.tf', 7, 'policy/here'],
    ];
    expect(
      findings([
        { path: 'svc/a.tf', text: role },
        { path: 'svc/b.tf', text: elsewhere },
      ]),
    ).toEqual(expected);
    expect(
      findings([
        { path: 'svc/b.tf', text: elsewhere },
        { path: 'svc/a.tf', text: role },
      ]),
    ).toEqual(expected);
  });
});

/**
 * A suppression written on an attachment applies to what the attachment
 * sets: the findings on the resource it is folded into that point into
 * its block.
 */
describe('Terraform attachments: suppressions written on them', () => {
  /** The scan's findings as `[rule, resource, line, suppressed]`, and its unused suppressions as `[file, line, resource, rule]`. */
  const scan = (files: { path: string; text: string }[], rules: string[]) => {
    const report = scanFiles(files, selectRules(rules));
    return {
      findings: report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.suppressed !== undefined,
      ]),
      unused: report.unusedSuppressions!.map(u => [
        u.file,
        u.line,
        u.resourceId,
        u.ruleId,
      ]),
    };
  };
  const trustPolicy =
    'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })';

  it('suppresses the findings on the role that point into the attachment, not those elsewhere on the role; one that suppresses nothing is unused (OPS-002)', () => {
    const stack = `resource "aws_iam_role" "r" {
  assume_role_policy   = ${trustPolicy}
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"
}
# infra-compliance:suppress=OPS-002:the shared policy lives in the platform account
resource "aws_iam_role_policy_attachment" "shared" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/shared"
}
resource "aws_iam_role_policy_attachment" "own" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/own"
}
# infra-compliance:suppress=OPS-002:the platform account's policy
resource "aws_iam_role_policy_attachment" "managed" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`;
    expect(scan([{ path: 'main.tf', text: stack }], ['OPS-002'])).toEqual({
      findings: [
        ['OPS-002', 'aws_iam_role.r', 3, false],
        ['OPS-002', 'aws_iam_role.r', 8, true],
        ['OPS-002', 'aws_iam_role.r', 12, false],
      ],
      unused: [
        ['main.tf', 14, 'aws_iam_role_policy_attachment.managed', 'OPS-002'],
      ],
    });
  });

  it("suppresses the finding on the replica an aws_dynamodb_table_replica adds to its table, not the table's own replicas (OPS-004)", () => {
    const stack = `resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  replica {
    region_name = "us-east-2"
  }
}
# infra-compliance:suppress=OPS-004:the west replica is rebuilt from the primary
resource "aws_dynamodb_table_replica" "west" {
  global_table_arn = aws_dynamodb_table.orders.arn
  region           = "us-west-2"
}
`;
    expect(scan([{ path: 'main.tf', text: stack }], ['OPS-004'])).toEqual({
      findings: [
        ['OPS-004', 'aws_dynamodb_table.orders', 1, false],
        ['OPS-004', 'aws_dynamodb_table.orders', 6, false],
        ['OPS-004', 'aws_dynamodb_table.orders', 11, true],
      ],
      unused: [],
    });
  });

  it('suppresses what an attachment in a module called twice sets in each call, and lists it once where it suppresses nothing in either (OPS-002)', () => {
    const module = (sourceArn: string) => `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
# infra-compliance:suppress=OPS-002:the publisher is in the platform account
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { ArnLike = { "aws:SourceArn" = "${sourceArn}" } }
    }]
  })
}
`;
    const files = (sourceArn: string) => [
      {
        path: 'main.tf',
        text: `module "a" {
  source = "./modules/key"
}
module "b" {
  source = "./modules/key"
}
`,
      },
      { path: 'modules/key/main.tf', text: module(sourceArn) },
    ];
    expect(
      scan(files('arn:aws:sns:us-east-1:123456789012:topic'), ['OPS-002']),
    ).toEqual({
      findings: [
        ['OPS-002', 'module.a.aws_kms_key.k', 14, true],
        ['OPS-002', 'module.b.aws_kms_key.k', 14, true],
      ],
      unused: [],
    });
    expect(scan(files('arn:aws:sns:*:*:topic'), ['OPS-002'])).toEqual({
      findings: [],
      unused: [
        ['modules/key/main.tf', 4, 'module.a.aws_kms_key_policy.k', 'OPS-002'],
      ],
    });
  });

  it('suppresses what each instance of an attachment with count sets', () => {
    const stack = `resource "aws_iam_role" "r" {
  count              = 2
  assume_role_policy = ${trustPolicy}
}
# infra-compliance:suppress=OPS-002:the shared policy lives in the platform account
resource "aws_iam_role_policy_attachment" "shared" {
  count      = 2
  role       = aws_iam_role.r[count.index].name
  policy_arn = "arn:aws:iam::123456789012:policy/shared"
}
`;
    expect(scan([{ path: 'main.tf', text: stack }], ['OPS-002'])).toEqual({
      findings: [['OPS-002', 'aws_iam_role.r', 9, true]],
      unused: [],
    });
  });

  it("suppresses what an attachment sets that is written elsewhere in its file, a data source's policy document or a local, not the key's own policy written there (OPS-002)", () => {
    const stack = `resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
data "aws_iam_policy_document" "k" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:us-east-1:123456789012:topic"]
    }
  }
}
locals {
  policies = [jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "sns.amazonaws.com" }, Action = "kms:Decrypt", Resource = "*", Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:sns:us-east-1:123456789012:other" } } }] })]
}
# infra-compliance:suppress=OPS-002:the publisher is in the platform account
resource "aws_kms_key_policy" "k" {
  key_id = aws_kms_key.k.id
  policy = data.aws_iam_policy_document.k.json
}
resource "aws_kms_key" "each" {
  count               = 1
  enable_key_rotation = true
}
# infra-compliance:suppress=OPS-002:the publisher is in the platform account
resource "aws_kms_key_policy" "each" {
  count  = 1
  key_id = aws_kms_key.each[count.index].id
  policy = local.policies[count.index]
}
resource "aws_kms_key" "own" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.k.json
}
`;
    expect(scan([{ path: 'main.tf', text: stack }], ['OPS-002'])).toEqual({
      findings: [
        ['OPS-002', 'aws_kms_key.k', 15, true],
        ['OPS-002', 'aws_kms_key.own', 15, false],
        ['OPS-002', 'aws_kms_key.each', 20, true],
      ],
      unused: [],
    });
  });

  it('does not suppress what an attachment in another file than its resource sets, which is reported at the resource: it is unused', () => {
    const role = `resource "aws_iam_role" "r" {
  assume_role_policy = ${trustPolicy}
}
`;
    const attachment = `# infra-compliance:suppress=OPS-002:the shared policy lives in the platform account
resource "aws_iam_role_policy_attachment" "shared" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/shared"
}
`;
    expect(
      scan(
        [
          { path: 'svc/a.tf', text: role },
          { path: 'svc/b.tf', text: attachment },
        ],
        ['OPS-002'],
      ),
    ).toEqual({
      findings: [['OPS-002', 'aws_iam_role.r', 1, false]],
      unused: [
        ['svc/b.tf', 1, 'aws_iam_role_policy_attachment.shared', 'OPS-002'],
      ],
    });
  });

  it('reviews the suppressions on an attachment of a resource not of the stack, which it sets nothing of: reported without a reason, never unused (SUP-001)', () => {
    const { report } = scanTerraformFile(
      `# infra-compliance:suppress=OPS-002
resource "aws_iam_role_policy_attachment" "theirs" {
  role       = "shared-role"
  policy_arn = "arn:aws:iam::123456789012:policy/shared"
}
# infra-compliance:suppress=OPS-002:the platform team's role
resource "aws_iam_role_policy_attachment" "platform" {
  role       = "platform-role"
  policy_arn = "arn:aws:iam::123456789012:policy/shared"
}
`,
      ['OPS-002', 'SUP-001'],
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.resourceType,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'SUP-001',
        'aws_iam_role_policy_attachment.theirs',
        'aws_iam_role_policy_attachment',
        1,
        'The suppression on aws_iam_role_policy_attachment.theirs of OPS-002 gives no reason, so it is not applied.',
      ],
    ]);
    expect(report.unusedSuppressions).toEqual([]);
  });
});
