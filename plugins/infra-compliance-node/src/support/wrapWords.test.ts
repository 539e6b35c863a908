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
    // Counted, not timed: segmenting what was left of the word after each cut took time in the square of its length.
    const segment = jest.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      const word = 'e\u0301'.repeat(20_000);
      const lines = wrapWords(`${word} end`, 10);
      expect(lines).toHaveLength(2_001);
      expect(lines.slice(-2)).toEqual(['e\u0301'.repeat(10), 'end']);
      const segmented = segment.mock.calls.reduce(
        (sum, [text]) => sum + text.length,
        0,
      );
      expect(segmented).toBeLessThanOrEqual(4 * word.length);
    } finally {
      segment.mockRestore();
    }
  });
});

describe('cutToWidth', () => {
  it('fills each piece, a character wider than the width a piece of its own', () => {
    expect(cutToWidth('aキbcd', 3)).toEqual(['aキ', 'bcd']);
    expect(cutToWidth('キュー', 1)).toEqual(['キ', 'ュ', 'ー']);
    expect(cutToWidth('', 3)).toEqual(['']);
  });
});
