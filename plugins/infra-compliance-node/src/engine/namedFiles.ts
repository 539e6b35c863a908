/**
 * Files given by name (those a pre-commit hook or a pull request changed),
 * and the stacks a scan reads them in: a file alone lacks what the other
 * files of its stack declare, so it is judged in its stack, read once
 * however many of its files are named (see "A file given by name" in the
 * README).
 */
import fs from 'node:fs';
import path from 'node:path';
import { claimOf } from '../adapters/lazyAdapters';
import { moduleRoles } from '../adapters/terraform/rootModules';
import { PROJECT_FILE as PULUMI_PROJECT_FILE } from '../adapters/pulumi/claim';
import { parseYaml } from '../documents/parseYaml';
import { isMap } from '../graph/values';
import { CONFIG_FILE_NAME } from '../config/loadConfig';
import {
  DiscoveredFile,
  Discovery,
  DiscoveryOptions,
  discoverFiles,
  isLeftInByPaths,
  isPartOfItsFolder,
} from '../discovery/discoverFiles';
import {
  PathToFile,
  ownPathIn,
  pathReadUnder,
} from '../discovery/pathReadUnder';
import { addToSet } from '../support/multiMap';
import {
  isAtOrBelow,
  realPathResolver,
  repositoryRootOf,
} from '../support/paths';
import { byPath } from '../support/reportOrder';

/** The stack a file given by name belongs to. */
export interface NamedFileStack {
  /**
   * The folder a scan of the stack reads: the file's own (a template's, read with the other templates of the
   * folder), its Terraform module's callers', or its program's (that of its `cdk.json`, `Pulumi.yaml`).
   */
  folder: string;
  /** The file is its program's project file: read alone, unless other files of the program are named with it. */
  isProjectFile?: true;
}

/**
 * Where files given by name were given from, which bounds how far above
 * them their stacks and config are looked for (see searchBoundOf).
 */
export interface NamedFilesOrigin {
  /** The directory they were given from: the command line's current directory, a Scaffolder task's workspace. */
  cwd: string;
  /**
   * Nothing above `cwd` is read, even where the root of the files' Git
   * repository is above it: a Scaffolder task's workspace (which may be in a
   * checkout, as a working directory of a local backend is) is all its step
   * may read.
   */
  confined?: boolean;
}

/** Files given by name that one scan reads. */
export interface NamedFileGroup {
  /** The folder of their stack, read once for them all; absent for a file read alone. */
  folder?: string;
  /** The files (absolute paths), each once. */
  files: string[];
}

/**
 * The stack of a file given by name (an absolute path): a template is read
 * with the other templates of its folder, which a scan of it lets answer
 * its failures (an alarm in a monitoring template); a Terraform file's
 * module is its folder, read with the modules that call it and those they
 * call (see moduleStackFolderOf); a module of a CDK app or Pulumi program
 * is read with the program whose project file is in the nearest folder at
 * or above its own (see programFolderOf). Undefined for a file read alone:
 * a module of no program found, a file not read. `origin` is where the
 * file was given from (see searchBoundOf).
 */
export async function stackOfNamedFile(
  file: string,
  origin: NamedFilesOrigin = { cwd: process.cwd() },
  callsByBound: Map<string, Promise<ModuleCalls>> = new Map(),
): Promise<NamedFileStack | undefined> {
  const [read] = (await discoverFiles(file)).files;
  const claim = read && claimOf(read);
  if (!claim) return undefined;
  const folder = path.dirname(file);
  if (claim.stacksAnswerEachOther) return { folder };
  if (claim.moduleIsFolder) {
    const bound = searchBoundOf(folder, origin);
    // The root of the file system (a container's `/`) is no tree to walk for callers: its walk reads every tree of
    // the machine, and other processes' through `/proc/<pid>/cwd`, whose calls would make `/` the stack's folder.
    if (path.dirname(bound) === bound) return { folder };
    let calls = callsByBound.get(bound);
    if (!calls) {
      calls = moduleCallsBelow(bound, claim.fileNamePattern);
      callsByBound.set(bound, calls);
    }
    return { folder: moduleStackFolderOf(folder, await calls, bound) };
  }
  const projectFile = claim.program?.projectFileNamePattern;
  if (!projectFile) return undefined;
  if (projectFile.test(read.path)) return { folder, isProjectFile: true };
  const programFolder = programFolderOf(folder, projectFile, origin);
  return programFolder === undefined ? undefined : { folder: programFolder };
}

/**
 * Files given by name, grouped by the folder of their stack: one scan of it
 * reads them all. A project file joins the files of its program named with
 * it, and is read alone otherwise, as a file of no stack is. `origin` is
 * where they were given from (see searchBoundOf).
 */
export async function groupNamedFiles(
  files: readonly string[],
  origin: NamedFilesOrigin,
): Promise<NamedFileGroup[]> {
  const unique = [...new Set(files)];
  const stacks = new Map<string, NamedFileStack | undefined>();
  // The module calls of a tree are read once for all the files named in it.
  const callsByBound = new Map<string, Promise<ModuleCalls>>();
  for (const file of unique)
    stacks.set(file, await stackOfNamedFile(file, origin, callsByBound));
  const groups: NamedFileGroup[] = [];
  const byFolder = new Map<string, NamedFileGroup>();
  for (const [file, stack] of stacks) {
    if (!stack || stack.isProjectFile) continue;
    let group = byFolder.get(stack.folder);
    if (!group) {
      group = { folder: stack.folder, files: [] };
      byFolder.set(stack.folder, group);
      groups.push(group);
    }
    group.files.push(file);
  }
  for (const [file, stack] of stacks) {
    if (stack && !stack.isProjectFile) continue;
    const program = stack && byFolder.get(stack.folder);
    if (program) program.files.push(file);
    else groups.push({ files: [file] });
  }
  return groups;
}

/**
 * The folder of the program of a module in `folder`: the nearest at or
 * above it holding a project file, up to the root of its Git repository;
 * outside one, up to the origin's `cwd` where `folder` is below it, else
 * in `folder` alone (see searchBoundOf). A project file beyond that belongs
 * to another tree (a `Pulumi.yaml` in a home folder would make every module
 * below it a program's).
 */
function programFolderOf(
  folder: string,
  projectFile: RegExp,
  origin: NamedFilesOrigin,
): string | undefined {
  const bound = searchBoundOf(folder, origin);
  for (let current = folder; ; current = path.dirname(current)) {
    if (holdsFileNamed(current, projectFile)) return current;
    if (current === bound || path.dirname(current) === current)
      return undefined;
  }
}

/**
 * The folder of the Pulumi project whose program's `main` folder (`main:
 * src/`, or the folder of `main: infra/index.ts`) holds `folder`, below the
 * project's own folder: the nearest folder above `folder` holding a
 * `Pulumi.yaml`, found as a module given by name finds its program's (see
 * programFolderOf). Undefined where there is none, where `folder` holds a
 * project file of its own, and where it is not in the main folder: a
 * program whose main module is in the project's folder may import modules
 * of any folder below, which may hold other stacks as well.
 */
export function pulumiProjectOfMainFolder(
  folder: string,
  origin: NamedFilesOrigin,
): string | undefined {
  const project = programFolderOf(folder, PULUMI_PROJECT_FILE, origin);
  if (project === undefined || project === folder) return undefined;
  const main = declaredMain(project);
  if (main === undefined) return undefined;
  const target = path.resolve(project, main);
  let mainFolder: string;
  try {
    mainFolder = fs.statSync(target).isDirectory()
      ? target
      : path.dirname(target);
  } catch {
    // Pulumi stops where `main` names nothing: a folder of the program is not its main folder. A `.js` main is read
    // as the TypeScript module beside it that it is compiled from, where only that is there (see the adapter's mainModule).
    if (!(/\.js$/.test(main) && fs.existsSync(`${target.slice(0, -3)}.ts`)))
      return undefined;
    mainFolder = path.dirname(target);
  }
  return mainFolder !== project && isAtOrBelow(folder, mainFolder)
    ? project
    : undefined;
}

/** The `main` the project file in `project` declares; undefined for none. */
function declaredMain(project: string): string | undefined {
  let settings: unknown;
  try {
    const file = fs
      .readdirSync(project)
      .find(entry => PULUMI_PROJECT_FILE.test(entry));
    settings = parseYaml(fs.readFileSync(path.join(project, file!), 'utf8'));
  } catch {
    // One that cannot be read or parsed declares no main folder: a scan of the project says why.
    return undefined;
  }
  const main = isMap(settings) ? settings.main : undefined;
  return typeof main === 'string' && main !== '' ? main : undefined;
}

/**
 * The folder of the config files given by name are scanned with: the
 * nearest at or above their stack's folder that holds one, up to the root of
 * its Git repository (see searchBoundOf), as a pre-commit hook's `scan` of
 * the repository reads the config at its root; the stack's folder where none
 * does.
 */
export function configFolderOf(
  stackFolder: string,
  origin: NamedFilesOrigin,
): string {
  const bound = searchBoundOf(stackFolder, origin);
  for (let current = stackFolder; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, CONFIG_FILE_NAME))) return current;
    if (current === bound || path.dirname(current) === current)
      return stackFolder;
  }
}

/**
 * How far above a named file's folder its stack is looked for: the root of
 * its Git repository; outside one, the directory the file was given from
 * (`cwd`: the command line's current directory, a Scaffolder task's
 * workspace) where the folder is below it, else the folder alone. A
 * `confined` origin's search stops at `cwd` where the repository's root is
 * above it.
 */
function searchBoundOf(folder: string, origin: NamedFilesOrigin): string {
  const { cwd } = origin;
  const repositoryRoot = repositoryRootOf(folder);
  if (
    origin.confined &&
    isAtOrBelow(folder, cwd) &&
    (repositoryRoot === undefined || !isAtOrBelow(repositoryRoot, cwd))
  )
    return cwd;
  return repositoryRoot ?? (isAtOrBelow(folder, cwd) ? cwd : folder);
}

/** The local module calls of the Terraform files of a tree (see moduleCallsBelow). */
interface ModuleCalls {
  /** By a module's real folder, the folders whose files call it, by any of its paths. */
  callers: Map<string, Set<string>>;
  /** By folder, the folders its files call, by the paths the calls name. */
  called: Map<string, Set<string>>;
  /**
   * The paths links give a module's folder that a scan of the tree does
   * not read it under, as it reads it under another (see ModuleRoles.notRead).
   */
  notRead: Set<string>;
  /** See realPathResolver. */
  realPath: (file: string) => string;
}

/** A local module's source, in HCL or JSON: `source = "../modules/queue"`. */
const LOCAL_MODULE_SOURCE = /"?\bsource"?\s*[=:]\s*"(\.\.?\/[^"]*)"/g;

/**
 * The local module calls of the Terraform files below `bound`, found by
 * their literal sources (Terraform takes no other) without parsing the
 * files: a source that is no module call only widens the folder read,
 * where it names a folder of Terraform files.
 * Folders are absolute, by the paths the walk of `bound` reaches them by
 * (`a/q`, a link to `shared/q`), and a call names its module by a path
 * from its own folder's, as Terraform resolves it (`a/q/../r` is `a/r`).
 */
async function moduleCallsBelow(
  bound: string,
  fileNamePattern: RegExp,
): Promise<ModuleCalls> {
  const realPath = realPathResolver();
  const callers = new Map<string, Set<string>>();
  const called = new Map<string, Set<string>>();
  const { files } = await discoverFiles(bound, {
    isCandidate: relative => fileNamePattern.test(relative),
  });
  // A source naming no folder of the files read (an `aws_s3_object`'s `../../dist/app.zip`, a module outside the
  // tree) names no module a scan reads: it widens nothing.
  const folders = new Set(
    files.map(file => path.dirname(path.join(bound, file.path))),
  );
  for (const file of files) {
    const caller = path.dirname(path.join(bound, file.path));
    for (const [, source] of file.text.matchAll(LOCAL_MODULE_SOURCE)) {
      const module = path.resolve(caller, source);
      if (module === caller || !folders.has(module)) continue;
      addToSet(called, caller, module);
      addToSet(callers, realPath(module), caller);
    }
  }
  // Each folder's module is its own path, as the adapter takes the paths links give one folder (SourceFile.ownFolder).
  const realBound = realPath(bound);
  const { notRead } = moduleRoles(
    new Map(
      [...folders].map(folder => [
        folder,
        called.get(folder) ?? new Set<string>(),
      ]),
    ),
    folder => path.join(bound, path.relative(realBound, realPath(folder))),
  );
  return { callers, called, notRead: new Set(notRead), realPath };
}

/**
 * The folder a scan of which reads the Terraform module in `folder` as
 * `scan` of the tree reads it: with the modules that call it, and theirs,
 * and the modules all these call, directly or not (a root module's
 * `../../modules/queue`, or `./q`, a link to `../shared/q`), in the
 * nearest folder whose walk reaches them all by the paths the calls name
 * them by: holding them, and the folders links on those paths lead to.
 * `folder` itself where it calls none and none calls it, or where a scan
 * of the tree reads its module under another path, not this one
 * (`current`, a link to the root module `envs/prod`; `mlink`, to a module
 * called as `shared/q`): read alone, as `scan <folder>` reads it, rather
 * than not at all. `bound` at most (see searchBoundOf), as a scan of it
 * reaches nothing beyond.
 */
function moduleStackFolderOf(
  folder: string,
  { callers, called, notRead, realPath }: ModuleCalls,
  bound: string,
): string {
  if (notRead.has(folder)) return folder;
  /** The folders reached from `start` by `next`, `start` included. */
  const closure = (
    start: Iterable<string>,
    next: (dir: string) => Iterable<string> | undefined,
  ) => {
    const reached = new Set(start);
    const pending = [...reached];
    for (let current = pending.pop(); current; current = pending.pop()) {
      for (const dir of next(current) ?? []) {
        if (reached.has(dir)) continue;
        reached.add(dir);
        pending.push(dir);
      }
    }
    return reached;
  };
  // A call through a link to the module's folder calls it too (`a/q`, of `shared/q/main.tf`).
  const stack = closure(
    closure([folder], dir => callers.get(realPath(dir))),
    dir => called.get(dir),
  );
  /** Whether a walk of `common` reaches `dir` by its path: the links on the way below `common` lead inside it. */
  const reaches = (common: string, dir: string) => {
    if (!isAtOrBelow(dir, common)) return false;
    const commonReal = realPath(common);
    for (let up = dir; up !== common; up = path.dirname(up))
      if (!isAtOrBelow(realPath(up), commonReal)) return false;
    return true;
  };
  let common = folder;
  for (const dir of stack)
    while (common !== bound && !reaches(common, dir))
      common = path.dirname(common);
  return common;
}

function holdsFileNamed(folder: string, name: RegExp): boolean {
  try {
    return fs.readdirSync(folder).some(entry => name.test(entry));
  } catch {
    // A folder that cannot be listed holds no project file a scan would read.
    return false;
  }
}

/**
 * What a scan of `folder` for the files given by name reads: each of them,
 * as given, unless `paths` leave it out (by its path from `folder`), and the
 * files of `folder` their formats read, as a scan of it reads them (the
 * other templates, the other files of a Terraform module, the modules of a
 * program). Each file is read once, as discoverFiles reads it (see
 * namedOnce): a template named twice, through a symlink to it or to its
 * folder, or one that the folder holds a link to, is read under the path
 * named.
 */
export async function discoverNamedFiles(
  folder: string,
  named: readonly string[],
  options: DiscoveryOptions,
): Promise<Discovery> {
  const own: Discovery = { files: [], skipped: [] };
  const realPath = realPathResolver();
  const { read, readOnce } = namedOnce(
    folder,
    named.filter(relative => isLeftInByPaths(relative, options)),
    realPath,
  );
  for (const relative of read) {
    // The file itself, read under the name it was given: a scan of the folder may pass over its folder (`vendor/`).
    const alone = await discoverFiles(path.join(folder, relative));
    own.files.push(...alone.files.map(file => ({ ...file, path: relative })));
    own.skipped.push(
      ...alone.skipped.map(file => ({ ...file, path: relative })),
    );
  }
  const claims = new Set(own.files.map(claimOf));
  claims.delete(undefined);
  if (claims.size === 0) return own;
  const patterns = [...claims].map(claim => claim!.fileNamePattern);
  // Templates are read for what they answer each other: a file of another format that only their names match (a
  // `Pulumi.yaml`, a `cdk.json`) would be read without its program, and answers none of it.
  const namesOfStacksReadWhole = [...claims]
    .filter(claim => !claim!.stacksAnswerEachOther)
    .map(claim => claim!.fileNamePattern);
  const isOfStack = (file: DiscoveredFile) => {
    const claim = claimOf(file);
    return (
      !claim ||
      claims.has(claim) ||
      namesOfStacksReadWhole.some(pattern => pattern.test(file.path))
    );
  };
  const stack = await discoverFiles(folder, {
    ...options,
    isCandidate: relative => patterns.some(pattern => pattern.test(relative)),
  });
  // CloudFormation takes templates of text, of 1 MB at most: a binary file or one larger than the scanner reads
  // (a `logo.json`, a data set) that only a template's names match is none, and answers none of theirs.
  const mayBeOfStack = (entry: { path: string }) =>
    !stack.notText?.has(entry.path) ||
    namesOfStacksReadWhole.some(pattern => pattern.test(entry.path));
  const isNamed = new Set(named);
  const others = (entry: { path: string }) =>
    !isNamed.has(entry.path) &&
    (isPartOfItsFolder(entry.path) ||
      !readOnce.has(realPath(path.join(folder, entry.path))));
  return {
    files: [
      ...stack.files.filter(file => others(file) && isOfStack(file)),
      ...own.files,
    ].sort(byPath),
    skipped: [
      ...stack.skipped.filter(entry => others(entry) && mayBeOfStack(entry)),
      ...own.skipped,
    ].sort(byPath),
  };
}

/**
 * The files named (paths from `folder`, left in by the config) to read:
 * each real file once, under the path pathReadUnder chooses among those
 * named (its own, where one is: a symlink named beside it moves none of its
 * findings to another path; else the first named), as discoverFiles reads
 * a file that links lead to. A file of a Terraform module or of a program
 * is one of each folder it is linked into, read under each path (see
 * isPartOfItsFolder). With the real paths of the files read once, which the
 * rest of the folder does not read again. `realPath`: see realPathResolver.
 */
function namedOnce(
  folder: string,
  named: readonly string[],
  realPath: (file: string) => string,
): { read: string[]; readOnce: Set<string> } {
  const folderReal = realPath(folder);
  const pathsByRealPath = new Map<string, PathToFile[]>();
  const read: string[] = [];
  for (const relative of new Set(named)) {
    if (isPartOfItsFolder(relative)) {
      read.push(relative);
      continue;
    }
    const real = realPath(path.join(folder, relative));
    const paths = pathsByRealPath.get(real) ?? [];
    pathsByRealPath.set(real, paths);
    paths.push({
      path: relative,
      own: relative === ownPathIn(folderReal, real),
    });
  }
  for (const [real, paths] of pathsByRealPath)
    read.push(pathReadUnder(paths, ownPathIn(folderReal, real)));
  return { read, readOnce: new Set(pathsByRealPath.keys()) };
}
