import { lineOfNode, lineOfPath } from '../graph/locations';
import { DocumentParseError, ParseProblem, parseYaml } from './parseYaml';

/** The error parseYaml throws for a text. */
function parseError(text: string): DocumentParseError {
  try {
    parseYaml(text);
  } catch (error) {
    if (error instanceof DocumentParseError) return error;
    throw new Error(`parseYaml threw something else: ${String(error)}`);
  }
  throw new Error('parseYaml did not throw');
}

describe('parseYaml: CloudFormation short-form tags', () => {
  const doc = parseYaml(`
Ref: !Ref Queue
GetAttDotted: !GetAtt Queue.Arn
GetAttNested: !GetAtt Db.Endpoint.Address
GetAttList: !GetAtt [Queue, Arn]
SubString: !Sub "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}"
SubList: !Sub
  - "\${Name}-dlq"
  - Name: !Ref AWS::StackName
Join: !Join [":", [a, !Ref Queue]]
If: !If [IsProd, 10, 1]
Select: !Select [0, !GetAZs ""]
Split: !Split [",", "a,b"]
FindInMap: !FindInMap [Sizes, !Ref Env, Memory]
ImportValue: !ImportValue SharedTopicArn
Base64: !Base64 "echo hi"
Cidr: !Cidr [10.0.0.0/16, 4, 8]
GetAZs: !GetAZs us-east-1
Equals: !Equals [!Ref Env, prod]
And: !And [!Condition IsProd, !Equals [a, a]]
Or: !Or [!Condition IsProd, !Condition IsDev]
Not: !Not [!Condition IsProd]
Condition: !Condition IsProd
Transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
Length: !Length [a, b]
ToJsonString: !ToJsonString { Key: !Ref Queue }
`) as Record<string, unknown>;

  it.each<[string, unknown]>([
    ['Ref', { Ref: 'Queue' }],
    ['GetAttDotted', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['GetAttNested', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['GetAttList', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    [
      'SubString',
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}',
      },
    ],
    [
      'SubList',
      { 'Fn::Sub': ['${Name}-dlq', { Name: { Ref: 'AWS::StackName' } }] },
    ],
    ['Join', { 'Fn::Join': [':', ['a', { Ref: 'Queue' }]] }],
    ['If', { 'Fn::If': ['IsProd', 10, 1] }],
    ['Select', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['Split', { 'Fn::Split': [',', 'a,b'] }],
    ['FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }],
    ['ImportValue', { 'Fn::ImportValue': 'SharedTopicArn' }],
    ['Base64', { 'Fn::Base64': 'echo hi' }],
    ['Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['GetAZs', { 'Fn::GetAZs': 'us-east-1' }],
    ['Equals', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    [
      'And',
      { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'a'] }] },
    ],
    ['Or', { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'IsDev' }] }],
    ['Not', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['Condition', { Condition: 'IsProd' }],
    [
      'Transform',
      {
        'Fn::Transform': {
          Name: 'AWS::Include',
          Parameters: { Location: 's3://b/k' },
        },
      },
    ],
    ['Length', { 'Fn::Length': ['a', 'b'] }],
    ['ToJsonString', { 'Fn::ToJsonString': { Key: { Ref: 'Queue' } } }],
  ])('!%s becomes its long form', (key, expected) => {
    expect(doc[key]).toEqual(expected);
  });

  it('reads the long form unchanged', () => {
    expect(
      parseYaml(`
A: { "Fn::GetAtt": [Queue, Arn] }
B: { Ref: Queue }
`),
    ).toEqual({ A: { 'Fn::GetAtt': ['Queue', 'Arn'] }, B: { Ref: 'Queue' } });
  });

  it('gives a short-form intrinsic the line of its tag', () => {
    const value = parseYaml(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${AWS::StackName}-q"
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
`) as any;
    const properties = value.Resources.Queue.Properties;
    expect(lineOfNode(properties.QueueName)).toBe(6);
    expect(lineOfPath(properties, ['QueueName'], 0)).toBe(6);
    expect(
      lineOfPath(properties, ['RedrivePolicy', 'deadLetterTargetArn'], 0),
    ).toBe(8);
  });

  it('refuses two tags on one node (CloudFormation needs the long form there)', () => {
    expect(parseError('A: !Base64 !Sub "x"\n').line).toBe(1);
  });

  it('refuses a tag CloudFormation does not know', () => {
    expect(parseError('\nA: 1\nB: !NotAFunction x\n').line).toBe(3);
  });
});

describe('parseYaml: lines', () => {
  const yamlText = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # The queue

  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: team
          Value: payments
        - Key: env
          Value: prod
      Names: [a, b,
        c]
  Topic:
    Type: AWS::SNS::Topic
`;

  it('records the 1-based line of every key', () => {
    const doc = parseYaml(yamlText) as any;
    expect(lineOfPath(doc, ['AWSTemplateFormatVersion'], 0)).toBe(2);
    expect(lineOfPath(doc, ['Resources'], 0)).toBe(3);
    expect(lineOfPath(doc, ['Resources', 'Queue'], 0)).toBe(6);
    expect(lineOfPath(doc, ['Resources', 'Queue', 'Type'], 0)).toBe(7);
    expect(lineOfPath(doc, ['Resources', 'Queue', 'Properties'], 0)).toBe(8);
    expect(lineOfPath(doc, ['Resources', 'Topic'], 0)).toBe(16);
    expect(lineOfPath(doc, ['Resources', 'Topic', 'Type'], 0)).toBe(17);
  });

  it('records the line of every list item and of the keys inside it', () => {
    const doc = parseYaml(yamlText) as any;
    const tags = ['Resources', 'Queue', 'Properties', 'Tags'];
    expect(lineOfPath(doc, [...tags, 0], 0)).toBe(10);
    expect(lineOfPath(doc, [...tags, 0, 'Value'], 0)).toBe(11);
    expect(lineOfPath(doc, [...tags, 1], 0)).toBe(12);
    expect(lineOfPath(doc, [...tags, 1, 'Value'], 0)).toBe(13);
    const names = ['Resources', 'Queue', 'Properties', 'Names'];
    expect(lineOfPath(doc, names, 0)).toBe(14);
  });

  it('records the lines of the keys of a flow mapping that is a list item', () => {
    const doc = parseYaml(
      [
        'Statement:',
        '  - { Effect: Allow,',
        '      Resource: !Ref Topic }',
        '  - [a,',
        '     b]',
      ].join('\n'),
    ) as any;
    expect(lineOfPath(doc, ['Statement', 0], 0)).toBe(2);
    expect(lineOfPath(doc, ['Statement', 0, 'Effect'], 0)).toBe(2);
    expect(lineOfPath(doc, ['Statement', 0, 'Resource'], 0)).toBe(3);
    expect(lineOfPath(doc, ['Statement', 1, 1], 0)).toBe(5);
  });

  it('falls back to the deepest known line for a path that goes on past the data', () => {
    const doc = parseYaml(yamlText) as any;
    expect(
      lineOfPath(
        doc,
        ['Resources', 'Queue', 'Properties', 'Missing', 'Deeper'],
        0,
      ),
    ).toBe(8);
    expect(lineOfPath(doc, ['Nothing'], 42)).toBe(42);
  });

  it('reads JSON with the same values and lines', () => {
    const jsonText = `
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": { "Fn::Sub": "\${AWS::StackName}-q" },
        "Tags": [
          { "Key": "team", "Value": "payments" },
          {
            "Key": "env",
            "Value": "prod"
          }
        ],
        "DelaySeconds": 5,
        "FifoQueue": false,
        "RedriveAllowPolicy": null
      }
    }
  }
}
`;
    const doc = parseYaml(jsonText) as any;
    expect(doc).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: {
            QueueName: { 'Fn::Sub': '${AWS::StackName}-q' },
            Tags: [
              { Key: 'team', Value: 'payments' },
              { Key: 'env', Value: 'prod' },
            ],
            DelaySeconds: 5,
            FifoQueue: false,
            RedriveAllowPolicy: null,
          },
        },
      },
    });
    const queue = ['Resources', 'Queue'];
    expect(lineOfPath(doc, queue, 0)).toBe(5);
    expect(lineOfPath(doc, [...queue, 'Type'], 0)).toBe(6);
    expect(lineOfPath(doc, [...queue, 'Properties', 'QueueName'], 0)).toBe(8);
    expect(lineOfPath(doc, [...queue, 'Properties', 'Tags'], 0)).toBe(9);
    expect(lineOfPath(doc, [...queue, 'Properties', 'Tags', 0], 0)).toBe(10);
    expect(lineOfPath(doc, [...queue, 'Properties', 'Tags', 1], 0)).toBe(11);
    expect(
      lineOfPath(doc, [...queue, 'Properties', 'Tags', 1, 'Value'], 0),
    ).toBe(13);
    expect(lineOfPath(doc, [...queue, 'Properties', 'DelaySeconds'], 0)).toBe(
      16,
    );
  });

  it('keeps YAML 1.2 scalars as CloudFormation reads them', () => {
    expect(
      parseYaml(`
Number: 5
Float: 1.5
Bool: true
Nothing: null
Octalish: 0755
Version: 2010-09-09
Yes: yes
`),
    ).toEqual({
      Number: 5,
      Float: 1.5,
      Bool: true,
      Nothing: null,
      Octalish: 755,
      Version: '2010-09-09',
      Yes: 'yes',
    });
  });

  it('reads an empty document as null', () => {
    expect(parseYaml('')).toBeNull();
    expect(parseYaml('# only a comment\n')).toBeNull();
  });
});

describe('parseYaml: bad input', () => {
  it('reports a YAML syntax error with the parser message and line', () => {
    const error = parseError(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
   Properties: {}
`);
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/indentation/);
    expect(error.message).not.toContain('\n');
  });

  it('reports a tab used as indentation', () => {
    const error = parseError(
      '\nResources:\n  Queue:\n\tType: AWS::SQS::Queue\n',
    );
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/tab/i);
  });

  it('reports invalid JSON with the parser message and line', () => {
    const error = parseError(`{
  "Resources": {
    "Queue": {
      "Type": "AWS::SQS::Queue"
      "Properties": {}
    }
  }
}
`);
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/comma/);
  });

  it('reports an unclosed JSON document at its end', () => {
    const error = parseError(
      '{\n  "Resources": {\n    "Queue": { "Type": "AWS::SQS::Queue" }\n',
    );
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/end of the stream|unexpected end/i);
    // Not a line past the file's last, with or without a final newline.
    const yaml =
      'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {a: [1, 2';
    expect([parseError(yaml).line, parseError(`${yaml}\n`).line]).toEqual([
      4, 4,
    ]);
  });

  it('reports each duplicate key at its own line and keeps the last value', () => {
    const problems: ParseProblem[] = [];
    const doc = parseYaml(
      `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SNS::Topic
`,
      undefined,
      problems,
    );
    expect(doc).toEqual({ Resources: { Queue: { Type: 'AWS::SNS::Topic' } } });
    expect(problems).toEqual([
      { line: 5, message: expect.stringContaining('duplicate key Queue') },
    ]);
  });

  it('reports duplicate keys in JSON', () => {
    const problems: ParseProblem[] = [];
    parseYaml('{\n  "A": 1,\n  "B": 2,\n  "A": 3\n}\n', undefined, problems);
    expect(problems).toEqual([
      { line: 4, message: expect.stringContaining('duplicate key A') },
    ]);
  });

  it('finds a duplicate key in a large map, and a key repeated as a number and as text', () => {
    const problems: ParseProblem[] = [];
    const keys = Array.from({ length: 12 }, (_, i) => `K${i}: ${i}`);
    const doc = parseYaml(
      `${keys.join('\n')}\nK3: again\n1: a\n'1': b\n`,
      undefined,
      problems,
    ) as Record<string, unknown>;
    expect(doc.K3).toBe('again');
    expect(doc['1']).toBe('b');
    expect(problems).toEqual([
      {
        line: 13,
        message: 'duplicate key K3 (also on line 4); the last value is used',
      },
      {
        line: 15,
        message: 'duplicate key 1 (also on line 14); the last value is used',
      },
    ]);
  });

  it('finds no duplicate in a large map of distinct keys', () => {
    const problems: ParseProblem[] = [];
    parseYaml(
      Array.from({ length: 12 }, (_, i) => `K${i}: ${i}`).join('\n'),
      undefined,
      problems,
    );
    expect(problems).toEqual([]);
  });

  it('refuses an alias that refers to no anchor', () => {
    expect(parseError('\nA: 1\nB: *nothing\n').line).toBe(3);
  });

  it('refuses several documents in one file', () => {
    expect(() => parseYaml('A: 1\n---\nB: 2\n')).toThrow(DocumentParseError);
  });

  it('shares aliases instead of copying them', () => {
    const doc = parseYaml('\nA: &tags [{Key: a, Value: b}]\nB: *tags\n') as any;
    expect(doc.B).toEqual([{ Key: 'a', Value: 'b' }]);
    expect(doc.B).toBe(doc.A);
  });

  it('refuses a billion-laughs alias bomb quickly and with bounded memory', () => {
    const names = 'abcdefghij';
    let text = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < names.length; i++) {
      text += `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    }
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const error = parseError(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(
      200 * 1024 * 1024,
    );
    expect(error.message).toMatch(/alias/);
  });

  it("refuses an alias inside the node it names, at the anchor's line", () => {
    const error = parseError(
      '\nResources:\n  Queue:\n    Properties: &props\n      Tags:\n        - Value: *props\n',
    );
    expect(error.message).toBe(
      'an alias refers to a node that contains it, so the document never ends',
    );
    expect(error.line).toBe(4);
    expect(parseError('a: &list [1, *list]\n').message).toMatch(/never ends/);
  });

  it('accepts a template-sized use of aliases', () => {
    const doc = parseYaml('\nT: &t {a: 1}\nU: [*t, *t, *t]\n') as any;
    expect(doc.U).toHaveLength(3);
  });

  it('refuses flow collections nested 100000 levels deep without overflowing', () => {
    const text = `{"Resources": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const error = parseError(text);
    expect(error.message).toMatch(/nest/);
    expect(error.line).toBe(1);
  });

  it('refuses block collections nested very deeply without overflowing', () => {
    const error = parseError(
      `\nResources:\n  X:\n    ${'- '.repeat(100_000)}x\n`,
    );
    expect(error).toBeInstanceOf(DocumentParseError);
  });

  it('honours custom nesting limits', () => {
    const limits = { maxDepth: 10, maxExpandedNodes: 1000 };
    const nested = (levels: number) =>
      `${'{a: '.repeat(levels)}1${'}'.repeat(levels)}`;
    expect(() => parseYaml(nested(3), limits)).not.toThrow();
    expect(() => parseYaml(nested(20), limits)).toThrow(
      /nests deeper than 10 levels/,
    );
    expect(() =>
      parseYaml(`x:\n${'  '.repeat(1)}${'- '.repeat(20)}1\n`, limits),
    ).toThrow(DocumentParseError);
    expect(() =>
      parseYaml(
        `a: &a [${Array(40).fill('1').join(',')}]\nb: [${Array(40)
          .fill('*a')
          .join(',')}]\n`,
        limits,
      ),
    ).toThrow(/alias/);
  });

  it('does not let __proto__ keys reach the prototype', () => {
    const doc = parseYaml('\n__proto__:\n  polluted: true\n') as any;
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });
});
