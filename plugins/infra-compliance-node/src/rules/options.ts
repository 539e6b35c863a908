/**
 * Rule options from `.infra-compliance.yaml` (`rules.options`): each rule
 * names the options it takes and how to read each, as ESLint rules give a
 * schema, so that a mistyped name or a value out of range stops the scan
 * with a clear message instead of being ignored.
 */
import { ConfigError, lineInConfig } from '../config/loadConfig';

/** Reads one option's value as the config gives it: what the rule uses, or a sentence saying what is wrong. */
export type OptionReader = (
  value: unknown,
) => { value: unknown } | { error: string };

/**
 * A whole number of `unit` from `range.minimum` to `range.maximum`, which
 * say what AWS takes (`why`). Digits quoted as text ("30") read as their
 * number, as configs written before this check may quote them; any other
 * text, or a value with a fraction, is refused.
 */
export function wholeNumber(
  unit: string,
  range: { minimum: number; maximum: number; why: string },
): OptionReader {
  return given => {
    const value =
      typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
    return typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= range.minimum &&
      value <= range.maximum
      ? { value }
      : {
          error: `must be a whole number of ${unit} from ${range.minimum} to ${
            range.maximum
          } (${range.why}), got ${writtenValue(given)}`,
        };
  };
}

/**
 * A value of the config as it is written. JSON would write YAML's `.inf` and
 * `.nan` as `null`, which the config does not say.
 */
function writtenValue(given: unknown): string {
  if (typeof given === 'string') return `the text ${JSON.stringify(given)}`;
  if (typeof given === 'number') return String(given);
  return JSON.stringify(given);
}

/** What the options of a rule read with. */
export interface RuleWithOptions {
  readonly meta: { readonly id: string };
  readonly options?: Readonly<Record<string, OptionReader>>;
}

/**
 * The options of each rule, read; a rule the config gives options it does
 * not take, or a value it cannot use, is a {@link ConfigError}. Options of
 * rules not known here (ids the catalog lacks) are left to the caller.
 */
export function readRuleOptions(
  rules: readonly RuleWithOptions[],
  given: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Record<string, Record<string, unknown>> {
  const read: Record<string, Record<string, unknown>> = {};
  for (const rule of rules) {
    const id = rule.meta.id;
    if (!Object.prototype.hasOwnProperty.call(given, id)) continue;
    const readers = rule.options ?? {};
    const names = Object.keys(readers);
    read[id] = {};
    for (const [name, value] of Object.entries(given[id])) {
      // Options read from the config file have lines: the error names the option's.
      const line = lineInConfig(given[id], name);
      if (!Object.prototype.hasOwnProperty.call(readers, name)) {
        throw new ConfigError(
          names.length === 0
            ? `${id} takes no options, got ${name}`
            : `${id} has no option ${name}; it takes ${names.join(', ')}`,
          line,
        );
      }
      const result = readers[name](value);
      if ('error' in result)
        throw new ConfigError(`${id} option ${name} ${result.error}`, line);
      read[id][name] = result.value;
    }
  }
  return read;
}
