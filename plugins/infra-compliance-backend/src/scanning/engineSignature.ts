/**
 * The engine's signature: what the results of an unchanged tree depend on
 * besides the tree, the backend code that stores them included. Stored with
 * each scan's ETag: when it changes, an unchanged repository is read and
 * scanned again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LoggerService } from '@backstage/backend-plugin-api';
import { RULE_CATALOG } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { describeError } from './describeError';

const ENGINE_PACKAGE =
  '@infra-compliance/backstage-plugin-infra-compliance-node';

/** A package whose code makes a scan's stored results. */
export interface ResultPackage {
  /** Its package.json. */
  packageFile: string;
  /** Whether the installed versions of its dependencies count too. */
  dependencies: boolean;
}

/**
 * The packages whose code makes a scan's stored results: the engine; the
 * common package, whose rule catalog gives findings their severity and
 * category and whose scorecard formula the stored scores follow; and this
 * backend, whose code makes of a scan's result what is stored (which files
 * it did not judge, its coverage, the readTree filter, the rows of its
 * findings and checks, the scores). The backend's dependencies read trees
 * and serve and store results: a new Express or knex does not change one,
 * and does not rescan every repository.
 */
const RESULT_PACKAGES = [
  { name: ENGINE_PACKAGE, dependencies: true },
  {
    name: '@infra-compliance/backstage-plugin-infra-compliance-common',
    dependencies: true,
  },
  {
    name: '@infra-compliance/backstage-plugin-infra-compliance-backend',
    dependencies: false,
  },
];

/**
 * The version of the engine package the backend runs, read at runtime from
 * its installed package.json ("unknown" if it cannot be read).
 */
export function engineVersion(): string {
  try {
    const file = require.resolve(`${ENGINE_PACKAGE}/package.json`);
    const version = JSON.parse(readFileSync(file, 'utf8')).version;
    return typeof version === 'string' && version ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The signature of the engine's version and the rule ids and severities
 * alone: what {@link readEngineSignature} falls back to when the code
 * cannot be read.
 */
export function versionSignature(version: string = engineVersion()): string {
  return shortHash(
    `${ENGINE_PACKAGE}@${version};${RULE_CATALOG.map(
      rule => `${rule.id}:${rule.severity}`,
    ).join(',')}`,
  );
}

/**
 * The signature of the running engine, read once at start-up: the
 * {@link versionSignature} with a digest of the code of the engine, common
 * and backend packages as installed (a fix released without a version bump
 * changes it). Falls back to the version signature, with a warning, when
 * the code cannot be read.
 *
 * @param options.packages - the packages; by default those the backend
 *   resolves
 */
export function readEngineSignature(options: {
  logger: LoggerService;
  packages?: readonly ResultPackage[];
}): string {
  const started = performance.now();
  try {
    const packages =
      options.packages ??
      RESULT_PACKAGES.map(({ name, dependencies }) => ({
        packageFile: require.resolve(`${name}/package.json`),
        dependencies,
      }));
    const codes = packages.map(packageCode);
    const signature = shortHash(
      [
        versionSignature(),
        ...codes.map(
          code =>
            `${code.name}@${code.version}:${
              code.digest
            }[${code.dependencies.join(',')}]`,
        ),
      ].join(';'),
    );
    const dependencies = new Set(codes.flatMap(code => code.dependencies));
    options.logger.info(
      `Infra Compliance: engine signature ${signature}, from ${codes
        .map(code => `${code.files} files in ${code.folder}`)
        .join(', ')} and the versions of ${
        dependencies.size
      } dependencies (${Math.round(performance.now() - started)} ms)`,
    );
    return signature;
  } catch (error) {
    const signature = versionSignature();
    options.logger.warn(
      `Infra Compliance: the code of the engine or the backend cannot be read (${describeError(
        error,
      )}): the engine signature ${signature} is of the engine's version and rule catalog only, and an unchanged repository is scanned again after a change of either only if the engine's version changed`,
    );
    return signature;
  }
}

/**
 * A digest of a package's code: the files of the folder of its entry point
 * (`src/` where the backend runs from source, `dist/` once built and
 * installed), tests, source maps and node_modules left out; and, if asked,
 * the installed versions of its dependencies (a new js-yaml or TypeScript
 * may read the same files differently).
 */
function packageCode({ packageFile, dependencies }: ResultPackage) {
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8'));
  const folder = path.dirname(
    path.resolve(path.dirname(packageFile), manifest.main ?? 'index.js'),
  );
  const files = codeFiles(folder).sort();
  if (!files.length) throw new Error(`${folder} holds no code`);
  const hash = createHash('sha256');
  for (const file of files) {
    const content = readFileSync(path.join(folder, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  const packageDir = path.dirname(packageFile);
  return {
    name: String(manifest.name),
    version: String(manifest.version),
    folder,
    files: files.length,
    digest: hash.digest('hex'),
    dependencies: dependencies
      ? Object.keys(manifest.dependencies ?? {})
          .sort()
          .map(name => `${name}@${installedVersion(packageDir, name)}`)
      : [],
  };
}

/**
 * The version of the dependency as Node resolves it from the package's
 * folder: in the nearest `node_modules` above it that holds it ("missing"
 * where none does). Read from its package.json by path, as packages'
 * `exports` may not expose it.
 */
function installedVersion(packageDir: string, name: string): string {
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest))
      return String(JSON.parse(readFileSync(manifest, 'utf8')).version);
    if (path.dirname(dir) === dir) return 'missing';
  }
}

/** The code files under `folder`, as paths relative to it with `/`. */
function codeFiles(folder: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(folder, prefix), {
    withFileTypes: true,
  })) {
    const file = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      // __testUtils__, __snapshots__, __fixtures__: test support.
      if (entry.name !== 'node_modules' && !/^__\w+__$/.test(entry.name))
        files.push(...codeFiles(folder, file));
    } else if (
      entry.isFile() &&
      !/\.test\.[cm]?[jt]sx?$/.test(entry.name) &&
      !entry.name.endsWith('.map')
    ) {
      files.push(file);
    }
  }
  return files;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
