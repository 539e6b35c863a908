import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAtOrBelow, realPathOf, realPathResolver } from './paths';

let root: string;

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ic-paths-')));
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('isAtOrBelow', () => {
  it('takes a folder as at or below itself and the folders above it, the root of the file system included', () => {
    const top = path.parse(root).root;
    const app = path.join(root, 'app');
    expect(isAtOrBelow(app, app)).toBe(true);
    expect(isAtOrBelow(path.join(app, 'lib'), app)).toBe(true);
    expect(isAtOrBelow(app, top)).toBe(true);
    expect(isAtOrBelow(top, top)).toBe(true);
    expect(isAtOrBelow(`${app}2`, app)).toBe(false);
    expect(isAtOrBelow(root, app)).toBe(false);
  });
});

describe('realPathResolver', () => {
  it('gives what realPathOf gives: links to folders and files resolved, a path that cannot be as it is', () => {
    fs.mkdirSync(path.join(root, 't'));
    fs.writeFileSync(path.join(root, 't/template.yaml'), '');
    fs.symlinkSync('t', path.join(root, 'tl'));
    fs.symlinkSync('template.yaml', path.join(root, 't/a-link.yaml'));
    fs.symlinkSync('nowhere', path.join(root, 't/broken'));
    fs.symlinkSync('../tl', path.join(root, 't/up'));
    const realPath = realPathResolver();
    for (const file of [
      't/template.yaml',
      'tl/template.yaml',
      'tl/a-link.yaml',
      'tl/up/up/a-link.yaml',
      'tl',
      'tl/broken',
      'tl/missing.yaml',
      'missing/template.yaml',
      'tl/broken/template.yaml',
      '.',
    ]) {
      const absolute = path.join(root, file);
      expect([file, realPath(absolute)]).toEqual([file, realPathOf(absolute)]);
      // Given relative to the current directory: one that cannot be resolved stays as given.
      const relative = path.relative(process.cwd(), absolute);
      expect([relative, realPath(relative)]).toEqual([
        relative,
        realPathOf(relative),
      ]);
    }
    expect(realPath('/')).toBe('/');
  });

  it('resolves each folder once, however many files it holds and however many links lead to it', () => {
    // c0 … c19, each holding ten files and a link to the next: c0/next/next/… is a path through them all.
    for (let i = 0; i < 20; i++) {
      fs.mkdirSync(path.join(root, `c${i}`));
      for (let j = 0; j < 10; j++)
        fs.writeFileSync(path.join(root, `c${i}`, `${j}.tf`), '');
      fs.symlinkSync(`../c${i + 1}`, path.join(root, `c${i}`, 'next'));
    }
    const files = Array.from({ length: 20 }, (_, depth) =>
      Array.from({ length: 10 }, (__, j) =>
        path.join(root, 'c0', ...Array(depth).fill('next'), `${j}.tf`),
      ),
    ).flat();
    const expected = files.map(realPathOf);
    const realpath = jest.spyOn(fs, 'realpathSync');
    const realPath = realPathResolver();
    expect(files.map(realPath)).toEqual(expected);
    // One for each of the 19 links on the way, not one for each of the 200 files.
    expect(realpath.mock.calls.length).toBe(19);
  });
});
