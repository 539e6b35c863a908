/**
 * Comparing strings the graph only partly knows: a log group name against
 * a function's name, a bucket policy's `Bucket` against a bucket, a key
 * policy principal against a service. Literal text is compared exactly; a
 * value not known statically may stand for any text; a reference to a
 * resource stands for that resource's physical name when the template fixes
 * it, and otherwise for a name only that resource has.
 */
import { ResourceGraph } from '../graph/ResourceGraph';
import { Ref, Template, Unknown, Value } from '../graph/values';
import { Answer } from './iam';

type Token =
  | { kind: 'char'; char: string }
  /** Any text (a value not known statically); equal to another `any` with the same reason. */
  | { kind: 'any'; reason: string }
  /** A name only one resource has (e.g. a name CloudFormation generates for it). */
  | { kind: 'opaque'; id: string };

/**
 * What a reference stands for in a string: a value (which may itself hold
 * references), or undefined for a name only the referenced resource has.
 */
export type RefResolver = (ref: Ref) => Value | undefined;

/** The property holding the physical name that `!Ref` returns, per resource type. */
const REF_NAME_PROPERTIES: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::IAM::Role': 'RoleName',
};

/**
 * Resolves `!Ref X` to X's physical name when the template sets it
 * (FunctionName, BucketName, ...); custom resources return anything.
 */
export function physicalNameResolver(graph: ResourceGraph): RefResolver {
  return ref => {
    const target = graph.get(ref.target);
    if (!target) return undefined;
    if (target.type.startsWith('Custom::') || target.type === 'AWS::CloudFormation::CustomResource') {
      return new Unknown(`custom resource ${target.id}`);
    }
    const nameProperty = REF_NAME_PROPERTIES[target.type];
    if (ref.attribute === undefined && nameProperty) return target.properties[nameProperty];
    return undefined;
  };
}

const MAX_DEPTH = 4;

function tokensOf(value: Value | undefined, resolve: RefResolver | undefined, depth = 0): Token[] | undefined {
  if (typeof value === 'string') return [...value].map(char => ({ kind: 'char' as const, char }));
  if (typeof value === 'number' || typeof value === 'boolean') return tokensOf(String(value), resolve, depth);
  if (value instanceof Unknown) return [{ kind: 'any', reason: value.reason }];
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

function sameToken(a: Token, b: Token): boolean {
  if (a.kind === 'char') return b.kind === 'char' && a.char === b.char;
  if (a.kind === 'any') return b.kind === 'any' && a.reason === b.reason;
  return b.kind === 'opaque' && a.id === b.id;
}

/** Is there a string both token lists can stand for (`any` matching any text)? */
function mayMatch(a: Token[], b: Token[]): boolean {
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result = false;
    if (i === a.length && j === b.length) result = true;
    if (!result && i < a.length && a[i].kind === 'any') {
      result = go(i + 1, j) || (j < b.length && go(i, j + 1));
    }
    if (!result && j < b.length && b[j].kind === 'any') {
      result = go(i, j + 1) || (i < a.length && go(i + 1, j));
    }
    if (!result && i < a.length && j < b.length && a[i].kind !== 'any' && b[j].kind !== 'any' && sameToken(a[i], b[j])) {
      result = go(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/**
 * Are two partly known strings equal? `yes` when they are built the same
 * way (the same text, references and unknowns in the same order), `no` when
 * no values of their unknown parts can make them equal, `unknown` otherwise.
 */
export function sameString(a: Value | undefined, b: Value | undefined, resolve?: RefResolver): Answer {
  if (a === undefined || b === undefined) return 'no';
  const ta = tokensOf(a, resolve);
  const tb = tokensOf(b, resolve);
  if (!ta || !tb) return 'unknown';
  if (ta.length === tb.length && ta.every((token, index) => sameToken(token, tb[index]))) return 'yes';
  return mayMatch(ta, tb) ? 'unknown' : 'no';
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
