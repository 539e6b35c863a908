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
import { load as parse, YAMLException } from 'js-yaml';

export const CONFIG_FILE_NAME = '.infra-compliance.yaml';

export interface ScanConfig {
  include: string[];
  exclude: string[];
  disabledRules: string[];
  ruleOptions: Record<string, Record<string, unknown>>;
}

export const EMPTY_CONFIG: ScanConfig = {
  include: [],
  exclude: [],
  disabledRules: [],
  ruleOptions: {},
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the config of a tree; the empty config when the tree has none. A
 * config that is there but cannot be read is an error: scanning without it
 * would report what it disables.
 */
export async function loadConfig(root: string): Promise<ScanConfig> {
  let text: string;
  try {
    // Synchronous, as discovery reads: one small local file.
    if (!fs.statSync(root).isDirectory()) return EMPTY_CONFIG;
    text = fs.readFileSync(path.join(root, CONFIG_FILE_NAME), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return EMPTY_CONFIG;
    throw new ConfigError(
      `${CONFIG_FILE_NAME} cannot be read: ${code ?? (error as Error).message}`,
    );
  }
  return parseConfig(text);
}

export function parseConfig(text: string): ScanConfig {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    // js-yaml's message ends with a multi-line excerpt; the CLI reports errors on one line.
    const { reason, mark, message } = error as YAMLException;
    const where = mark
      ? ` at line ${mark.line + 1}, column ${mark.column + 1}`
      : '';
    throw new ConfigError(
      `${CONFIG_FILE_NAME} is not valid YAML${where}: ${reason ?? message}`,
    );
  }
  const root = expectMap(raw, CONFIG_FILE_NAME, ['paths', 'rules']);
  const paths = expectMap(root.paths ?? {}, 'paths', ['include', 'exclude']);
  const rules = expectMap(root.rules ?? {}, 'rules', ['disable', 'options']);
  const options = expectMap(rules.options ?? {}, 'rules.options');
  // Rule ids are read as the command line reads them: `dlq-001` is DLQ-001.
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  const written: Record<string, string> = {};
  for (const [ruleId, value] of Object.entries(options)) {
    const id = ruleId.toUpperCase();
    // Two keys of one rule (`log-002` and `LOG-002`): either may be the options meant.
    if (Object.hasOwn(written, id))
      throw new ConfigError(
        `rules.options gives the options of ${id} twice (${written[id]}, ${ruleId})`,
      );
    written[id] = ruleId;
    ruleOptions[id] = expectMap(value, `rules.options.${ruleId}`);
  }
  return {
    include: expectStrings(paths.include, 'paths.include'),
    exclude: expectStrings(paths.exclude, 'paths.exclude'),
    disabledRules: expectStrings(rules.disable, 'rules.disable').map(id =>
      id.toUpperCase(),
    ),
    ruleOptions,
  };
}

function expectMap(
  value: unknown,
  where: string,
  allowedKeys?: string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where} must be a map`);
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
      );
    }
  }
  return value as Record<string, unknown>;
}

function expectStrings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string')) {
    throw new ConfigError(`${where} must be a list of strings`);
  }
  return value;
}
