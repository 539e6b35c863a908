import { parseYaml } from '../documents/parseYaml';
import { lineOfPath } from './locations';
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
