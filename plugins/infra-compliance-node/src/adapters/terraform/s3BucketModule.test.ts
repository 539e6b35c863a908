import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

describe('terraform-aws-modules/s3-bucket/aws', () => {
  const bucket = (settings: string) => `module "bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 3.0"

  bucket = "orders-archive"
${settings}
}
`;

  it('declares the bucket with its defaults: untagged (OPS-003), no bucket policy denying insecure transport (ENC-006)', () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: bucket('') },
    ]);
    expect(skipped).toEqual([]);
    expect([...graphs[0].resources].map(r => [r.id, r.type, r.line])).toEqual([
      ['module.bucket.aws_s3_bucket.this[0]', 'AWS::S3::Bucket', 1],
    ]);
    expect(
      graphs[0].get('module.bucket.aws_s3_bucket.this[0]')!.properties,
    ).toMatchObject({ BucketName: 'orders-archive' });
    expect(
      scanTerraformFile(bucket(''), ['ENC-006', 'OPS-003']).findings,
    ).toEqual([
      ['ENC-006', 'module.bucket.aws_s3_bucket.this', 1],
      ['OPS-003', 'module.bucket.aws_s3_bucket.this', 1],
    ]);
  });

  it('passes a tagged bucket whose policy denies insecure transport (attach_deny_insecure_transport_policy)', () => {
    const text = bucket(
      '  attach_deny_insecure_transport_policy = true\n  tags = { team = "orders" }',
    );
    const { graphs } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    expect([...graphs[0].resources].map(r => [r.id, r.type, r.line])).toEqual([
      ['module.bucket.aws_s3_bucket.this[0]', 'AWS::S3::Bucket', 1],
      [
        'module.bucket.aws_s3_bucket_policy.this[0]',
        'AWS::S3::BucketPolicy',
        1,
      ],
    ]);
    const rules = ['ENC-006', 'OPS-003'];
    const { report, findings } = scanTerraformFile(text, rules);
    expect(findings).toEqual([]);
    expect(passingRules(report, rules)).toEqual(rules);
  });

  it("fails a bucket whose module policy holds none of the deny-insecure-transport statement, and reports nothing on a policy of the caller's own", () => {
    // A log-delivery policy only: the module's policy denies nothing over plain HTTP.
    expect(
      scanTerraformFile(
        bucket(
          '  attach_elb_log_delivery_policy = true\n  tags = { team = "orders" }',
        ),
        ['ENC-006'],
      ).findings,
    ).toEqual([['ENC-006', 'module.bucket.aws_s3_bucket.this', 1]]);
    // The caller's policy (attach_policy) is merged in: what it says is not known here.
    const own = bucket(`  attach_policy = true
  policy        = data.aws_iam_policy_document.tls.json
  tags          = { team = "orders" }`);
    expect(scanTerraformFile(own, ['ENC-006']).findings).toEqual([]);
  });

  it("judges the caller's own policy (attach_policy) merged into the module's, when it is known", () => {
    const own = (statement: string) => `data "aws_iam_policy_document" "own" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
${statement}
  }
}
${bucket(`  attach_policy = true
  policy        = data.aws_iam_policy_document.own.json
  tags          = { team = "orders" }`)}`;
    const denyInsecureTransport =
      '    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }';
    expect(scanTerraformFile(own(''), ['ENC-006']).findings).toEqual([
      ['ENC-006', 'module.bucket.aws_s3_bucket.this', 13],
    ]);
    const { report, findings } = scanTerraformFile(own(denyInsecureTransport), [
      'ENC-006',
    ]);
    expect(findings).toEqual([]);
    expect(passingRules(report, ['ENC-006'])).toEqual(['ENC-006']);
  });

  it('reports nothing an input not known statically decides', () => {
    const text = `variable "deny" {}\nvariable "tags" {}\n${bucket(
      '  attach_deny_insecure_transport_policy = var.deny\n  tags = var.tags',
    )}`;
    expect(scanTerraformFile(text, ['ENC-006', 'OPS-003']).findings).toEqual(
      [],
    );
  });

  it('gives its id and ARN to other code: a function wired to the bucket through them needs an s3: object action on it (IAM-004)', () => {
    const program = (grant: string) => `${bucket(
      '  tags = { team = "orders" }',
    )}
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "archiver"
  environment_variables = { BUCKET = module.bucket.s3_bucket_id }
  attach_policy_statements = true
  policy_statements = {
    bucket = { effect = "Allow", actions = [${grant}], resources = ["\${module.bucket.s3_bucket_arn}/*"] }
  }
}
`;
    expect(
      scanTerraformFile(program('"sqs:SendMessage"'), ['IAM-004']).findings,
    ).toEqual([['IAM-004', 'module.fn.aws_lambda_function.this', 12]]);
    const granted = scanTerraformFile(program('"s3:PutObject"'), ['IAM-004']);
    expect(granted.findings).toEqual([]);
    expect(passingRules(granted.report, ['IAM-004'])).toEqual(['IAM-004']);
  });

  it('declares nothing with create_bucket = false', () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: bucket('  create_bucket = false') },
    ]);
    expect(skipped).toEqual([]);
    expect([...graphs[0].resources]).toEqual([]);
  });
});
