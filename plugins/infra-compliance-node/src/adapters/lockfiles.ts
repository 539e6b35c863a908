/**
 * The exact version of a package a JavaScript project's lockfile installs
 * for the range its package.json declares: npm's package-lock.json
 * (lockfile versions 1 to 3), Yarn's yarn.lock (classic and Berry) and
 * pnpm's pnpm-lock.yaml (lockfile versions 5 to 9).
 */
import { wildcardMatches } from '../support/wildcards';
import { DocumentParseError, parseYaml } from '../documents/parseYaml';
import { ReadCompanionFile } from './types';
import { folderOf } from '../support/paths';

/**
 * The lockfiles read, by name: each finds the version it installs of `name`
 * as `range` declares it for the project at `member` (a path relative to the
 * lockfile's folder, '' for the project beside it), where its workspace
 * includes that project. `read` reads a file of the lockfile's folder.
 */
const LOCKFILES: Record<
  string,
  (
    text: string,
    name: string,
    range: string,
    member: string,
    read: (file: string) => string | undefined,
  ) => string | undefined
> = {
  'package-lock.json': npmVersion,
  'yarn.lock': yarnVersion,
  'pnpm-lock.yaml': pnpmVersion,
};

/** Names of the lockfiles read (for the files a scan fetches). */
export const LOCKFILE_NAME =
  /(^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/;

/**
 * Longer lockfiles are not parsed (an app's is a few hundred KiB; one of a
 * workspace of many packages may be tens of MiB, long to parse): the
 * version stays the range package.json declares. A scan reads companion
 * files up to 1 MiB anyway.
 */
const MAX_LOCKFILE_LENGTH = 1024 * 1024;

/** `6.50.1`, with pnpm's peer suffix after it (`6.50.1(typescript@5.4.5)`, `6.50.1_typescript@5.4.5`); no pre-release. */
const EXACT_VERSION = /^(\d+\.\d+\.\d+)(?:$|[(_])/;

/**
 * The version (`6.50.1`) the lockfiles install of `name`, which the
 * package.json of `folder` (a path relative to the scanned root, '' for the
 * root) declares as `range`: those of the nearest folder from `folder` up to
 * the root that has some (a workspace's are at its root), where their
 * workspace includes `folder`. Undefined where none is there, readable and
 * small enough, where none says (a malformed lockfile says nothing), or
 * where two say different versions: which one is installed is not known.
 */
export function installedVersion(
  read: ReadCompanionFile | undefined,
  folder: string,
  name: string,
  range: string,
): string | undefined {
  if (!read) return undefined;
  for (
    let at: string | undefined = folder;
    at !== undefined;
    at = at === '' ? undefined : folderOf(at)
  ) {
    const inFolder = (file: string) => read(at ? `${at}/${file}` : file);
    const lockfiles = Object.entries(LOCKFILES).map(
      ([file, versionIn]) => [inFolder(file), versionIn] as const,
    );
    if (lockfiles.every(([text]) => text === undefined)) continue;
    const member = at ? folder.slice(at.length + 1) : folder;
    const versions = new Set<string>();
    for (const [text, versionIn] of lockfiles) {
      if (text === undefined || text.length > MAX_LOCKFILE_LENGTH) continue;
      const version = versionIn(text, name, range, member, inFolder);
      if (version !== undefined) versions.add(version);
    }
    return versions.size === 1 ? [...versions][0] : undefined;
  }
  return undefined;
}

function exactVersion(value: unknown): string | undefined {
  return typeof value === 'string' ? EXACT_VERSION.exec(value)?.[1] : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * package-lock.json: `packages["node_modules/<name>"]` (v2, v3), or
 * `dependencies[<name>]` (v1): the package the project's own node_modules
 * holds. For a member of the workspace (which v2 and v3 list in `packages`
 * by its path), the copy in its own node_modules, else the one hoisted to
 * the workspace's. Where that is a link to a package of the workspace, the
 * version of that package.
 */
function npmVersion(
  text: string,
  name: string,
  _range: string,
  member: string,
): string | undefined {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(lock)) return undefined;
  let entry: unknown;
  if (isRecord(lock.packages)) {
    if (member && !isRecord(lock.packages[member])) return undefined;
    entry =
      (member ? lock.packages[`${member}/node_modules/${name}`] : undefined) ??
      lock.packages[`node_modules/${name}`];
    // A package of the workspace, linked in: its version is that of the entry of its folder.
    if (
      isRecord(entry) &&
      entry.link === true &&
      typeof entry.resolved === 'string'
    )
      entry = lock.packages[entry.resolved];
  } else if (isRecord(lock.dependencies) && !member) {
    entry = lock.dependencies[name];
  }
  return isRecord(entry) ? exactVersion(entry.version) : undefined;
}

/**
 * yarn.lock: the entry whose key names the package with the declared range
 * (`"@pulumi/aws@^6.0.0", "@pulumi/aws@^6.1.0":` in Yarn classic,
 * `"@pulumi/aws@npm:^6.0.0":` in Berry), and its `version` (`version
 * "6.50.1"`, `version: 6.50.1`). Read line by line: classic's format is
 * not YAML. A member's entry is there too, where the `workspaces` of the
 * package.json beside the lockfile include it (Yarn resolves a range once
 * for the whole workspace).
 */
function yarnVersion(
  text: string,
  name: string,
  range: string,
  member: string,
  read: (file: string) => string | undefined,
): string | undefined {
  if (member && !workspacesInclude(read('package.json'), member))
    return undefined;
  const keys = new Set([`${name}@${range}`, `${name}@npm:${range}`]);
  let inEntry = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inEntry =
        line.endsWith(':') &&
        line
          .slice(0, -1)
          .split(',')
          .some(key => keys.has(key.trim().replace(/^"|"$/g, '')));
      continue;
    }
    // The entry's own fields are indented by two spaces; its dependencies (one named `version` too) by four.
    const version = inEntry
      ? /^ {2}version:? +"?([^"\s]+)"?$/.exec(line)
      : null;
    if (version) return exactVersion(version[1]);
  }
  return undefined;
}

/**
 * pnpm-lock.yaml: the version of the package among the dependencies of the
 * project at the lockfile's folder (`importers["."]` from v9, and in a
 * workspace's lockfile; the top level before), or of a member of the
 * workspace (`importers["<member path>"]`), written `6.50.1` (v5) or as
 * `{ specifier, version }` (v6 on). Only what comes before the `packages`
 * section is parsed: the project's dependencies, not the whole tree.
 */
function pnpmVersion(
  text: string,
  name: string,
  _range: string,
  member: string,
): string | undefined {
  const end = text.search(/^(?:packages|snapshots):/m);
  let lock: unknown;
  try {
    lock = parseYaml(end < 0 ? text : text.slice(0, end));
  } catch (error) {
    if (error instanceof DocumentParseError) return undefined;
    throw error;
  }
  if (!isRecord(lock)) return undefined;
  // Before v9, a lockfile of no workspace lists the project's dependencies at its top level.
  let project: unknown = member ? undefined : lock;
  if (isRecord(lock.importers)) project = lock.importers[member || '.'];
  if (!isRecord(project)) return undefined;
  for (const list of [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
  ]) {
    const dependencies = project[list];
    const entry = isRecord(dependencies) ? dependencies[name] : undefined;
    const version = exactVersion(isRecord(entry) ? entry.version : entry);
    if (version !== undefined) return version;
  }
  return undefined;
}

/**
 * Whether the `workspaces` of a package.json (`["packages/*"]`, or
 * `{ packages: [...] }` in Yarn classic) include the project at `member`:
 * globs where `*` stands for any part of one folder's name, `?` for one
 * character of it, `**` for any folders and `{a,b}` for either; a `!` glob
 * leaves out what it matches.
 */
function workspacesInclude(
  packageJson: string | undefined,
  member: string,
): boolean {
  let manifest: unknown;
  try {
    manifest = JSON.parse(packageJson ?? '');
  } catch {
    return false;
  }
  if (!isRecord(manifest)) return false;
  const workspaces = isRecord(manifest.workspaces)
    ? manifest.workspaces.packages
    : manifest.workspaces;
  if (!Array.isArray(workspaces)) return false;
  const globs = workspaces.filter(
    (glob): glob is string => typeof glob === 'string',
  );
  const path = member.split('/');
  const matches = (glob: string) =>
    braceExpansions(glob).some(expansion =>
      globMatches(
        expansion.replace(/^\.\//, '').split('/').filter(Boolean),
        path,
      ),
    );
  return (
    globs.some(glob => !glob.startsWith('!') && matches(glob)) &&
    !globs.some(glob => glob.startsWith('!') && matches(glob.slice(1)))
  );
}

/** A `{a,b}` group of a glob: its alternatives, not nested. */
const BRACE_GROUP = /\{([^{}]*,[^{}]*)\}/;
/** More alternatives than a workspace lists (a crafted glob could ask for millions): the glob matches nothing. */
const MAX_BRACE_EXPANSIONS = 64;

/** The globs a glob's `{a,b}` groups stand for: `packages/{cdk,pulumi}/*` is `packages/cdk/*` and `packages/pulumi/*`. */
function braceExpansions(glob: string): string[] {
  let expansions = [glob];
  // Alternatives hold no braces: every expansion has the same groups left, the first one next.
  for (
    let group = BRACE_GROUP.exec(glob);
    group;
    group = BRACE_GROUP.exec(expansions[0])
  ) {
    const { index, 0: whole, 1: alternatives } = group;
    expansions = expansions.flatMap(expansion =>
      alternatives
        .split(',')
        .map(
          alternative =>
            expansion.slice(0, index) +
            alternative +
            expansion.slice(index + whole.length),
        ),
    );
    if (expansions.length > MAX_BRACE_EXPANSIONS) return [];
  }
  return expansions;
}

/**
 * Whether the folders of a glob match those of a path, one by one (`**` any
 * number of them). The glob is the scanned repository's: matched in time
 * proportional to the product of their lengths, not by backtracking (which
 * a crafted glob makes exponential; picomatch's regular expressions too).
 */
function globMatches(glob: string[], path: string[]): boolean {
  // rest[i]: whether the glob's folders after the one matched match the path's from the i-th on.
  let rest = path.map(() => false).concat(true);
  for (let g = glob.length - 1; g >= 0; g--) {
    const matched: boolean[] = [];
    for (let i = path.length; i >= 0; i--) {
      matched[i] =
        glob[g] === '**'
          ? rest[i] || (i < path.length && matched[i + 1])
          : i < path.length && rest[i + 1] && wildcardMatches(glob[g], path[i]);
    }
    rest = matched;
  }
  return rest[0];
}
