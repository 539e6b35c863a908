import { Ref } from '../../graph/values';
import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

describe('terraform-aws-modules/s3-bucket/aws//modules/notification', () => {
  // As the corpus calls it (serverless-patterns/terraform-s3-lambda), without the lambda module's own S3 trigger.
  const corpusLike = (fnInputs = '') => `module "fn" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 4.0"

  function_name = "ingest"
  handler       = "index.lambda_handler"
  runtime       = "python3.12"
${fnInputs}}

module "bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 3.0"

  bucket = "ingest-bucket"
}

module "notification" {
  source  = "terraform-aws-modules/s3-bucket/aws//modules/notification"
  version = "~> 3.0"

  bucket = module.bucket.s3_bucket_id

  lambda_notifications = {
    lambda1 = {
      function_arn  = module.fn.lambda_function_arn
      function_name = module.fn.lambda_function_name
      events        = ["s3:ObjectCreated:*"]
      filter_prefix = "data/"
    }
  }
}
`;

  it("puts the notification on the bucket and makes S3's permission to invoke the function", () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: corpusLike() },
    ]);
    expect(skipped).toEqual([]);
    const graph = graphs[0];
    const bucket = graph.get('module.bucket.aws_s3_bucket.this[0]')!;
    expect(bucket.properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Function: new Ref('module.fn.aws_lambda_function.this[0]', 'Arn'),
          Event: ['s3:ObjectCreated:*'],
        },
      ],
    });
    const permission = graph.get(
      'module.notification.aws_lambda_permission.allow["lambda1"]',
    )!;
    expect([permission.type, permission.line]).toEqual([
      'AWS::Lambda::Permission',
      17,
    ]);
    expect(permission.properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: new Ref('module.fn.aws_lambda_function.this[0]'),
    });
  });

  it('makes the function it notifies invoked asynchronously: DLQ-001 without a dead-letter target, none with one', () => {
    const { report, findings } = scanTerraformFile(corpusLike(), ['DLQ-001']);
    expect(findings).toEqual([
      ['DLQ-001', 'module.fn.aws_lambda_function.this', 1],
    ]);
    expect(report.findings[0].message).toContain(
      '(by module.bucket.aws_s3_bucket.this)',
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

  it('makes no permission with create_lambda_permission = false (4.4 and later), and nothing with no notification', () => {
    const none = corpusLike().replace(
      '  bucket = module.bucket.s3_bucket_id',
      '  bucket = module.bucket.s3_bucket_id\n  create_lambda_permission = false',
    );
    const { graphs } = terraformAdapter.load([
      { path: 'svc/main.tf', text: none },
    ]);
    expect(
      graphs[0].get(
        'module.notification.aws_lambda_permission.allow["lambda1"]',
      ),
    ).toBeUndefined();
    const empty = `module "notification" {
  source = "terraform-aws-modules/s3-bucket/aws//modules/notification"
  bucket = "somewhere"
}
`;
    const loaded = terraformAdapter.load([
      { path: 'svc/main.tf', text: empty },
    ]);
    expect(loaded.skipped).toEqual([]);
    expect([...loaded.graphs[0].resources]).toEqual([]);
  });

  it('reports nothing a map not known statically decides', () => {
    const text = `variable "notifications" {}
variable "target" {}
module "unknown_map" {
  source               = "terraform-aws-modules/s3-bucket/aws//modules/notification"
  bucket               = module.bucket.s3_bucket_id
  lambda_notifications = var.notifications
}
module "unknown_function" {
  source = "terraform-aws-modules/s3-bucket/aws//modules/notification"
  bucket = module.bucket.s3_bucket_id
  lambda_notifications = {
    maybe = { function_arn = var.target, function_name = var.target, events = ["s3:ObjectCreated:*"] }
  }
}
module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "b"
}
module "fn" {
  source                     = "terraform-aws-modules/lambda/aws"
  function_name              = "maybe"
  create_lambda_function_url = true
}
`;
    const { skipped } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    expect(skipped).toEqual([]);
    expect(scanTerraformFile(text, ['DLQ-001']).findings).toEqual([]);
  });

  it('is the only submodule of a modelled module that is expanded: others are listed as skipped', () => {
    const text = `module "object" {
  source = "terraform-aws-modules/s3-bucket/aws//modules/object"
  bucket = "b"
  key    = "k"
}
`;
    const { skipped } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    expect((skipped ?? []).map(entry => entry.reason)).toEqual([
      expect.stringMatching(
        /^module "object" \(source "terraform-aws-modules\/s3-bucket\/aws\/\/modules\/object"\) is not scanned/,
      ),
    ]);
  });
});
