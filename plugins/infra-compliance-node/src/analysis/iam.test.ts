import { cloudFormationAdapter } from '../adapters/cloudformation';
import { ResourceGraph } from '../graph/ResourceGraph';
import { actionMatches, grants, permissionsOf, someActionMatches } from './iam';
import { awsManagedPolicyStatements } from './awsManagedPolicies';

function roleOf(template: string) {
  const result = cloudFormationAdapter.load([
    { path: 'template.yaml', text: template },
  ]);
  expect(result.errors).toEqual([]);
  const graph: ResourceGraph = result.graphs[0];
  return permissionsOf(graph, graph.get('Role')!);
}

const withManaged = (...arns: string[]) => `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
${arns.map(arn => `        - ${arn}`).join('\n')}
`;

describe('analysis/iam: AWS managed policies, from their documents', () => {
  it('reads every statement of the policy an ARN names, with its path: Deny, NotAction, NotResource, resource lists, conditions', () => {
    const { statements, complete } = roleOf(
      withManaged(
        'arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole',
        'arn:aws:iam::aws:policy/PowerUserAccess',
        '!Sub arn:${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess',
        'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy',
      ),
    );
    expect(complete).toBe(true);
    const common = { origin: 'managed', knownActions: expect.any(Array) };
    // service-role/AWSGlueServiceRole: its first statement, and its statement on tags under a condition.
    expect(statements[0]).toMatchObject({
      ...common,
      effect: 'Allow',
      actions: expect.arrayContaining(['glue:*', 'cloudwatch:PutMetricData']),
      notAction: false,
      resources: ['*'],
      notResource: false,
      conditioned: false,
      path: ['ManagedPolicyArns', 0],
    });
    expect(statements).toContainEqual(
      expect.objectContaining({
        actions: ['ec2:CreateTags', 'ec2:DeleteTags'],
        resources: [
          'arn:aws:ec2:*:*:network-interface/*',
          'arn:aws:ec2:*:*:security-group/*',
          'arn:aws:ec2:*:*:instance/*',
        ],
        conditioned: true,
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        effect: 'Allow',
        actions: ['iam:*', 'organizations:*', 'account:*'],
        notAction: true,
        resources: ['*'],
        path: ['ManagedPolicyArns', 1],
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        effect: 'Allow',
        actions: ['sagemaker:*', 'sagemaker-geospatial:*'],
        resources: undefined,
        notResource: true,
        notResources: expect.arrayContaining([
          'arn:aws:sagemaker:*:*:domain/*',
        ]),
        path: ['ManagedPolicyArns', 2],
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        effect: 'Deny',
        actions: [
          's3:DeleteBucketPolicy',
          's3:PutBucketPolicy',
          's3:GetBucketPolicy',
          's3:ListAllMyBuckets',
        ],
        notAction: true,
        path: ['ManagedPolicyArns', 3],
      }),
    );
  });

  it('grants what the policy allows, not what it does not, and under a condition only maybe', () => {
    const glue = roleOf(
      withManaged('arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole'),
    );
    expect(grants(glue, ['glue:StartJobRun'])).toBe('yes');
    expect(grants(glue, ['sqs:SendMessage'])).toBe('no');
    // Allowed only with a condition on the request's tag keys.
    expect(grants(glue, ['ec2:CreateTags'])).toBe('unknown');
    // AWSLambda_FullAccess passes roles only to Lambda (iam:PassedToService).
    const lambda = roleOf(
      withManaged('arn:aws:iam::aws:policy/AWSLambda_FullAccess'),
    );
    expect(grants(lambda, ['lambda:InvokeFunction'])).toBe('yes');
    expect(grants(lambda, ['iam:PassRole'])).toBe('unknown');
  });

  it('a statement written with a condition grants maybe, as a managed one', () => {
    const written = roleOf(`
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
                Action: sqs:SendMessage
                Resource: '*'
                Condition: { Bool: { aws:SecureTransport: true } }
              - Effect: Allow
                Action: sns:Publish
                Resource: '*'
`);
    expect(grants(written, ['sqs:SendMessage'])).toBe('unknown');
    expect(grants(written, ['sns:Publish'])).toBe('yes');
  });

  it('reads a policy once: the roles that attach it share its statements, and their action lists', () => {
    const arn =
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    const statements = awsManagedPolicyStatements(arn);
    expect(statements?.length).toBeGreaterThan(0);
    expect(awsManagedPolicyStatements(arn)).toBe(statements);
    const first = roleOf(withManaged(arn)).statements;
    const second = roleOf(withManaged(arn)).statements;
    expect(first.map(statement => statement.actions)).toEqual(
      statements!.map(statement => statement.actions),
    );
    first.forEach((statement, index) =>
      expect(second[index].actions).toBe(statement.actions),
    );
  });

  it('an ARN with another path than the policy has names no policy (IAM refuses it): the role is not known', () => {
    const misplaced = roleOf(
      withManaged(
        'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole',
        'arn:aws:iam::aws:policy/service-role/AdministratorAccess',
      ),
    );
    expect(misplaced.statements).toEqual([]);
    expect(misplaced.complete).toBe(false);
    expect(grants(misplaced, ['logs:PutLogEvents'])).toBe('unknown');
  });
});

describe('analysis/iam: someActionMatches', () => {
  // Patterns of every kind the index sorts: literal services, a service part with wildcards, none.
  const patterns = [
    '*',
    'SQS:Send*',
    's3:Get?bject',
    's3*:List*',
    '?ynamodb:Query',
    'logs',
    'kms:*',
  ];
  const actions = [
    'sqs:SendMessage',
    'SQS:sendmessagebatch',
    'sqs:ReceiveMessage',
    's3:GetObject',
    's3:GetObjects',
    's3-object-lambda:ListBuckets',
    'dynamodb:Query',
    'logs',
    'logs:PutLogEvents',
    'kms:Decrypt',
    'lambda:InvokeFunction',
  ];

  it('answers as actionMatches over the list, each pattern alone and all of them, case-insensitively', () => {
    for (const action of actions) {
      for (const pattern of patterns)
        expect([pattern, action, someActionMatches([pattern], action)]).toEqual(
          [pattern, action, actionMatches(pattern, action)],
        );
      const withoutAny = patterns.slice(1);
      expect([action, someActionMatches(withoutAny, action)]).toEqual([
        action,
        withoutAny.some(pattern => actionMatches(pattern, action)),
      ]);
    }
    expect(someActionMatches(['s3:Get?bject'], 'S3:GETOBJECT')).toBe(true);
    expect(
      someActionMatches(['s3*:List*'], 's3-object-lambda:ListBuckets'),
    ).toBe(true);
    expect(someActionMatches(['SQS:Send*'], 'sqs:ReceiveMessage')).toBe(false);
    expect(someActionMatches(['logs'], 'logs:PutLogEvents')).toBe(false);
  });

  it('answers alike for a list long enough to be indexed (an AWS managed policy lists hundreds)', () => {
    // Patterns of services none of the actions is of: each list is as long as a short one is not.
    const others = Array.from(
      { length: 10 },
      (_, index) => `ec2:Describe${index}*`,
    );
    for (const action of actions) {
      for (const pattern of patterns)
        expect([
          pattern,
          action,
          someActionMatches([...others, pattern], action),
        ]).toEqual([pattern, action, actionMatches(pattern, action)]);
      const withoutAny = [...others, ...patterns.slice(1)];
      expect([action, someActionMatches(withoutAny, action)]).toEqual([
        action,
        withoutAny.some(pattern => actionMatches(pattern, action)),
      ]);
    }
    expect(someActionMatches(others, 'ec2:Describe3Instances')).toBe(true);
    expect(someActionMatches(others, 'EC2:describe7')).toBe(true);
    expect(someActionMatches(others, 'ec2:RunInstances')).toBe(false);
  });
});
