/**
 * The scans a scan of paths given makes (`scan <path...>`): one per folder
 * given, and one per stack of the files given by name (a pre-commit
 * hook's), which reads the stack once however many of its files are named.
 */
import path from 'node:path';
import { discoverFiles } from '../discovery/discoverFiles';
import {
  NamedFilesOrigin,
  groupNamedFiles,
  pulumiProjectOfMainFolder,
} from '../engine/namedFiles';
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
  /**
   * The folder the scan reads from: the folder given, a file's, or the stack's (a program's, for a folder given in
   * its main folder, see folderUnit). With one folder given, report paths are relative to that folder.
   */
  baseDirectory: string;
  /** It scans files given by name. */
  isFile: boolean;
  /** The files named, by path from `absolute` (those of a folder given in a program's main folder): the report is of them only. */
  namedFiles?: string[];
}

/**
 * The scans of the paths given, in their order: each folder is one, its
 * files read in the Pulumi program above it where it is in that program's
 * main folder (see folderUnit); the files given by name are grouped by the
 * folder of their stack (see groupNamedFiles; `origin` is where they were
 * given from), and a file of no stack is read alone.
 */
export async function scanUnits(
  roots: readonly Root[],
  origin: NamedFilesOrigin,
): Promise<ScanUnit[]> {
  const files = roots.filter(root => root.isFile);
  const units: ScanUnit[] = [];
  for (const root of roots) {
    if (!root.isFile) units.push(await folderUnit(root, origin));
  }
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

/**
 * The scan of a folder given: of the folder; but of a folder in the main
 * folder of a Pulumi program above it (`src` of a project with `main:
 * src/`), which holds modules of the program and not its project file, the
 * scan of the project's folder, its report narrowed to the files of the
 * folder given, as if they were given by name: a scan of the folder alone
 * would read no program. Its config is still the folder's (see
 * scanGivenPaths.readTreeConfig), whose paths leave its files in or out.
 */
async function folderUnit(
  root: Root,
  origin: NamedFilesOrigin,
): Promise<ScanUnit> {
  const alone = {
    roots: [root],
    absolute: root.absolute,
    baseDirectory: root.absolute,
    isFile: false,
  };
  const project = pulumiProjectOfMainFolder(root.absolute, origin);
  if (project === undefined) return alone;
  const { files, notText = new Set() } = await discoverFiles(root.absolute);
  if (files.length === 0) return alone;
  const folder = toPosix(path.relative(project, root.absolute));
  // Its binary and oversized files too: the report lists them as skipped, as the folder's scan does.
  const named = [...files.map(file => file.path), ...notText];
  return {
    ...alone,
    absolute: project,
    baseDirectory: project,
    namedFiles: named.map(file => `${folder}/${file}`),
  };
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
