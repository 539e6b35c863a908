/**
 * The lines of findings on a policy statement a CDK app writes: that of the key of the statement's props that sets
 * the property (`actions:` for Action, `resources:` for Resource), and of an element of a list written on its own
 * line; where the statement's props are not written in the stack's file, or a method changed what they set, the
 * line the statement had before (the call that adds it, or its `new PolicyStatement`).
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { cdkStackFiles, cdkStackSource } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { readStatement } from './statements';
`,
    body,
  );

/** `lib/statements.ts`, a helper of another file that makes a statement. */
const HELPER = `import * as iam from 'aws-cdk-lib/aws-iam';
export function readStatement() {
  return new iam.PolicyStatement({
    actions: ['*'],
    resources: ['*'],
  });
}
`;

const findingsOf = (body: string) =>
  scanFiles(
    [
      ...cdkStackFiles(stack(body)),
      { path: 'svc/lib/statements.ts', text: HELPER },
    ],
    selectRules(['IAM-002', 'IAM-003', 'OPS-002']),
    { now: new Date('2026-12-04T00:00:00Z') },
  )
    .findings.map(
      f => `${f.ruleId} ${f.resourceId} ${f.property ?? '-'} ${f.line}`,
    )
    .sort();

const ROLE = `    const role = new iam.Role(this, 'AppRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
`;

describe('lines of findings on a CDK policy statement', () => {
  it('are the lines of the keys and elements of a statement added to a role', () => {
    expect(
      findingsOf(
        `${ROLE}    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['*'],
        resources: [
          'arn:aws:s3:::bucket',
          'arn:aws:sqs:us-east-1:123456789012:queue',
        ],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: ['*'],
    }));`,
      ),
    ).toEqual([
      'IAM-002 AppRole/DefaultPolicy PolicyDocument.Statement[0].Action 15',
      'IAM-003 AppRole/DefaultPolicy PolicyDocument.Statement[1].Resource 24',
      'OPS-002 AppRole/DefaultPolicy PolicyDocument.Statement[0].Resource[1] 18',
    ]);
  });

  it('are the lines of the keys of a statement added to a function, a policy and an inline policy', () => {
    expect(
      findingsOf(
        `${ROLE}    const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['sqs:*'],
      resources: ['*'],
    }));
    new iam.Policy(this, 'Extra', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['*'],
          resources: ['arn:aws:s3:::b'],
        }),
      ],
    });
    new iam.Role(this, 'Inline', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        read: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['s3:GetObject'],
              resources: ['*'],
            }),
          ],
        }),
      },
    });`,
      ),
    ).toEqual([
      'IAM-002 Extra PolicyDocument.Statement[0].Action 26',
      'IAM-002 Fn/ServiceRole/DefaultPolicy PolicyDocument.Statement[0].Action 19',
      'IAM-003 Fn/ServiceRole/DefaultPolicy PolicyDocument.Statement[0].Resource 20',
      'IAM-003 Inline Policies[0].PolicyDocument.Statement[0].Resource 38',
    ]);
  });

  it('are the lines of the keys of a statement made before, or of props given as a variable', () => {
    expect(
      findingsOf(
        `${ROLE}    const props = {
      actions: ['*'],
      resources: ['arn:aws:s3:::b'],
    };
    const statement = new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: ['*'],
    });
    role.addToPolicy(new iam.PolicyStatement(props));
    role.addToPolicy(statement);`,
      ),
    ).toEqual([
      'IAM-002 AppRole/DefaultPolicy PolicyDocument.Statement[0].Action 14',
      'IAM-003 AppRole/DefaultPolicy PolicyDocument.Statement[1].Resource 19',
    ]);
  });

  it('are the lines of the keys of the JSON of PolicyStatement.fromJson', () => {
    expect(
      findingsOf(
        `${ROLE}    role.addToPolicy(iam.PolicyStatement.fromJson({
      Effect: 'Allow',
      Action: 'sqs:*',
      Resource: '*',
    }));`,
      ),
    ).toEqual([
      'IAM-002 AppRole/DefaultPolicy PolicyDocument.Statement[0].Action 15',
      'IAM-003 AppRole/DefaultPolicy PolicyDocument.Statement[0].Resource 16',
    ]);
  });

  it('keep the line of the call that adds a statement a helper of another file or a method makes', () => {
    expect(
      findingsOf(
        `${ROLE}    const statement = new iam.PolicyStatement({
      actions: ['s3:GetObject'],
    });
    statement.addResources('*');
    role.addToPolicy(statement);
    role.addToPolicy(readStatement());`,
      ),
    ).toEqual([
      'IAM-002 AppRole/DefaultPolicy PolicyDocument.Statement[1].Action 18',
      'IAM-003 AppRole/DefaultPolicy PolicyDocument.Statement[0].Resource 17',
      'IAM-003 AppRole/DefaultPolicy PolicyDocument.Statement[1].Resource 18',
    ]);
  });
});
