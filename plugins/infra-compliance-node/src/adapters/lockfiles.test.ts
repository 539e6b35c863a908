import { installedVersion } from './lockfiles';

/** The version of `name`, declared as `range`, that the lockfile `file` of the root installs. */
const versionIn = (
  file: string,
  text: string,
  name = 'aws-cdk-lib',
  range = '^2.80.0',
) =>
  installedVersion(path => (path === file ? text : undefined), '', name, range);

describe('installedVersion', () => {
  it("reads package-lock.json of every lockfile version: the package of the project's own node_modules", () => {
    const v3 = {
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/aws-cdk-lib': { version: '2.150.0' },
        'node_modules/x/node_modules/aws-cdk-lib': { version: '2.90.0' },
      },
    };
    expect(versionIn('package-lock.json', JSON.stringify(v3))).toBe('2.150.0');
    expect(
      versionIn(
        'package-lock.json',
        JSON.stringify({
          lockfileVersion: 1,
          dependencies: { 'aws-cdk-lib': { version: '2.100.0' } },
        }),
      ),
    ).toBe('2.100.0');
    // A workspace package linked in: no version of its own.
    expect(
      versionIn(
        'package-lock.json',
        JSON.stringify({
          packages: {
            'node_modules/aws-cdk-lib': { link: true, resolved: 'lib' },
          },
        }),
      ),
    ).toBeUndefined();
  });

  it('reads the yarn.lock entry of the declared range, in Yarn classic and Berry, whatever its line endings', () => {
    const classic =
      '# yarn lockfile v1\r\n\r\naws-cdk-lib@2.90.0:\r\n  version "2.90.0"\r\n\r\naws-cdk-lib@^2.80.0, aws-cdk-lib@^2.85.0:\r\n  version "2.120.1"\r\n  resolved "https://registry.yarnpkg.com/aws-cdk-lib/-/aws-cdk-lib-2.120.1.tgz"\r\n';
    expect(versionIn('yarn.lock', classic)).toBe('2.120.1');
    expect(versionIn('yarn.lock', classic, 'aws-cdk-lib', '^2.85.0')).toBe(
      '2.120.1',
    );
    const berry =
      '__metadata:\n  version: 8\n\n"aws-cdk-lib@npm:2.90.0, aws-cdk-lib@npm:^2.80.0":\n  version: 2.130.0\n  resolution: "aws-cdk-lib@npm:2.130.0"\n';
    expect(versionIn('yarn.lock', berry)).toBe('2.130.0');
    expect(
      versionIn('yarn.lock', berry, 'aws-cdk-lib', '^2.140.0'),
    ).toBeUndefined();
  });

  it("reads pnpm-lock.yaml's project dependencies, from lockfile version 5 to 9, without the peer suffix", () => {
    const v5 =
      'lockfileVersion: 5.4\nspecifiers:\n  aws-cdk-lib: ^2.80.0\ndevDependencies:\n  aws-cdk-lib: 2.110.0_constructs@10.3.0\npackages:\n  /aws-cdk-lib/2.110.0_constructs@10.3.0:\n    resolution: {integrity: sha512-x}\n';
    expect(versionIn('pnpm-lock.yaml', v5)).toBe('2.110.0');
    const v6 =
      "lockfileVersion: '6.0'\ndependencies:\n  aws-cdk-lib:\n    specifier: ^2.80.0\n    version: 2.111.0(constructs@10.3.0)\npackages:\n  /aws-cdk-lib@2.111.0(constructs@10.3.0): {}\n";
    expect(versionIn('pnpm-lock.yaml', v6)).toBe('2.111.0');
    const v9 =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.80.0\n        version: 2.112.0\n  packages/other:\n    dependencies:\n      aws-cdk-lib:\n        specifier: 2.90.0\n        version: 2.90.0\npackages: [not read\n";
    expect(versionIn('pnpm-lock.yaml', v9)).toBe('2.112.0');
    // A package of the workspace, linked in.
    expect(
      versionIn(
        'pnpm-lock.yaml',
        "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      aws-cdk-lib:\n        specifier: workspace:*\n        version: link:../cdk\n",
      ),
    ).toBeUndefined();
  });

  it('reads the lockfiles of a folder, and none where it cannot read', () => {
    const lock = JSON.stringify({
      packages: { 'node_modules/aws-cdk-lib': { version: '2.150.0' } },
    });
    expect(
      installedVersion(
        path => (path === 'infra/package-lock.json' ? lock : undefined),
        'infra',
        'aws-cdk-lib',
        '^2.80.0',
      ),
    ).toBe('2.150.0');
    expect(
      installedVersion(undefined, 'infra', 'aws-cdk-lib', '^2.80.0'),
    ).toBeUndefined();
  });

  describe('of a member of a workspace, at the workspace root', () => {
    /** The version of aws-cdk-lib, declared `^2.80.0`, the files of the scanned root install for the project at `member`. */
    const memberVersion = (
      files: Record<string, string>,
      member = 'packages/infra',
    ) =>
      installedVersion(path => files[path], member, 'aws-cdk-lib', '^2.80.0');
    const npmLock = (packages: Record<string, unknown>) =>
      JSON.stringify({
        name: 'mono',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'mono', workspaces: ['packages/*'] },
          'node_modules/infra': { resolved: 'packages/infra', link: true },
          'packages/infra': {
            name: 'infra',
            dependencies: { 'aws-cdk-lib': '^2.80.0' },
          },
          ...packages,
        },
      });

    it("reads package-lock.json: the member's own copy, else the one hoisted (the version of a workspace package linked in), where the lockfile lists the member", () => {
      const hoisted = { 'node_modules/aws-cdk-lib': { version: '2.150.0' } };
      expect(memberVersion({ 'package-lock.json': npmLock(hoisted) })).toBe(
        '2.150.0',
      );
      expect(
        memberVersion({
          'package-lock.json': npmLock({
            ...hoisted,
            'packages/infra/node_modules/aws-cdk-lib': { version: '2.160.0' },
          }),
        }),
      ).toBe('2.160.0');
      // A package of the workspace linked in, in the member's node_modules or hoisted: the version of that package.
      const linked = {
        'packages/aws-cdk-lib': { name: 'aws-cdk-lib', version: '2.170.0' },
      };
      expect(
        memberVersion({
          'package-lock.json': npmLock({
            ...hoisted,
            ...linked,
            'packages/infra/node_modules/aws-cdk-lib': {
              resolved: 'packages/aws-cdk-lib',
              link: true,
            },
          }),
        }),
      ).toBe('2.170.0');
      expect(
        memberVersion({
          'package-lock.json': npmLock({
            ...linked,
            'node_modules/aws-cdk-lib': {
              resolved: 'packages/aws-cdk-lib',
              link: true,
            },
          }),
        }),
      ).toBe('2.170.0');
      expect(
        memberVersion({
          'package-lock.json': npmLock({
            'node_modules/aws-cdk-lib': {
              resolved: 'packages/aws-cdk-lib',
              link: true,
            },
          }),
        }),
      ).toBeUndefined();
      // A folder the workspace does not include, and a v1 lockfile (no workspaces).
      expect(
        memberVersion({ 'package-lock.json': npmLock(hoisted) }, 'tools/infra'),
      ).toBeUndefined();
      expect(
        memberVersion({
          'package-lock.json': JSON.stringify({
            lockfileVersion: 1,
            dependencies: { 'aws-cdk-lib': { version: '2.100.0' } },
          }),
        }),
      ).toBeUndefined();
    });

    it("reads yarn.lock, classic and Berry, where the root package.json's workspaces include the member", () => {
      const classic =
        '# yarn lockfile v1\n\naws-cdk-lib@^2.80.0:\n  version "2.120.1"\n';
      const berry =
        '__metadata:\n  version: 8\n\n"aws-cdk-lib@npm:^2.80.0":\n  version: 2.130.0\n  resolution: "aws-cdk-lib@npm:2.130.0"\n\n"infra@workspace:packages/infra":\n  version: 0.0.0-use.local\n';
      expect(
        memberVersion({
          'yarn.lock': classic,
          'package.json': JSON.stringify({
            private: true,
            workspaces: ['packages/*'],
          }),
        }),
      ).toBe('2.120.1');
      expect(
        memberVersion(
          {
            'yarn.lock': classic,
            'package.json': JSON.stringify({
              private: true,
              workspaces: { packages: ['packages/**'] },
            }),
          },
          'packages/cdk/infra',
        ),
      ).toBe('2.120.1');
      expect(
        memberVersion({
          'yarn.lock': berry,
          'package.json': JSON.stringify({ workspaces: ['./packages/infra'] }),
        }),
      ).toBe('2.130.0');
      // Not a workspace, a folder it does not include, or one it leaves out.
      expect(
        memberVersion({
          'yarn.lock': classic,
          'package.json': JSON.stringify({ name: 'app' }),
        }),
      ).toBeUndefined();
      expect(
        memberVersion({
          'yarn.lock': berry,
          'package.json': JSON.stringify({ workspaces: ['apps/*'] }),
        }),
      ).toBeUndefined();
      expect(
        memberVersion({
          'yarn.lock': berry,
          'package.json': JSON.stringify({
            workspaces: ['packages/*', '!packages/infra'],
          }),
        }),
      ).toBeUndefined();
    });

    it('reads Yarn workspace globs with `?`, `{a,b}` groups and trailing slashes', () => {
      const classic = 'aws-cdk-lib@^2.80.0:\n  version "2.120.1"\n';
      const withWorkspaces = (...workspaces: string[]) => ({
        'yarn.lock': classic,
        'package.json': JSON.stringify({ workspaces }),
      });
      expect(
        memberVersion(
          withWorkspaces('packages/{cdk,pulumi}/*/'),
          'packages/pulumi/infra',
        ),
      ).toBe('2.120.1');
      expect(memberVersion(withWorkspaces('{apps,packages}/infr?'))).toBe(
        '2.120.1',
      );
      expect(
        memberVersion(
          withWorkspaces('packages/{cdk,pulumi}/*'),
          'packages/terraform/infra',
        ),
      ).toBeUndefined();
      expect(
        memberVersion(withWorkspaces('packages/*', '!packages/{infra,tools}')),
      ).toBeUndefined();
    });

    it('matches crafted workspace globs in little time, and braces asking for too many globs match nothing', () => {
      const classic = 'aws-cdk-lib@^2.80.0:\n  version "2.120.1"\n';
      const withWorkspaces = (...workspaces: string[]) => ({
        'yarn.lock': classic,
        'package.json': JSON.stringify({ workspaces }),
      });
      // Backtracking takes minutes on each: a name's `*`s, and `**`s over many folders.
      expect(
        memberVersion(
          withWorkspaces(`packages/${'*a'.repeat(12)}b`),
          `packages/${'a'.repeat(40)}`,
        ),
      ).toBeUndefined();
      expect(
        memberVersion(
          withWorkspaces(`${'**/'.repeat(14)}x`),
          Array(28).fill('a').join('/'),
        ),
      ).toBeUndefined();
      expect(
        memberVersion(
          withWorkspaces(`${'**/'.repeat(14)}infra`),
          `${Array(27).fill('a').join('/')}/infra`,
        ),
      ).toBe('2.120.1');
      expect(
        memberVersion(withWorkspaces(`${'{a,b}'.repeat(7)}/*`, 'packages/*')),
      ).toBe('2.120.1');
      expect(
        memberVersion(
          withWorkspaces(`${'{packages,b}'.repeat(7)}/*`),
          `${'packages'.repeat(7)}/infra`,
        ),
      ).toBeUndefined();
      expect(
        memberVersion(
          withWorkspaces(`${'{packages,b}'.repeat(6)}/*`),
          `${'packages'.repeat(6)}/infra`,
        ),
      ).toBe('2.120.1');
    });

    it("reads pnpm-lock.yaml's importer of the member, in the v6+ and v5 forms", () => {
      const v9 =
        "lockfileVersion: '9.0'\nimporters:\n  .: {}\n  packages/infra:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.80.0\n        version: 2.112.0(constructs@10.3.0)\npackages: {}\n";
      expect(memberVersion({ 'pnpm-lock.yaml': v9 })).toBe('2.112.0');
      const v5 =
        'lockfileVersion: 5.4\nimporters:\n  .:\n    specifiers: {}\n  packages/infra:\n    specifiers:\n      aws-cdk-lib: ^2.80.0\n    devDependencies:\n      aws-cdk-lib: 2.110.0_constructs@10.3.0\npackages: {}\n';
      expect(memberVersion({ 'pnpm-lock.yaml': v5 })).toBe('2.110.0');
      expect(
        memberVersion({ 'pnpm-lock.yaml': v9 }, 'packages/other'),
      ).toBeUndefined();
    });

    it('reads the nearest lockfiles only: those beside the member, else the nearest above; none oversized, two that disagree say nothing', () => {
      const root = {
        'pnpm-lock.yaml':
          "lockfileVersion: '9.0'\nimporters:\n  packages/infra:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.80.0\n        version: 2.112.0\n",
      };
      expect(
        memberVersion({
          ...root,
          'packages/infra/package-lock.json': JSON.stringify({
            lockfileVersion: 3,
            packages: { 'node_modules/aws-cdk-lib': { version: '2.150.0' } },
          }),
        }),
      ).toBe('2.150.0');
      expect(
        memberVersion({
          ...root,
          'packages/yarn.lock': 'aws-cdk-lib@^2.80.0:\n  version "2.120.1"\n',
        }),
      ).toBeUndefined();
      expect(
        memberVersion({
          ...root,
          'package-lock.json': npmLock({
            'node_modules/aws-cdk-lib': { version: '2.150.0' },
          }),
        }),
      ).toBeUndefined();
      expect(
        memberVersion({
          ...root,
          'package-lock.json': npmLock({
            'node_modules/aws-cdk-lib': { version: '2.112.0' },
          }),
        }),
      ).toBe('2.112.0');
      expect(
        memberVersion({
          'package-lock.json': npmLock({
            'node_modules/aws-cdk-lib': {
              version: '2.150.0',
              padding: 'x'.repeat(1024 * 1024),
            },
          }),
        }),
      ).toBeUndefined();
    });
  });
});
