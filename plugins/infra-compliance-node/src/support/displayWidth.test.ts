import { displayWidth, endWithin, graphemes } from './displayWidth';

describe('displayWidth', () => {
  it('counts a column for each character of ASCII text', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('stacks/orders/template.yaml')).toBe(27);
    expect(displayWidth('Log group has no kms_key_id; ok?')).toBe(32);
  });

  it('counts two columns for a CJK ideograph, a kana or a Hangul syllable', () => {
    expect(displayWidth('インフラ/テンプレート.yaml')).toBe(26);
    expect(displayWidth('注文処理関数')).toBe(12);
    expect(displayWidth('주문 처리')).toBe(9);
    expect(displayWidth('\u{20b9f}')).toBe(2); // 𠮟, beyond the BMP (extension B)
    expect(displayWidth('\u3000')).toBe(2); // ideographic space
  });

  it('counts two columns for a fullwidth form, one for a halfwidth one', () => {
    expect(displayWidth('ＡＢＣ１２３')).toBe(12);
    expect(displayWidth('（注）')).toBe(6);
    expect(displayWidth('ｲﾝﾌﾗ')).toBe(4);
  });

  it('counts one column for other scripts and for characters of ambiguous width', () => {
    expect(displayWidth('Größe')).toBe(5);
    expect(displayWidth('Ωмσ')).toBe(3);
    expect(displayWidth('…')).toBe(1);
    expect(displayWidth('a\u00a0b')).toBe(3);
  });

  it('counts no column for a combining mark, a joiner or a zero-width space', () => {
    expect(displayWidth('e\u0301')).toBe(1); // é as e and a combining acute accent
    expect(displayWidth('a\u0308\u0304')).toBe(1); // two marks on one letter
    expect(displayWidth('\u0301')).toBe(0); // a mark with no letter before it
    expect(displayWidth('か\u3099')).toBe(2); // が as か and a combining voiced sound mark
    expect(displayWidth('\u1100\u1161\u11a8')).toBe(2); // 각 as its three Jamo
    expect(displayWidth('a\u200bb')).toBe(2);
    expect(displayWidth('\u200d')).toBe(0);
  });

  it('counts a column for a spacing mark and a halfwidth voiced sound mark, which join the character before them', () => {
    expect(displayWidth('\u0915\u093f')).toBe(2); // कि, ka and the vowel sign i
    expect(displayWidth('\u0915\u094d\u0937')).toBe(2); // क्ष, ka and ssa joined by a virama
    expect(displayWidth('प्रमाणीकरण')).toBe(9);
    expect(displayWidth('\u0e04\u0e33')).toBe(2); // คำ, Thai kho khwai and sara am
    expect(displayWidth('ﾃﾞｰﾀﾍﾞｰｽ')).toBe(8); // データベース in halfwidth katakana
  });

  it('counts a column for a soft hyphen, which terminals show', () => {
    expect(displayWidth('re\u00adport')).toBe(7);
  });

  it('counts two columns for an emoji, one sequence of them included', () => {
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('👍🏽')).toBe(2); // with a skin tone
    expect(displayWidth('👩\u200d💻')).toBe(2); // joined by a ZWJ
    expect(displayWidth('👨\u200d👩\u200d👧\u200d👦')).toBe(2);
    expect(displayWidth('🇯🇵🇰🇷')).toBe(4); // two flags, of two regional indicators each
    expect(
      displayWidth('🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}'),
    ).toBe(2); // a flag of tags
  });

  it('counts what a variation selector asks for', () => {
    expect(displayWidth('\u2764')).toBe(1); // ❤, shown as text
    expect(displayWidth('\u2764\ufe0f')).toBe(2); // ❤️, shown as an emoji
    expect(displayWidth('1\ufe0f\u20e3')).toBe(2); // the keycap 1️⃣
    expect(displayWidth('\u845b\u{e0100}')).toBe(2); // 葛 with an ideographic variation selector
    expect(displayWidth('\ufe0f')).toBe(0);
  });

  it('measures every character alike, next to a zero-width space or not', () => {
    // Text of some characters (ASCII, CJK, kana, Hangul syllables, fullwidth forms) is measured without segmenting
    // it, unlike text with a zero-width space in it.
    const differing = [];
    for (let code = 0x20; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (displayWidth(char) !== displayWidth(`${char}\u200b`)) {
        differing.push(code.toString(16));
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('endWithin', () => {
  it('keeps the end of text that fits in the width, of whole characters', () => {
    expect(endWithin('aws_iam_role.worker', 6)).toBe('worker');
    expect(endWithin('aws_iam_role.worker', 40)).toBe('aws_iam_role.worker');
    expect(endWithin('キュー', 5)).toBe('ュー');
    expect(endWithin('ab👩\u200d💻', 3)).toBe('b👩\u200d💻');
    expect(endWithin('ab👩\u200d💻', 1)).toBe(''); // the emoji is two columns
    expect(endWithin('🇯🇵🇺🇸🇩🇪', 5)).toBe('🇺🇸🇩🇪');
    expect(endWithin('cafe\u0301', 1)).toBe('e\u0301');
    expect(endWithin('कतार', 3)).toBe('तार'); // ता, a letter and its vowel sign, two columns
    expect(endWithin('abc', 0)).toBe('');
  });

  it('finds the end of a long text without segmenting all of it', () => {
    // Counted, not timed: walking all the clusters of a long id is what made the table slow.
    const segment = jest.spyOn(Intl.Segmenter.prototype, 'segment');
    const segmentsOf: Iterable<Intl.SegmentData> = Object.getPrototypeOf(
      new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(''),
    );
    const walkSegments = segmentsOf[Symbol.iterator];
    const walked: Iterable<Intl.SegmentData>[] = [];
    segmentsOf[Symbol.iterator] = function walk(this: typeof segmentsOf) {
      walked.push(this);
      return walkSegments.call(this);
    };
    try {
      const id = `${'e\u0301'.repeat(500_000)}👩\u200d💻`;
      expect(endWithin(id, 3)).toBe('e\u0301👩\u200d💻');
      const ofId = segment.mock.results.filter(
        (_, call) => segment.mock.calls[call][0] === id,
      );
      expect(ofId).toHaveLength(1);
      expect(walked).not.toContain(ofId[0].value);
    } finally {
      segment.mockRestore();
      segmentsOf[Symbol.iterator] = walkSegments;
    }
  });
});

describe('graphemes', () => {
  it('keeps what shows as one character together', () => {
    expect([...graphemes('e\u0301🇯🇵👩\u200d💻a')]).toEqual([
      'e\u0301',
      '🇯🇵',
      '👩\u200d💻',
      'a',
    ]);
  });
});
