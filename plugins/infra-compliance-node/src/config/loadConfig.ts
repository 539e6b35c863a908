/**
 * The optional `.infra-compliance.yaml` at the root of a scanned tree:
 *
 *   paths:
 *     include: ['infra/**']
 *     exclude: ['legacy/**']
 *   rules:
 *     disable: [OPS-003]
 *     options:
 *       LOG-002: { minRetentionDays: 30 }
 *       DLQ-003: { minRetentionSeconds: 1209600 }
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ConfigWarning,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  DEFAULT_YAML_LIMITS,
  DocumentParseError,
  ParseProblem,
  parseYaml,
} from '../documents/parseYaml';
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordKeyLines,
} from '../graph/locations';
import { Value } from '../graph/values';
import { describeFsError } from '../support/describeFsError';
import { firstInvalidUtf8Offset } from '../support/utf8';

export const CONFIG_FILE_NAME = '.infra-compliance.yaml';

export interface ScanConfig {
  include: string[];
  exclude: string[];
  disabledRules: string[];
  ruleOptions: Record<string, Record<string, unknown>>;
  /**
   * The scanned folder's path from the folder of the config, where that is
   * above it (a file given by name scanned with the repository's config):
   * `include` and `exclude` are relative to the config's folder.
   */
  pathsFrom?: string;
  /**
   * The config's folder's path from the scanned folder, where it is below
   * it (a folder given in a Pulumi program's main folder, read from its
   * project's folder): `include` and `exclude` are relative to the config's
   * folder, and leave in the files outside it, the program's read with it.
   */
  pathsBelow?: string;
  /**
   * What the config says that is odd but not wrong (a rule disabled twice),
   * each naming the config by its default name, as a ConfigError does (the
   * CLI puts the file it read in its place); none when absent.
   */
  warnings?: ConfigWarning[];
}

export const EMPTY_CONFIG: ScanConfig = {
  include: [],
  exclude: [],
  disabledRules: [],
  ruleOptions: {},
};

/**
 * A config that cannot be used. Given the 1-based `line` of what is wrong
 * (a config read from a file), the message names it as `file:line` before
 * the key: `.infra-compliance.yaml:4: paths.include must be a list of
 * strings`, and the CLI puts the path of the file it read in its place.
 */
export class ConfigError extends Error {
  constructor(message: string, line?: number) {
    super(atLine(message, line));
    this.name = 'ConfigError';
  }
}

/** `message` naming the config file and `line` (1-based), when it is known. */
function atLine(message: string, line: number | undefined): string {
  if (line === undefined) return message;
  const place = `${CONFIG_FILE_NAME}:${line}`;
  // What names the file itself (`.infra-compliance.yaml must be a map`) is named with its line.
  return message.startsWith(`${CONFIG_FILE_NAME} `)
    ? `${place}${message.slice(CONFIG_FILE_NAME.length)}`
    : `${place}: ${message}`;
}

/**
 * A config's warning as one line of text, naming the file and line as a
 * ConfigError does: `.infra-compliance.yaml:4: rules.disable names …`.
 */
export function configWarningText({
  file,
  line,
  message,
}: ConfigWarning): string {
  return line === undefined
    ? `${file}: ${message}`
    : `${file}:${line}: ${message}`;
}

/**
 * The line of a key of a map, or of an item of a list, of a config read
 * from YAML; that of the map or list when the key's is not known.
 */
export function lineInConfig(
  node: object,
  key: string | number,
): number | undefined {
  return lineOfPath(node as Value, [key], 0) || lineOfNode(node);
}

/**
 * Reads the config of a tree; the empty config when the tree has none. A
 * config that is there but cannot be read is an error: scanning without it
 * would report what it disables.
 */
export async function loadConfig(root: string): Promise<ScanConfig> {
  let bytes: Buffer;
  try {
    // Synchronous, as discovery reads: one small local file.
    if (!fs.statSync(root).isDirectory()) return EMPTY_CONFIG;
    bytes = fs.readFileSync(path.join(root, CONFIG_FILE_NAME));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return EMPTY_CONFIG;
    throw new ConfigError(
      `${CONFIG_FILE_NAME} cannot be read: ${describeFsError(error)}`,
    );
  }
  return parseConfig(decodeConfig(bytes));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Byte order marks of the encodings an editor saves text in other than UTF-8; UTF-32's before UTF-16's, which start them. */
const BYTE_ORDER_MARKS: [string, number[]][] = [
  ['UTF-32LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-32BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-16LE', [0xff, 0xfe]],
  ['UTF-16BE', [0xfe, 0xff]],
];

/**
 * The text of a config file, which must be UTF-8 (a UTF-8 byte order mark
 * is allowed): one saved as UTF-16 (Windows' "Unicode") would otherwise
 * read as YAML with null bytes, and one in another encoding would read
 * its globs with replacement characters that match no file.
 */
export function decodeConfig(bytes: Uint8Array): string {
  const mark = BYTE_ORDER_MARKS.find(([, start]) =>
    start.every((byte, index) => bytes[index] === byte),
  );
  if (mark)
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is ${mark[0]} (it starts with its byte order mark): save it as UTF-8`,
    );
  // UTF-16 without its mark: every other byte of ASCII text is a null byte, which UTF-8 text never holds.
  const nullByte = bytes.indexOf(0);
  if (nullByte >= 0)
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is not UTF-8 (it holds null bytes, as UTF-16 does): save it as UTF-8`,
      linesBefore(bytes, nullByte),
    );
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is not UTF-8: save it as UTF-8`,
      linesBefore(bytes, firstInvalidUtf8Offset(bytes)),
    );
  }
}

/** The 1-based line of the byte at `offset` (a newline byte is one in UTF-8 and in UTF-16LE alike). */
function linesBefore(bytes: Uint8Array, offset: number): number {
  return bytes.subarray(0, offset).filter(byte => byte === 0x0a).length + 1;
}

export function parseConfig(text: string): ScanConfig {
  const duplicateKeys: ParseProblem[] = [];
  let raw: unknown;
  try {
    // The parser of templates, for the lines of what it read.
    raw = parseYaml(text, DEFAULT_YAML_LIMITS, duplicateKeys) ?? {};
  } catch (error) {
    if (!(error instanceof DocumentParseError)) throw error;
    // js-yaml names the start of the file: the second document's start is what to look at.
    const second = /single document/.test(error.message)
      ? secondDocumentLine(text)
      : undefined;
    if (second !== undefined)
      throw new ConfigError(
        `${CONFIG_FILE_NAME} holds a second YAML document, from this line: a config is one document (only one would be read), merge them`,
        second,
      );
    const column = error.column === undefined ? '' : `, column ${error.column}`;
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is not valid YAML at line ${error.line}${column}: ${error.message}`,
    );
  }
  // Which of a key's values is meant cannot be told: refused, as js-yaml's own loader refuses it.
  if (duplicateKeys.length > 0) {
    const line = Math.min(...duplicateKeys.map(problem => problem.line));
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is not valid YAML at line ${line}: duplicated mapping key`,
    );
  }
  // A document that is not a map starts the file.
  const root = expectMap(raw, CONFIG_FILE_NAME, lineOfNode(raw) ?? 1, [
    'paths',
    'rules',
  ]);
  const paths = expectMap(
    root.paths ?? {},
    'paths',
    lineInConfig(root, 'paths'),
    ['include', 'exclude'],
  );
  const rules = expectMap(
    root.rules ?? {},
    'rules',
    lineInConfig(root, 'rules'),
    ['disable', 'options'],
  );
  const options = expectMap(
    rules.options ?? {},
    'rules.options',
    lineInConfig(rules, 'options'),
  );
  // Rule ids are read as the command line reads them: `dlq-001` is DLQ-001.
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  const written: Record<string, string> = {};
  const keyLines: (string | number)[] = [];
  for (const [ruleId, value] of Object.entries(options)) {
    const id = ruleId.toUpperCase();
    const line = lineInConfig(options, ruleId);
    // Two keys of one rule (`log-002` and `LOG-002`): either may be the options meant.
    if (Object.hasOwn(written, id))
      throw new ConfigError(
        `rules.options gives the options of ${id} twice (${written[id]}, ${ruleId})`,
        line,
      );
    written[id] = ruleId;
    ruleOptions[id] = expectMap(value, `rules.options.${ruleId}`, line);
    if (line !== undefined) keyLines.push(id, line);
  }
  // The ids' lines, for the errors about them.
  const optionsLine = lineOfNode(options);
  if (optionsLine !== undefined)
    recordKeyLines(ruleOptions, optionsLine, keyLines);
  const disable = expectStrings(
    rules.disable,
    'rules.disable',
    lineInConfig(rules, 'disable'),
  );
  const disabledRules = disable.map(id => id.toUpperCase());
  copyLines(disable, disabledRules);
  const warnings = disabledTwice(disable, disabledRules).map(
    ({ id, spellings, line }): ConfigWarning => ({
      file: CONFIG_FILE_NAME,
      ...(line !== undefined && { line }),
      message: `rules.disable names ${id} more than once (${spellings.join(
        ', ',
      )}): once is enough`,
    }),
  );
  return {
    include: expectStrings(
      paths.include,
      'paths.include',
      lineInConfig(paths, 'include'),
    ),
    exclude: expectStrings(
      paths.exclude,
      'paths.exclude',
      lineInConfig(paths, 'exclude'),
    ),
    disabledRules,
    ruleOptions,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * The line of the second YAML document of `text` (one that js-yaml's
 * `load` refuses): a `---` after content or after another `---`, or content
 * after a `...` that ended the first.
 */
function secondDocumentLine(text: string): number | undefined {
  let started = false;
  let ended = false;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (/^---(\s|$)/.test(line)) {
      if (started || ended) return index + 1;
      started = true;
    } else if (/^\.\.\.(\s|$)/.test(line)) {
      ended = true;
    } else if (!/^\s*(#.*)?$/.test(line) && !line.startsWith('%')) {
      if (ended) return index + 1;
      started = true;
    }
  }
  return undefined;
}

/** The rule ids `rules.disable` gives more than once, in any case, each with how it was written and the line of its second mention. */
function disabledTwice(
  written: readonly string[],
  ids: readonly string[],
): { id: string; spellings: string[]; line: number | undefined }[] {
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  return [...new Set(twice)].map(id => {
    const indices = ids.flatMap((other, index) =>
      other === id ? [index] : [],
    );
    return {
      id,
      spellings: indices.map(index => written[index]),
      line: lineInConfig(written, indices[1]),
    };
  });
}

/**
 * A config naming a rule that does not exist is a typo: says so, at the
 * first such id, rather than ignore it; in `rules.disable`, and in
 * `rules.options` when asked.
 */
export function checkRuleIds(
  config: ScanConfig,
  settings: readonly ('disable' | 'options')[],
): void {
  for (const setting of settings) {
    const named =
      setting === 'disable' ? config.disabledRules : config.ruleOptions;
    const ids = Array.isArray(named) ? named : Object.keys(named);
    const unknown = ids.filter(id => !getRuleMetadata(id));
    if (unknown.length > 0) {
      const first = Array.isArray(named) ? ids.indexOf(unknown[0]) : unknown[0];
      throw new ConfigError(
        `rules.${setting} names unknown rule id(s) ${unknown.join(', ')}`,
        lineInConfig(named, first),
      );
    }
  }
}

/** `value` as a map; `line` is where it is written. */
function expectMap(
  value: unknown,
  where: string,
  line: number | undefined,
  allowedKeys?: string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where} must be a map`, line);
  }
  if (allowedKeys) {
    const unknown = Object.keys(value).filter(
      key => !allowedKeys.includes(key),
    );
    if (unknown.length > 0) {
      throw new ConfigError(
        `${where} has unknown key(s) ${unknown.join(
          ', ',
        )}; allowed: ${allowedKeys.join(', ')}`,
        lineInConfig(value, unknown[0]),
      );
    }
  }
  return value as Record<string, unknown>;
}

/** `value` as a list of strings, none when it is not given; `line` is where it is written. */
function expectStrings(
  value: unknown,
  where: string,
  line: number | undefined,
): string[] {
  if (value === undefined || value === null) return [];
  const notString = Array.isArray(value)
    ? value.findIndex(item => typeof item !== 'string')
    : -1;
  if (!Array.isArray(value) || notString >= 0) {
    throw new ConfigError(
      `${where} must be a list of strings`,
      notString >= 0 ? lineInConfig(value as object, notString) : line,
    );
  }
  return value;
}
