/**
 * Which folders a walk of a tree enters, by real path, as symlinks lead it
 * to a folder under several paths (see discoverFiles).
 */

/** What the walk of a folder found. */
export interface FolderWalk {
  /**
   * What a walk reads of it depends on the path it is walked under: it holds
   * a file read as a part of its folder (a Terraform module's, a program's
   * module: see isPartOfItsFolder), or one the config's paths leave out
   * under this path, which they may leave in under another (`include:
   * [shared/**]`, the folder met first as `a/q -> ../shared/q`), or links
   * lead from it to one.
   */
  readsByPath: boolean;
  /** The depth of the outermost folder being walked that a link in it leads back to; Infinity for none. */
  loopsTo: number;
}

/**
 * Paths a folder is walked under at most. One holding a file of a Terraform
 * module or of a program is walked under each: links between such folders
 * (each linking two others) would make as many paths as a tree of them has
 * leaves, exponentially many.
 */
export const MAX_PATHS_OF_FOLDER = 100;

/**
 * Walks of folders under a path other than the first met a scan makes at
 * most, all folders together. Several stacks calling a handful of modules
 * through links to their folders take tens; a chain of linked module
 * folders (each holding a link to the next) would make each folder's walk
 * under up to MAX_PATHS_OF_FOLDER paths, a hundred times what the tree
 * holds.
 */
export const MAX_WALKS_UNDER_FURTHER_PATHS = 1000;

/** Why a folder met is not walked under this path (see FolderWalks.passedOver). */
export type PassedOver = 'mostPathsOfFolder' | 'mostWalksUnderFurtherPaths';

const SAME_UNDER_ANY_PATH: FolderWalk = {
  readsByPath: false,
  loopsTo: Infinity,
};

/**
 * The folders a walk enters. A folder of templates is walked once, under
 * the first path met. One whose walk reads by path (see
 * FolderWalk.readsByPath: one holding a file of a Terraform module or of a
 * program, or leading to one) is one of each folder it is linked into,
 * walked under each path (a module two stacks call through links to its
 * folder, `a/q -> ../shared/q`, `b/q -> ../shared/q`), up to
 * MAX_PATHS_OF_FOLDER, and MAX_WALKS_UNDER_FURTHER_PATHS for all folders
 * together. A link back to a folder being walked is a loop, not
 * followed; a folder that leads to one is known to read the same under any
 * path only once that one is, and is walked again where it is met after
 * that one reads by path (`a/q -> ../shared/q`, `shared/q/up -> ..`: through `a/q/up`,
 * `shared` is walked without `shared/q`, which is being walked; under its
 * own path it is walked again, with it).
 */
export class FolderWalks {
  private readonly sameUnderAnyPath = new Set<string>();
  /** The folders being walked, at their depth. */
  private readonly walking = new Map<string, number>();
  /** The folders walked that read the same under any path but loop back to one being walked, at that one's depth: they do if it does. */
  private readonly undecided = new Map<string, number>();
  private readonly undecidedInOrder: string[] = [];
  /** The paths each folder was met by, walked or beyond MAX_PATHS_OF_FOLDER. */
  private readonly pathsMet = new Map<string, number>();
  /** Walks of folders under a path other than their first. */
  private walksUnderFurtherPaths = 0;
  /** A path was passed over for MAX_WALKS_UNDER_FURTHER_PATHS. */
  private beyondWalksUnderFurtherPaths = false;

  /** What is known of a folder met, which is not walked again; undefined where it is to be walked. */
  known(folder: string): FolderWalk | undefined {
    const looped = this.walking.get(folder) ?? this.undecided.get(folder);
    if (looped !== undefined) return { readsByPath: false, loopsTo: looped };
    return this.sameUnderAnyPath.has(folder) ? SAME_UNDER_ANY_PATH : undefined;
  }

  /**
   * Whether the folder, to be walked (see known), is passed over under this
   * path: walked under MAX_PATHS_OF_FOLDER paths already, or under another
   * path once the scan has made MAX_WALKS_UNDER_FURTHER_PATHS such walks.
   * `listed`, why, where this path is the first passed over so (the
   * folder's first beyond its paths, the scan's first beyond its walks), the
   * one for which the folder is listed as skipped: listing each would make
   * a list as long as the paths are many, millions. Undefined where the
   * folder is to be walked.
   */
  passedOver(folder: string): { listed?: PassedOver } | undefined {
    const met = this.pathsMet.get(folder) ?? 0;
    if (met >= MAX_PATHS_OF_FOLDER) {
      this.pathsMet.set(folder, met + 1);
      return met === MAX_PATHS_OF_FOLDER ? { listed: 'mostPathsOfFolder' } : {};
    }
    if (
      met === 0 ||
      this.walksUnderFurtherPaths < MAX_WALKS_UNDER_FURTHER_PATHS
    )
      return undefined;
    if (this.beyondWalksUnderFurtherPaths) return {};
    this.beyondWalksUnderFurtherPaths = true;
    return { listed: 'mostWalksUnderFurtherPaths' };
  }

  /** A walk of the folder, at `depth` in the tree, starts. */
  start(folder: string, depth: number): { since: number } {
    this.walking.set(folder, depth);
    const met = this.pathsMet.get(folder) ?? 0;
    if (met > 0) this.walksUnderFurtherPaths++;
    this.pathsMet.set(folder, met + 1);
    return { since: this.undecidedInOrder.length };
  }

  /**
   * The walk of the folder started at `since` ends, its entries having
   * found `found`: what it found, for the folder holding it.
   */
  end(
    folder: string,
    { since }: { since: number },
    found: FolderWalk,
  ): FolderWalk {
    const depth = this.walking.get(folder)!;
    this.walking.delete(folder);
    // The folders walked in it that looped back to it, or to a folder above it, are decided with it.
    const inner = this.undecidedInOrder.splice(since);
    if (found.readsByPath) {
      for (const undecided of inner) this.undecided.delete(undecided);
      return { readsByPath: true, loopsTo: Infinity };
    }
    if (found.loopsTo >= depth) {
      for (const held of [...inner, folder]) {
        this.undecided.delete(held);
        this.sameUnderAnyPath.add(held);
      }
      return SAME_UNDER_ANY_PATH;
    }
    for (const held of [...inner, folder]) {
      this.undecided.set(held, found.loopsTo);
      this.undecidedInOrder.push(held);
    }
    return found;
  }
}
