/**
 * Comparing strings the graph only partly knows: a log group name against
 * a function's name, a bucket policy's `Bucket` against a bucket, a key
 * policy principal against a service. Literal text is compared exactly; a
 * value not known statically may stand for any text, and is the same text
 * as another only when both name one value (the same parameter, see
 * `Unknown.isOneValue`); a reference to a resource stands for that
 * resource's physical name when the template fixes it, and otherwise for a
 * name only that resource has.
 */
import { ResourceGraph } from '../graph/ResourceGraph';
import { Ref, Template, Unknown, Value } from '../graph/values';
import { Answer } from './iam';
import { lookupTable } from '../support/lookupTable';

/** Stands for the parts of a text not known statically, which no name may run into. */
export const NOT_KNOWN = '\uE001';

/** A text as written, with {@link NOT_KNOWN} for each part of a template not known statically (a reference too). */
export function textWithPartsNotKnown(value: string | Template): string {
  return typeof value === 'string'
    ? value
    : value.parts
        .map(part => (typeof part === 'string' ? part : NOT_KNOWN))
        .join('');
}

type Token =
  | { kind: 'char'; char: string }
  /**
   * Any text (a value not known statically); equal to another `any` only
   * when both are one value with the same reason (`oneValue`, else undefined).
   */
  | { kind: 'any'; oneValue?: string }
  /** A name only one resource has (e.g. a name CloudFormation generates for it). */
  | { kind: 'opaque'; id: string };

/**
 * What a reference stands for in a string: a value (which may itself hold
 * references), or undefined for a name only the referenced resource has.
 */
export type RefResolver = (ref: Ref) => Value | undefined;

/** The property holding the physical name that `!Ref` returns, per resource type. */
const REF_NAME_PROPERTIES = lookupTable<string>({
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::IAM::Role': 'RoleName',
});

/**
 * Resolves `!Ref X` to X's physical name when the template sets it
 * (FunctionName, BucketName, ...); custom resources return anything, one
 * value for each of their attributes.
 */
export function physicalNameResolver(graph: ResourceGraph): RefResolver {
  return ref => {
    const target = graph.get(ref.target);
    if (!target) return undefined;
    if (
      target.type.startsWith('Custom::') ||
      target.type === 'AWS::CloudFormation::CustomResource'
    ) {
      return Unknown.oneValue(
        `${
          ref.attribute === undefined ? '' : `${ref.attribute} of `
        }custom resource ${target.id}`,
      );
    }
    const nameProperty = REF_NAME_PROPERTIES[target.type];
    if (ref.attribute === undefined && nameProperty)
      return target.properties[nameProperty];
    return undefined;
  };
}

const MAX_DEPTH = 4;

function tokensOf(
  value: Value | undefined,
  resolve: RefResolver | undefined,
  depth = 0,
): Token[] | undefined {
  if (typeof value === 'string')
    return [...value].map(char => ({ kind: 'char' as const, char }));
  if (typeof value === 'number' || typeof value === 'boolean')
    return tokensOf(String(value), resolve, depth);
  if (value instanceof Unknown)
    return [
      { kind: 'any', oneValue: value.isOneValue ? value.reason : undefined },
    ];
  if (value instanceof Ref) {
    const resolved = depth < MAX_DEPTH ? resolve?.(value) : undefined;
    if (resolved !== undefined) return tokensOf(resolved, resolve, depth + 1);
    return [{ kind: 'opaque', id: `${value.target}.${value.attribute ?? ''}` }];
  }
  if (value instanceof Template) {
    const out: Token[] = [];
    for (const part of value.parts) {
      const tokens = tokensOf(part, resolve, depth);
      if (!tokens) return undefined;
      out.push(...tokens);
    }
    return out;
  }
  return undefined; // not a string at all (a map, a list, null)
}

/**
 * The text a value stands for when every part of it is known (references
 * followed through the resolver, as {@link sameString} does); undefined
 * when some part is not. Such texts compare as plain strings.
 */
export function knownText(
  value: Value | undefined,
  resolve: RefResolver | undefined,
  depth = 0,
): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Ref) {
    const resolved = depth < MAX_DEPTH ? resolve?.(value) : undefined;
    return resolved === undefined
      ? undefined
      : knownText(resolved, resolve, depth + 1);
  }
  if (value instanceof Template) {
    let text = '';
    for (const part of value.parts) {
      const known = knownText(part, resolve, depth);
      if (known === undefined) return undefined;
      text += known;
    }
    return text;
  }
  return undefined; // an Unknown, or not a string at all
}

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'char') return b.kind === 'char' && a.char === b.char;
  if (a.kind === 'any')
    return (
      b.kind === 'any' && a.oneValue !== undefined && a.oneValue === b.oneValue
    );
  return b.kind === 'opaque' && a.id === b.id;
}

/** Pairs of positions beyond which two strings are not compared: the answer stays a guess. */
const MAX_MATCH_STATES = 1_000_000;

const isAny = (token: Token) => token.kind === 'any';

/**
 * Is there a string both token lists can stand for (`any` matching any
 * text)? Undefined when the texts are too long to tell within
 * {@link MAX_MATCH_STATES}.
 */
function mayMatch(a: Token[], b: Token[]): boolean | undefined {
  // Up to the first unknown part, and back from the last one, the tokens pair up one to one.
  let start = 0;
  while (
    start < a.length &&
    start < b.length &&
    !isAny(a[start]) &&
    !isAny(b[start])
  ) {
    if (!sameToken(a[start], b[start])) return false;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (
    endA > start &&
    endB > start &&
    !isAny(a[endA - 1]) &&
    !isAny(b[endB - 1])
  ) {
    if (!sameToken(a[endA - 1], b[endB - 1])) return false;
    endA--;
    endB--;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (!restA.some(isAny) && !restB.some(isAny))
    return restA.length === 0 && restB.length === 0;
  return mayMatchWithUnknowns(restA, restB);
}

/**
 * The general case, a walk over pairs of positions with its own stack
 * (recursion would overflow on a long text).
 */
function mayMatchWithUnknowns(a: Token[], b: Token[]): boolean | undefined {
  const width = b.length + 1;
  const states = (a.length + 1) * width;
  if (states > MAX_MATCH_STATES) return undefined;
  const seen = new Uint8Array(states);
  const pending = [0]; // i * width + j: a[i..] against b[j..]
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (seen[key]) continue;
    seen[key] = 1;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === a.length && j === b.length) return true;
    // An unknown part matches the empty text, or one more token of the other side.
    if (i < a.length && a[i].kind === 'any') {
      pending.push(key + width);
      if (j < b.length) pending.push(key + 1);
    }
    if (j < b.length && b[j].kind === 'any') {
      pending.push(key + 1);
      if (i < a.length) pending.push(key + width);
    }
    if (
      i < a.length &&
      j < b.length &&
      a[i].kind !== 'any' &&
      b[j].kind !== 'any' &&
      sameToken(a[i], b[j])
    ) {
      pending.push(key + width + 1);
    }
  }
  return false;
}

/**
 * Are two partly known strings equal? `yes` when they are built the same
 * way (the same text, references and values not known statically that name
 * one value, in the same order), `no` when no values of their unknown parts
 * can make them equal, `unknown` otherwise: two `Fn::Select`s of an import
 * may be equal, or not.
 */
export function sameString(
  a: Value | undefined,
  b: Value | undefined,
  resolve?: RefResolver,
): Answer {
  if (a === undefined || b === undefined) return 'no';
  const ta = tokensOf(a, resolve);
  const tb = tokensOf(b, resolve);
  if (!ta || !tb) return 'unknown';
  if (
    ta.length === tb.length &&
    ta.every((token, index) => sameToken(token, tb[index]))
  )
    return 'yes';
  return mayMatch(ta, tb) === false ? 'no' : 'unknown';
}

/** Joins answers with "or": `yes` if any is, else `unknown` if any is, else `no`. */
export function anyAnswer(answers: Iterable<Answer>): Answer {
  let result: Answer = 'no';
  for (const answer of answers) {
    if (answer === 'yes') return 'yes';
    if (answer === 'unknown') result = 'unknown';
  }
  return result;
}
