/**
 * Which directories of a Terraform tree are root modules, each one stack,
 * and which are modules that calls read (see loadTerraform).
 */
import { compareText } from '../../support/compareText';
import { addToList } from '../../support/multiMap';

/** What the calls between directories make of them. */
export interface ModuleRoles {
  /** The root modules' directories: each is read as one stack. */
  roots: string[];
  /** The directories of modules that only a cycle of modules calls (Terraform refuses module cycles). */
  onlyCalledInCycles: string[];
  /**
   * The paths links give a module's folder that are not read, as it is
   * read under another: a root module's but the one it is read under
   * (`current`, a link to `envs/prod`), and those of the modules only they
   * call (`current/q`). Their files are not listed, as a program's under
   * such a path are not. The module's own path stays (`shared/q`, which
   * calls name as `a/q`, `b/q`): it is the folder they read.
   */
  notRead: string[];
}

/**
 * The roles of the directories, from the local modules each one calls: a
 * module no call names is a root module. A folder symlinks lead to under
 * several paths (`a/q` and `b/q`, links to `shared/q`: `ownFolderOf` gives
 * `shared/q` for each) is one module: called where a call names any of its
 * paths, so the defaults its callers override are judged nowhere, as they
 * are in a module called by its own path; else one root module, read under
 * its own path where the scan reads it there, else the first in name order
 * (as discovery reads a template links lead to: a link to a stack's folder
 * doubles none of its findings).
 */
export function moduleRoles(
  calls: ReadonlyMap<string, ReadonlySet<string>>,
  ownFolderOf: (dir: string) => string,
): ModuleRoles {
  const dirsOf = new Map<string, string[]>();
  for (const dir of calls.keys()) addToList(dirsOf, ownFolderOf(dir), dir);
  const calledBy = (module: string) =>
    dirsOf
      .get(module)!
      .flatMap(dir => [...calls.get(dir)!].map(ownFolderOf))
      .filter(target => target !== module);
  const called = new Set([...dirsOf.keys()].flatMap(calledBy));
  const rootModules = [...dirsOf.keys()].filter(module => !called.has(module));
  const reached = new Set(rootModules);
  const pending = [...rootModules];
  while (pending.length > 0) {
    for (const target of calledBy(pending.pop()!)) {
      if (!reached.has(target)) {
        reached.add(target);
        pending.push(target);
      }
    }
  }
  const roots = rootModules.map(module => {
    const dirs = dirsOf.get(module)!;
    return dirs.includes(module) ? module : [...dirs].sort(compareText)[0];
  });
  // The directories read: the root modules' and those their calls name, by the paths they name them by.
  const read = new Set(roots);
  const toRead = [...roots];
  while (toRead.length > 0) {
    for (const target of calls.get(toRead.pop()!)!) {
      if (!read.has(target)) {
        read.add(target);
        toRead.push(target);
      }
    }
  }
  const readModules = new Set([...read].map(ownFolderOf));
  return {
    roots,
    onlyCalledInCycles: [...calls.keys()].filter(
      dir => !reached.has(ownFolderOf(dir)),
    ),
    notRead: [...calls.keys()].filter(
      dir =>
        !read.has(dir) &&
        ownFolderOf(dir) !== dir &&
        readModules.has(ownFolderOf(dir)),
    ),
  };
}
