/**
 * What a variable's type constraint makes of its value, as far as rules
 * read it: Terraform gives an object type's `optional` attributes that the
 * value leaves out (or sets to null) their default, or null, so that
 * `var.logs.retention` reads 14 under `object({ retention =
 * optional(number, 14) })` instead of failing; it drops the attributes
 * the type does not declare, and converts primitives (`"14"` to a number).
 * The elements of a map, list, set or tuple type are converted the same
 * way; under any other type (`any`) the value is as it is.
 */
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordLines,
} from '../../graph/locations';
import { Unknown, Value, ValueMap, isMap, setEntry } from '../../graph/values';
import { HclExpression } from '../../documents/parseHcl';
import { Expression, parseHcl } from './syntax';
import { asSet } from './expressions';

type Evaluate = (expression: HclExpression) => Value;

/**
 * A variable's `type`, read as an expression: in a `.tf.json` file it is a
 * string of HCL (`"object({ … })"`), read here with the line of the
 * attribute. Undefined when it cannot be read.
 */
export function typeExpression(type: Expression): HclExpression | undefined {
  if (type.kind !== 'json') return type;
  if (typeof type.value !== 'string') return undefined;
  const { body, errors } = parseHcl(
    `${'\n'.repeat(type.line - 1)}type = ${type.value}\n`,
  );
  return errors.length === 0 ? body.attributes[0]?.expression : undefined;
}

/** The value converted to `type` (see the file's comment); the value itself where nothing changes. */
export function withTypeDefaults(
  value: Value,
  type: HclExpression,
  evaluate: Evaluate,
): Value {
  if (value instanceof Unknown || value === null) return value;
  if (type.kind === 'variable') return primitive(value, type.name);
  if (type.kind !== 'call') return value;
  const [element] = type.args;
  switch (type.name) {
    case 'object':
      return element?.kind === 'object' && isMap(value)
        ? objectWithDefaults(value, element, evaluate)
        : value;
    case 'map':
      return element && isMap(value)
        ? mapConverted(value, item => withTypeDefaults(item, element, evaluate))
        : value;
    case 'list':
      return element && Array.isArray(value)
        ? listConverted(value, item =>
            withTypeDefaults(item, element, evaluate),
          )
        : value;
    case 'set': {
      // Terraform keeps each element once, in its order of set elements.
      const converted =
        element && Array.isArray(value)
          ? listConverted(value, item =>
              withTypeDefaults(item, element, evaluate),
            )
          : value;
      return Array.isArray(converted) ? asSet(converted) : converted;
    }
    case 'tuple':
      return element?.kind === 'tuple' && Array.isArray(value)
        ? listConverted(value, (item, index) =>
            element.items[index]
              ? withTypeDefaults(item, element.items[index], evaluate)
              : item,
          )
        : value;
    default:
      return value;
  }
}

/** A number as Terraform reads one from a string, in base 10 (`+30`, `.5`, `5.`, `1e3`; not `0x1E` or ` 30`). */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** The strings Terraform converts to a bool. */
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  1: true,
  0: false,
};

/** `number`, `string` and `bool` convert what Terraform converts; other values stay (Terraform refuses them). */
function primitive(value: Value, type: string): Value {
  if (type === 'number' && typeof value === 'string' && DECIMAL.test(value))
    return Number(value);
  if (
    type === 'string' &&
    (typeof value === 'number' || typeof value === 'boolean')
  )
    return String(value);
  if (
    type === 'bool' &&
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(BOOLEANS, value)
  )
    return BOOLEANS[value];
  return value;
}

function objectWithDefaults(
  value: ValueMap,
  type: Extract<HclExpression, { kind: 'object' }>,
  evaluate: Evaluate,
): Value {
  const converted: ValueMap = {};
  const keys: Record<string, number> = {};
  const line = lineOfNode(value);
  const declared = new Set<string>();
  let changed = false;
  for (const attribute of type.items) {
    const name = evaluate(attribute.key);
    if (typeof name !== 'string') return value; // a type Terraform would refuse
    declared.add(name);
    const optional =
      attribute.value.kind === 'call' && attribute.value.name === 'optional'
        ? attribute.value
        : undefined;
    const attributeType = optional ? optional.args[0] : attribute.value;
    const given = Object.prototype.hasOwnProperty.call(value, name);
    const present = given && value[name] !== null;
    // Required and missing: Terraform refuses the value. Required and null: null it is.
    if (!present && !optional) {
      if (given) setEntry(converted, name, null);
      continue;
    }
    const fallback = optional?.args[1];
    let next: Value = null;
    if (present) next = value[name];
    else if (fallback !== undefined) next = evaluate(fallback);
    if (attributeType && next !== null)
      next = withTypeDefaults(next, attributeType, evaluate);
    setEntry(converted, name, next);
    // A default the type gives points at the type.
    keys[name] = present
      ? lineOfPath(value, [name], line ?? attribute.line)
      : attribute.line;
    if (!present || next !== value[name]) changed = true;
  }
  // Terraform drops the attributes the type does not declare.
  if (!changed && Object.keys(value).every(key => declared.has(key)))
    return value;
  // A value with no lines of its own (decoded from JSON) takes those of what holds it.
  if (line !== undefined) recordLines(converted, line, { keys });
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

function listConverted(
  value: Value[],
  convert: (item: Value, index: number) => Value,
): Value {
  const converted = value.map(convert);
  if (converted.every((item, index) => item === value[index])) return value;
  copyLines(value, converted);
  return converted;
}
