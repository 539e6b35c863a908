import { lineOfPath } from '../../graph/locations';
import { Ref } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import { cloudFormationAdapter } from '.';
import { MAX_GENERATED_ENTRIES } from './forEach';

const load = (text: string) =>
  cloudFormationAdapter.load([{ path: 'template.yaml', text }]);

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::LanguageExtensions
Parameters:
  Teams:
    Type: CommaDelimitedList
    Default: orders,billing-eu
Resources:
  Fn::ForEach::Queues:
    - Team
    - !Ref Teams
    - '&{Team}Dlq':
        Type: AWS::SQS::Queue
        Properties:
          MessageRetentionPeriod: 1209600
      '&{Team}Queue':
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub '\${Team}-queue'
          Tags:
            - Key: team
              Value: !Ref Team
          RedrivePolicy:
            deadLetterTargetArn: !GetAtt '&{Team}Dlq.Arn'
            maxReceiveCount: 5
  Fn::ForEach::Topics:
    - Kind
    - [Created, Deleted]
    - Fn::ForEach::Regions:
        - Region
        - [Eu, Us]
        - '\${Kind}\${Region}Topic':
            Type: AWS::SNS::Topic
Outputs:
  Fn::ForEach::QueueUrls:
    - Team
    - !Ref Teams
    - '&{Team}Url':
        Value: !Ref '&{Team}Queue'
`;

  it('copies the fragment per element, names and references substituted, with the lines of the fragment', () => {
    const { graphs, errors } = load(template);
    expect(errors).toEqual([]);
    const [graph] = graphs;
    expect(
      [...graph.resources].map(resource => [resource.id, resource.line]),
    ).toEqual([
      ['ordersDlq', 11],
      ['ordersQueue', 15],
      ['billingeuDlq', 11],
      ['billingeuQueue', 15],
      ['CreatedEuTopic', 31],
      ['CreatedUsTopic', 31],
      ['DeletedEuTopic', 31],
      ['DeletedUsTopic', 31],
    ]);
    const queue = graph.get('billingeuQueue')!;
    expect(queue.properties).toEqual({
      QueueName: 'billing-eu-queue',
      Tags: [{ Key: 'team', Value: 'billing-eu' }],
      RedrivePolicy: {
        deadLetterTargetArn: new Ref('billingeuDlq', 'Arn'),
        maxReceiveCount: 5,
      },
    });
    expect(
      lineOfPath(
        queue.properties,
        ['RedrivePolicy', 'deadLetterTargetArn'],
        queue.line,
      ),
    ).toBe(23);
    expect(graph.referencesTo(graph.get('billingeuDlq')!)).toHaveLength(1);
    expect(
      graph.outputs.map(output => [output.name, output.value, output.line]),
    ).toEqual([
      ['ordersUrl', new Ref('ordersQueue'), 38],
      ['billingeuUrl', new Ref('billingeuQueue'), 38],
    ]);
  });

  it('reads a Ref or Fn::GetAtt whose name an intrinsic makes, as loops write them', () => {
    const { graphs, errors } = load(`Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Team
    - [orders]
    - \${Team}Dlq:
        Type: AWS::SQS::Queue
      \${Team}Queue:
        Type: AWS::SQS::Queue
        Properties:
          RedrivePolicy:
            deadLetterTargetArn: !GetAtt [!Sub '\${Team}Dlq', Arn]
            maxReceiveCount: 5
Outputs:
  Fn::ForEach::Urls:
    - Team
    - [orders]
    - \${Team}Url:
        Value: !Ref { 'Fn::Sub': '\${Team}Queue' }
`);
    expect(errors).toEqual([]);
    const [graph] = graphs;
    expect(graph.get('ordersQueue')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('ordersDlq', 'Arn'),
      maxReceiveCount: 5,
    });
    expect(graph.outputs.map(output => [output.name, output.value])).toEqual([
      ['ordersUrl', new Ref('ordersQueue')],
    ]);
  });

  it('lets the rules judge the generated resources, not report the loop as a resource without a Type', () => {
    const report = scanFiles(
      [{ path: 'template.yaml', text: template }],
      selectRules(['ENC-003', 'DLQ-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId, f.line])).toEqual([
      ['ENC-003', 'ordersDlq', 11],
      ['ENC-003', 'billingeuDlq', 11],
      ['ENC-003', 'ordersQueue', 15],
      ['ENC-003', 'billingeuQueue', 15],
    ]);
  });

  it('generates nothing from a collection not known statically, and stops at a bound', () => {
    const unknown = load(`Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - '\${Name}Queue':
        Type: AWS::SQS::Queue
  Kept:
    Type: AWS::SQS::Queue
`);
    expect(unknown.errors).toEqual([]);
    expect(
      [...unknown.graphs[0].resources].map(resource => resource.id),
    ).toEqual(['Kept']);

    const items = `[${Array.from({ length: 100 }, (_, i) => `i${i}`).join(
      ', ',
    )}]`;
    const started = Date.now();
    const nested = load(`Resources:
  Fn::ForEach::A:
    - A
    - ${items}
    - Fn::ForEach::B:
        - B
        - ${items}
        - Fn::ForEach::C:
            - C
            - ${items}
            - '\${A}\${B}\${C}':
                Type: AWS::SQS::Queue
`);
    // Unbounded, the three loops would make a million resources.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(nested.graphs[0].size).toBeLessThanOrEqual(MAX_GENERATED_ENTRIES);

    const inProperties = load(`Transform: AWS::LanguageExtensions
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - { Fn::ForEach::A: [A, ${items}, { Fn::ForEach::B: [B, ${items}, { Fn::ForEach::C: [C, ${items}, { '\${A}\${B}\${C}': x }] }] }] }
`);
    const [tags] = inProperties.graphs[0].get('Queue')!.properties
      .Tags as object[];
    expect(Object.keys(tags).length).toBeGreaterThan(0);
    expect(Object.keys(tags).length).toBeLessThanOrEqual(MAX_GENERATED_ENTRIES);
    expect(Object.keys(tags)).not.toContain('Fn::ForEach::A');
  });

  it('expands loops in conditions and inside resources, where the rules then see what they generate', () => {
    const text = `Transform: AWS::LanguageExtensions
Conditions:
  Fn::ForEach::Environments:
    - Environment
    - [prod, dev]
    - 'Is\${Environment}': !Equals [!Ref Environment, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Fn::ForEach::Encryption:
        - Setting
        - [KmsMasterKeyId]
        - '\${Setting}': alias/queues
      MessageRetentionPeriod: 1209600
  DevQueue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !If [Isdev, alias/queues, !Ref AWS::NoValue]
      Tags:
        - Fn::ForEach::Tag:
            - Name
            - [team, service]
            - '\${Name}': owner
`;
    const { graphs, errors } = load(text);
    expect(errors).toEqual([]);
    const queue = graphs[0].get('Queue')!;
    expect(queue.properties).toEqual({
      KmsMasterKeyId: 'alias/queues',
      MessageRetentionPeriod: 1209600,
    });
    expect(lineOfPath(queue.properties, ['KmsMasterKeyId'], queue.line)).toBe(
      14,
    );
    expect(
      lineOfPath(queue.properties, ['MessageRetentionPeriod'], queue.line),
    ).toBe(15);
    expect(graphs[0].get('DevQueue')!.properties).toEqual({
      Tags: [{ team: 'owner', service: 'owner' }],
    });

    const report = scanFiles(
      [{ path: 'template.yaml', text }],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => [f.ruleId, f.resourceId, f.line])).toEqual([
      ['ENC-003', 'DevQueue', 16],
    ]);
  });

  it('checks the Fn::If of loop copies with their names substituted', () => {
    const text = `Transform: AWS::LanguageExtensions
Conditions:
  Fn::ForEach::Environments:
    - Env
    - [prod, dev]
    - 'Is\${Env}': !Equals [!Ref Env, prod]
Resources:
  Fn::ForEach::Queues:
    - Env
    - [prod, dev, test]
    - '\${Env}Queue':
        Type: AWS::SQS::Queue
        Properties:
          DelaySeconds: !If ['Is\${Env}', 1, 2]
`;
    expect(
      load(text).errors.map(({ line, message }) => `${line} ${message}`),
    ).toEqual([
      '14 resource testQueue uses Fn::If on the condition Istest (at Properties.DelaySeconds), which Conditions does not declare',
    ]);
  });

  it('evaluates a collection with the template conditions', () => {
    const { graphs } = load(`Transform: AWS::LanguageExtensions
Conditions:
  IsProd: !Equals [prod, prod]
Resources:
  Fn::ForEach::Queues:
    - Name
    - !If [IsProd, [orders, billing], [test]]
    - '\${Name}Queue':
        Type: AWS::SQS::Queue
`);
    expect([...graphs[0].resources].map(resource => resource.id)).toEqual([
      'ordersQueue',
      'billingQueue',
    ]);
  });

  it('does not judge a resource with a loop inside it over a collection not known statically, and says so', () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Settings:
    Type: CommaDelimitedList
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Fn::ForEach::Encryption: [Setting, !Ref Settings, { '\${Setting}': alias/queues }]
  Plain:
    Type: AWS::SQS::Queue
`;
    const { graphs, skipped } = load(text);
    expect([...graphs[0].resources].map(resource => resource.id)).toEqual([
      'Plain',
    ]);
    expect(skipped).toEqual([
      {
        path: 'template.yaml',
        reason:
          'resource Queue (line 6) is not judged: a Fn::ForEach loop inside it runs over a collection not known statically',
      },
    ]);
    const report = scanFiles(
      [{ path: 'template.yaml', text }],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => f.resourceId)).toEqual(['Plain']);
  });

  it('reads a key loops make twice once, the last, and reports it; a Condition the copies share is one problem', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Team
    - [orders, orders, billing]
    - '\${Team}Queue':
        Type: AWS::SQS::Queue
        Condition: IsProd
        Properties:
          DelaySeconds: 1
  billingQueue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 2
Outputs:
  Fn::ForEach::Urls:
    - Team
    - [orders, orders]
    - '\${Team}Url':
        Value: !Ref '\${Team}Queue'
`;
    const { graphs, errors } = load(text);
    expect(
      [...graphs[0].resources].map(resource => [
        resource.id,
        resource.properties.DelaySeconds,
      ]),
    ).toEqual([
      ['ordersQueue', 1],
      ['billingQueue', 2],
    ]);
    expect(graphs[0].outputs.map(output => output.name)).toEqual(['ordersUrl']);
    expect(errors.map(({ line, message }) => ({ line, message }))).toEqual([
      {
        line: 6,
        message:
          'resource ordersQueue is made more than once (by the same loop); the last is used',
      },
      {
        line: 6,
        message:
          'resource billingQueue is made more than once (also on line 11); the last is used',
      },
      {
        line: 8,
        message:
          'resource ordersQueue names the condition IsProd, which Conditions does not declare',
      },
      {
        line: 19,
        message:
          'output ordersUrl is made more than once (by the same loop); the last is used',
      },
    ]);
    const report = scanFiles(
      [{ path: 'template.yaml', text }],
      selectRules(['ENC-003']),
    );
    expect(
      report.findings
        .filter(f => f.ruleId === 'ENC-003')
        .map(f => `${f.resourceId}:${f.line}`),
    ).toEqual(['ordersQueue:6', 'billingQueue:11']);
    expect(
      new Set(
        report.findings
          .filter(f => f.ruleId === 'PARSE-001')
          .map(f => f.confidence),
      ),
    ).toEqual(new Set(['high']));
  });

  it("reports a key a loop over a parameter's default makes twice at partial confidence: other values may make it once", () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Teams:
    Type: CommaDelimitedList
    Default: orders,orders
Resources:
  Fn::ForEach::Queues:
    - Team
    - !Ref Teams
    - '\${Team}Queue':
        Type: AWS::SQS::Queue
  Fn::ForEach::Topics:
    - Team
    - [orders, orders]
    - '\${Team}Topic':
        Type: AWS::SNS::Topic
`;
    const parseFindings = scanFiles(
      [{ path: 'template.yaml', text }],
      selectRules(['PARSE-001']),
    ).findings;
    expect(
      parseFindings.map(({ line, message, confidence }) => ({
        line,
        message,
        confidence,
      })),
    ).toEqual([
      {
        line: 10,
        message:
          "CloudFormation parse error in template.yaml: resource ordersQueue is made more than once (by the same loop, over a parameter's default); the last is used",
        confidence: 'partial',
      },
      {
        line: 15,
        message:
          'CloudFormation parse error in template.yaml: resource ordersTopic is made more than once (by the same loop); the last is used',
        confidence: 'high',
      },
    ]);
  });
});
