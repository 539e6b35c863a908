/**
 * What a variable's type constraint makes of its value, as far as rules
 * read it: Terraform gives an object type's `optional` attributes that the
 * value leaves out (or sets to null) their default, or null, so that
 * `var.logs.retention` reads 14 under `object({ retention =
 * optional(number, 14) })` instead of failing. The elements of a map, list,
 * set or tuple type are converted the same way; anything else is the value
 * as it is (attributes a type does not declare are kept, although
 * Terraform drops them).
 */
import { copyLines, lineOfNode, lineOfPath, recordLines } from '../../graph/locations';
import { Unknown, Value, ValueMap, isMap, setEntry } from '../../graph/values';
import { HclExpression } from '../../documents/parseHcl';
import { Expression } from './syntax';

type Evaluate = (expression: HclExpression) => Value;

/** The value converted to `type` (see the file's comment); the value itself where nothing changes. */
export function withTypeDefaults(value: Value, type: Expression, evaluate: Evaluate): Value {
  // A type written in JSON (`"type": "object({…})"`) is a string the engine does not read.
  if (type.kind !== 'call' || value instanceof Unknown) return value;
  const [element] = type.args;
  switch (type.name) {
    case 'object':
      return element?.kind === 'object' && isMap(value) ? objectWithDefaults(value, element, evaluate) : value;
    case 'map':
      return element && isMap(value) ? mapConverted(value, item => withTypeDefaults(item, element, evaluate)) : value;
    case 'list':
    case 'set':
      return element && Array.isArray(value) ? listConverted(value, item => withTypeDefaults(item, element, evaluate)) : value;
    case 'tuple':
      return element?.kind === 'tuple' && Array.isArray(value)
        ? listConverted(value, (item, index) => (element.items[index] ? withTypeDefaults(item, element.items[index], evaluate) : item))
        : value;
    default:
      return value;
  }
}

function objectWithDefaults(value: ValueMap, type: Extract<HclExpression, { kind: 'object' }>, evaluate: Evaluate): Value {
  let converted: ValueMap | undefined;
  const addedKeys: Record<string, number> = {};
  for (const attribute of type.items) {
    const name = evaluate(attribute.key);
    if (typeof name !== 'string') return value; // a type Terraform would refuse
    const declared = attribute.value;
    const optional = declared.kind === 'call' && declared.name === 'optional' ? declared : undefined;
    const attributeType = optional ? optional.args[0] : declared;
    const present = Object.prototype.hasOwnProperty.call(value, name) && value[name] !== null;
    // Required and missing: Terraform refuses the value.
    if (!present && !optional) continue;
    const fallback = optional?.args[1];
    let next: Value = null;
    if (present) next = value[name];
    else if (fallback !== undefined) next = evaluate(fallback);
    if (attributeType && next !== null) next = withTypeDefaults(next, attributeType, evaluate);
    if (!present) addedKeys[name] = attribute.line;
    if (present && next === value[name]) continue;
    converted ??= { ...value };
    setEntry(converted, name, next);
  }
  if (!converted) return value;
  // The value's keys keep their lines; a default the type gives points at the type.
  const keys: Record<string, number> = {};
  const line = lineOfNode(value) ?? 1;
  for (const key of Object.keys(converted)) keys[key] = addedKeys[key] ?? lineOfPath(value, [key], line);
  recordLines(converted, line, { keys });
  return converted;
}

function mapConverted(value: ValueMap, convert: (item: Value) => Value): Value {
  let converted: ValueMap | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = convert(item);
    if (next === item) continue;
    converted ??= { ...value };
    setEntry(converted, key, next);
  }
  if (!converted) return value;
  copyLines(value, converted);
  return converted;
}

function listConverted(value: Value[], convert: (item: Value, index: number) => Value): Value {
  const converted = value.map(convert);
  if (converted.every((item, index) => item === value[index])) return value;
  copyLines(value, converted);
  return converted;
}
