/**
 * Finds the files of a tree that may hold infrastructure code and reads each
 * once. Vendored and generated folders are skipped, symlinks are followed
 * only while they stay inside the root, binary and oversized files are
 * passed over with a reason.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { SkippedFile } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { ADAPTERS } from '../adapters';
import { compareText } from '../support/compareText';

function isAdapterFile(relativePath: string): boolean {
  return ADAPTERS.some(adapter => adapter.fileNamePattern.test(relativePath));
}

/** A candidate file, read once. */
export interface DiscoveredFile {
  /** Relative to the root, forward slashes. */
  path: string;
  text: string;
  /** Set when the bytes are not valid UTF-8: the text is then a lossy decoding. */
  decodeError?: { line: number; message: string };
}

export interface DiscoveryOptions {
  /** Which files to read (by path relative to the root); default: any file some adapter may read. */
  isCandidate?: (relativePath: string) => boolean;
  /** Globs relative to the root; when given, only matching files are read. */
  include?: string[];
  exclude?: string[];
  /** Larger files are skipped. */
  maxFileBytes?: number;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedFile[];
}

/** Folders never scanned: dependencies, VCS data, build output of IaC tools. */
const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'third_party',
  '.terraform',
  '.aws-sam',
  '.serverless',
  '.venv',
  'venv',
  '__pycache__',
  'bower_components',
]);

const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Files read at once per directory (macOS allows 256 open files by default). */
const MAX_CONCURRENT_READS = 32;
const DECLARATION_FILE = /\.d\.ts$/i;

export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

export async function discoverFiles(root: string, options: DiscoveryOptions = {}): Promise<Discovery> {
  let rootReal: string;
  try {
    rootReal = await fs.realpath(root);
    const stat = await fs.stat(rootReal);
    if (!stat.isDirectory() && !stat.isFile()) throw new Error('not a file or directory');
  } catch (error) {
    throw new DiscoveryError(`Cannot read ${root}: ${(error as Error).message}`);
  }
  const include = options.include?.length ? picomatch(options.include, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const isCandidate = options.isCandidate ?? isAdapterFile;
  const result: Discovery = { files: [], skipped: [] };
  const visitedDirectories = new Set<string>();

  const wanted = (relative: string) =>
    isCandidate(relative) && !DECLARATION_FILE.test(relative) &&
    (!include || include(relative)) && !exclude?.(relative);

  const considerFile = async (absolute: string, relative: string) => {
    if (!wanted(relative)) return;
    try {
      const stat = await fs.stat(absolute);
      if (stat.size > maxBytes) {
        result.skipped.push({ path: relative, reason: `larger than ${maxBytes} bytes` });
        return;
      }
      const bytes = await fs.readFile(absolute);
      const file = decode(relative, bytes);
      if (file) result.files.push(file);
      else result.skipped.push({ path: relative, reason: 'binary file' });
    } catch (error) {
      result.skipped.push({ path: relative, reason: `unreadable: ${(error as Error).message}` });
    }
  };

  // First the tree is walked (directories listed concurrently), then the
  // files are read, a bounded number at a time so that a large tree does not
  // run out of file descriptors.
  const reads: [string, string][] = [];
  const walk = async (directory: string, relativeDirectory: string): Promise<void> => {
    if (visitedDirectories.has(directory)) return;
    visitedDirectories.add(directory);
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ path: relativeDirectory || '.', reason: `unreadable: ${(error as Error).message}` });
      return;
    }
    entries.sort((a, b) => compareText(a.name, b.name));
    const subdirectories: Promise<void>[] = [];
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      const relative = relativeDirectory ? `${relativeDirectory}/${entry.name}` : entry.name;
      let target = absolute;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          target = await fs.realpath(absolute);
        } catch {
          result.skipped.push({ path: relative, reason: 'broken symlink' });
          continue;
        }
        if (target !== rootReal && !target.startsWith(rootReal + path.sep)) {
          result.skipped.push({ path: relative, reason: 'symlink leaves the scanned root' });
          continue;
        }
        const stat = await fs.stat(target);
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      }
      if (isDirectory) {
        if (IGNORED_DIRECTORIES.has(entry.name)) continue;
        // A CDK cloud assembly's asset folders hold bundled code, not infrastructure.
        if (entry.name.startsWith('asset.') && path.basename(directory) === 'cdk.out') continue;
        if (exclude?.(relative) || exclude?.(`${relative}/`)) continue;
        subdirectories.push(walk(target, relative));
      } else if (isFile) {
        reads.push([target, relative]);
      } else if (wanted(relative)) {
        // A FIFO, socket or device: reading it could block forever.
        result.skipped.push({ path: relative, reason: 'not a regular file' });
      }
    }
    await Promise.all(subdirectories);
  };

  if ((await fs.stat(rootReal)).isFile()) {
    await considerFile(rootReal, path.basename(rootReal));
  } else {
    await walk(rootReal, '');
    let next = 0;
    const reader = async () => {
      while (next < reads.length) {
        const [target, relative] = reads[next++];
        await considerFile(target, relative);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_READS, reads.length) }, reader));
  }
  const byPath = (a: { path: string }, b: { path: string }) => compareText(a.path, b.path);
  result.files.sort(byPath);
  result.skipped.sort(byPath);
  return result;
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
    return { path: relative, text, decodeError: { line, message: 'file is not valid UTF-8' } };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a prefix cut mid-character also fails, hence the slack).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}
