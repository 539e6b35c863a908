/**
 * Rule options from `.infra-compliance.yaml` (`rules.options`): each rule
 * names the options it takes and how to read each, as ESLint rules give a
 * schema, so that a mistyped name or a value out of range stops the scan
 * with a clear message instead of being ignored.
 */
import { ConfigError, lineInConfig } from '../config/loadConfig';
import { asNumber } from '../graph/values';

/** Reads one option's value as the config gives it: what the rule uses, or a sentence saying what is wrong. */
export type OptionReader = (
  value: unknown,
) => { value: unknown } | { error: string };

/** A number above zero (a number or numeric text), at most `maximum` when given. */
export function positiveNumber(
  unit: string,
  maximum?: { value: number; why: string },
): OptionReader {
  return value => {
    const number =
      typeof value === 'number' || typeof value === 'string'
        ? asNumber(value)
        : undefined;
    if (number === undefined || !(number > 0)) {
      return {
        error: `must be a positive number of ${unit}, got ${JSON.stringify(
          value,
        )}`,
      };
    }
    if (maximum && number > maximum.value) {
      return {
        error: `must be at most ${maximum.value} ${unit} (${
          maximum.why
        }), got ${JSON.stringify(value)}`,
      };
    }
    return { value: number };
  };
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
