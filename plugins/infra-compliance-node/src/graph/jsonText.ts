/**
 * JSON written as text inside a stack (a Terraform policy heredoc, a
 * CloudFormation `DefinitionString`, a Pulumi `JSON.stringify` result) as a
 * value the rules can read, references included.
 */
import { offsetOfLine } from '../support/lineOffsets';
import { recordLines } from './locations';
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

/**
 * Lines for JSON a stack writes as text (`PolicyDocument: !Sub '{…}'`, a
 * heredoc): the parser read the text as one string, so what it holds has
 * no lines. Each key, and each string item of a list, is looked for in the
 * source in document order from line `first`, no further than line `last`;
 * what is not found there takes the line the search has reached.
 */
export function recordJsonTextLines(value: Value, source: string, first: number, last: number): void {
  let offset = offsetOfLine(source, first);
  if (offset < 0) return;
  const after = offsetOfLine(source, last + 1);
  const end = after < 0 ? source.length : after;
  let line = first;
  /** Moves the search past `to`, counting the lines it crosses. */
  const advance = (to: number) => {
    for (let i = source.indexOf('\n', offset); i >= 0 && i < to; i = source.indexOf('\n', i + 1)) line++;
    offset = to;
  };
  /** The line of the next `"text"` (or `\"text\"` inside a quoted string), when the text is within bounds. */
  const find = (text: string): number => {
    if (/["\\\n]/.test(text)) return line;
    const matches = [source.indexOf(`"${text}"`, offset), source.indexOf(`\\"${text}\\"`, offset)].filter(at => at >= 0 && at < end);
    if (matches.length === 0) return line;
    const at = Math.min(...matches);
    advance(at);
    const found = line;
    advance(at + text.length + 2);
    return found;
  };
  const visit = (node: Value): number => {
    if (typeof node === 'string') return find(node);
    if (Array.isArray(node)) {
      const start = line;
      recordLines(node, start, { items: node.map(visit) });
      return start;
    }
    if (!isMap(node) || node instanceof Template) return line;
    const keys: Record<string, number> = Object.create(null);
    let start: number | undefined;
    for (const key of Object.keys(node)) {
      keys[key] = find(key);
      start ??= keys[key];
      visit(node[key]);
    }
    recordLines(node, start ?? line, { keys });
    return start ?? line;
  };
  visit(value);
}
