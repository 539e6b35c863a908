/**
 * Values with their references renamed: resources named by construct path
 * (./synthesized), or by the path below their own stack (./constructs).
 */
import { copyLines } from '../../graph/locations';
import { Ref, Template, Unknown, Value, isMap } from '../../graph/values';

/** What a reference becomes (another one, or a value not known statically), and what text becomes. */
export interface Renaming {
  ref(ref: Ref): Ref | Unknown;
  /** Default: text stays. */
  text?(text: string): string;
  /** What a value not known statically becomes; default: the same, its reason renamed as text. */
  unknown?(unknown: Unknown): Value;
}

/** A value with its references and texts (an unknown's reason among them) renamed; lines stay those of the value. */
export function renamed(value: Value, renaming: Renaming): Value {
  const text = renaming.text ?? (same => same);
  let copy: Value;
  if (typeof value === 'string') return text(value);
  if (value instanceof Ref) copy = renaming.ref(value);
  else if (value instanceof Unknown) {
    const replaced = renaming.unknown?.(value) ?? value;
    if (replaced !== value) return replaced;
    const reason = text(value.reason);
    if (reason === value.reason) return value;
    copy = new Unknown(reason, value.isOneValue, value.mayName);
  } else if (value instanceof Template) {
    copy = new Template(
      value.parts.map(
        part => renamed(part, renaming) as string | Ref | Unknown,
      ),
    );
  } else if (Array.isArray(value))
    copy = value.map(item => renamed(item, renaming));
  else if (isMap(value)) {
    const map: Record<string, Value> = {};
    for (const [key, item] of Object.entries(value))
      map[key] = renamed(item, renaming);
    copy = map;
  } else return value;
  copyLines(value, copy as object);
  return copy;
}
