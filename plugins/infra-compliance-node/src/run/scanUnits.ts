/**
 * The scans a scan of paths given makes (`scan <path...>`): one per folder
 * given, and one per stack of the files given by name (a pre-commit
 * hook's), which reads the stack once however many of its files are named.
 */
import path from 'node:path';
import { NamedFilesOrigin, groupNamedFiles } from '../engine/namedFiles';
import { toPosix } from '../support/paths';

/** A path given to scan. */
export interface Root {
  /** As given (on the command line, in a Scaffolder step's input). */
  given: string;
  absolute: string;
  isFile: boolean;
}

/** One scan of the run, and the paths given it answers for. */
export interface ScanUnit {
  roots: Root[];
  /** What the scan reads: a folder given, a file read alone, or the folder of the stack of the files named. */
  absolute: string;
  /** The directory its report paths are relative to, with one path given: the folder, a file's, or the stack's. */
  baseDirectory: string;
  /** It scans files given by name. */
  isFile: boolean;
  /** The files named, by path from `absolute`: the report is of them only. */
  namedFiles?: string[];
}

/**
 * The scans of the paths given, in their order: each folder is one; the
 * files given by name are grouped by the folder of their stack (see
 * groupNamedFiles; `origin` is where they were given from), and a file
 * of no stack is read alone.
 */
export async function scanUnits(
  roots: readonly Root[],
  origin: NamedFilesOrigin,
): Promise<ScanUnit[]> {
  const files = roots.filter(root => root.isFile);
  const units: ScanUnit[] = roots
    .filter(root => !root.isFile)
    .map(root => ({
      roots: [root],
      absolute: root.absolute,
      baseDirectory: root.absolute,
      isFile: false,
    }));
  for (const group of await groupNamedFiles(
    files.map(root => root.absolute),
    origin,
  )) {
    const members = files.filter(root => group.files.includes(root.absolute));
    const { folder } = group;
    units.push(
      folder === undefined
        ? {
            roots: members,
            absolute: group.files[0],
            baseDirectory: path.dirname(group.files[0]),
            isFile: true,
          }
        : {
            roots: members,
            absolute: folder,
            baseDirectory: folder,
            isFile: true,
            namedFiles: group.files.map(file =>
              toPosix(path.relative(folder, file)),
            ),
          },
    );
  }
  const order = (unit: ScanUnit) => roots.indexOf(unit.roots[0]);
  return units.sort((a, b) => order(a) - order(b));
}

/** The paths a scan answers for, as they were given: the first, and how many more. */
export function unitLabel(unit: ScanUnit): string {
  const [first, ...more] = unit.roots;
  return more.length === 0
    ? first.given
    : `${first.given} and ${more.length} more ${
        more.length === 1 ? 'file' : 'files'
      }`;
}
