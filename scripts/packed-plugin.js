/*
 * Packs a built plugin exactly as it is published and unpacks it where the
 * caller wants it: `yarn pack` runs the package's prepack (Backstage's
 * `backstage-cli package prepack`, which points main, types and exports at
 * dist/ and applies publishConfig), replaces `workspace:` ranges with
 * versions and keeps only the files npm would publish. Used by
 * check-packages.js and smoke-published-cli.js, so that what they check is
 * the package an adopter installs, not a copy laid out by hand.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

/** The Yarn release this repository runs (yarnPath in .yarnrc.yml). */
function yarnRelease() {
  const yarnrc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const yarnPath = /^yarnPath:\s*(\S+)\s*$/m.exec(yarnrc)?.[1];
  if (!yarnPath) throw new Error('.yarnrc.yml names no yarnPath');
  return path.join(root, yarnPath);
}

/**
 * Packs the plugin at `pluginDir` (built beforehand) and unpacks it into
 * `targetDir`, emptied first. Returns the published package.json.
 */
function unpackPublished(pluginDir, targetDir) {
  fs.rmSync(targetDir, { recursive: true, force: true });
  fs.mkdirSync(targetDir, { recursive: true });
  const archive = path.join(targetDir, 'package.tgz');
  const pack = spawnSync(
    process.execPath,
    [yarnRelease(), 'pack', '--out', archive],
    { cwd: pluginDir, encoding: 'utf8' },
  );
  if (pack.status !== 0) {
    throw new Error(
      `yarn pack failed in ${path.relative(root, pluginDir)}:\n${pack.stdout}${
        pack.stderr
      }`,
    );
  }
  const unpack = spawnSync(
    'tar',
    ['-xzf', archive, '-C', targetDir, '--strip-components=1'],
    { encoding: 'utf8' },
  );
  if (unpack.status !== 0) {
    throw new Error(`cannot unpack ${archive}: ${unpack.stderr}`);
  }
  fs.rmSync(archive);
  return JSON.parse(
    fs.readFileSync(path.join(targetDir, 'package.json'), 'utf8'),
  );
}

module.exports = { unpackPublished };
