/**
 * JSON written as text inside a stack (a Terraform policy heredoc, a
 * CloudFormation `DefinitionString`, a Pulumi `JSON.stringify` result) as a
 * value the rules can read, references included.
 */
import { Ref, Template, Unknown, Value, concat, isMap, setEntry } from './values';
import { WrittenText } from './writtenText';

const HOLDER = /(__iac_value_\d+__)/;

/**
 * JSON text (a string, or a template whose references are held by
 * placeholders while it is parsed) as a value; `text` maps the literal
 * parts. Another value is returned as it is; undefined when it is not JSON.
 */
export function parseJsonText(value: Value, text: (part: string) => string = part => part): Value | undefined {
  if (typeof value === 'string') return parseJson(text(value));
  if (!(value instanceof Template)) return value;
  const holders = new Map<string, Ref | Unknown>();
  const joined = value.parts
    .map(part => {
      if (typeof part === 'string') return text(part);
      const key = `__iac_value_${holders.size}__`;
      holders.set(key, part);
      return key;
    })
    .join('');
  const parsed = parseJson(joined);
  return parsed === undefined ? undefined : restore(parsed, holders);
}

/**
 * {@link parseJsonText}, and the strings of what it reads recorded as the
 * stack writes them (a parameter's value is the deployer's choice), so that
 * rules judging written text see the text's parts as written.
 */
export function parseJsonTextAsWritten(value: Value, writtenText: WrittenText): Value | undefined {
  const parsed = parseJsonText(value);
  if (!writtenText.isEmpty && parsed !== undefined && parsed !== value) {
    const asWritten = parseJsonText(value, part => writtenText.of(part));
    if (asWritten !== undefined) writtenText.record(parsed, asWritten);
  }
  return parsed;
}

function parseJson(text: string): Value | undefined {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return undefined;
  }
}

function restore(value: Value, holders: Map<string, Ref | Unknown>): Value {
  if (typeof value === 'string') {
    if (!value.includes('__iac_value_')) return value;
    return concat(value.split(HOLDER).filter(Boolean).map(piece => holders.get(piece) ?? piece));
  }
  if (Array.isArray(value)) return value.map(item => restore(item, holders));
  if (isMap(value)) {
    // Keys are the author's (`__proto__`): defined, never assigned.
    const out: Record<string, Value> = {};
    for (const key of Object.keys(value)) setEntry(out, key, restore(value[key], holders));
    return out;
  }
  return value;
}
