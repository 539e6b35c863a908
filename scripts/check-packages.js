#!/usr/bin/env node
/*
 * Checks the plugins as they are published, after their build
 * (`yarn backstage-cli package build` in each, after `yarn tsc`): what an
 * adopter installs from the registry gets only the package's `files` and its
 * declared dependencies, not this monorepo's hoisted node_modules.
 *
 *   node scripts/check-packages.js [plugins/<name> ...]   (default: every plugin)
 *
 * Fails (exit 1), naming the package and the file, when
 * - a module that dist/ or bin/ loads, or a type that dist/*.d.ts imports, is
 *   of a package that is neither a dependency nor a peer dependency (it
 *   resolves here only through hoisting; a type import of one breaks the
 *   adopter's type check);
 * - main, module, types or a bin of the published package.json (publishConfig
 *   applied) is not a file in `files`, or a `files` entry does not exist.
 */
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** Module specifiers a file imports or requires, read as code (not strings in it). */
function importedModules(file) {
  const { importedFiles } = ts.preProcessFile(
    fs.readFileSync(file, 'utf8'),
    true,
    true,
  );
  return importedFiles.map(imported => imported.fileName);
}

function isShipped(manifest, relative) {
  const normalized = path.posix.normalize(relative).replace(/^\.\//, '');
  return (manifest.files ?? []).some(
    entry => normalized === entry || normalized.startsWith(`${entry}/`),
  );
}

function checkPackage(dir) {
  const problems = [];
  const source = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  const manifest = { ...source, ...source.publishConfig };
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);

  for (const entry of manifest.files ?? []) {
    if (!fs.existsSync(path.join(dir, entry))) {
      problems.push(`files names ${entry}, which does not exist (not built?)`);
    }
  }
  const entryPoints = [
    ['main', manifest.main],
    ['module', manifest.module],
    ['types', manifest.types],
    ...Object.entries(
      typeof manifest.bin === 'string'
        ? { [manifest.name]: manifest.bin }
        : manifest.bin ?? {},
    ).map(([name, file]) => [`bin ${name}`, file]),
  ].filter(([, file]) => file);
  for (const [field, file] of entryPoints) {
    if (!fs.existsSync(path.join(dir, file))) {
      problems.push(`${field} ${file} does not exist`);
    } else if (!isShipped(manifest, file)) {
      problems.push(`${field} ${file} is not in files`);
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
    // The bin loads the TypeScript sources through @backstage/cli only
    // inside this repository, where src/ is there; it is not published.
    const inRepoOnly =
      path.basename(path.dirname(file)) === 'bin' ? ['@backstage/cli'] : [];
    for (const specifier of importedModules(file)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const name = packageName(specifier);
      if (builtinModules.includes(name) || declared.has(name)) continue;
      if (inRepoOnly.includes(name)) continue;
      problems.push(
        `${path.relative(
          dir,
          file,
        )} loads ${specifier}, of ${name}, which is not among its dependencies or peerDependencies`,
      );
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
  const problems = checkPackage(dir);
  const name = path.relative(root, dir);
  if (problems.length) {
    failed = true;
    for (const problem of problems) console.error(`${name}: ${problem}`);
  } else {
    console.log(`${name}: ok`);
  }
}
process.exitCode = failed ? 1 : 0;
