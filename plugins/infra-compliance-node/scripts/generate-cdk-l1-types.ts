/**
 * Writes src/adapters/cdk/l1Types.ts: the CloudFormation resource type of
 * every L1 (`Cfn*`) class of aws-cdk-lib, as the adapter names them (see
 * adapters/cdk/constructs.ts, declaredTypeOf).
 *
 *   yarn generate:cdk-l1-types [version]     (default: the newest published)
 *
 * aws-cdk-lib is no dependency of the project: this script installs it and
 * constructs with `npm install` into a temporary directory, loads each of
 * its modules (the subpaths of its package.json `exports`) and reads of each
 * exported class named `Cfn*` its static CFN_RESOURCE_TYPE_NAME, which the
 * L1 writes as its resource's `Type`; a class without one is no resource.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PACKAGE = 'aws-cdk-lib';
const OUTPUT = path.resolve(__dirname, '../src/adapters/cdk/l1Types.ts');
/** A module of aws-cdk-lib as the adapter names it (`aws-sqs`, `alexa-ask`); core is the package's root. */
const MODULE = /^[a-z][a-z0-9-]*$/;
const TYPE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+)+$/;
const CLASS = /^Cfn[A-Za-z0-9]+$/;

function install(version: string, directory: string): string {
  execFileSync('npm', ['install', '--prefix', directory, '--no-save', '--silent', `${PACKAGE}@${version}`, 'constructs@10'], { stdio: 'inherit' });
  return path.join(directory, 'node_modules', PACKAGE);
}

/** Per module (`''` for core), its classes named `Cfn*` with the type each deploys, null for those that deploy none. */
export function readL1s(packageDirectory: string): { version: string; modules: Map<string, Map<string, string | null>> } {
  const manifest = JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'));
  const subpaths = Object.keys(manifest.exports).map(subpath => subpath.replace(/^\.\/?/, '')).filter(subpath => subpath === '' || MODULE.test(subpath));
  const modules = new Map<string, Map<string, string | null>>();
  for (const subpath of subpaths.sort()) {
    // `aws-cdk-lib/core` is the root's own exports.
    if (subpath === 'core') continue;
    const exported: Record<string, unknown> = require(path.join(packageDirectory, subpath));
    const classes = new Map<string, string | null>();
    for (const [name, value] of Object.entries(exported)) {
      if (!CLASS.test(name) || typeof value !== 'function') continue;
      const type: unknown = (value as { CFN_RESOURCE_TYPE_NAME?: unknown }).CFN_RESOURCE_TYPE_NAME;
      if (type !== undefined && (typeof type !== 'string' || !TYPE.test(type))) throw new Error(`${subpath || 'core'}.${name}: unexpected CFN_RESOURCE_TYPE_NAME ${String(type)}`);
      classes.set(name, type ?? null);
    }
    if ([...classes.values()].some(type => type !== null)) modules.set(subpath, classes);
  }
  if (modules.size === 0) throw new Error(`${packageDirectory}: no L1 classes`);
  return { version: manifest.version, modules };
}

/** The namespace of a type (`AWS::SQS` of `AWS::SQS::Queue`). */
function namespaceOf(type: string): string {
  return type.slice(0, type.lastIndexOf('::'));
}

/**
 * The tables of l1Types.ts: each module's namespace, that of most of its L1s (aws-kinesisanalytics has
 * KinesisAnalyticsV2's too; core has none), and the classes named `Cfn*` whose type is not `<namespace>::<name
 * without Cfn>`, by `<module>.<class>`: null for those of a module with a namespace that deploy none.
 */
export function l1Tables(modules: Map<string, Map<string, string | null>>) {
  const namespaces = new Map<string, string>();
  const exceptions = new Map<string, string | null>();
  let l1s = 0;
  for (const [module, classes] of modules) {
    const counts = new Map<string, number>();
    for (const type of classes.values()) if (type !== null) counts.set(namespaceOf(type), (counts.get(namespaceOf(type)) ?? 0) + 1);
    const namespace = module === '' ? undefined : [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    if (namespace !== undefined) namespaces.set(module, namespace);
    for (const [name, type] of [...classes].sort(([a], [b]) => a.localeCompare(b))) {
      if (type !== null) l1s++;
      const byRule = namespace === undefined ? null : `${namespace}::${name.slice('Cfn'.length)}`;
      if (type !== byRule) exceptions.set(`${module}.${name}`, type);
    }
  }
  return { namespaces, exceptions, l1s };
}

function main() {
  const version = process.argv[2] ?? 'latest';
  const directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-'));
  try {
    const { version: installed, modules } = readL1s(install(version, directory));
    const { namespaces, exceptions, l1s } = l1Tables(modules);
    const quoted = (value: string | null) => (value === null ? 'null' : `'${value}'`);
    const source = `/**
 * The CloudFormation resource types of aws-cdk-lib's L1 (\`Cfn*\`) classes:
 * ${l1s} classes of ${modules.size} modules, as each names its type in its
 * static CFN_RESOURCE_TYPE_NAME.
 *
 * Source: the npm package ${PACKAGE} ${installed} (Apache-2.0), recorded on
 * ${new Date().toISOString().slice(0, 10)}.
 *
 * Generated by scripts/generate-cdk-l1-types.ts: do not edit. To update, run
 * \`yarn generate:cdk-l1-types\` and check the tests of adapters/cdk.
 */
import { lookupTable } from '../../support/lookupTable';

/**
 * Each module's namespace: an L1 \`Cfn<Name>\` of the module deploys
 * \`<namespace>::<Name>\`, but those of {@link L1_EXCEPTIONS}. Core (the
 * package's root) has none: its \`Cfn*\` classes are mostly no resource.
 */
export const L1_NAMESPACES = lookupTable<string>({
${[...namespaces].map(([module, namespace]) => `  '${module}': '${namespace}',`).join('\n')}
});

/**
 * The classes named \`Cfn*\` whose type is not their module's rule, by
 * \`<module>.<class>\` (core's: \`.<class>\`): null for those that deploy no
 * resource (core's, not listed, neither).
 */
export const L1_EXCEPTIONS = lookupTable<string | null>({
${[...exceptions].map(([key, type]) => `  '${key}': ${quoted(type)},`).join('\n')}
});
`;
    writeFileSync(OUTPUT, source);
    process.stdout.write(`${path.relative(process.cwd(), OUTPUT)}: ${PACKAGE} ${installed}, ${modules.size} modules, ${l1s} L1 classes, ${exceptions.size} exceptions\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Imported by its tests, it only reads.
if (require.main === module) main();
