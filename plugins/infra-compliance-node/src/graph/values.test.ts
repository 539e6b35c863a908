import {
  Ref,
  Template,
  Unknown,
  referencedIds,
  refersTo,
  setEntry,
} from './values';

describe('setEntry', () => {
  it('sets an ordinary key', () => {
    const map: Record<string, unknown> = {};
    setEntry(map, 'Timeout', 30);
    expect(map).toEqual({ Timeout: 30 });
  });

  it('keeps __proto__ a key of the map instead of its prototype', () => {
    const map: Record<string, unknown> = {};
    setEntry(map, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(map.polluted).toBeUndefined();
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toEqual({
      polluted: true,
    });
  });
});

describe('referencedIds', () => {
  it('lists the resources a value refers to, the ones refersTo is true for', () => {
    const values = [
      new Ref('Api'),
      new Ref('Queue', 'Arn'),
      new Template([
        'https://',
        new Ref('Api'),
        '.execute-api.',
        new Unknown('AWS::Region'),
        '/',
        new Ref('Stage'),
      ]),
      'Api',
      { Ref: 'Api' },
      undefined,
    ];
    expect(values.map(referencedIds)).toEqual([
      ['Api'],
      ['Queue'],
      ['Api', 'Stage'],
      [],
      [],
      [],
    ]);
    for (const value of values) {
      for (const id of ['Api', 'Queue', 'Stage'])
        expect(refersTo(value, id)).toBe(referencedIds(value).includes(id));
    }
  });
});
