#!/usr/bin/env node
/*
 * Runs the command-line scanner as it is published, after the build of
 * plugins/infra-compliance-node and plugins/infra-compliance-common
 * (`yarn backstage-cli package build` in each): packed as published and
 * unpacked as an install would lay it out (scripts/packed-plugin.js; its
 * -common dependency beside it under node_modules), it scans examples/ and must write
 * the very report the CLI writes from source. Inside this repository the bin
 * runs the TypeScript sources, so no other test runs the built code (its
 * lazily loaded adapters, its re-exports, its data files).
 *
 *   node scripts/smoke-published-cli.js
 *
 * Exits 1, saying what differs, when the published CLI fails or its report
 * differs from the source's.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { unpackPublished } = require('./packed-plugin');

const root = path.resolve(__dirname, '..');
// Inside the repository: the published CLI resolves its other dependencies
// (js-yaml, commander, ...) from node_modules, as an install would.
const work = path.join(root, 'node_modules/.cache/infra-compliance-published');

function run(bin, args) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
  });
}

function main() {
  fs.rmSync(work, { recursive: true, force: true });
  // Side by side under node_modules, as an install puts them: the engine
  // finds its own data files through its package name.
  const scope = path.join(work, 'node_modules/@infra-compliance');
  const installed = path.join(scope, 'backstage-plugin-infra-compliance-node');
  const manifest = unpackPublished(
    path.join(root, 'plugins/infra-compliance-node'),
    installed,
  );
  unpackPublished(
    path.join(root, 'plugins/infra-compliance-common'),
    path.join(scope, 'backstage-plugin-infra-compliance-common'),
  );
  const published = path.join(installed, manifest.bin['infra-compliance']);
  const fromSource = path.join(
    root,
    'plugins/infra-compliance-node',
    manifest.bin['infra-compliance'],
  );
  const problems = [];

  const version = run(published, ['--version']);
  if (version.status !== 0 || version.stdout.trim() !== manifest.version)
    problems.push(
      `--version exited ${version.status} with ${JSON.stringify(
        version.stdout.trim(),
      )} (expected ${manifest.version}): ${version.stderr.trim()}`,
    );

  const reports = {};
  for (const [name, bin] of [
    ['published', published],
    ['source', fromSource],
  ]) {
    const output = path.join(work, `${name}.json`);
    const scan = run(bin, [
      'scan',
      'examples',
      '--format',
      'json',
      '--output',
      output,
    ]);
    if (scan.status !== 0 || !fs.existsSync(output)) {
      problems.push(
        `the ${name} CLI's scan of examples exited ${
          scan.status
        }: ${scan.stderr.trim()}`,
      );
    } else {
      reports[name] = fs.readFileSync(output, 'utf8');
    }
  }
  if (
    reports.published !== undefined &&
    reports.source !== undefined &&
    reports.published !== reports.source
  ) {
    const published = JSON.parse(reports.published);
    const source = JSON.parse(reports.source);
    problems.push(
      `the published CLI's report of examples differs from the source's: ${published.findings.length} findings in ${published.files.length} files against ${source.findings.length} in ${source.files.length}`,
    );
  }

  if (problems.length) {
    for (const problem of problems)
      console.error(`published infra-compliance CLI: ${problem}`);
    process.exitCode = 1;
    return;
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(
    `published infra-compliance CLI: ok (${
      JSON.parse(reports.published).findings.length
    } findings on examples, as from source)`,
  );
}

main();
