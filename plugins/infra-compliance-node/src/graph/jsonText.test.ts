import { lineOfPath } from './locations';
import { LineStarts } from '../support/lineOffsets';
import { parseJsonText, recordJsonTextLines } from './jsonText';
import { Ref, Template, Unknown, Value } from './values';

describe('parseJsonText', () => {
  it('parses JSON text, putting back the references a template holds', () => {
    const text = new Template([
      '{"Resource": "',
      new Ref('Queue', 'Arn'),
      '", "Path": "arn:',
      new Unknown('AWS::Partition'),
      ':s3:::b/*"}',
    ]);
    expect(parseJsonText(text)).toEqual({
      Resource: new Ref('Queue', 'Arn'),
      Path: new Template(['arn:', new Unknown('AWS::Partition'), ':s3:::b/*']),
    });
  });

  it('keeps a key named __proto__ as data, and returns undefined for text that is not JSON', () => {
    const parsed = parseJsonText('{"__proto__": {"polluted": true}}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseJsonText('not json')).toBeUndefined();
  });

  it('returns a value that is not text as it is', () => {
    const value = { Statement: [] };
    expect(parseJsonText(value)).toBe(value);
  });
});

describe('recordJsonTextLines', () => {
  const source = [
    "Policy: !Sub '{",
    '    "Statement": [',
    '      { "Effect": "Allow",',
    '        "Action": ["sqs:SendMessage", "${Service}:*"] },',
    '      { "Effect": "Deny", "Action": "iam:*" }',
    '    ]',
    "  }'",
    'Other: \'"Extra"\'',
  ].join('\n');

  it('puts each key and string item on the line the text writes it, within the lines given', () => {
    const parsed: Value = {
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            'sqs:SendMessage',
            new Template([new Unknown('Service'), ':*']),
          ],
          Extra: 'x',
        },
        { Effect: 'Deny', Action: 'iam:*' },
      ],
    };
    recordJsonTextLines(parsed, new LineStarts(source), 1, 7);
    const line = (...path: (string | number)[]) => lineOfPath(parsed, path, 0);
    expect(line('Statement')).toBe(2);
    expect(line('Statement', 0)).toBe(3);
    expect(line('Statement', 0, 'Action')).toBe(4);
    expect(line('Statement', 0, 'Action', 0)).toBe(4);
    // Not written in the text: where the search is, not on line 8 past the text.
    expect(line('Statement', 0, 'Extra')).toBe(4);
    expect(line('Statement', 1, 'Action')).toBe(5);
  });

  it('reads keys written with escaped quotes (JSON text in a JSON template)', () => {
    const template =
      '{\n  "PolicyDocument":\n    "{\\"Statement\\": {\\"Action\\": \\"iam:*\\"}}"\n}';
    const parsed: Value = { Statement: { Action: 'iam:*' } };
    recordJsonTextLines(parsed, new LineStarts(template), 2, 3);
    expect(lineOfPath(parsed, ['Statement', 'Action'], 0)).toBe(3);
  });
});
