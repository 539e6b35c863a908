import {
  declaredRange,
  installedRange,
  versionsAllowed,
} from './packageManifest';

describe('packageManifest', () => {
  it('reads the range a package.json declares for a package, in any of its dependency lists', () => {
    expect(
      declaredRange(
        JSON.stringify({
          dependencies: { a: '1.0.0' },
          devDependencies: { b: '^2.1.0' },
        }),
        'b',
      ),
    ).toBe('^2.1.0');
    expect(
      declaredRange(JSON.stringify({ peerDependencies: { b: '~3.0.0' } }), 'b'),
    ).toBe('~3.0.0');
    expect(
      declaredRange(JSON.stringify({ dependencies: { a: '1.0.0' } }), 'b'),
    ).toBeUndefined();
    expect(declaredRange('{ not json', 'b')).toBeUndefined();
    expect(declaredRange(undefined, 'b')).toBeUndefined();
  });

  it('reads the versions exact, caret, tilde and >= ranges allow, as npm does, and no other range', () => {
    expect(versionsAllowed('7.30.0')).toEqual({
      min: [7, 30, 0],
      max: [7, 30, 0],
    });
    expect(versionsAllowed('=v7.30.0')).toEqual({
      min: [7, 30, 0],
      max: [7, 30, 0],
    });
    expect(versionsAllowed('^6.50.1')).toEqual({
      min: [6, 50, 1],
      max: [7, 0, 0],
    });
    expect(versionsAllowed('^0.16.5')).toEqual({
      min: [0, 16, 5],
      max: [0, 17, 0],
    });
    expect(versionsAllowed('^0.0.3')).toEqual({
      min: [0, 0, 3],
      max: [0, 0, 4],
    });
    expect(versionsAllowed('~6.40.2')).toEqual({
      min: [6, 40, 2],
      max: [6, 41, 0],
    });
    expect(versionsAllowed('>=7.28.0')).toEqual({ min: [7, 28, 0] });
    expect(versionsAllowed('>= 6.50.1 <7.0.0')).toEqual({
      min: [6, 50, 1],
      max: [7, 0, 0],
    });
    for (const range of [
      '7.x',
      '^7',
      '*',
      'latest',
      '^6.0.0 || ^7.0.0',
      '7.0.0-alpha.1',
      '^7.0.0 <7.5.0',
      'workspace:^',
      'file:../aws',
    ]) {
      expect(versionsAllowed(range)).toBeUndefined();
    }
  });

  it('reads the version a lockfile installs only where the declared range allows it: a lockfile older than package.json says nothing', () => {
    const installed = (range: string, lockfile: string, version: string) => {
      const locks: Record<string, string> = {
        'package-lock.json': JSON.stringify({
          lockfileVersion: 3,
          packages: { '': {}, 'node_modules/@pulumi/aws': { version } },
        }),
        'pnpm-lock.yaml': `lockfileVersion: '6.0'\ndependencies:\n  '@pulumi/aws':\n    specifier: ^5.0.0\n    version: ${version}\n`,
      };
      return installedRange(
        JSON.stringify({ dependencies: { '@pulumi/aws': range } }),
        path => (path === lockfile ? locks[lockfile] : undefined),
        '',
        '@pulumi/aws',
      );
    };
    // npm ci refuses a package-lock.json whose version the range does not allow; pnpm replaces what an older specifier locked.
    expect(installed('^7.0.0', 'package-lock.json', '5.43.0')).toBe('^7.0.0');
    expect(installed('^7.0.0', 'pnpm-lock.yaml', '5.43.0')).toBe('^7.0.0');
    expect(installed('^7.0.0', 'package-lock.json', '8.0.0')).toBe('^7.0.0');
    expect(installed('~7.20.0', 'package-lock.json', '7.21.0')).toBe('~7.20.0');
    expect(installed('>=7.0.0 <7.20.0', 'package-lock.json', '7.20.0')).toBe(
      '>=7.0.0 <7.20.0',
    );
    expect(installed('7.20.0', 'package-lock.json', '7.20.1')).toBe('7.20.0');
    // Allowed: the version installed.
    expect(installed('^7.0.0', 'package-lock.json', '7.0.0')).toBe('7.0.0');
    expect(installed('^7.0.0', 'package-lock.json', '7.99.3')).toBe('7.99.3');
    expect(installed('7.20.0', 'package-lock.json', '7.20.0')).toBe('7.20.0');
    expect(installed('>=7.0.0', 'pnpm-lock.yaml', '9.1.0')).toBe('9.1.0');
    // A range not read (an x-range): nothing tells the lockfile is older.
    expect(installed('7.x', 'package-lock.json', '7.20.0')).toBe('7.20.0');
  });
});
