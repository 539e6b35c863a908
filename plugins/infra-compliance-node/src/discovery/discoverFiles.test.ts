import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DiscoveryError,
  companionFileReader,
  discoverFiles,
  pseudoFileSystemOf,
  unreadableReason,
} from './discoverFiles';
import { countTurns } from '../testing/countTurns';

const TEMPLATE = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-discovery-'));
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: string | Buffer = TEMPLATE): string {
  const absolute = path.join(root, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, content);
  return absolute;
}

const paths = (files: { path: string }[]) => files.map(file => file.path);

describe('discoverFiles', () => {
  it('reads candidate files with root-relative forward-slash paths, sorted', async () => {
    write('b.yaml');
    write('a/template.json', '{"Resources": {}}');
    write('a/deep/er/stack.yml');
    write('README.md', '# not IaC');
    write('image.png', 'png');
    const discovery = await discoverFiles(root);
    expect(paths(discovery.files)).toEqual([
      'a/deep/er/stack.yml',
      'a/template.json',
      'b.yaml',
    ]);
    expect(discovery.files[2].text).toBe(TEMPLATE);
    expect(discovery.skipped).toEqual([]);
  });

  it('never descends into dependency, VCS and build folders', async () => {
    write('template.yaml');
    for (const folder of [
      'node_modules/pkg',
      '.git',
      '.aws-sam/build',
      '.serverless',
      'sub/node_modules',
      'vendor',
      // What terraform init downloads, and Terragrunt's copies of the code it runs.
      '.terraform/modules/fn',
      'live/prod/.terragrunt-cache/AbC/XyZ/modules/queue',
    ]) {
      write(`${folder}/template.yaml`);
    }
    const discovery = await discoverFiles(root);
    expect(paths(discovery.files)).toEqual(['template.yaml']);
    expect(discovery.skipped).toEqual([]);
  });

  it('scans a single file given as the root', async () => {
    const file = write('nested/only.yaml');
    const discovery = await discoverFiles(file);
    expect(paths(discovery.files)).toEqual(['only.yaml']);
  });

  it('throws a DiscoveryError naming a root that does not exist', async () => {
    const missing = path.join(root, 'nope');
    await expect(discoverFiles(missing)).rejects.toThrow(DiscoveryError);
    await expect(discoverFiles(missing)).rejects.toThrow(
      `Cannot read ${missing}: ENOENT`,
    );
  });

  it('throws a DiscoveryError for a root that is neither a file nor a directory', async () => {
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(discoverFiles(fifo)).rejects.toThrow(
      `Cannot read ${fifo}: not a file or directory`,
    );
  });

  it('honours include and exclude globs', async () => {
    write('infra/app.yaml');
    write('infra/legacy/old.yaml');
    write('other/x.yaml');
    const discovery = await discoverFiles(root, {
      include: ['infra/**'],
      exclude: ['infra/legacy/**'],
    });
    expect(paths(discovery.files)).toEqual(['infra/app.yaml']);
  });

  it('skips files larger than the limit, with the reason', async () => {
    write('big.yaml', `${TEMPLATE}#${'x'.repeat(200)}\n`);
    write('small.yaml');
    const discovery = await discoverFiles(root, { maxFileBytes: 100 });
    expect(paths(discovery.files)).toEqual(['small.yaml']);
    expect(discovery.skipped).toEqual([
      { path: 'big.yaml', reason: 'larger than 100 bytes' },
    ]);
  });

  it('skips binary files, with the reason', async () => {
    write(
      'logo.yaml',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]),
    );
    const discovery = await discoverFiles(root);
    expect(discovery.files).toEqual([]);
    expect(discovery.skipped).toEqual([
      { path: 'logo.yaml', reason: 'binary file' },
    ]);
  });

  it('strips a UTF-8 byte-order mark', async () => {
    write(
      'bom.yaml',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEMPLATE)]),
    );
    const [file] = (await discoverFiles(root)).files;
    expect(file.text).toBe(TEMPLATE);
    expect(file.decodeError).toBeUndefined();
  });

  it('marks a file that is not UTF-8 with the line of the first bad byte', async () => {
    write(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(
          'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: caf',
        ),
        Buffer.from([0xe9]), // "é" in latin1
        Buffer.from('\n'),
      ]),
    );
    const [file] = (await discoverFiles(root)).files;
    expect(file.path).toBe('latin1.yaml');
    expect(file.decodeError).toEqual({
      line: 5,
      message: 'file is not valid UTF-8',
    });
  });

  it('skips a FIFO (it would block a read) with the reason, and does not hang', async () => {
    write('template.yaml');
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml')]);
    const discovery = await discoverFiles(root);
    expect(paths(discovery.files)).toEqual(['template.yaml']);
    expect(discovery.skipped).toEqual([
      { path: 'pipe.yaml', reason: 'not a regular file' },
    ]);
  });

  it('reads or skips a file with mode 000 depending on who runs the scan', async () => {
    const file = write('locked.yaml');
    fs.chmodSync(file, 0o000);
    const discovery = await discoverFiles(root);
    // root reads any file whatever its mode; anyone else gets EACCES.
    const asRoot = process.getuid?.() === 0;
    const unreadable = {
      path: 'locked.yaml',
      reason: "unreadable: EACCES: permission denied, open 'locked.yaml'",
    };
    expect(paths(discovery.files)).toEqual(asRoot ? ['locked.yaml'] : []);
    expect(discovery.skipped).toEqual(asRoot ? [] : [unreadable]);
  });

  // A scan of `/` met /proc and /sys: not a test's to scan, so one of /proc's folders stands for them.
  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it("walks no folder of a pseudo file system: a process's folder in /proc, whose links lead to its working directory and to /", async () => {
      const discovery = await discoverFiles('/proc/self');
      expect(discovery.files).toEqual([]);
      expect(discovery.skipped).toEqual([]);
    });

    it('names the pseudo file system a folder is on, for the warning of a scan given one; none for a folder of files', () => {
      expect(pseudoFileSystemOf('/proc/self')).toBe('proc');
      expect(pseudoFileSystemOf(root)).toBeUndefined();
    });
  });

  it('names a file it cannot read by its path in the report, not where the scan ran', () => {
    // Mode 000 stops anyone but root (the test may run as either): a read of a missing file fails alike.
    const missing = path.join(root, 'infra', 'gone.yaml');
    let error: unknown;
    try {
      fs.readFileSync(missing);
    } catch (thrown) {
      error = thrown;
    }
    expect(unreadableReason(error, missing, 'infra/gone.yaml')).toBe(
      "unreadable: ENOENT: no such file or directory, open 'infra/gone.yaml'",
    );
  });

  describe('symlinks', () => {
    it('skips a dangling symlink, with the reason', async () => {
      fs.symlinkSync(
        path.join(root, 'missing.yaml'),
        path.join(root, 'dangling.yaml'),
      );
      const discovery = await discoverFiles(root);
      expect(discovery.files).toEqual([]);
      expect(discovery.skipped).toEqual([
        { path: 'dangling.yaml', reason: 'broken symlink' },
      ]);
    });

    it('skips a symlink loop, with the reason', async () => {
      fs.symlinkSync(path.join(root, 'b.yaml'), path.join(root, 'a.yaml'));
      fs.symlinkSync(path.join(root, 'a.yaml'), path.join(root, 'b.yaml'));
      const discovery = await discoverFiles(root);
      expect(discovery.skipped).toEqual([
        { path: 'a.yaml', reason: 'broken symlink' },
        { path: 'b.yaml', reason: 'broken symlink' },
      ]);
    });

    it('does not follow a symlink that leaves the root', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-outside-'));
      try {
        fs.writeFileSync(path.join(outside, 'secret.yaml'), TEMPLATE);
        fs.symlinkSync(
          path.join(outside, 'secret.yaml'),
          path.join(root, 'file-link.yaml'),
        );
        fs.symlinkSync(outside, path.join(root, 'dir-link'));
        fs.symlinkSync('..', path.join(root, 'parent'));
        const discovery = await discoverFiles(root);
        expect(discovery.files).toEqual([]);
        expect(discovery.skipped).toEqual([
          { path: 'dir-link', reason: 'symlink leaves the scanned root' },
          { path: 'file-link.yaml', reason: 'symlink leaves the scanned root' },
          { path: 'parent', reason: 'symlink leaves the scanned root' },
        ]);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it('names a single file given through a symlink by the link, as a scan of its folder would', async () => {
      write('stacks/real.yaml');
      fs.symlinkSync(
        path.join(root, 'stacks', 'real.yaml'),
        path.join(root, 'service.yaml'),
      );
      const discovery = await discoverFiles(path.join(root, 'service.yaml'));
      expect(paths(discovery.files)).toEqual(['service.yaml']);
      expect(discovery.files[0].text).toBe(TEMPLATE);
    });

    it('follows symlinks that stay inside the root, and survives a loop back to the root', async () => {
      // Under a name no adapter reads: the file is read through the link alone.
      write('stacks/real.txt');
      fs.symlinkSync(
        path.join(root, 'stacks', 'real.txt'),
        path.join(root, 'link.yaml'),
      );
      write('other.yaml');
      fs.symlinkSync('.', path.join(root, 'self'));
      const discovery = await discoverFiles(root);
      expect(paths(discovery.files)).toEqual(['link.yaml', 'other.yaml']);
      expect(discovery.files[0].text).toBe(TEMPLATE);
      expect(discovery.skipped).toEqual([]);
    });

    it('reads a file symlinks of the tree lead to once, under its own path, which links met first in name order do not take', async () => {
      write('b/real.yaml');
      fs.symlinkSync(
        path.join(root, 'b', 'real.yaml'),
        path.join(root, 'c.yaml'),
      );
      fs.mkdirSync(path.join(root, 'a'));
      fs.symlinkSync('../b/real.yaml', path.join(root, 'a', 'link.yaml'));
      // A folder reached by a symlink too, met before the folder itself.
      fs.symlinkSync(path.join(root, 'b'), path.join(root, 'a-folder-link'));
      // Adding links changes no path, and so no fingerprint, of the template's findings.
      expect(paths((await discoverFiles(root)).files)).toEqual(['b/real.yaml']);
      // Its own path left out by the config: the first link met, folders reached by links last.
      expect(
        paths((await discoverFiles(root, { exclude: ['b/**'] })).files),
      ).toEqual(['a/link.yaml']);
      fs.rmSync(path.join(root, 'a'), { recursive: true });
      fs.rmSync(path.join(root, 'c.yaml'));
      expect(
        paths((await discoverFiles(root, { exclude: ['b/**'] })).files),
      ).toEqual(['a-folder-link/real.yaml']);
    });

    it('reads a file of a folder whose name starts with .. (..config) under its own path, in the tree, not under a link met first', async () => {
      write('..config/real.yaml');
      fs.symlinkSync(
        path.join(root, '..config', 'real.yaml'),
        path.join(root, '-link.yaml'),
      );
      fs.symlinkSync(path.join(root, '..config'), path.join(root, '-folder'));
      expect(paths((await discoverFiles(root)).files)).toEqual([
        '..config/real.yaml',
      ]);
    });

    it('reads a file of a Terraform module or of a program under each folder it is linked into, of which it is a part', async () => {
      write('shared/versions.tf', 'terraform {}\n');
      write('app1/lib/stack.ts', "import 'aws-cdk-lib';\n");
      for (const module of ['a', 'b']) {
        fs.mkdirSync(path.join(root, 'modules', module), { recursive: true });
        fs.symlinkSync(
          '../../shared/versions.tf',
          path.join(root, 'modules', module, 'versions.tf'),
        );
      }
      fs.mkdirSync(path.join(root, 'app2', 'lib'), { recursive: true });
      fs.symlinkSync(
        '../../app1/lib/stack.ts',
        path.join(root, 'app2', 'lib', 'stack.ts'),
      );
      expect(paths((await discoverFiles(root)).files)).toEqual([
        'app1/lib/stack.ts',
        'app2/lib/stack.ts',
        'modules/a/versions.tf',
        'modules/b/versions.tf',
        'shared/versions.tf',
      ]);
    });

    it('walks a folder holding a file of a Terraform module or of a program under each path it is linked into, a folder of templates once, and no link back to a folder it is in', async () => {
      write('shared/q/main.tf', 'variable "name" {}\n');
      write('app1/lib/stack.ts', "import 'aws-cdk-lib';\n");
      write('templates/t.yaml');
      for (const stack of ['a', 'b']) {
        // A module two stacks call by `source = "./q"`, and a program's lib two apps import.
        fs.mkdirSync(path.join(root, stack));
        fs.symlinkSync('../shared/q', path.join(root, stack, 'q'));
        fs.symlinkSync('../templates', path.join(root, stack, 'templates'));
      }
      fs.mkdirSync(path.join(root, 'app2'));
      fs.symlinkSync('../app1/lib', path.join(root, 'app2', 'lib'));
      // Loops: to the module's folder, to its parent (a folder being walked where the walk meets it through `shared`).
      fs.symlinkSync('.', path.join(root, 'shared', 'q', 'self'));
      fs.symlinkSync('..', path.join(root, 'shared', 'q', 'up'));
      fs.symlinkSync('missing.yaml', path.join(root, 'templates', 'gone.yaml'));
      const discovery = await discoverFiles(root);
      expect(paths(discovery.files)).toEqual([
        'a/q/main.tf',
        'app1/lib/stack.ts',
        'app2/lib/stack.ts',
        'b/q/main.tf',
        'shared/q/main.tf',
        'templates/t.yaml',
      ]);
      // Where links lead to a module's or a program's folder, its own path: the adapters take its paths as one.
      expect(
        discovery.files
          .filter(file => file.ownFolder)
          .map(file => [file.path, file.ownFolder]),
      ).toEqual([
        ['a/q/main.tf', 'shared/q'],
        ['app2/lib/stack.ts', 'app1/lib'],
        ['b/q/main.tf', 'shared/q'],
      ]);
      // The folder of templates is walked once, under the first path met.
      expect(discovery.skipped).toEqual([
        { path: 'a/templates/gone.yaml', reason: 'broken symlink' },
      ]);
    });

    it('walks a folder again under another path where the config leaves out its files under the first path met, whatever the order', async () => {
      write('shared/q/main.tf', 'variable "name" {}\n');
      write('templates/t.yaml');
      // Met first, through links, under paths `include` leaves out.
      fs.mkdirSync(path.join(root, 'a'));
      fs.symlinkSync('../shared/q', path.join(root, 'a', 'q'));
      fs.symlinkSync('../templates', path.join(root, 'a', 'templates'));
      const included = await discoverFiles(root, {
        include: ['shared/**', 'templates/**'],
      });
      expect(paths(included.files)).toEqual([
        'shared/q/main.tf',
        'templates/t.yaml',
      ]);
      // And left out by `exclude` under their own paths, read under the links'.
      const excluded = await discoverFiles(root, {
        exclude: ['shared/**/*.tf', 'templates/*.yaml'],
      });
      expect(paths(excluded.files)).toEqual([
        'a/q/main.tf',
        'a/templates/t.yaml',
      ]);
    });

    it('walks folders of templates linked to each other once, and one holding a Terraform module under at most 100 paths', async () => {
      /** Folders f1… each holding `file` and a link to each of the others. */
      const linkedToEachOther = (count: number, file: string) => {
        for (let i = 1; i <= count; i++) write(`f${i}/${file}`, 'x = 1\n');
        for (let i = 1; i <= count; i++)
          for (let j = 1; j <= count; j++)
            if (i !== j)
              fs.symlinkSync(`../f${j}`, path.join(root, `f${i}`, `to${j}`));
      };
      linkedToEachOther(8, 'template.yaml');
      const templates = await discoverFiles(root);
      expect(templates.files).toHaveLength(8);
      expect(templates.skipped).toEqual([]);

      fs.rmSync(root, { recursive: true });
      fs.mkdirSync(root);
      // Each path from f1 that goes through them all, but the last, is another: thousands.
      linkedToEachOther(7, 'main.tf');
      const realPath = jest.spyOn(fs, 'realpathSync');
      const modules = await discoverFiles(root);
      // Each of the 42 links once (and the root), not on each of the hundreds of walks of its folder.
      expect(realPath.mock.calls.length).toBeLessThanOrEqual(43);
      realPath.mockRestore();
      const timesRead = new Map<string, number>();
      for (const { path: read } of modules.files) {
        const folder = fs.realpathSync(path.dirname(path.join(root, read)));
        timesRead.set(folder, (timesRead.get(folder) ?? 0) + 1);
      }
      expect(Math.max(...timesRead.values())).toBe(100);
      // Each folder met beyond its 100 paths once (those the walk of f1… meets most), not each of the thousands of
      // paths: a list as long as the paths would be millions. By its own path, not the path met, links deep.
      expect(paths(modules.skipped)).toEqual(['f5', 'f6', 'f7']);
      expect(new Set(modules.skipped.map(skipped => skipped.reason))).toEqual(
        new Set([
          'a folder reached by more than 100 paths: read under the first 100 met, not under the others',
        ]),
      );
    });

    it('walks folders under 1000 paths besides their first at most in a scan: a chain of linked module folders costs about what the tree holds', async () => {
      // c000 … c149, each a module calling the next through a link: the walk
      // of c000 meets each folder first; c001 each but c000 again, and so on.
      const count = 150;
      const name = (i: number) => `c${String(i).padStart(3, '0')}`;
      for (let i = 0; i < count; i++) {
        write(`${name(i)}/main.tf`, 'module "n" {\n  source = "./next"\n}\n');
        if (i + 1 < count)
          fs.symlinkSync(`../${name(i + 1)}`, path.join(root, name(i), 'next'));
      }
      const discovery = await discoverFiles(root);
      // Each folder under its first path, and 1000 walks under others (10,050 files read before).
      expect(discovery.files).toHaveLength(count + 1000);
      // Under c001 … c006, 879 walks; the 1000th is c007 120 links down: the next, c128 under
      // c007/next/…/next (121 links, 611 characters), is passed over, listed once by its own path.
      expect(discovery.skipped).toEqual([
        {
          path: 'c128',
          reason:
            'a folder already read under another path, not read again under the next met: the scan has read folders again under further paths 1000 times, its limit (so neither is any folder under a further path met after it)',
        },
      ]);
    });
  });

  it('reads a large directory completely, and lets the event loop run while it reads', async () => {
    const count = 600;
    for (let i = 0; i < count; i++)
      write(`t${String(i).padStart(3, '0')}.yaml`);
    // A backend scanning a large tree must still answer requests: count the
    // event-loop turns that happen while discovery runs.
    const counter = countTurns();
    const discovery = await discoverFiles(root);
    counter.stop();
    expect(discovery.files).toHaveLength(count);
    expect(discovery.skipped).toEqual([]);
    expect(counter.turns()).toBeGreaterThanOrEqual(Math.floor(count / 64));
  });
});

describe('companionFileReader', () => {
  it('reads text files inside the root, by root-relative path, once each', () => {
    write('svc/policies/read.json', '{"Statement": []}');
    const read = companionFileReader(root);
    const readFile = jest.spyOn(fs, 'readFileSync');
    expect(read('svc/policies/read.json')).toBe('{"Statement": []}');
    expect(read('svc/./modules/../policies/read.json')).toBe(
      '{"Statement": []}',
    );
    expect(readFile).toHaveBeenCalledTimes(1);
    expect(read('svc/policies/missing.json')).toBeUndefined();
  });

  it('reads nothing outside the root, binary, not UTF-8, larger than 1 MiB, or not a file', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.json'), '{}');
      fs.symlinkSync(
        path.join(outside, 'secret.json'),
        path.join(root, 'link.json'),
      );
      write('binary.json', Buffer.from([0x7b, 0x00, 0x7d]));
      write('latin1.json', Buffer.from([0x7b, 0xe9, 0x7d]));
      write('large.json', 'x'.repeat(1024 * 1024 + 1));
      write('dir/inner.json', '{}');
      const read = companionFileReader(root);
      for (const relative of [
        `../${path.basename(outside)}/secret.json`,
        '/etc/hostname',
        'link.json',
        'binary.json',
        'latin1.json',
        'large.json',
        'dir',
      ]) {
        expect({ relative, text: read(relative) }).toEqual({
          relative,
          text: undefined,
        });
      }
      expect(read('dir/inner.json')).toBe('{}');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads beside a single file that is the scanned root', () => {
    write('stack/policy.json', '{}');
    expect(companionFileReader(write('stack/main.tf', ''))('policy.json')).toBe(
      '{}',
    );
  });
});
