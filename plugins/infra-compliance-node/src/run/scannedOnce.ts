/**
 * A file that several paths given reach, each through its own path or a
 * symlink, as one report of them all tells it: read once (see
 * pathsReportedElsewhere), and not skipped where another path scanned it
 * (see linksScannedElsewhere).
 */
import path from 'node:path';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { LEAVES_ROOT, isPartOfItsFolder } from '../discovery/discoverFiles';
import { ScanResult } from '../engine/scan';
import { compareText } from '../support/compareText';
import { realPathOf, toPosix } from '../support/paths';
import { Root, ScanUnit } from './scanUnits';

/** A scan of the paths given, and its report. */
export interface UnitScan {
  unit: ScanUnit;
  result: ScanResult;
}

/**
 * The paths of the files a report says were read, by report path: those it
 * lists, and a program's project file and the modules it imports that
 * declare nothing, which `files` leaves out.
 */
export function reportedFiles(result: ScanResult): string[] {
  return [
    ...result.files.map(scanned => scanned.path),
    ...(result.programs ?? []).flatMap(program => [
      program.project,
      ...program.files,
    ]),
  ];
}

/**
 * The report paths (relative to `cwd`) under which the scans of several
 * paths given read a file that the report gives under another path: a
 * template named by hand and through a symlink to it (`scan t/template.yaml
 * t/link.yaml`), or in a folder given and through a link to it or to its
 * folder, is reported once, as discoverFiles reads a file that links lead
 * to: under its own path where a path given reads it there (adding a link
 * moves none of its findings to another path), else under the path given
 * first that reads it. A file of a Terraform module or of a program is one
 * of each folder it is linked into (see isPartOfItsFolder): each of its
 * paths stays.
 */
export function pathsReportedElsewhere(
  scans: readonly UnitScan[],
  roots: readonly Root[],
  cwd: string,
): Set<string> {
  const realCwd = realPathOf(cwd);
  const givenAs = new Map(
    roots.map(root => [root, toPosix(path.relative(cwd, root.absolute))]),
  );
  /** Where among the paths given the first that reads `file` in `unit` is. */
  const givenAt = (unit: ScanUnit, file: string) =>
    Math.min(
      ...unit.roots
        .filter(root => {
          const given = givenAs.get(root)!;
          return given === '' || file === given || file.startsWith(`${given}/`);
        })
        .map(root => roots.indexOf(root)),
    );
  const readAs = new Map<string, Map<string, number>>();
  for (const { unit, result } of scans) {
    for (const { path: file } of result.files) {
      if (isPartOfItsFolder(file)) continue;
      const real = realPathOf(path.resolve(cwd, file));
      const paths = readAs.get(real) ?? new Map<string, number>();
      readAs.set(real, paths);
      paths.set(
        file,
        Math.min(paths.get(file) ?? Infinity, givenAt(unit, file)),
      );
    }
  }
  const elsewhere = new Set<string>();
  for (const [real, paths] of readAs) {
    if (paths.size < 2) continue;
    const own = toPosix(path.relative(realCwd, real));
    const [kept] = paths.has(own)
      ? [own]
      : [...paths.keys()].sort(
          (a, b) => paths.get(a)! - paths.get(b)! || compareText(a, b),
        );
    for (const file of paths.keys()) if (file !== kept) elsewhere.add(file);
  }
  return elsewhere;
}

/**
 * Whether a file a scan skipped (paths relative to `srcRoot`) is a symlink
 * its walk did not follow, as it leaves the path given, to what another
 * path given scanned: a file another read, or a folder another walked and
 * read files in (`scan x .`, `x/t.yaml -> ../t.yaml`). Such a link is no
 * file skipped: the report has what it leads to. But a file of a Terraform
 * module or of a program is one of each folder it is linked into (see
 * isPartOfItsFolder): read in another, it is still missing from this one;
 * and so is a folder holding one (a program's `lib`, a module a call names),
 * which this path's program or module is judged without.
 */
export function linksScannedElsewhere(
  scans: readonly UnitScan[],
  srcRoot: string,
): (skipped: SkippedFile) => boolean {
  let scanned: Set<string> | undefined;
  return skipped => {
    if (skipped.reason !== LEAVES_ROOT || isPartOfItsFolder(skipped.path))
      return false;
    scanned ??= scannedPaths(scans, srcRoot);
    return scanned.has(realPathOf(path.resolve(srcRoot, skipped.path)));
  };
}

/**
 * The real paths of the files the scans report read, and of the folders
 * they walked to them, but those holding a file of a Terraform module or of
 * a program (see linksScannedElsewhere).
 */
function scannedPaths(
  scans: readonly UnitScan[],
  srcRoot: string,
): Set<string> {
  const scanned = new Set<string>();
  const holdingParts = new Set<string>();
  for (const { unit, result } of scans) {
    // A file given by name is read alone, with its stack: no folder is walked for the report.
    const walked = unit.isFile ? undefined : realPathOf(unit.absolute);
    for (const file of reportedFiles(result)) {
      const real = realPathOf(path.resolve(srcRoot, file));
      scanned.add(real);
      if (walked === undefined) continue;
      const folders = isPartOfItsFolder(file) ? holdingParts : scanned;
      for (
        let folder = path.dirname(real);
        folder.startsWith(`${walked}${path.sep}`) || folder === walked;
        folder = path.dirname(folder)
      ) {
        folders.add(folder);
        if (folder === walked) break;
      }
    }
  }
  for (const folder of holdingParts) scanned.delete(folder);
  return scanned;
}
