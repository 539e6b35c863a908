import { ALL_RULES } from '../rules';
import { scanFiles } from './scan';

/** Scans files with the given rules; each finding as `rule resource line confidence`. */
function scan(files: Record<string, string>, ruleIds: string[]): string[] {
  const rules = ALL_RULES.filter(rule => ruleIds.includes(rule.meta.id));
  const result = scanFiles(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    rules,
    { parseRule: false },
  );
  return result.findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}`);
}

describe('findings that rest on the default of a stack input are at partial confidence', () => {
  it('CloudFormation: a value read from a parameter default, or decided by a condition over one', () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: dev }
  Actions: { Type: CommaDelimitedList, Default: 's3:*' }
  Prefix: { Type: String, Default: orders }
  WorkerRoleName: { Type: String, Default: orders-worker }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !If [IsProd, 30, !Ref AWS::NoValue]
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '\${Prefix}-audit'
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${Prefix}-role'
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Ref Actions
                Resource: '*'
              - Effect: Allow
                Action: 'sqs:*'
                Resource: '*'
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref WorkerRoleName
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;
    expect(scan({ 'template.yaml': template }, ['LOG-002', 'IAM-002', 'IAM-003', 'IAM-006'])).toEqual([
      // The retention is there only where the condition holds, which the default decides.
      'LOG-002 Logs 10 partial',
      // A name built from a default: the log group has no retention whatever its name.
      'LOG-002 AuditLogs 14 high',
      // A name partly built from a default is explicit whatever the default.
      'IAM-006 Role 21 high',
      // The actions are the default's; so is what the statement's Resource "*" allows.
      'IAM-002 Role 32 partial',
      'IAM-003 Role 33 partial',
      'IAM-002 Role 35 high',
      'IAM-003 Role 36 high',
      // A name that is a parameter is not fixed: whoever deploys may give each stack its own.
      'IAM-006 WorkerRole 40 partial',
    ]);
  });

  it("SAM: what SAM generates from a value decided by a default, and not a generated resource's name", () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: v1 }
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src
      DeadLetterQueue: !If
        - IsProd
        - Type: SQS
          TargetArn: !GetAtt Dlq.Arn
        - !Ref AWS::NoValue
      Events:
        Notified:
          Type: SNS
          Properties:
            Topic: !Ref Topic
  Dlq:
    Type: AWS::SQS::Queue
`;
    expect(scan({ 'template.yaml': template }, ['DLQ-001', 'LOG-004'])).toEqual([
      // SAM names the stage after the default (Apiv1Stage): the API's stage has no access logs whatever its name.
      'LOG-004 Api 12 high',
      'DLQ-001 Fn 15 partial',
    ]);
  });

  it('Terraform: a variable default, directly or through a local read more than once; a value set in terraform.tfvars is known', () => {
    const main = `variable "env" {
  default = "dev"
}
variable "key_arn" {}
locals {
  is_prod = var.env == "prod"
}
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app"
  retention_in_days = 30
  kms_key_id        = local.is_prod ? var.key_arn : null
}
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 30
  kms_key_id        = local.is_prod ? var.key_arn : null
}
resource "aws_cloudwatch_log_group" "trail" {
  name              = "/trail"
  retention_in_days = 30
  kms_key_id        = var.env == "dev" ? null : var.key_arn
}
`;
    expect(scan({ 'stack/main.tf': main }, ['ENC-001'])).toEqual([
      'ENC-001 aws_cloudwatch_log_group.app 8 partial',
      'ENC-001 aws_cloudwatch_log_group.audit 13 partial',
      'ENC-001 aws_cloudwatch_log_group.trail 18 partial',
    ]);
    expect(scan({ 'stack/main.tf': main, 'stack/terraform.tfvars': 'env = "dev"\n' }, ['ENC-001'])).toEqual([
      'ENC-001 aws_cloudwatch_log_group.app 8 high',
      'ENC-001 aws_cloudwatch_log_group.audit 13 high',
      'ENC-001 aws_cloudwatch_log_group.trail 18 high',
    ]);
  });

  it('Terraform: what an attachment configures with a default', () => {
    const main = `variable "policy_arn" {
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy_attachment" "worker" {
  role       = aws_iam_role.worker.name
  policy_arn = var.policy_arn
}
`;
    expect(scan({ 'stack/main.tf': main }, ['IAM-002'])).toEqual(['IAM-002 aws_iam_role.worker 8 partial']);
  });
});
