import rule from './IAM-009';
import {
  cdkStackGraph,
  scanCdkStack,
  scanPulumiProgram,
} from '../../testing/programScans';
import { Ref } from '../../graph/values';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'statements that list their actions, and a Deny with NotAction (it takes actions away)',
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
                Action: [sqs:SendMessage]
                Resource: '*'
              - Effect: Deny
                NotAction: [s3:GetObject]
                Resource: arn:aws:s3:::payroll/*
`,
    },
    {
      name: 'a managed policy used only as a permissions boundary (it grants nothing)',
      code: `
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            NotAction: [iam:*, organizations:*]
            Resource: '*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      PermissionsBoundary: !Ref Boundary
      AssumeRolePolicyDocument: {}
`,
    },
    {
      name: 'resource policies are not judged (a queue policy)',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: sns.amazonaws.com }
            NotAction: sqs:DeleteQueue
            Resource: !GetAtt Queue.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'the AWS managed policy PowerUserAccess (Allow with NotAction iam:*, organizations:*, account:*), on a role or in SAM Policies',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/PowerUserAccess
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Policies:
        - PowerUserAccess
`,
      findings: [
        {
          resourceId: 'Role',
          line: 10,
          property: 'ManagedPolicyArns[1]',
          message:
            'Role Role has the AWS managed policy PowerUserAccess attached, which allows every action except "iam:*", "organizations:*", "account:*": every other action of every AWS service on every resource, instead of the actions it uses.',
        },
        {
          resourceId: 'Fn',
          line: 17,
          property: 'ManagedPolicyArns[1]',
          message:
            'The role SAM creates for Fn has the AWS managed policy PowerUserAccess attached, which allows every action except',
        },
      ],
    },
    {
      name: 'Allow with NotAction in a role and a SAM function Policies statement (a NotAction that AWS::NoValue removes is none)',
      code: `
Transform: AWS::Serverless-2016-10-31
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
                NotAction: [iam:*, organizations:*]
                Resource: '*'
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          Effect: Allow
          NotAction: !Ref AWS::NoValue
          Resource: '*'
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src
      Policies:
        - Statement:
            - Effect: Allow
              NotAction: s3:DeleteBucket
              Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].NotAction',
          message:
            'allows every action except "iam:*", "organizations:*": every other action of every AWS service',
        },
        {
          resourceId: 'Fn',
          line: 32,
          property: 'Policies[0].PolicyDocument.Statement[0].NotAction',
          message:
            'A policy statement of the role SAM creates for Fn allows every action except "s3:DeleteBucket"',
        },
      ],
    },
    {
      name: 'Terraform: not_actions in a policy document, NotAction in jsonencode',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "broad" {
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}
resource "aws_iam_role_policy" "broad" {
  role   = "app"
  policy = data.aws_iam_policy_document.broad.json
}
resource "aws_iam_policy" "ops" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", NotAction = "kms:*", Resource = "*" }] })
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.broad',
          line: 4,
          property: 'PolicyDocument.Statement[0].NotAction',
          message: 'except "iam:*"',
        },
        {
          resourceId: 'aws_iam_policy.ops',
          line: 13,
          property: 'PolicyDocument.Statement[0].NotAction',
          message: 'except "kms:*"',
        },
      ],
    },
  ],
});

describe('IAM-009 in Pulumi and CDK programs', () => {
  it('Pulumi: NotAction in a JSON policy and notActions in getPolicyDocument', () => {
    const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('worker', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicy('broad', {
  role: role.id,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }),
});
const doc = aws.iam.getPolicyDocumentOutput({ statements: [{ notActions: ['kms:*'], resources: ['*'] }] });
new aws.iam.RolePolicy('generated', { role: role.id, policy: doc.json });
`;
    const findings = scanPulumiProgram(program, ['IAM-009']);
    expect(
      findings.map(
        f => `${f.resourceId} ${f.line} ${f.message.replace(/:.*/, '')}`,
      ),
    ).toEqual([
      'broad 5 A policy statement of policy broad allows every action except "iam',
      'generated 8 A policy statement of policy generated allows every action except "kms',
    ]);
  });

  it('CDK: notActions given to a PolicyStatement or added to it', () => {
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
    fn.addToRolePolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
    const later = new iam.PolicyStatement({ resources: ['*'] });
    later.addNotActions('kms:*');
    fn.addToRolePolicy(later);
  }
}
`;
    const findings = scanCdkStack(stack, ['IAM-009']);
    expect(
      findings.map(
        f => `${f.resourceId} ${f.line} ${f.message.replace(/:.*/, '')}`,
      ),
    ).toEqual([
      'Handler/ServiceRole/DefaultPolicy 13 A policy statement of policy Handler/ServiceRole/DefaultPolicy allows every action except "iam',
      'Handler/ServiceRole/DefaultPolicy 16 A policy statement of policy Handler/ServiceRole/DefaultPolicy allows every action except "kms',
    ]);
  });

  it("CDK: a managed policy only a role's or a user's permissionsBoundary is (it grants nothing), not one also attached", () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const boundary = new iam.ManagedPolicy(this, 'Boundary', {
      statements: [new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] })],
    });
    new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), permissionsBoundary: boundary });
    new iam.User(this, 'Ci', { permissionsBoundary: boundary });
    const attached = new iam.ManagedPolicy(this, 'Attached', {
      statements: [new iam.PolicyStatement({ notActions: ['kms:*'], resources: ['*'] })],
    });
    new iam.User(this, 'Ops', { permissionsBoundary: attached, managedPolicies: [attached] });
  }
}
`;
    expect(
      scanCdkStack(stack, ['IAM-009']).map(f => `${f.resourceId} ${f.line}`),
    ).toEqual(['Attached 13']);
  });

  it('CDK: PermissionsBoundary.of(scope).apply(policy) gives every role and user below the scope that boundary, over their own, and clear() takes it away, as synth writes them', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const boundary = new iam.ManagedPolicy(this, 'Boundary', {
      statements: [new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] })],
    });
    const replaced = new iam.ManagedPolicy(this, 'Replaced', {
      statements: [new iam.PolicyStatement({ notActions: ['kms:*'], resources: ['*'] })],
    });
    new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), permissionsBoundary: replaced });
    iam.PermissionsBoundary.of(this).apply(boundary);
    new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const team = new Construct(this, 'Team');
    new iam.User(team, 'Ci');
    iam.PermissionsBoundary.of(team).clear();
    const strict = new iam.ManagedPolicy(this, 'Strict', {
      statements: [new iam.PolicyStatement({ notActions: ['s3:*'], resources: ['*'] })],
    });
    // Given the boundary or not, the Deployer has no other: the policy grants nothing either way.
    if (process.env.STRICT) iam.PermissionsBoundary.of(team).apply(strict);
    new iam.Role(team, 'Deployer', { assumedBy: new iam.AccountRootPrincipal() });
  }
}
`;
    expect(
      scanCdkStack(stack, ['IAM-009']).map(f => `${f.resourceId} ${f.line}`),
      // The boundary the aspect replaced is left attached to nothing, so judged, as synth leaves it.
    ).toEqual(['Replaced 12']);
    const graph = cdkStackGraph(stack);
    const boundaryOf = (id: string) =>
      graph.get(id)!.properties.PermissionsBoundary;
    expect(boundaryOf('Worker')).toEqual(new Ref('Boundary'));
    expect(boundaryOf('Handler/ServiceRole')).toEqual(new Ref('Boundary'));
    expect(boundaryOf('Team/Ci')).toEqual(new Ref('Strict'));
    expect(boundaryOf('Team/Deployer')).toEqual(new Ref('Strict'));
  });

  it("CDK: a boundary applied to the app reaches its stacks' roles and users", () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
export class AppStack extends cdk.Stack {
  readonly boundary: iam.ManagedPolicy;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.boundary = new iam.ManagedPolicy(this, 'Boundary', {
      statements: [new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] })],
    });
    new iam.CfnUser(this, 'Ci', {});
  }
}
`;
    const app = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AppStack } from '../lib/stack';
const app = new cdk.App();
const stack = new AppStack(app, 'App');
iam.PermissionsBoundary.of(app).apply(stack.boundary);
`;
    expect(scanCdkStack(stack, ['IAM-009'], app)).toEqual([]);
  });
});
