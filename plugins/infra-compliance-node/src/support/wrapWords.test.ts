import { cutToWidth, wrapWords } from './wrapWords';

describe('wrapWords', () => {
  it('breaks at spaces, each line at most the width in columns', () => {
    expect(wrapWords('日本語 の テキスト です', 8)).toEqual([
      '日本語',
      'の',
      'テキスト',
      'です',
    ]);
  });

  it('cuts a word wider than a line between whole characters, its last piece starting the next line', () => {
    expect(wrapWords('🇯🇵🇯🇵🇯🇵 a', 4)).toEqual(['🇯🇵🇯🇵', '🇯🇵 a']);
    expect(wrapWords('abc 日本語 e\u0301e\u0301e\u0301', 2)).toEqual([
      'ab',
      'c',
      '日',
      '本',
      '語',
      'e\u0301e\u0301',
      'e\u0301',
    ]);
  });

  it('cuts a word of any length in one pass over it', () => {
    const started = Date.now();
    const lines = wrapWords(`${'日'.repeat(100_000)} end`, 10);
    expect(Date.now() - started).toBeLessThan(500);
    expect(lines).toHaveLength(20_001);
    expect(lines.slice(-2)).toEqual(['日日日日日', 'end']);
  });
});

describe('cutToWidth', () => {
  it('fills each piece, a character wider than the width a piece of its own', () => {
    expect(cutToWidth('aキbcd', 3)).toEqual(['aキ', 'bcd']);
    expect(cutToWidth('キュー', 1)).toEqual(['キ', 'ュ', 'ー']);
    expect(cutToWidth('', 3)).toEqual(['']);
  });
});
