#!/usr/bin/env node
/*
 * Checks the plugins as they are published, after their build
 * (`yarn backstage-cli package build` in each, after `yarn tsc`): each is
 * packed with `yarn pack` and unpacked (scripts/packed-plugin.js), since what
 * an adopter installs from the registry has only the packed files and its
 * declared dependencies, not this monorepo's hoisted node_modules.
 *
 *   node scripts/check-packages.js [plugins/<name> ...]   (default: every plugin)
 *
 * Fails (exit 1), naming the package and the file, when
 * - a module that dist/ or bin/ loads, or a type that dist/*.d.ts imports or
 *   references (`/// <reference types>`), is of a package that is neither a
 *   dependency nor a peer dependency (it resolves here only through
 *   hoisting; a type import of one breaks the adopter's type check);
 * - a type import names a package that ships no types of its own, and its
 *   `@types/` package is not declared either (Backstage's own frontend
 *   packages declare `@types/react` as an optional peer for this reason);
 * - main, module, types, a bin, an `exports` target or a `typesVersions`
 *   target of the published package.json is not a file of the package, or
 *   an `exports` subpath has types but no module to load.
 */
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const ts = require('typescript');
const { unpackPublished } = require('./packed-plugin');

const root = path.resolve(__dirname, '..');
const work = path.join(root, 'node_modules/.cache/infra-compliance-packed');

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `@types/scope__name` for `@scope/name`, `@types/name` for `name`. */
function typesPackageName(name) {
  return `@types/${
    name.startsWith('@') ? name.slice(1).replace('/', '__') : name
  }`;
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * Module specifiers a file imports or requires, read as code (not strings in
 * it), and the packages it references with `/// <reference types>`.
 */
function importedModules(file) {
  const { importedFiles, typeReferenceDirectives } = ts.preProcessFile(
    fs.readFileSync(file, 'utf8'),
    true,
    true,
  );
  return [...importedFiles, ...typeReferenceDirectives].map(
    imported => imported.fileName,
  );
}

/**
 * Every file path an `exports` value names, through its conditions (a
 * target is a path from "./"; Backstage's `backstage` condition holds a
 * marker, not a file).
 */
function exportTargets(value) {
  if (typeof value === 'string') return value.startsWith('./') ? [value] : [];
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(exportTargets);
  }
  return [];
}

/** The package.json of `name` as installed for `fromDir`, found the way Node looks (without its `exports` rules). */
function installedManifest(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) {
      return {
        dir: path.dirname(file),
        ...JSON.parse(fs.readFileSync(file, 'utf8')),
      };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function shipsTypes(manifest) {
  return Boolean(
    manifest.types ||
      manifest.typings ||
      JSON.stringify(manifest.exports ?? {}).includes('"types"') ||
      fs.existsSync(path.join(manifest.dir, 'index.d.ts')),
  );
}

function checkPackage(sourceDir, dir, manifest) {
  const problems = [];
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);

  const entryPoints = [
    ['main', manifest.main],
    ['module', manifest.module],
    ['types', manifest.types],
    ...Object.entries(
      typeof manifest.bin === 'string'
        ? { [manifest.name]: manifest.bin }
        : manifest.bin ?? {},
    ).map(([name, file]) => [`bin ${name}`, file]),
    ...Object.entries(
      typeof manifest.exports === 'string'
        ? { '.': manifest.exports }
        : manifest.exports ?? {},
    ).flatMap(([subpath, value]) =>
      exportTargets(value).map(file => [`exports["${subpath}"]`, file]),
    ),
    ...Object.values(manifest.typesVersions ?? {}).flatMap(mapping =>
      Object.entries(mapping).flatMap(([subpath, files]) =>
        files.map(file => [`typesVersions "${subpath}"`, file]),
      ),
    ),
  ].filter(([, file]) => file);
  for (const [field, file] of entryPoints) {
    if (!fs.existsSync(path.join(dir, file))) {
      problems.push(`${field} names ${file}, which is not in the package`);
    }
  }
  // Backstage's prepack drops the conditions whose dist/ file it does not
  // find: a subpath left with types alone type-checks and fails at load.
  for (const [subpath, value] of Object.entries(
    typeof manifest.exports === 'object' ? manifest.exports : {},
  )) {
    const conditions = typeof value === 'object' ? Object.keys(value) : [];
    if (
      conditions.length &&
      !conditions.some(condition =>
        ['import', 'require', 'default', 'node'].includes(condition),
      )
    ) {
      problems.push(
        `exports["${subpath}"] has no module to load, only ${conditions.join(
          ', ',
        )} (a dist/ file missing at pack time?)`,
      );
    }
  }

  const code = [
    ...filesUnder(path.join(dir, 'dist')),
    ...filesUnder(path.join(dir, 'bin')),
  ].filter(
    file =>
      /\.(c|m)?js$/.test(file) ||
      file.endsWith('.d.ts') ||
      path.basename(path.dirname(file)) === 'bin',
  );
  for (const file of code) {
    const relative = path.relative(dir, file);
    // The bin loads the TypeScript sources through @backstage/cli only
    // inside this repository, where src/ is there; it is not published.
    const inRepoOnly =
      path.basename(path.dirname(file)) === 'bin' ? ['@backstage/cli'] : [];
    for (const specifier of importedModules(file)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const name = packageName(specifier);
      if (builtinModules.includes(name) || inRepoOnly.includes(name)) continue;
      if (!declared.has(name)) {
        problems.push(
          `${relative} loads ${specifier}, of ${name}, which is not among its dependencies or peerDependencies`,
        );
        continue;
      }
      if (!file.endsWith('.d.ts') || name.startsWith('@types/')) continue;
      const installed = installedManifest(name, sourceDir);
      const typesName = typesPackageName(name);
      if (installed && !shipsTypes(installed) && !declared.has(typesName)) {
        problems.push(
          `${relative} imports types from ${name}, which ships none: ${typesName} is not among its dependencies or peerDependencies`,
        );
      }
    }
  }
  return problems;
}

const dirs = process.argv.slice(2).length
  ? process.argv.slice(2).map(dir => path.resolve(dir))
  : fs
      .readdirSync(path.join(root, 'plugins'), { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => path.join(root, 'plugins', entry.name))
      .filter(dir => fs.existsSync(path.join(dir, 'package.json')));

let failed = false;
for (const dir of dirs) {
  const name = path.relative(root, dir);
  const unpacked = path.join(work, path.basename(dir));
  let problems;
  try {
    problems = checkPackage(dir, unpacked, unpackPublished(dir, unpacked));
  } catch (error) {
    problems = [error.message];
  }
  if (problems.length) {
    failed = true;
    for (const problem of problems) console.error(`${name}: ${problem}`);
  } else {
    console.log(`${name}: ok`);
  }
}
if (!failed) fs.rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
