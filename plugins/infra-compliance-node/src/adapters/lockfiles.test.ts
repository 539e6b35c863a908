import { installedVersion } from './lockfiles';

/** The version of `name`, declared as `range`, that the lockfile `file` of the root installs. */
const versionIn = (file: string, text: string, name = 'aws-cdk-lib', range = '^2.80.0') =>
  installedVersion(path => (path === file ? text : undefined), '', name, range);

describe('installedVersion', () => {
  it('reads package-lock.json of every lockfile version: the package of the project\'s own node_modules', () => {
    const v3 = { lockfileVersion: 3, packages: { '': {}, 'node_modules/aws-cdk-lib': { version: '2.150.0' }, 'node_modules/x/node_modules/aws-cdk-lib': { version: '2.90.0' } } };
    expect(versionIn('package-lock.json', JSON.stringify(v3))).toBe('2.150.0');
    expect(versionIn('package-lock.json', JSON.stringify({ lockfileVersion: 1, dependencies: { 'aws-cdk-lib': { version: '2.100.0' } } }))).toBe('2.100.0');
    // A workspace package linked in: no version of its own.
    expect(versionIn('package-lock.json', JSON.stringify({ packages: { 'node_modules/aws-cdk-lib': { link: true, resolved: 'lib' } } }))).toBeUndefined();
  });

  it('reads the yarn.lock entry of the declared range, in Yarn classic and Berry, whatever its line endings', () => {
    const classic = '# yarn lockfile v1\r\n\r\naws-cdk-lib@2.90.0:\r\n  version "2.90.0"\r\n\r\naws-cdk-lib@^2.80.0, aws-cdk-lib@^2.85.0:\r\n  version "2.120.1"\r\n  resolved "https://registry.yarnpkg.com/aws-cdk-lib/-/aws-cdk-lib-2.120.1.tgz"\r\n';
    expect(versionIn('yarn.lock', classic)).toBe('2.120.1');
    expect(versionIn('yarn.lock', classic, 'aws-cdk-lib', '^2.85.0')).toBe('2.120.1');
    const berry = '__metadata:\n  version: 8\n\n"aws-cdk-lib@npm:2.90.0, aws-cdk-lib@npm:^2.80.0":\n  version: 2.130.0\n  resolution: "aws-cdk-lib@npm:2.130.0"\n';
    expect(versionIn('yarn.lock', berry)).toBe('2.130.0');
    expect(versionIn('yarn.lock', berry, 'aws-cdk-lib', '^2.140.0')).toBeUndefined();
  });

  it("reads pnpm-lock.yaml's project dependencies, from lockfile version 5 to 9, without the peer suffix", () => {
    const v5 = "lockfileVersion: 5.4\nspecifiers:\n  aws-cdk-lib: ^2.80.0\ndevDependencies:\n  aws-cdk-lib: 2.110.0_constructs@10.3.0\npackages:\n  /aws-cdk-lib/2.110.0_constructs@10.3.0:\n    resolution: {integrity: sha512-x}\n";
    expect(versionIn('pnpm-lock.yaml', v5)).toBe('2.110.0');
    const v6 = "lockfileVersion: '6.0'\ndependencies:\n  aws-cdk-lib:\n    specifier: ^2.80.0\n    version: 2.111.0(constructs@10.3.0)\npackages:\n  /aws-cdk-lib@2.111.0(constructs@10.3.0): {}\n";
    expect(versionIn('pnpm-lock.yaml', v6)).toBe('2.111.0');
    const v9 = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.80.0\n        version: 2.112.0\n  packages/other:\n    dependencies:\n      aws-cdk-lib:\n        specifier: 2.90.0\n        version: 2.90.0\npackages: [not read\n";
    expect(versionIn('pnpm-lock.yaml', v9)).toBe('2.112.0');
    // A package of the workspace, linked in.
    expect(versionIn('pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      aws-cdk-lib:\n        specifier: workspace:*\n        version: link:../cdk\n")).toBeUndefined();
  });

  it('reads the lockfiles of a folder, and none where it cannot read', () => {
    const lock = JSON.stringify({ packages: { 'node_modules/aws-cdk-lib': { version: '2.150.0' } } });
    expect(installedVersion(path => (path === 'infra/package-lock.json' ? lock : undefined), 'infra', 'aws-cdk-lib', '^2.80.0')).toBe('2.150.0');
    expect(installedVersion(undefined, 'infra', 'aws-cdk-lib', '^2.80.0')).toBeUndefined();
  });
});
