import { setEntry } from './values';

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
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toEqual({ polluted: true });
  });
});
