import { parseJsonText } from './jsonText';
import { Ref, Template, Unknown } from './values';

describe('parseJsonText', () => {
  it('parses JSON text, putting back the references a template holds', () => {
    const text = new Template(['{"Resource": "', new Ref('Queue', 'Arn'), '", "Path": "arn:', new Unknown('AWS::Partition'), ':s3:::b/*"}']);
    expect(parseJsonText(text)).toEqual({
      Resource: new Ref('Queue', 'Arn'),
      Path: new Template(['arn:', new Unknown('AWS::Partition'), ':s3:::b/*']),
    });
  });

  it('keeps a key named __proto__ as data, and returns undefined for text that is not JSON', () => {
    const parsed = parseJsonText('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseJsonText('not json')).toBeUndefined();
  });

  it('returns a value that is not text as it is', () => {
    const value = { Statement: [] };
    expect(parseJsonText(value)).toBe(value);
  });
});
