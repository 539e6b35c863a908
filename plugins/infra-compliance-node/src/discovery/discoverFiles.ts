/**
 * Finds the files of a tree that may hold infrastructure code and reads each
 * once, under the path pathReadUnder chooses among those the walk (in name
 * order) meets it by; but a file of a Terraform module or of a program is
 * one of each folder it is linked into, read under each path, and so is a
 * folder holding one. Vendored and generated folders are skipped, and so
 * are pseudo file systems (/proc, /sys); symlinks are followed only while
 * they stay inside the root, binary and oversized files are passed over
 * with a reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { LAZY_ADAPTERS } from '../adapters/lazyAdapters';
import {
  FolderWalk,
  FolderWalks,
  MAX_PATHS_OF_FOLDER,
  MAX_WALKS_UNDER_FURTHER_PATHS,
  PassedOver,
} from './folderWalks';
import { ownPathIn, pathReadUnder } from './pathReadUnder';
import { compareText } from '../support/compareText';
import { isAtOrBelow } from '../support/paths';
import { byPath } from '../support/reportOrder';
import { firstInvalidUtf8Offset } from '../support/utf8';
import { nextTurn } from '../support/steps';

function isAdapterFile(relativePath: string): boolean {
  return LAZY_ADAPTERS.some(adapter =>
    adapter.fileNamePattern.test(relativePath),
  );
}

/**
 * Whether a file is read as a part of its folder: a Terraform module is the
 * files of its folder, a CDK app or Pulumi program the modules its project
 * imports. Linked into two folders (a shared `versions.tf`, a stack module
 * two apps import), it is a file of each, read under each path.
 */
export function isPartOfItsFolder(relativePath: string): boolean {
  return LAZY_ADAPTERS.some(
    adapter =>
      (adapter.moduleIsFolder || adapter.program) &&
      adapter.fileNamePattern.test(relativePath),
  );
}

/** Where a symlink leads. */
interface FollowedLink {
  /** Its real path. */
  target: string;
  isDirectory: boolean;
  isFile: boolean;
}

/** A candidate file, read once. */
export interface DiscoveredFile {
  /** Relative to the root, forward slashes. */
  path: string;
  text: string;
  /** Of a file read as a part of its folder (see isPartOfItsFolder): see SourceFile.ownFolder. */
  ownFolder?: string;
  /** Set when the bytes are not valid UTF-8: the text is then a lossy decoding. */
  decodeError?: { line: number; message: string };
}

/** Why a symlink whose target is outside the root is not followed (see SkippedFile). */
export const LEAVES_ROOT = 'symlink leaves the scanned root';

export interface DiscoveryOptions {
  /** Which files to read (by path relative to the root); default: any file some adapter may read. */
  isCandidate?: (relativePath: string) => boolean;
  /** Globs relative to the root; when given, only matching files are read. */
  include?: string[];
  exclude?: string[];
  /** The root's path from the folder the globs are relative to, when that is above it (see ScanConfig.pathsFrom). */
  pathsFrom?: string;
  /** The path from the root of the folder the globs are relative to, when that is below it (see ScanConfig.pathsBelow). */
  pathsBelow?: string;
  /** Larger files are skipped. */
  maxFileBytes?: number;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
  /** The paths of `skipped` passed over for what they are, not for an error: larger than `maxFileBytes`, or binary. */
  notText?: Set<string>;
}

/**
 * Folders never scanned: dependencies, VCS data, build output of IaC tools.
 * `.terraform` (what `terraform init` downloads: modules, providers) and
 * `.terragrunt-cache` (Terragrunt's copies of the code it runs) are working
 * copies, not the repository's code: their modules would be judged again,
 * or as code of the repository's own. The scanner does not resolve modules
 * from them either (`.terraform/modules/modules.json`): a scan reports the
 * same after `terraform init` as before it, and as the backend, which
 * reads the repository without them.
 */
const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  '.terraform',
  '.terragrunt-cache',
  '.aws-sam',
  '.serverless',
  '.venv',
  'venv',
  '__pycache__',
  'bower_components',
]);

/**
 * Linux's pseudo file systems, by their type (statfs magic numbers of
 * linux/magic.h): the kernel's view of processes, devices and its own
 * state, no code. Walking them from `/` read /proc and /sys: tens of
 * thousands of entries and links, `/proc/<pid>/cwd` leading to a folder
 * of the tree under another path, where a program's or a module's files,
 * read under each path, were judged again.
 */
const PSEUDO_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x19800202, 'mqueue'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x62656570, 'configfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
]);

/**
 * The name of the Linux pseudo file system a folder is on (see
 * PSEUDO_FILE_SYSTEMS): `proc` for /proc; undefined for any other folder.
 */
export function pseudoFileSystemOf(folder: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return PSEUDO_FILE_SYSTEMS.get(fs.statfsSync(folder).type);
  } catch {
    // Not known: the walk reads it, or says why it cannot.
    return undefined;
  }
}

/** Why a folder, listed as skipped by its own path, is not walked under a path met (see FolderWalks.passedOver). */
const PASSED_OVER_REASONS: Record<PassedOver, string> = {
  mostPathsOfFolder: `a folder reached by more than ${MAX_PATHS_OF_FOLDER} paths: read under the first ${MAX_PATHS_OF_FOLDER} met, not under the others`,
  mostWalksUnderFurtherPaths: `a folder already read under another path, not read again under the next met: the scan has read folders again under further paths ${MAX_WALKS_UNDER_FURTHER_PATHS} times, its limit (so neither is any folder under a further path met after it)`,
};

const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Entries of folders (files, folders, links) gone through between two turns of the event loop. */
const ENTRIES_PER_TURN = 64;
const DECLARATION_FILE = /\.d\.ts$/i;

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

export async function discoverFiles(
  root: string,
  options: DiscoveryOptions = {},
): Promise<Discovery> {
  let rootReal: string;
  let rootIsFile: boolean;
  try {
    rootReal = fs.realpathSync(root);
    const stat = fs.statSync(rootReal);
    if (!stat.isDirectory() && !stat.isFile())
      throw new Error('not a file or directory');
    rootIsFile = stat.isFile();
  } catch (error) {
    throw new DiscoveryError(
      `Cannot read ${root}: ${(error as Error).message}`,
    );
  }
  const { include, exclude } = pathGlobs(options);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const isCandidate = options.isCandidate ?? isAdapterFile;
  const notText = new Set<string>();
  const result: Discovery = { files: [], skipped: [], notText };
  const folderWalks = new FolderWalks();
  // Read once by real path, unless part of its folder (see isPartOfItsFolder):
  // a symlink to a template of the tree had it scanned twice, its findings
  // reported twice. Under the path pathReadUnder chooses.
  const pathByRealPath = new Map<string, string>();
  const toRead: { absolute: string; relative: string; ownFolder?: string }[] =
    [];

  /** A folder the walk does not enter: ignored by name, or left out by the config. */
  const folderIsLeftOut = (name: string, parent: string, relative: string) =>
    IGNORED_DIRECTORIES.has(name) ||
    // A CDK cloud assembly's asset folders hold bundled code, not infrastructure.
    (name.startsWith('asset.') && parent === 'cdk.out') ||
    Boolean(exclude?.(relative) || exclude?.(`${relative}/`));

  const isCandidateFile = (relative: string) =>
    isCandidate(relative) && !DECLARATION_FILE.test(relative);
  const leftInByGlobs = (relative: string) =>
    (!include || include(relative)) && !exclude?.(relative);
  const wanted = (relative: string) =>
    isCandidateFile(relative) && leftInByGlobs(relative);

  // The file system is read synchronously, a batch of entries between two
  // turns of the event loop: a local read or listing takes microseconds,
  // several times less than the thread-pool round trip of its async twin,
  // and a backend scanning a large tree still answers requests meanwhile.
  // Every entry counts, read or not: a folder of thousands of files no
  // adapter reads (images, docs) is gone through in batches too.
  let untilYield = ENTRIES_PER_TURN;
  const turn = async () => {
    if (--untilYield > 0) return;
    untilYield = ENTRIES_PER_TURN;
    await nextTurn();
  };

  /** Whether the walk would read a file by `own`, its path from the root, were no folder on it reached by a link first. */
  const takesOwnPath = (own: string) => {
    // Outside the root: `../…`, not a folder of its own named `..config`.
    if (!own || own.split('/')[0] === '..' || !wanted(own)) return false;
    const folders = own.split('/').slice(0, -1);
    return folders.every(
      (name, index) =>
        !folderIsLeftOut(
          name,
          folders[index - 1] ?? '',
          folders.slice(0, index + 1).join('/'),
        ),
    );
  };

  /**
   * `absolute` is a real path: the walk goes through real folders, and
   * resolves symlinks; `ownFolder`, that of its folder where links lead the
   * walk to it under another path (see SourceFile.ownFolder). Whether what
   * is read of it depends on its path (see FolderWalk.readsByPath).
   */
  const considerFile = (
    absolute: string,
    relative: string,
    ownFolder?: string,
  ) => {
    if (!isCandidateFile(relative)) return false;
    // Left out under this path, the file may be left in under another that leads to its folder.
    if (!leftInByGlobs(relative)) return true;
    if (isPartOfItsFolder(relative)) {
      toRead.push(
        ownFolder ? { absolute, relative, ownFolder } : { absolute, relative },
      );
      return true;
    }
    if (pathByRealPath.has(absolute)) return false;
    // Its own path is one the walk may meet later, or not at all where a link to a folder on it came first.
    const own = ownPathIn(rootReal, absolute);
    const met = { path: relative, own: relative === own };
    pathByRealPath.set(
      absolute,
      pathReadUnder(
        !met.own && takesOwnPath(own) ? [met, { path: own, own: true }] : [met],
        own,
      ),
    );
    return false;
  };

  const readFile = (
    absolute: string,
    relative: string,
    ownFolder: string | undefined,
  ) => {
    try {
      const stat = fs.statSync(absolute);
      if (stat.size > maxBytes) {
        result.skipped.push({
          path: relative,
          reason: `larger than ${maxBytes} bytes`,
        });
        notText.add(relative);
        return;
      }
      const file = decode(relative, fs.readFileSync(absolute));
      if (file) result.files.push(ownFolder ? { ...file, ownFolder } : file);
      else {
        result.skipped.push({ path: relative, reason: 'binary file' });
        notText.add(relative);
      }
    } catch (error) {
      result.skipped.push({
        path: relative,
        reason: unreadableReason(error, absolute, relative),
      });
    }
  };

  // A folder of a module is walked under each path that reaches it, up to
  // MAX_PATHS_OF_FOLDER: its links are resolved once, not on each walk (links
  // between such folders had each resolved a hundred times, a component at a
  // time).
  const links = new Map<string, FollowedLink | undefined>();
  const followLink = (link: string) => {
    if (!links.has(link)) {
      let followed: FollowedLink | undefined;
      try {
        const target = fs.realpathSync(link);
        const stat = fs.statSync(target);
        followed = {
          target,
          isDirectory: stat.isDirectory(),
          isFile: stat.isFile(),
        };
      } catch {
        // Broken: it leads nowhere.
      }
      links.set(link, followed);
    }
    return links.get(link);
  };

  /**
   * Walks a folder met at `depth` in the tree, or not, as FolderWalks says:
   * what it found. `throughLink`: a symlink on the way led to it.
   */
  const walk = async (
    directory: string,
    relativeDirectory: string,
    depth: number,
    throughLink: boolean,
  ): Promise<FolderWalk> => {
    const known = folderWalks.known(directory);
    if (known) return known;
    const passedOver = folderWalks.passedOver(directory);
    if (passedOver) {
      // By its own path: the path met, hundreds of links deep in a chain of linked folders, may be thousands of
      // characters long, and names the folder no better.
      if (passedOver.listed)
        result.skipped.push({
          path: ownPathIn(rootReal, directory) || '.',
          reason: PASSED_OVER_REASONS[passedOver.listed],
        });
      return { readsByPath: true, loopsTo: Infinity };
    }
    // Not walked, as an ignored folder is not: nothing there is the tree's code.
    if (pseudoFileSystemOf(directory))
      return { readsByPath: false, loopsTo: Infinity };
    const walking = folderWalks.start(directory, depth);
    let entries;
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      const shown = relativeDirectory || '.';
      result.skipped.push({
        path: shown,
        reason: unreadableReason(error, directory, shown),
      });
      return folderWalks.end(directory, walking, {
        readsByPath: false,
        loopsTo: Infinity,
      });
    }
    const found: FolderWalk = { readsByPath: false, loopsTo: Infinity };
    // Where links led the walk here, the folder's own path: its paths are one module, or one program's folder.
    const ownPath = throughLink
      ? ownPathIn(rootReal, directory) || '.'
      : undefined;
    const ownFolder =
      ownPath !== (relativeDirectory || '.') ? ownPath : undefined;
    entries.sort((a, b) => compareText(a.name, b.name));
    for (const entry of entries) {
      await turn();
      const absolute = path.join(directory, entry.name);
      const relative = relativeDirectory
        ? `${relativeDirectory}/${entry.name}`
        : entry.name;
      let target = absolute;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const link = followLink(absolute);
        if (!link) {
          result.skipped.push({ path: relative, reason: 'broken symlink' });
          continue;
        }
        target = link.target;
        if (!isAtOrBelow(target, rootReal)) {
          result.skipped.push({
            path: relative,
            reason: LEAVES_ROOT,
          });
          continue;
        }
        ({ isDirectory, isFile } = link);
      }
      if (isDirectory) {
        if (folderIsLeftOut(entry.name, path.basename(directory), relative))
          continue;
        // A folder of templates under the first path met (in name order), the
        // link's included; one of a Terraform module under each: the module
        // each call reaches through a link to its folder is read there, as
        // the call names it.
        const folder = await walk(
          target,
          relative,
          depth + 1,
          throughLink || target !== absolute,
        );
        found.readsByPath ||= folder.readsByPath;
        found.loopsTo = Math.min(found.loopsTo, folder.loopsTo);
      } else if (isFile) {
        if (considerFile(target, relative, ownFolder)) found.readsByPath = true;
      } else if (wanted(relative)) {
        // A FIFO, socket or device: reading it could block forever.
        result.skipped.push({ path: relative, reason: 'not a regular file' });
      }
    }
    return folderWalks.end(directory, walking, found);
  };

  // A link given as the root keeps its own name.
  if (rootIsFile) considerFile(rootReal, path.basename(root));
  else await walk(rootReal, '', 0, false);
  for (const [absolute, relative] of pathByRealPath)
    toRead.push({ absolute, relative });
  for (const { absolute, relative, ownFolder } of toRead) {
    await turn();
    readFile(absolute, relative, ownFolder);
  }
  result.files.sort(byPath);
  result.skipped.sort(byPath);
  return result;
}

/** The matchers of `include` and `exclude`, each absent when it names no glob. */
function pathGlobs(options: PathOptions) {
  const { pathsFrom, pathsBelow } = options;
  // `outside`: what a glob of a folder below the root says of a path outside it (the folder itself, its parents).
  const matcher = (globs: string[] | undefined, outside: boolean) => {
    if (!globs?.length) return undefined;
    const matches = picomatch(globs, { dot: true });
    if (pathsFrom)
      return (relative: string) => matches(`${pathsFrom}/${relative}`);
    if (pathsBelow) {
      const folder = `${pathsBelow}/`;
      return (relative: string) =>
        relative.startsWith(folder) && relative.length > folder.length
          ? matches(relative.slice(folder.length))
          : outside;
    }
    return matches;
  };
  return {
    include: matcher(options.include, true),
    exclude: matcher(options.exclude, false),
  };
}

type PathOptions = Pick<
  DiscoveryOptions,
  'include' | 'exclude' | 'pathsFrom' | 'pathsBelow'
>;

/**
 * Whether a walk of a root reads the file at `relative` below it (forward
 * slashes), as far as `include` and `exclude` tell: the walk passes over a
 * folder `exclude` names whole. For a file read on its own, given by name.
 */
export function isLeftInByPaths(
  relative: string,
  options: PathOptions,
): boolean {
  const { include, exclude } = pathGlobs(options);
  if (include && !include(relative)) return false;
  if (!exclude) return true;
  if (exclude(relative)) return false;
  const folders = relative.split('/').slice(0, -1);
  return folders.every((_, index) => {
    const folder = folders.slice(0, index + 1).join('/');
    return !exclude(folder) && !exclude(`${folder}/`);
  });
}

/** Largest file the code may name and the engine reads: a policy or a state machine definition, not data. */
const MAX_COMPANION_BYTES = 1024 * 1024;

/**
 * Reads the files of the scanned tree that the code names (the policy a
 * Terraform `file()` loads), by path relative to the root, the way
 * discovery reads: inside the root only (symlinks resolved), text only,
 * and at most 1 MiB. Each file is read once.
 */
export function companionFileReader(
  root: string,
): (relative: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  let rootDirectory: string | undefined;
  return relative => {
    const normalized = path.posix.normalize(relative.replace(/\\/g, '/'));
    if (
      normalized === '..' ||
      normalized.startsWith('../') ||
      path.posix.isAbsolute(normalized)
    )
      return undefined;
    if (cache.has(normalized)) return cache.get(normalized);
    let text: string | undefined;
    try {
      if (rootDirectory === undefined) {
        const rootReal = fs.realpathSync(root);
        rootDirectory = fs.statSync(rootReal).isFile()
          ? path.dirname(rootReal)
          : rootReal;
      }
      const real = fs.realpathSync(path.join(rootDirectory, normalized));
      const stat = fs.statSync(real);
      if (
        isAtOrBelow(real, rootDirectory) &&
        stat.isFile() &&
        stat.size <= MAX_COMPANION_BYTES
      ) {
        const file = decode(normalized, fs.readFileSync(real));
        if (file && !file.decodeError) text = file.text;
      }
    } catch {
      // Missing or unreadable: the value stays unknown.
    }
    cache.set(normalized, text);
    return text;
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file; undefined for binary content (a NUL byte in the first 8 KiB). */
function decode(relative: string, bytes: Buffer): DiscoveredFile | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return { path: relative, text: stripBom(utf8.decode(bytes)) };
  } catch {
    const text = bytes.toString('latin1');
    const invalidAt = firstInvalidUtf8Offset(bytes);
    const line = text.slice(0, invalidAt).split('\n').length;
    return {
      path: relative,
      text,
      decodeError: { line, message: 'file is not valid UTF-8' },
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Why a file or folder could not be read: the error's message, naming it by
 * its path in the report. The absolute path would tell the reader of a
 * report where the scanner ran, and that of a temporary folder (a
 * repository the backend fetched) changes every scan.
 */
export function unreadableReason(
  error: unknown,
  absolute: string,
  shown: string,
): string {
  // Errors of node:fs may be of another realm (a test's sandbox): not instanceof Error.
  const message = (error as Error)?.message ?? String(error);
  return `unreadable: ${message.split(absolute).join(shown)}`;
}
