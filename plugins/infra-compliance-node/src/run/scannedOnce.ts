/**
 * A file that several paths given reach, each through its own path or a
 * symlink, as one report of them all tells it: read once (see
 * pathsReportedElsewhere), and not skipped where another path scanned it
 * (see linksScannedElsewhere).
 */
import path from 'node:path';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { LEAVES_ROOT, isPartOfItsFolder } from '../discovery/discoverFiles';
import {
  PathToFile,
  ownPathIn,
  pathReadUnder,
} from '../discovery/pathReadUnder';
import { ScanResult } from '../engine/scan';
import { compareText } from '../support/compareText';
import { isAtOrBelow, realPathResolver, toPosix } from '../support/paths';
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

/** A path under which scans read a file, and where among the paths given the first that reads it there is. */
interface Reading extends PathToFile {
  givenAt: number;
  scans: UnitScan[];
}

/**
 * By scan, the report paths (relative to `cwd`) under which it read a file
 * that the report gives under another path, as discoverFiles reads a file
 * that links lead to: a template named by hand and through a symlink to it
 * (`scan t/template.yaml t/link.yaml`), or in a folder given and through a
 * link to it or to its folder, is reported once, under the path
 * pathReadUnder chooses (its own, where a path given reads it there, else
 * the path given first that reads it). A file of a Terraform module or of a
 * program is one of each folder it is linked into (see isPartOfItsFolder):
 * each of its paths stays; but two scans that reach it through no link
 * below the folders they walk read it in one place, reported once, under
 * the path that is no link where one is given: a folder given by its path
 * and through a link to it (`scan modules mlink`, `mlink -> modules`), or
 * a module's folder given through a link inside a folder given (`mlink ->
 * modules/q`), which the folder's scan judges as `scan modules modules/q`
 * does (see mergeScans).
 */
export function pathsReportedElsewhere(
  scans: readonly UnitScan[],
  roots: readonly Root[],
  cwd: string,
): Map<UnitScan, Set<string>> {
  const realPath = realPathResolver();
  const realCwd = realPath(cwd);
  /**
   * Where among the paths given the first that reads `file` in `unit` is:
   * by where it is, as a report path below a folder given above `cwd`
   * (`main.tf` in `..`) does not start with the folder's path.
   */
  const givenAt = (unit: ScanUnit, file: string) => {
    const absolute = path.resolve(cwd, file);
    return Math.min(
      ...unit.roots
        .filter(root => isAtOrBelow(absolute, root.absolute))
        .map(root => roots.indexOf(root)),
    );
  };
  // By what is read: a file by its real path; but a file of a module or of
  // a program that a link below the folder its scan walked led to, which is
  // where the walk met it, by that real folder and its path below it, one
  // place for two scans of that folder.
  const readAs = new Map<
    string,
    { place: string; paths: Map<string, Reading> }
  >();
  for (const scan of scans) {
    const { unit, result } = scan;
    const folder = realPath(unit.baseDirectory);
    for (const { path: file } of result.files) {
      const absolute = path.resolve(cwd, file);
      const below = toPosix(path.relative(unit.baseDirectory, absolute));
      const real = realPath(absolute);
      const own = below === ownPathIn(folder, real);
      const part = isPartOfItsFolder(file);
      // Reached through no link below the folder walked, a module's file is
      // that of the folder (`modules/q/main.tf` in `scan modules`, `main.tf`
      // in `scan mlink`, `mlink -> modules/q`): read once.
      const byLink = part && !own;
      const place = byLink ? path.join(folder, below) : real;
      const read = byLink ? JSON.stringify([folder, below]) : place;
      let group = readAs.get(read);
      if (!group) readAs.set(read, (group = { place, paths: new Map() }));
      let reading = group.paths.get(file);
      if (!reading) {
        reading = { path: file, own: false, givenAt: Infinity, scans: [] };
        group.paths.set(file, reading);
      }
      // A file of a module or of a program is at `below` in the folder each
      // scan walked: each path to it is its own, and fromReport picks the one
      // no link was given for.
      reading.own ||= part || own;
      reading.givenAt = Math.min(reading.givenAt, givenAt(unit, file));
      reading.scans.push(scan);
    }
  }
  const elsewhere = new Map<UnitScan, Set<string>>();
  for (const { place, paths } of readAs.values()) {
    if (paths.size < 2) continue;
    const met = [...paths.values()].sort(
      (a, b) => a.givenAt - b.givenAt || compareText(a.path, b.path),
    );
    const kept = pathReadUnder(met, ownPathIn(realCwd, place));
    for (const { path: file, scans: readBy } of met) {
      if (file === kept) continue;
      for (const scan of readBy) {
        const files = elsewhere.get(scan) ?? new Set<string>();
        elsewhere.set(scan, files.add(file));
      }
    }
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
  const realPath = realPathResolver();
  return skipped => {
    if (skipped.reason !== LEAVES_ROOT || isPartOfItsFolder(skipped.path))
      return false;
    scanned ??= scannedPaths(scans, srcRoot, realPath);
    return scanned.has(realPath(path.resolve(srcRoot, skipped.path)));
  };
}

/**
 * The real paths (by `realPath`, see realPathResolver) of the files the scans
 * report read, and of the folders they walked to them, but those holding a
 * file of a Terraform module or of a program (see linksScannedElsewhere).
 */
function scannedPaths(
  scans: readonly UnitScan[],
  srcRoot: string,
  realPath: (file: string) => string,
): Set<string> {
  const scanned = new Set<string>();
  const holdingParts = new Set<string>();
  for (const { unit, result } of scans) {
    // A file given by name is read alone, with its stack: no folder is walked for the report. A folder given read
    // in its program (see folderUnit) is walked for it, not the program's.
    const walked = unit.isFile ? undefined : realPath(unit.roots[0].absolute);
    for (const file of reportedFiles(result)) {
      const real = realPath(path.resolve(srcRoot, file));
      scanned.add(real);
      if (walked === undefined) continue;
      const folders = isPartOfItsFolder(file) ? holdingParts : scanned;
      for (
        let folder = path.dirname(real);
        isAtOrBelow(folder, walked);
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
