/**
 * JSON documents in Pulumi programs: `JSON.stringify({...})` and JSON text
 * built with `pulumi.interpolate`, read back into graph values so that a
 * policy statement's `Resource: "${topic.arn}"` becomes a reference.
 */
import {
  Ref,
  Template,
  Unknown,
  Value,
  concat,
  isMap,
  setEntry,
} from '../../graph/values';

/** Where a program writes JSON text: its file, and the line of the call that builds it. */
export interface WrittenAt {
  file: string;
  line: number;
}

/** The result of `JSON.stringify(value)`: kept structured until a property says what it is. */
export class JsonText {
  constructor(
    readonly value: Value,
    /** Where the program builds it, when known (see {@link documentWrittenAt}). */
    public writtenAt?: WrittenAt,
  ) {}
}

/** Documents read from JSON text, with where the text is written (see {@link readJsonDocument}). */
const documentsWrittenAt = new WeakMap<object, WrittenAt>();

/** Where the JSON text a document was read from is written, when it was read from JSON text whose place is known. */
export function documentWrittenAt(document: Value): WrittenAt | undefined {
  return typeof document === 'object' && document !== null
    ? documentsWrittenAt.get(document)
    : undefined;
}

const PLACEHOLDER = /\uE001(\d+)\uE001/g;

/** Replaces placeholders in a parsed JSON value by the parts they stand for. */
function restore(value: unknown, parts: (Ref | Unknown)[]): Value {
  if (typeof value === 'string') {
    if (!value.includes('\uE001')) return value;
    const whole = /^\uE001(\d+)\uE001$/.exec(value);
    if (whole) return parts[Number(whole[1])];
    const pieces: Value[] = [];
    let last = 0;
    for (const match of value.matchAll(PLACEHOLDER)) {
      pieces.push(value.slice(last, match.index));
      pieces.push(parts[Number(match[1])]);
      last = match.index! + match[0].length;
    }
    pieces.push(value.slice(last));
    return concat(pieces);
  }
  if (Array.isArray(value)) return value.map(item => restore(item, parts));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Value> = {};
    for (const [key, item] of Object.entries(value))
      setEntry(out, key, restore(item, parts));
    return out;
  }
  return value as Value;
}

/**
 * A JSON document property (a policy, a redrive policy) as a structured
 * value: JSON text is parsed, text with references is parsed around them;
 * what cannot be read is Unknown.
 */
export function readJsonDocument(
  value: Value | JsonText | undefined,
): Value | undefined {
  if (value === undefined) return undefined;
  if (value instanceof JsonText) {
    if (
      value.writtenAt &&
      typeof value.value === 'object' &&
      value.value !== null
    )
      documentsWrittenAt.set(value.value, value.writtenAt);
    return value.value;
  }
  if (isMap(value) || Array.isArray(value)) return value;
  if (typeof value === 'string' || value instanceof Template) {
    const parts: (Ref | Unknown)[] = [];
    const text =
      typeof value === 'string'
        ? value
        : value.parts
            .map(part =>
              typeof part === 'string'
                ? part
                : `\uE001${parts.push(part) - 1}\uE001`,
            )
            .join('');
    try {
      return restore(JSON.parse(text), parts);
    } catch {
      return new Unknown('JSON document that does not parse');
    }
  }
  return new Unknown('JSON document not known statically');
}

/** JSON text as a string value: a string when fully known, a template around references otherwise. */
export function jsonTextValue(json: JsonText): Value {
  const parts: (Ref | Unknown | Template)[] = [];
  const text = JSON.stringify(json.value, (_key, v) =>
    v instanceof Ref || v instanceof Unknown || v instanceof Template
      ? `\uE001${parts.push(v) - 1}\uE001`
      : v,
  );
  if (text === undefined)
    return new Unknown('JSON.stringify of a value not known statically');
  if (parts.length === 0) return text;
  const pieces: Value[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    pieces.push(text.slice(last, match.index));
    pieces.push(parts[Number(match[1])]);
    last = match.index! + match[0].length;
  }
  pieces.push(text.slice(last));
  return concat(pieces);
}
