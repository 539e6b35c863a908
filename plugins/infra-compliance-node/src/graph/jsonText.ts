/**
 * JSON written as text inside a stack (a Terraform policy heredoc, a
 * CloudFormation `DefinitionString`, a Pulumi `JSON.stringify` result) as a
 * value the rules can read, references included.
 */
import { LineStarts } from '../support/lineOffsets';
import { recordLines } from './locations';
import {
  Ref,
  Template,
  Unknown,
  Value,
  concat,
  isMap,
  setEntry,
} from './values';
import { WrittenText } from './writtenText';

const HOLDER = /(__iac_value_\d+__)/;

/**
 * JSON text (a string, or a template whose references are held by
 * placeholders while it is parsed) as a value; `text` maps the literal
 * parts. Another value is returned as it is; undefined when it is not JSON.
 */
export function parseJsonText(
  value: Value,
  text: (part: string) => string = part => part,
): Value | undefined {
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
export function parseJsonTextAsWritten(
  value: Value,
  writtenText: WrittenText,
): Value | undefined {
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
    return concat(
      value
        .split(HOLDER)
        .filter(Boolean)
        .map(piece => holders.get(piece) ?? piece),
    );
  }
  if (Array.isArray(value)) return value.map(item => restore(item, holders));
  if (isMap(value)) {
    // Keys are the author's (`__proto__`): defined, never assigned.
    const out: Record<string, Value> = {};
    for (const key of Object.keys(value))
      setEntry(out, key, restore(value[key], holders));
    return out;
  }
  return value;
}

/**
 * Lines for JSON a stack writes as text (`PolicyDocument: !Sub '{…}'`, a
 * heredoc): the parser read the text as one string, so what it holds has
 * no lines. Each key is looked for in the source between lines `first` and
 * `last`, in document order, where a key is written (followed by `:`);
 * what is not found there takes the line the search has reached. Values are
 * not looked for: a parameter or an escape may write them otherwise. With
 * `shift`, lines of `source` are recorded that many lines further (a
 * heredoc's text, read alone, that starts below its attribute).
 */
export function recordJsonTextLines(
  value: Value,
  source: LineStarts,
  first: number,
  last: number,
  shift = 0,
): void {
  const start = source.offset(first);
  if (start < 0) return;
  const after = source.offset(last + 1);
  const text = source.text.slice(start, after < 0 ? undefined : after);
  // JSON text inside a JSON string (or a double-quoted YAML scalar) writes its quotes escaped.
  const quote = text.includes('\\"') ? '\\"' : '"';
  let offset = 0;
  let line = first;
  /** Moves the search to `to`, counting the lines it crosses. */
  const advance = (to: number) => {
    for (
      let i = text.indexOf('\n', offset);
      i >= 0 && i < to;
      i = text.indexOf('\n', i + 1)
    )
      line++;
    offset = to;
  };
  const findKey = (key: string): number => {
    const needle = `${quote}${key}${quote}`;
    for (
      let at = text.indexOf(needle, offset);
      at >= 0;
      at = text.indexOf(needle, at + 1)
    ) {
      let next = at + needle.length;
      while (
        text[next] === ' ' ||
        text[next] === '\t' ||
        text[next] === '\n' ||
        text[next] === '\r'
      )
        next++;
      if (text[next] !== ':') continue;
      advance(at);
      const found = line;
      advance(next);
      return found;
    }
    return line;
  };
  const visit = (node: Value): number => {
    if (Array.isArray(node)) {
      const listLine = line + shift;
      recordLines(node, listLine, { items: node.map(visit) });
      return listLine;
    }
    if (!isMap(node)) return line + shift;
    const keys: Record<string, number> = Object.create(null);
    let mapLine: number | undefined;
    for (const key of Object.keys(node)) {
      keys[key] = (/["\\\n]/.test(key) ? line : findKey(key)) + shift;
      mapLine ??= keys[key];
      visit(node[key]);
    }
    recordLines(node, mapLine ?? line + shift, { keys });
    return mapLine ?? line + shift;
  };
  visit(value);
}
