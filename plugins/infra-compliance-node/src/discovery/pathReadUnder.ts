/**
 * The one path a file that several paths reach is read and reported under,
 * as discovery, files given by name and a scan of several paths choose it
 * (see "Paths in the report" in the README).
 */
import path from 'node:path';
import { compareText } from '../support/compareText';
import { toPosix } from '../support/paths';

/** A path by which a scan reaches a file, maybe through symlinks to it or to a folder on the way. */
export interface PathToFile {
  /** As the report gives it. */
  path: string;
  /**
   * It is the file's own path: no symlink lies on it below the folder it
   * was reached from, the folder walked, that of the files named or the
   * path given (`tl/template.yaml` in a scan of `tl -> t`; not
   * `t/a-link.yaml`, a link to `t/template.yaml`). See ownPathIn.
   */
  own: boolean;
}

/** The path below `folder` of `file`, both real paths: the file's own path there (see PathToFile.own). */
export function ownPathIn(folder: string, file: string): string {
  return toPosix(path.relative(folder, file));
}

/**
 * Of the paths that reach one file, the one it is read and reported under:
 * its own path where one of them is (a link added beside a template or to
 * its folder moves none of its findings, nor so their fingerprints, to
 * another path); of several (`scan tl t`, `tl -> t`), `fromReport`, the
 * path with no symlink at all below the folder the report is written from
 * (`t/template.yaml`), else the first in name order; where none is, the
 * first of `paths`, which are in the order met (name order in a walk, else
 * the order the paths were given in).
 */
export function pathReadUnder(
  paths: readonly PathToFile[],
  fromReport: string,
): string {
  const own = paths.filter(reached => reached.own).map(({ path: p }) => p);
  if (own.length === 0) return paths[0].path;
  if (own.includes(fromReport)) return fromReport;
  return own.sort(compareText)[0];
}
