import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

describe('terraform-aws-modules/dynamodb-table/aws', () => {
  const table = (settings: string) => `module "table" {
  source   = "terraform-aws-modules/dynamodb-table/aws"
  name     = "orders"
  hash_key = "id"
${settings}
}
`;

  it('declares the table with the defaults of 1.x-5.x: no customer-visible encryption (ENC-005), no point-in-time recovery (OPS-004); tagged with its name', () => {
    const { graphs, skipped } = terraformAdapter.load([
      { path: 'svc/main.tf', text: table('') },
    ]);
    expect(skipped).toEqual([]);
    expect([...graphs[0].resources].map(r => [r.id, r.type, r.line])).toEqual([
      ['module.table.aws_dynamodb_table.this[0]', 'AWS::DynamoDB::Table', 1],
    ]);
    const rules = ['ENC-005', 'OPS-004', 'OPS-003'];
    const { report, findings } = scanTerraformFile(
      table('  version  = "~> 5.0"'),
      rules,
    );
    expect(findings).toEqual([
      ['ENC-005', 'module.table.aws_dynamodb_table.this', 1],
      ['OPS-004', 'module.table.aws_dynamodb_table.this', 1],
    ]);
    expect(report.findings[0].message).toMatch(
      /server_side_encryption_enabled/,
    );
    expect(passingRules(report, ['OPS-003'])).toEqual(['OPS-003']);
  });

  it('encrypts the table with the AWS-managed key by default from 6.0 on (server_side_encryption defaults to { enabled = true }), and so for a call whose version admits 6.x', () => {
    for (const version of [
      '',
      '  version  = "~> 6.0"',
      '  version  = ">= 4.0"',
    ]) {
      const { report, findings } = scanTerraformFile(table(version), [
        'ENC-005',
        'OPS-004',
      ]);
      expect(findings).toEqual([
        ['OPS-004', 'module.table.aws_dynamodb_table.this', 1],
      ]);
      expect(passingRules(report, ['ENC-005'])).toEqual(['ENC-005']);
    }
    // An object that leaves `enabled` out turns it on (optional(bool, true)).
    const rules = ['ENC-005', 'OPS-004'];
    const { report, findings } = scanTerraformFile(
      table(
        '  server_side_encryption = { kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1" }\n  point_in_time_recovery = { recovery_period_in_days = 7 }',
      ),
      rules,
    );
    expect(findings).toEqual([]);
    expect(passingRules(report, rules)).toEqual(rules);
  });

  it("fails a table whose 6.x objects turn encryption or point-in-time recovery off, at that argument's line, naming the input written", () => {
    const { report, findings } = scanTerraformFile(
      table(
        '  server_side_encryption = { enabled = false }\n  point_in_time_recovery = { enabled = false }',
      ),
      ['ENC-005', 'OPS-004'],
    );
    expect(findings).toEqual([
      ['ENC-005', 'module.table.aws_dynamodb_table.this', 5],
      ['OPS-004', 'module.table.aws_dynamodb_table.this', 6],
    ]);
    // The object's attribute, not the object: `server_side_encryption = true` is no value of that input.
    expect(report.findings[0].message).toContain(
      'sets server_side_encryption.enabled to false',
    );
  });

  it('passes a table with encryption and point-in-time recovery, written with the inputs of 1.x-5.x or of 6.x', () => {
    const rules = ['ENC-005', 'OPS-004'];
    for (const settings of [
      '  server_side_encryption_enabled = true\n  point_in_time_recovery_enabled = true',
      '  server_side_encryption = { enabled = true }\n  point_in_time_recovery = { enabled = true }',
    ]) {
      const { report, findings } = scanTerraformFile(table(settings), rules);
      expect(findings).toEqual([]);
      expect(passingRules(report, rules)).toEqual(rules);
    }
    // Off where the call says so: at that argument's line.
    expect(
      scanTerraformFile(table('  point_in_time_recovery_enabled = false'), [
        'OPS-004',
      ]).findings,
    ).toEqual([['OPS-004', 'module.table.aws_dynamodb_table.this', 5]]);
  });

  it('judges a function wired to the table through its outputs by IAM-004, as one wired to a table written by hand', () => {
    const program = (grant: string) => `${table('')}
resource "aws_iam_role" "worker" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [${grant}], Resource = "*" }]
  })
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  environment {
    variables = { TABLE = module.table.dynamodb_table_id }
  }
}
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "reader"
  environment_variables = { TABLE_ARN = module.table.dynamodb_table_arn }
  attach_policy_statements = true
  policy_statements = {
    table = { effect = "Allow", actions = [${grant}], resources = [module.table.dynamodb_table_arn] }
  }
}
`;
    expect(
      scanTerraformFile(program('"sqs:SendMessage"'), ['IAM-004']).findings,
    ).toEqual([
      ['IAM-004', 'aws_lambda_function.worker', 22],
      ['IAM-004', 'module.fn.aws_lambda_function.this', 28],
    ]);
    const granted = scanTerraformFile(program('"dynamodb:GetItem"'), [
      'IAM-004',
    ]);
    expect(granted.findings).toEqual([]);
    expect(passingRules(granted.report, ['IAM-004'])).toEqual(['IAM-004']);
  });

  it("gives its stream's ARN to an event source mapping", () => {
    const { graphs } = terraformAdapter.load([
      {
        path: 'svc/main.tf',
        text: `${table(
          '  stream_enabled   = true\n  stream_view_type = "NEW_IMAGE"',
        )}
resource "aws_lambda_event_source_mapping" "changes" {
  event_source_arn  = module.table.dynamodb_table_stream_arn
  function_name     = "worker"
  starting_position = "LATEST"
}
`,
      },
    ]);
    const mapping = graphs[0].get('aws_lambda_event_source_mapping.changes')!;
    expect(graphs[0].resolve(mapping.properties.EventSourceArn)?.id).toBe(
      'module.table.aws_dynamodb_table.this[0]',
    );
  });

  it("makes the table a global table of its replica_regions (1.x-5.x): a replica without point_in_time_recovery or propagate_tags has neither, as the provider's defaults (OPS-004, OPS-003)", () => {
    const { report, findings } = scanTerraformFile(
      table(`  version  = "~> 5.0"
  point_in_time_recovery_enabled = true
  tags     = { team = "orders" }
  replica_regions = [
    { region_name = "eu-west-2" },
    {
      region_name            = "us-west-2"
      propagate_tags         = true
      point_in_time_recovery = true
    },
  ]`),
      ['OPS-004', 'OPS-003'],
    );
    expect(findings).toEqual([
      ['OPS-003', 'module.table.aws_dynamodb_table.this', 8],
      ['OPS-004', 'module.table.aws_dynamodb_table.this', 8],
    ]);
    expect(report.findings.map(f => f.message)).toEqual([
      'aws_dynamodb_table module.table.aws_dynamodb_table.this has no tags on its replica in eu-west-2, so it cannot be attributed to a team, service or environment.',
      'DynamoDB global table module.table.aws_dynamodb_table.this has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
    ]);
  });

  it("makes the table a global table of its replicas (6.x), which propagate the table's tags unless told not to, without point-in-time recovery unless told (OPS-004, OPS-003)", () => {
    const { report, findings } = scanTerraformFile(
      table(`  point_in_time_recovery = { enabled = true }
  tags     = { team = "orders" }
  replicas = [
    { region_name = "eu-west-2" },
    { region_name = "us-west-2", point_in_time_recovery = true, propagate_tags = false },
  ]`),
      ['OPS-004', 'OPS-003'],
    );
    expect(findings).toEqual([
      ['OPS-003', 'module.table.aws_dynamodb_table.this', 7],
      ['OPS-004', 'module.table.aws_dynamodb_table.this', 7],
    ]);
    expect(report.findings.map(f => f.message)).toEqual([
      'aws_dynamodb_table module.table.aws_dynamodb_table.this has no tags on its replica in us-west-2, so it cannot be attributed to a team, service or environment.',
      'DynamoDB global table module.table.aws_dynamodb_table.this has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
    ]);
  });

  it("names the region of the table's own replica: its region input (6.x), else its provider configuration's (OPS-004)", () => {
    const provider = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
    const replicas = '  replicas = [{ region_name = "eu-west-2" }]';
    const ownRegion = (settings: string) =>
      scanTerraformFile(`${provider}${table(settings)}`, [
        'OPS-004',
      ]).report.findings.find(f => f.property?.startsWith('Replicas[0]'))
        ?.message;
    expect(ownRegion(replicas)).toContain('on its replica in eu-west-1,');
    expect(ownRegion(`${replicas}\n  region = "ap-south-1"`)).toContain(
      'on its replica in ap-south-1,',
    );
  });

  it('reports nothing an input not known statically decides', () => {
    const { findings } = scanTerraformFile(
      `variable "sse" {}\nvariable "pitr" {}\nvariable "replicas" {}\n${table(
        '  server_side_encryption_enabled = var.sse\n  point_in_time_recovery_enabled = var.pitr\n  replica_regions = var.replicas',
      )}`,
      ['ENC-005', 'OPS-004', 'OPS-003'],
    );
    expect(findings).toEqual([]);
  });
});
