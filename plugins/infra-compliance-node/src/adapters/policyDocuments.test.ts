import { lineOfPath } from '../graph/locations';
import { Template, Unknown, Value, ValueMap } from '../graph/values';
import { parseYaml } from '../documents/parseYaml';
import { mergePolicyDocuments, mergedDocuments } from './policyDocuments';

const statement = (action: string, sid?: string) => ({
  ...(sid === undefined ? {} : { Sid: sid }),
  Effect: 'Allow',
  Action: action,
  Resource: '*',
});
const documentOf = (...statements: Value[]) => ({
  Version: '2012-10-17',
  Statement: statements,
});
/** Each document of a list argument, read as it is. */
const documents = (value: Value, line?: number) =>
  mergedDocuments(value, {
    argument: 'documents',
    list: true,
    line,
    read: document => document,
  });

describe('mergePolicyDocuments', () => {
  it('puts the sources first, then the own statements, then the overrides; a Sid replaces the first of its Sid in its place', () => {
    const merged = mergePolicyDocuments(
      documentOf(
        statement('logs:PutLogEvents', 'Logs'),
        statement('s3:*'),
        statement('sqs:*', 'Queue'),
      ),
      3,
      documents([documentOf(statement('logs:*', 'Logs'), statement('kms:*'))]),
      documents([
        documentOf(
          statement('sqs:SendMessage', 'Queue'),
          statement('dynamodb:*'),
        ),
      ]),
    );
    expect(merged.Statement).toEqual([
      statement('logs:PutLogEvents', 'Logs'),
      statement('kms:*'),
      statement('s3:*'),
      statement('sqs:SendMessage', 'Queue'),
      statement('dynamodb:*'),
    ]);
  });

  it('keeps statements a source repeats the Sid of, and those the document repeats the Sid of, as the provider refuses them', () => {
    const base = documentOf(statement('sns:*', 'Shared'));
    const merged = mergePolicyDocuments(
      documentOf(statement('s3:*', 'Own'), statement('s3:GetObject', 'Own')),
      1,
      documents([base, base]),
      [],
    );
    expect(merged.Statement).toEqual([
      statement('sns:*', 'Shared'),
      statement('sns:*', 'Shared'),
      statement('s3:*', 'Own'),
      statement('s3:GetObject', 'Own'),
    ]);
  });

  it('makes each statement a document not known may replace not known, and skips empty and null documents', () => {
    const merged = mergePolicyDocuments(
      documentOf(statement('ec2:*', 'Mine'), statement('ssm:*')),
      1,
      documents([null, documentOf()]),
      documents([new Unknown('output')]),
    );
    expect(merged.Statement).toEqual([
      new Unknown('a statement a merged policy document may replace'),
      statement('ssm:*'),
      new Unknown('a merged policy document not known statically'),
    ]);
    expect(
      mergePolicyDocuments(documentOf(), 1, documents(new Unknown('list')), [])
        .Statement,
    ).toEqual([new Unknown('documents not known statically')]);
  });

  it('records the line of each merged statement, its document argument standing for one without a line', () => {
    const list = [documentOf(statement('kms:*'))];
    const merged = mergePolicyDocuments(
      documentOf(statement('s3:*')),
      5,
      documents(list, 2),
      [],
    );
    expect(
      [0, 1].map(index => lineOfPath(merged.Statement, [index], 0)),
    ).toEqual([2, 5]);
  });

  it('reads the keys of a merged document and of its statements whatever their case, as the provider decodes it: the last written wins, a key of no field is dropped', () => {
    const source = parseYaml(`{
  "version": "2012-10-17",
  "statement": [
    {
      "sid": "Logs",
      "EFFECT": "Allow",
      "action": "logs:*",
      "Resource": "arn:aws:logs:*",
      "resource": "*"
    },
    { "Effect": "Allow", "Actions": "s3:*", "NotAction": "iam:*", "Resource": "*" }
  ]
}`) as Value;
    const [read] = mergedDocuments(source, {
      argument: 'source_json',
      list: false,
      line: 1,
      read: document => document,
    });
    expect(read.map(({ statement: merged }) => merged)).toEqual([
      { Sid: 'Logs', Effect: 'Allow', Action: 'logs:*', Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ]);
    expect(read.map(({ line }) => line)).toEqual([4, 11]);
    expect(
      ['Sid', 'Effect', 'Action', 'Resource'].map(key =>
        lineOfPath(read[0].statement, [key], 0),
      ),
    ).toEqual([5, 6, 7, 9]);

    // The override's Sid, read whatever its case, replaces the source's statement of that Sid.
    const override = {
      Statement: [
        {
          sid: 'Logs',
          effect: 'Allow',
          action: 'logs:PutLogEvents',
          resource: '*',
        },
      ],
    };
    const merged = mergePolicyDocuments(
      documentOf(statement('s3:GetObject')),
      20,
      documents([source], 1),
      documents([override]),
    );
    expect(merged.Statement).toEqual([
      statement('logs:PutLogEvents', 'Logs'),
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      statement('s3:GetObject'),
    ]);
  });

  it('decodes keys alike but for case as Go does, each over the one before: the last wins, a null leaves a string as it was, a second Statement list is decoded into the first', () => {
    const read = (document: Value) =>
      documents([document])
        .flat()
        .map(({ statement: merged }) => merged);
    // Whether a key is the field's exact name does not matter: only its place does.
    expect(
      read({
        Statement: [
          { effect: 'Deny', Effect: 'Allow', Action: 's3:*', Resource: '*' },
        ],
      }),
    ).toEqual([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(
      read({
        Statement: [
          { Effect: 'Deny', effect: 'Allow', Action: 's3:*', Resource: '*' },
        ],
      }),
    ).toEqual([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(
      read({
        Statement: [
          {
            Effect: 'Deny',
            EFFECT: null,
            Sid: 'A',
            sid: null,
            Action: 's3:*',
            action: null,
            Resource: '*',
          },
        ],
      }),
    ).toEqual([{ Effect: 'Deny', Sid: 'A', Action: null, Resource: '*' }]);
    // Each statement of the second list is decoded into the first's at its place; the list has the second's length.
    const secureRead: ValueMap = {
      Sid: 'Read',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    };
    const first: Value[] = [
      secureRead,
      { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
    ];
    expect(
      read({
        Statement: first,
        statement: [
          {
            effect: 'Deny',
            condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
          },
        ],
      }),
    ).toEqual([
      { Sid: 'Read', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
    ]);
    expect(
      read({
        Statement: first,
        STATEMENT: [
          { Principal: 'arn:aws:iam::123456789012:root' },
          { action: 'sqs:SendMessage' },
          { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
        ],
      }),
    ).toEqual([
      { ...secureRead, Principal: '*' },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
    ]);
    expect(read({ Statement: first, statement: null })).toEqual([]);
  });

  it('matches a key to a field as Go folds case, letter by letter: a dotted or dotless i is an I, a ligature is not its letters', () => {
    const source = documentOf(
      { Effect: 'Allow', ['Act\u0130on']: '*', ['Re\u017Fource']: '*' },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        ['E\uFB00ect']: 'Deny',
        ['Cond\u0131t\u0131on']: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    );
    expect(
      documents([source])
        .flat()
        .map(({ statement: read }) => read),
    ).toEqual([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    ]);
  });

  it('reads a Principal or NotPrincipal as the provider writes it: a string, or {"*": "*"}, is "*"; what it refuses, or what is not known, stays', () => {
    const withPrincipal = (principal: Value, field = 'Principal') => ({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: '*',
      [field]: principal,
    });
    const read = (principal: Value, field?: string) =>
      documents([documentOf(withPrincipal(principal, field))]).flat()[0]
        .statement;
    expect(read('arn:aws:iam::123456789012:root')).toEqual(withPrincipal('*'));
    expect(read('sns.amazonaws.com', 'NotPrincipal')).toEqual(
      withPrincipal('*', 'NotPrincipal'),
    );
    expect(
      read(new Template(['arn:aws:iam::', new Unknown('account'), ':root'])),
    ).toEqual(withPrincipal('*'));
    expect(read({ '*': '*' })).toEqual(withPrincipal('*'));
    expect(read({ '*': ['*'] })).toEqual(withPrincipal('*'));
    const kept: Value[] = [
      { AWS: '*' },
      { '*': '*', AWS: 'arn:aws:iam::123456789012:root' },
      { Service: ['logs.amazonaws.com'] },
      null,
      7,
      new Unknown('principal'),
    ];
    for (const principal of kept)
      expect(read(principal)).toEqual(withPrincipal(principal));
  });

  it('drops the condition values of a merged document the provider cannot decode (a number, null, an object), and reads a boolean as its text', () => {
    const source = documentOf(
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
          Bool: {
            'aws:SecureTransport': false,
            'aws:MultiFactorAuthPresent': null,
          },
          StringEquals: {
            'aws:RequestedRegion': ['eu-west-1'],
            'aws:PrincipalTag/team': { nested: 'x' },
            'aws:username': new Unknown('variable'),
          },
        },
      },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { NumericGreaterThan: { 's3:max-keys': 10 } },
      },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: '*',
        condition: { NumericLessThan: null },
      },
    );
    expect(
      documents([source])
        .flat()
        .map(({ statement: read }) => read),
    ).toEqual([
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringEquals: {
            'aws:RequestedRegion': ['eu-west-1'],
            'aws:username': new Unknown('variable'),
          },
        },
      },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
    ]);
    // A Condition the provider refuses to decode fails the plan: it is judged as written.
    const refused = {
      Effect: 'Allow',
      Action: 's3:*',
      Resource: '*',
      Condition: { NumericLessThan: 'x' },
    };
    expect(documents([documentOf(refused)]).flat()[0].statement).toEqual(
      refused,
    );
  });

  it('reads no more than 1,000 merged statements', () => {
    const many = documentOf(
      ...Array.from({ length: 600 }, () => statement('s3:GetObject')),
    );
    const merged = mergePolicyDocuments(
      documentOf(statement('s3:*')),
      1,
      documents([many, many]),
      [],
    );
    expect(merged.Statement).toHaveLength(1001);
    expect((merged.Statement as Value[])[1000]).toEqual(
      new Unknown('statements past the most a policy holds'),
    );
  });
});
