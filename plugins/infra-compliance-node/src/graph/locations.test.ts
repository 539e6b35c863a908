import { parseYaml } from '../documents/parseYaml';
import { lineOfPath, withoutLines } from './locations';
import { ValueMap } from './values';

describe('lineOfPath', () => {
  it('finds the line of each key of a small map and of a large one, the last one where a key repeats', () => {
    for (const count of [3, 40]) {
      const keys = Array.from({ length: count }, (_, i) => `  Key${i}: ${i}`);
      // Lines: 1 "Resources:", then the keys from line 2, then Key1 again.
      const text = `Resources:\n${keys.join('\n')}\n  Key1: again\n`;
      const document = parseYaml(text, undefined, []) as ValueMap;
      expect(lineOfPath(document, ['Resources', 'Key0'], 0)).toBe(2);
      expect(lineOfPath(document, ['Resources', `Key${count - 1}`], 0)).toBe(
        count + 1,
      );
      expect(lineOfPath(document, ['Resources', 'Key1'], 0)).toBe(count + 2);
      expect(lineOfPath(document, ['Resources', 'Missing'], 0)).toBe(1);
    }
  });
});

describe('withoutLines', () => {
  it('copies a value once: a copy it holds again and again is shared as it is, without lines', () => {
    const document = parseYaml(
      'Queue:\n  Name: jobs\n',
      undefined,
      [],
    ) as ValueMap;
    const copy = withoutLines(document) as ValueMap;
    expect(copy).toEqual({ Queue: { Name: 'jobs' } });
    expect(copy).not.toBe(document);
    expect(lineOfPath(document, ['Queue', 'Name'], 7)).toBe(2);
    expect(lineOfPath(copy, ['Queue', 'Name'], 7)).toBe(7);
    const holder = withoutLines({ a: copy, b: [copy] }) as ValueMap;
    expect(holder.a).toBe(copy);
    expect((holder.b as ValueMap[])[0]).toBe(copy);
  });
});
