import rule from './IAM-010';
import { scanCdkStack, scanPulumiProgram } from '../../testing/programScans';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'statements that name their resources, and a Deny with NotResource (it protects the rest)',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::reports/*
              - Effect: Deny
                Action: s3:*
                NotResource: [arn:aws:s3:::reports, arn:aws:s3:::reports/*]
`,
    },
  ],
  invalid: [
    {
      name: 'an AWS managed policy with an Allow and NotResource statement (AmazonSageMakerFullAccess: sagemaker:* on every resource but the admin ones)',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonSageMakerFullAccess
`,
      findings: [
        {
          resourceId: 'Role',
          line: 9,
          property: 'ManagedPolicyArns[1]',
          message:
            'Role Role has the AWS managed policy AmazonSageMakerFullAccess attached, which allows "sagemaker:*", "sagemaker-geospatial:*" on every resource except "arn:aws:sagemaker:*:*:domain/*", "arn:aws:sagemaker:*:*:user-profile/*",',
        },
      ],
    },
    {
      name: 'Allow with NotResource, with listed actions and with NotAction',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                NotResource: arn:aws:s3:::payroll/*
              - Effect: Allow
                NotAction: iam:*
                NotResource: [!Sub 'arn:aws:s3:::\${AWS::AccountId}-payroll/*']
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].NotResource',
          message:
            'allows "s3:GetObject", "s3:PutObject" on every resource except "arn:aws:s3:::payroll/*": resources of other applications',
        },
        {
          resourceId: 'Role',
          line: 16,
          property: 'Policies[0].PolicyDocument.Statement[1].NotResource',
          message:
            'allows every action except "iam:*" on every resource except the ones it lists',
        },
      ],
    },
    {
      name: 'Terraform: not_resources in a policy document',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "reports" {
  statement {
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::payroll/*"]
  }
}
resource "aws_iam_role_policy" "reports" {
  role   = "app"
  policy = data.aws_iam_policy_document.reports.json
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.reports',
          line: 5,
          property: 'PolicyDocument.Statement[0].NotResource',
          message:
            'allows "s3:GetObject" on every resource except "arn:aws:s3:::payroll/*"',
        },
      ],
    },
  ],
});

describe('IAM-010 in Pulumi and CDK programs', () => {
  it('Pulumi: NotResource in a JSON policy', () => {
    const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('worker', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicy('reports', {
  role: role.id,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::payroll/*' }] }),
});
`;
    const findings = scanPulumiProgram(program, ['IAM-010']);
    expect(findings.map(f => `${f.resourceId} ${f.line}`)).toEqual([
      'reports 5',
    ]);
  });

  it('CDK: notResources given to a PolicyStatement or added to it', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::payroll/*'] }));
    const later = new iam.PolicyStatement({ actions: ['s3:PutObject'] });
    later.addNotResources('arn:aws:s3:::payroll/*');
    fn.addToRolePolicy(later);
  }
}
`;
    const findings = scanCdkStack(stack, ['IAM-010']);
    expect(
      findings.map(
        f =>
          `${f.resourceId} ${f.line} ${f.message.replace(/ on every.*/, '')}`,
      ),
    ).toEqual([
      'Handler/ServiceRole/DefaultPolicy 13 A policy statement of policy Handler/ServiceRole/DefaultPolicy allows "s3:GetObject"',
      'Handler/ServiceRole/DefaultPolicy 16 A policy statement of policy Handler/ServiceRole/DefaultPolicy allows "s3:PutObject"',
    ]);
  });
});
