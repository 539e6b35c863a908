/**
 * What a JavaScript project's `package.json` declares of the packages it
 * depends on, for adapters whose resources depend on a package's version
 * (a CDK construct's or a Pulumi helper's defaults).
 */
import { DocumentParseError, parseYaml } from '../documents/parseYaml';
import { installedVersion } from './lockfiles';
import { ReadCompanionFile } from './types';

/** A version as [major, minor, patch]. */
export type Version = readonly [number, number, number];

/** The versions a range allows: from `min` on, and none after `max` where it has an end. */
export interface AllowedVersions {
  min: Version;
  max?: Version;
}

/**
 * The version range a `package.json` declares for a package, among its
 * dependencies, devDependencies and peerDependencies (`^2.80.0`); undefined
 * when it declares none, or does not parse: it is not the app's code, and
 * says no version then.
 */
export function declaredRange(
  packageJson: string | undefined,
  name: string,
): string | undefined {
  if (packageJson === undefined) return undefined;
  let manifest: unknown;
  try {
    manifest = parseYaml(packageJson);
  } catch (error) {
    if (error instanceof DocumentParseError) return undefined;
    throw error;
  }
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  return ['dependencies', 'devDependencies', 'peerDependencies']
    .map(key => (manifest as Record<string, unknown>)[key])
    .filter(
      (list): list is Record<string, unknown> =>
        typeof list === 'object' && list !== null,
    )
    .map(list => list[name])
    .find((range): range is string => typeof range === 'string');
}

/**
 * The versions of a package an app runs on, as its `package.json` (the
 * text of `folder`'s) and its lockfiles (beside it, or at the root of its
 * workspace) say: the exact version a lockfile installs (`6.50.1`, a
 * range of one version), else the range
 * declared (`^6.0.0`); undefined when it declares none. A version the range
 * does not allow is of a lockfile older than package.json (`npm ci`
 * refuses it, an install replaces it): the range is what is known then.
 */
export function installedRange(
  packageJson: string | undefined,
  readLockfile: ReadCompanionFile | undefined,
  folder: string,
  name: string,
): string | undefined {
  const range = declaredRange(packageJson, name);
  if (range === undefined) return undefined;
  const installed = installedVersion(readLockfile, folder, name, range);
  return installed !== undefined && mayInstall(range, installed)
    ? installed
    : range;
}

/** Whether `range` allows the exact `version`; true for a range not read (`6.x`): nothing says it does not. */
function mayInstall(range: string, version: string): boolean {
  const allowed = versionsAllowed(range);
  const exact = versionsAllowed(version)?.min;
  if (!allowed || !exact) return true;
  // `max` is the exact version of an exact range, else the first version the range leaves out.
  const { min, max } = allowed;
  return (
    compareVersions(min, exact) <= 0 &&
    (!max ||
      compareVersions(exact, max) < 0 ||
      compareVersions(exact, min) === 0)
  );
}

const VERSION = String.raw`v?(\d+)\.(\d+)\.(\d+)`;
/** `1.2.3`, `=1.2.3`, `^1.2.3`, `~1.2.3`, `>=1.2.3`, or `>=1.2.3 <2.0.0`: the ranges read; no pre-release. */
const RANGE = new RegExp(
  String.raw`^\s*(\^|~|=|>=)?\s*${VERSION}(?:\s+<\s*${VERSION})?\s*$`,
);

/**
 * The versions a range allows, as npm reads it: an exact version, a caret
 * range (`^1.2.3`: up to 2.0.0; `^0.2.3`: up to 0.3.0), a tilde range (up to
 * the next minor), or `>=` with or without a `<` bound. Undefined for any
 * other (x-ranges, alternatives, pre-releases, tags, URLs, workspaces): what
 * it allows is not read.
 */
export function versionsAllowed(range: string): AllowedVersions | undefined {
  const match = RANGE.exec(range);
  if (!match) return undefined;
  const operator = match[1];
  const [major, minor, patch] = match.slice(2, 5).map(Number);
  const min: Version = [major, minor, patch];
  if (match[5] !== undefined)
    return operator === '>='
      ? { min, max: [Number(match[5]), Number(match[6]), Number(match[7])] }
      : undefined;
  switch (operator) {
    case '>=':
      return { min };
    case '^':
      if (major > 0) return { min, max: [major + 1, 0, 0] };
      return { min, max: minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1] };
    case '~':
      return { min, max: [major, minor + 1, 0] };
    default:
      return { min, max: min };
  }
}

/** Orders versions: negative when `a` comes before `b`. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
