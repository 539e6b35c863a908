import { lineOfPath } from '../../graph/locations';
import { Ref, Template, Unknown } from '../../graph/values';
import { pulumiAdapter } from '.';
import { SourceFile } from '../types';
import { scanFiles, selectRules } from '../../engine/scan';

const PROJECT = 'name: demo\nruntime: yaml\n';

function files(program: string, extra: SourceFile[] = []): SourceFile[] {
  return [{ path: 'app/Pulumi.yaml', text: PROJECT + program }, ...extra];
}

/** `<rule> <resource> <line>` of each finding of the rules. */
function scan(
  program: string,
  rules: string[],
  extra: SourceFile[] = [],
): string[] {
  return scanFiles(files(program, extra), selectRules(rules)).findings.map(
    f => `${f.ruleId} ${f.resourceId} ${f.line}`,
  );
}

function graphOf(program: string, extra: SourceFile[] = []) {
  const result = pulumiAdapter.load(
    files(program, extra).filter(file => pulumiAdapter.accepts(file)),
  );
  expect(result.errors).toEqual([]);
  expect(result.skipped ?? []).toEqual([]);
  expect(result.graphs).toHaveLength(1);
  return result.graphs[0];
}

const ROLE = `  role:
    type: aws:iam:Role
    properties:
      assumeRolePolicy:
        fn::toJSON:
          Version: 2012-10-17
          Statement:
            - Action: sts:AssumeRole
              Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
      managedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`;

describe('Pulumi YAML programs', () => {
  it('reads the resources of Pulumi.yaml as the TypeScript path declares them, with their lines', () => {
    const graph = graphOf(`resources:
${ROLE}  fn:
    type: aws:lambda/function:Function
    properties:
      runtime: nodejs20.x
      role: \${role.arn}
      environment:
        variables:
          ROLE_NAME: \${role.name}
          LABEL: fn-\${role.name}-x
      code:
        fn::fileArchive: ./lambda
`);
    expect(
      [...graph.resources].map(r => [
        r.id,
        r.type,
        r.sourceType,
        r.file,
        r.line,
      ]),
    ).toEqual([
      ['role', 'AWS::IAM::Role', 'aws:iam:Role', 'app/Pulumi.yaml', 4],
      [
        'fn',
        'AWS::Lambda::Function',
        'aws:lambda/function:Function',
        'app/Pulumi.yaml',
        17,
      ],
    ]);
    const fn = graph.get('fn')!;
    expect(fn.properties).toMatchObject({
      Runtime: 'nodejs20.x',
      Role: new Ref('role', 'Arn'),
      Environment: {
        Variables: {
          ROLE_NAME: new Ref('role'),
          LABEL: new Template(['fn-', new Ref('role'), '-x']),
        },
      },
    });
    expect(fn.properties.Code).toBeInstanceOf(Unknown);
    expect(lineOfPath(fn.properties, ['Role'], 0)).toBe(21);
    expect(
      graph.get('role')!.properties.AssumeRolePolicyDocument,
    ).toMatchObject({ Statement: [{ Action: 'sts:AssumeRole' }] });
  });

  it('reports a function invoked by an SNS subscription without a DLQ (DLQ-001), and a consumed queue without one (DLQ-002)', () => {
    const program = `resources:
${ROLE}  topic:
    type: aws:sns:Topic
  fn:
    type: aws:lambda:Function
    properties:
      runtime: nodejs20.x
      role: \${role.arn}
  subscription:
    type: aws:sns:TopicSubscription
    properties:
      topic: \${topic.arn}
      protocol: lambda
      endpoint: \${fn.arn}
  queue:
    type: aws:sqs:Queue
  mapping:
    type: aws:lambda:EventSourceMapping
    properties:
      eventSourceArn: \${queue.arn}
      functionName: \${fn.name}
`;
    expect(scan(program, ['DLQ-001', 'DLQ-002'])).toEqual([
      'DLQ-001 fn 19',
      'DLQ-002 queue 30',
    ]);
  });

  it('reports a broad managed policy (IAM-002) and a log group kept forever (LOG-002) at their lines', () => {
    const program = `resources:
  role:
    type: aws:iam:Role
    properties:
      assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}'
  attachment:
    type: aws:iam:RolePolicyAttachment
    properties:
      role: \${role.name}
      policyArn: arn:aws:iam::aws:policy/AWSLambda_FullAccess
  logs:
    type: aws:cloudwatch:LogGroup
    properties:
      name: /app/logs
`;
    expect(scan(program, ['IAM-002', 'LOG-002'])).toEqual([
      'IAM-002 role 12',
      'LOG-002 logs 13',
    ]);
  });

  it("counts tags, and a provider's default tags (OPS-003)", () => {
    const program = (provider: string) => `resources:
  tagged:
    type: aws:sqs:Queue
    properties:
      tags:
        team: orders
  untagged:
    type: aws:sqs:Queue
${provider}`;
    expect(scan(program(''), ['OPS-003'])).toEqual(['OPS-003 untagged 9']);
    const provider =
      '  provider:\n    type: pulumi:providers:aws\n    properties:\n      defaultTags:\n        tags:\n          team: orders\n';
    expect(scan(program(provider), ['OPS-003'])).toEqual([]);
    // Configured in a stack's settings, as for the TypeScript path.
    expect(
      scan(
        program(''),
        ['OPS-003'],
        [
          {
            path: 'app/Pulumi.dev.yaml',
            text: 'config:\n  aws:defaultTags:\n    tags:\n      team: x\n',
          },
        ],
      ),
    ).toEqual([]);
  });

  it("resolves references in a function's environment and policies (IAM-004)", () => {
    const program = (action: string) => `variables:
  tableArn: \${table.arn}
resources:
  table:
    type: aws:dynamodb:Table
    properties:
      hashKey: id
      attributes:
        - name: id
          type: S
${ROLE}  policy:
    type: aws:iam:RolePolicy
    properties:
      role: \${role.id}
      policy:
        fn::toJSON:
          Version: 2012-10-17
          Statement:
            - Effect: Allow
              Action: ${action}
              Resource: \${tableArn}
  fn:
    type: aws:lambda:Function
    properties:
      runtime: nodejs20.x
      role: \${role.arn}
      environment:
        variables:
          TABLE: \${table.name}
`;
    expect(scan(program('dynamodb:GetItem'), ['IAM-004'])).toEqual([]);
    expect(scan(program('sqs:SendMessage'), ['IAM-004'])).toEqual([
      'IAM-004 fn 44',
    ]);
    const graph = graphOf(program('dynamodb:GetItem'));
    expect(graph.get('policy')!.properties.PolicyDocument).toMatchObject({
      Statement: [{ Resource: new Ref('table', 'Arn') }],
    });
  });

  it('takes config a stack sets, or declared without a default, as not known, and a default as its value, at partial confidence', () => {
    const program = (config: string) => `config:
${config}resources:
  logs:
    type: aws:cloudwatch:LogGroup
    properties:
      retentionInDays: \${retention}
`;
    const findings = (config: string, extra: SourceFile[] = []) =>
      scanFiles(files(program(config), extra), selectRules(['LOG-002']), {
        ruleOptions: { 'LOG-002': { minRetentionDays: 14 } },
      }).findings.map(f => [f.resourceId, f.line, f.confidence]);
    const withDefault = '  retention:\n    type: integer\n    default: 7\n';
    expect(findings('  retention:\n    type: integer\n')).toEqual([]);
    expect(findings(withDefault)).toEqual([['logs', 11, 'partial']]);
    expect(
      findings(withDefault, [
        { path: 'app/Pulumi.dev.yaml', text: 'config:\n  demo:retention: 1\n' },
      ]),
    ).toEqual([]);
    const graph = graphOf(program(withDefault));
    expect(graph.get('logs')!.properties.RetentionInDays).toBe(7);
    expect(
      graph.defaults?.withoutDefaults().get('logs')!.properties.RetentionInDays,
    ).toBeInstanceOf(Unknown);
  });

  it('reads the older `configuration` section as `config`: a default is the value; a key both declare takes what `config` gives', () => {
    const program = (sections: string) => `${sections}resources:
  logs:
    type: aws:cloudwatch:LogGroup
    properties:
      retentionInDays: \${retention}
`;
    const retention = (sections: string) =>
      graphOf(program(sections)).get('logs')!.properties.RetentionInDays;
    const configuration =
      'configuration:\n  retention:\n    type: Number\n    default: 7\n';
    expect(retention(configuration)).toBe(7);
    expect(
      retention('configuration:\n  retention:\n    type: Number\n'),
    ).toBeInstanceOf(Unknown);
    // A bare value is refused there, and `name` reads another key.
    expect(retention('configuration:\n  retention: 7\n')).toBeInstanceOf(
      Unknown,
    );
    expect(
      retention(
        'configuration:\n  retention:\n    name: days\n    default: 7\n',
      ),
    ).toBeInstanceOf(Unknown);
    expect(retention(`${configuration}config:\n  retention: 30\n`)).toBe(30);
    expect(
      retention(`${configuration}config:\n  retention:\n    type: integer\n`),
    ).toBeInstanceOf(Unknown);
    expect(
      scan(
        program(configuration),
        ['LOG-002'],
        [
          {
            path: 'app/Pulumi.dev.yaml',
            text: 'config:\n  demo:retention: 1\n',
          },
        ],
      ),
    ).toEqual([]);
  });

  it('reads the fields of a `configuration` key whatever their case, as Pulumi YAML does (`Default`), the last one written counting', () => {
    const retention = (entry: string) =>
      graphOf(
        `configuration:\n  retention:\n${entry}resources:\n  logs:\n    type: aws:cloudwatch:LogGroup\n    properties:\n      retentionInDays: \${retention}\n`,
      ).get('logs')!.properties.RetentionInDays;
    expect(retention('    Type: Number\n    Default: 7\n')).toBe(7);
    expect(
      retention('    type: Number\n    default: 7\n    DEFAULT: 14\n'),
    ).toBe(14);
    expect(retention('    Name: days\n    Default: 7\n')).toBeInstanceOf(
      Unknown,
    );
  });

  it('does not read a `configuration` default that is an expression, which Pulumi evaluates there (`config` takes it as text)', () => {
    const logs = (sections: string) =>
      graphOf(
        `${sections}resources:\n  logs:\n    type: aws:cloudwatch:LogGroup\n    properties:\n      name: \${logName}\n      retentionInDays: \${retention}\n`,
      ).get('logs')!.properties;
    const configuration = logs(
      'configuration:\n  logName:\n    default: ${pulumi.stack}-logs\n  retention:\n    default:\n      fn::select: [0, [7, 14]]\n',
    );
    expect(configuration.LogGroupName).toBeInstanceOf(Unknown);
    expect(configuration.RetentionInDays).toBeInstanceOf(Unknown);
    expect(
      logs('config:\n  logName:\n    default: ${pulumi.stack}-logs\n')
        .LogGroupName,
    ).toBe('${pulumi.stack}-logs');
  });

  it("reads the program in Main.yaml (the `main` folder's), and reports one that does not parse (PARSE-001)", () => {
    const main = 'resources:\n  queue:\n    type: aws:sqs:Queue\n';
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: `${PROJECT}main: infra/\n` },
        { path: 'app/infra/Main.yaml', text: main },
      ],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.file, f.line])).toEqual([
      ['ENC-003', 'app/infra/Main.yaml', 2],
    ]);
    const broken = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/Main.yaml', text: `${main}  other: [\n` },
      ],
      selectRules(['ENC-003']),
    );
    expect(broken.findings.map(f => [f.ruleId, f.file, f.line])).toEqual([
      ['PARSE-001', 'app/Main.yaml', 4],
    ]); // the file's last line: the parser ran past it
  });

  it('reports a program that gives a variable the name of a resource or a config value, or names one pulumi, which Pulumi refuses to run (PARSE-001)', () => {
    const program = [
      'configuration:',
      '  retention:',
      '    type: Number',
      'resources:',
      '  queue:',
      '    type: aws:sqs:Queue',
      '    properties:',
      '      sqsManagedSseEnabled: ${encrypted}',
      '  pulumi:',
      '    type: aws:sqs:Queue',
      'variables:',
      '  encrypted: false',
      '  queue: ${encrypted}',
      '  retention: 7',
      '',
    ].join('\n');
    const report = scanFiles(files(program), selectRules(['ENC-003']));
    expect(
      report.findings.map(f => `${f.ruleId} ${f.file}:${f.line} ${f.message}`),
    ).toEqual([
      'PARSE-001 app/Pulumi.yaml:11 Pulumi parse error in Pulumi.yaml: resource pulumi uses the reserved name pulumi: Pulumi runs none of the program',
      'PARSE-001 app/Pulumi.yaml:15 Pulumi parse error in Pulumi.yaml: variable queue cannot have the same name as resource queue: Pulumi runs none of the program',
      'PARSE-001 app/Pulumi.yaml:16 Pulumi parse error in Pulumi.yaml: variable retention cannot have the same name as config value retention: Pulumi runs none of the program',
    ]);
  });

  it("exports the stack's outputs (OPS-006)", () => {
    const program = (outputs: string) => `resources:
  queue:
    type: aws:sqs:Queue
${outputs}`;
    expect(scan(program(''), ['OPS-006'])).toEqual(['OPS-006 queue 4']);
    expect(
      scan(program('outputs:\n  queueUrl: ${queue.url}\n'), ['OPS-006']),
    ).toEqual([]);
  });

  it('honours suppression comments on a resource', () => {
    const program = `resources:
  # infra-compliance:suppress=ENC-003:encrypted by the account's default
  queue:
    type: aws:sqs:Queue
  other:
    type: aws:sqs:Queue
`;
    const findings = scanFiles(
      files(program),
      selectRules(['ENC-003']),
    ).findings;
    expect(findings.map(f => [f.resourceId, f.line, f.suppressed])).toEqual([
      [
        'queue',
        5,
        { kind: 'inline', reason: "encrypted by the account's default" },
      ],
      ['other', 7, undefined],
    ]);
  });

  it('honours a suppression comment on an attachment for the findings that point into it, not those on its resource elsewhere (OPS-002)', () => {
    const program = `resources:
  key:
    type: aws:kms:Key
    properties:
      enableKeyRotation: true
      description: arn:aws:sns:us-east-1:123456789012:topic
  # infra-compliance:suppress=OPS-002:the publisher is in the platform account
  keyPolicy:
    type: aws:kms:KeyPolicy
    properties:
      keyId: \${key.id}
      policy:
        fn::toJSON:
          Version: 2012-10-17
          Statement:
            - Effect: Allow
              Principal:
                Service: sns.amazonaws.com
              Action: kms:Decrypt
              Resource: '*'
              Condition:
                ArnLike:
                  aws:SourceArn: arn:aws:sns:us-east-1:123456789012:topic
`;
    const report = scanFiles(files(program), selectRules(['OPS-002']));
    expect(
      report.findings.map(f => [f.resourceId, f.line, f.suppressed?.reason]),
    ).toEqual([
      ['key', 8, undefined],
      ['key', 25, 'the publisher is in the platform account'],
    ]);
    expect(report.unusedSuppressions).toEqual([]);
  });

  it('reads the policy document of fn::invoke of aws:iam:getPolicyDocument as aws.iam.getPolicyDocument (IAM-002, IAM-003)', () => {
    const program = (invoke: string, policy: string) => `variables:
  doc:
    fn::invoke:
${invoke}
resources:
${ROLE}  policy:
    type: aws:iam:RolePolicy
    properties:
      role: \${role.id}
      policy: ${policy}
`;
    const statements = `        statements:
          - actions:
              - s3:*
            resources:
              - '*'`;
    const returned = `      function: aws:iam:getPolicyDocument
      arguments:
${statements}
      return: json`;
    // At the policy's line, as the TypeScript path reports a getPolicyDocument's statements.
    expect(scan(program(returned, '${doc}'), ['IAM-002', 'IAM-003'])).toEqual([
      'IAM-002 policy 32',
      'IAM-003 policy 32',
    ]);
    // Without `return`, the result, whose `json` is the document; the long token and the older capitalised keys.
    const result = `      Function: aws:iam/getPolicyDocument:getPolicyDocument
      Arguments:
${statements}`;
    expect(
      scan(program(result, '${doc.json}'), ['IAM-002', 'IAM-003']),
    ).toEqual(['IAM-002 policy 31', 'IAM-003 policy 31']);
    expect(
      graphOf(program(returned, '${doc}')).get('policy')!.properties
        .PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }],
    });
  });

  it('reads the ARN of an AWS managed policy fn::invoke of aws:iam:getPolicy finds, as aws.iam.getPolicy (IAM-002); a customer managed one is not known', () => {
    const program = `variables:
  admin:
    fn::invoke:
      function: aws:iam:getPolicy
      arguments:
        name: AdministratorAccess
      return: arn
  glue:
    fn::invoke:
      Function: aws:iam/getPolicy:getPolicy
      Arguments:
        arn: arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole
  mine:
    fn::invoke:
      function: aws:iam:getPolicy
      arguments:
        name: deploy-everything
      return: arn
resources:
  ci:
    type: aws:iam:User
  ciAdmin:
    type: aws:iam:UserPolicyAttachment
    properties:
      user: \${ci.name}
      policyArn: \${admin}
  ciGlue:
    type: aws:iam:UserPolicyAttachment
    properties:
      user: \${ci.name}
      policyArn: \${glue.arn}
  ciMine:
    type: aws:iam:UserPolicyAttachment
    properties:
      user: \${ci.name}
      policyArn: \${mine}
`;
    expect(scan(program, ['IAM-002'])).toEqual([
      'IAM-002 ci 28',
      'IAM-002 ci 33',
    ]);
    expect(graphOf(program).get('ci')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole',
      expect.any(Unknown),
    ]);
  });

  it("grants a function what a getPolicyDocument invoke allows on a table's ARN (IAM-004)", () => {
    const program = (action: string) => `variables:
  doc:
    fn::invoke:
      function: aws:iam:getPolicyDocument
      arguments:
        statements:
          - actions: [${action}]
            resources: ['\${table.arn}']
      return: json
resources:
  table:
    type: aws:dynamodb:Table
    properties:
      hashKey: id
      attributes:
        - name: id
          type: S
${ROLE}  policy:
    type: aws:iam:RolePolicy
    properties:
      role: \${role.id}
      policy: \${doc}
  fn:
    type: aws:lambda:Function
    properties:
      runtime: nodejs20.x
      role: \${role.arn}
      environment:
        variables:
          TABLE: \${table.name}
`;
    expect(scan(program('dynamodb:GetItem'), ['IAM-004'])).toEqual([]);
    expect(scan(program('sqs:SendMessage'), ['IAM-004'])).toEqual([
      'IAM-004 fn 45',
    ]);
  });

  it("names the default provider's region that its stacks' configuration sets, of a resource whose options name no provider (OPS-004)", () => {
    const program = `resources:
  west:
    type: pulumi:providers:aws
    properties:
      region: eu-west-2
  orders:
    type: aws:dynamodb:Table
    properties:
      hashKey: id
      replicas:
        - regionName: us-west-2
  audit:
    type: aws:dynamodb:Table
    properties:
      hashKey: id
      replicas:
        - regionName: us-west-2
    options:
      provider: \${west}
`;
    const stack = {
      path: 'app/Pulumi.dev.yaml',
      text: 'config:\n  aws:region: eu-west-1\n',
    };
    expect(
      scanFiles(files(program, [stack]), selectRules(['OPS-004']))
        .findings.filter(f => f.property === 'Replicas[0]')
        .map(
          f =>
            `${f.resourceId} ${
              / on its replica( in ([a-z0-9-]+))?,/.exec(f.message)![2] ??
              'none'
            }`,
        ),
    ).toEqual(['orders eu-west-1', 'audit none']);
    // A provider declared the default one stands for the stack's.
    const declaredDefault = program.replace(
      '    type: pulumi:providers:aws\n',
      '    type: pulumi:providers:aws\n    defaultProvider: true\n',
    );
    expect(
      scanFiles(files(declaredDefault, [stack]), selectRules(['OPS-004']))
        .findings.filter(f => f.property === 'Replicas[0]')
        .map(f => f.message.includes(' on its replica,')),
    ).toEqual([true, true]);
  });

  it('names a resource type as the program writes it, and its properties as Pulumi does (OPS-003)', () => {
    const program = `resources:
  queue:
    type: aws:sqs:Queue
  fn:
    type: aws:lambda/function:Function
    properties:
      runtime: nodejs20.x
      role: arn:aws:iam::123456789012:role/app
      tags: {}
`;
    const findings = scanFiles(
      files(program),
      selectRules(['OPS-003']),
    ).findings;
    expect(
      findings.map(f => [f.resourceId, f.resourceType, f.message]),
    ).toEqual([
      [
        'queue',
        'aws:sqs:Queue',
        'aws:sqs:Queue queue has no tags, so it cannot be attributed to a team, service or environment.',
      ],
      [
        'fn',
        'aws:lambda/function:Function',
        'aws:lambda/function:Function fn has no tags: tags is empty, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
  });

  it('leaves out types not modelled, and what they are handed is not known, nor what another fn::invoke gives; evaluates fn::join, fn::split and fn::select', () => {
    const graph = graphOf(`variables:
  document:
    fn::invoke:
      function: aws:iam:getPolicy
      arguments:
        name: AdministratorAccess
      return: policy
resources:
  policy:
    type: aws:iam:Policy
    properties:
      policy: \${document}
  vpc:
    type: awsx:ec2:Vpc
  group:
    type: aws:ec2:SecurityGroup
    properties:
      vpcId: \${vpc.vpcId}
      name:
        fn::join: ['-', [a, b]]
      description:
        fn::select:
          - 1
          - fn::split: [',', 'x,y']
`);
    expect([...graph.resources].map(r => r.id)).toEqual(['policy', 'group']);
    // A function's result is not known statically.
    expect(graph.get('policy')!.properties.PolicyDocument).toBeInstanceOf(
      Unknown,
    );
    const group = graph.get('group')!.properties;
    expect(group.VpcId).toBeInstanceOf(Unknown);
    expect(group).toMatchObject({ Name: 'a-b', Description: 'y' });
    // Nor what the function returns without `return`.
    const other = `variables:
  found:
    fn::invoke:
      function: aws:iam:getPolicy
      arguments:
        name: AdministratorAccess
resources:
  policy:
    type: aws:iam:Policy
    properties:
      policy: \${found.policy}
`;
    expect(scan(other, ['IAM-002', 'IAM-003'])).toEqual([]);
    expect(
      graphOf(other).get('policy')!.properties.PolicyDocument,
    ).toBeInstanceOf(Unknown);
  });

  it('does not know a text that variables double past a million characters, with interpolation or fn::join', () => {
    const doubled = (how: (previous: string) => string) =>
      Array.from(
        { length: 40 },
        (_, index) => `  a${index + 1}:${how(`\${a${index}}`)}\n`,
      ).join('');
    const queueNamed = (variables: string) =>
      graphOf(
        `variables:\n  a0: x\n${variables}resources:\n  q:\n    type: aws:sqs:Queue\n    properties:\n      name: \${a40}\n`,
      ).get('q')!.properties.QueueName;
    const started = Date.now();
    expect(queueNamed(doubled(a => ` "${a}${a}"`))).toEqual(
      new Unknown('text too long'),
    );
    expect(
      queueNamed(doubled(a => `\n    fn::join: ['', ['${a}', '${a}']]`)),
    ).toEqual(new Unknown('text too long'));
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
