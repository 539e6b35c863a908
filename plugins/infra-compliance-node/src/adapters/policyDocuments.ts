/**
 * IAM policy documents that merge others in, as the AWS provider's
 * `aws_iam_policy_document` (Pulumi's `aws.iam.getPolicyDocument`) merges
 * them: the format-neutral part each adapter reading one shares.
 */
import {
  copyLines,
  lineOfNode,
  lineOfPath,
  recordAssignedKeyLines,
  recordLines,
} from '../graph/locations';
import {
  Template,
  Unknown,
  Value,
  ValueMap,
  isMap,
  setEntry,
} from '../graph/values';

/** More statements than a policy holds: AWS takes none over 32 KB (a key policy; most hold far less). */
const MAX_MERGED_STATEMENTS = 1000;

/** A statement of a merged document, and where it is written as the document's file reads it (when it is known). */
export interface MergedStatement {
  statement: Value;
  line?: number;
}

/**
 * The statements of each document an argument merges in: one document
 * (`source_json`, `overrideJson`) or a list of them, each read by
 * `read`, then as the provider reads it (see {@link asProviderReads}). A
 * document not known statically, or a list of them, brings statements not
 * known; the provider skips an empty document, and a null one in a list.
 */
export function mergedDocuments(
  value: Value | undefined,
  options: {
    argument: string;
    list: boolean;
    line?: number;
    read: (document: Value) => Value;
  },
): MergedStatement[][] {
  const { argument, line, read } = options;
  if (value === undefined || value === null || value === '') return [];
  if (!options.list) return [statementsOf(asProviderReads(read(value)), line)];
  if (!Array.isArray(value))
    return [
      [{ statement: new Unknown(`${argument} not known statically`), line }],
    ];
  return value.flatMap((item, index) =>
    item === null
      ? []
      : [
          statementsOf(
            asProviderReads(read(item)),
            line === undefined
              ? lineOfNode(item)
              : lineOfPath(value, [index], line),
          ),
        ],
  );
}

/** The fields of the provider's policy document type, and of its statement type; those of Go's string type, which a null leaves as they were. */
const DOCUMENT_FIELDS = ['Version', 'Id', 'Statement'];
const STATEMENT_FIELDS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
];
const STRING_FIELDS = new Set(['Version', 'Id', 'Sid', 'Effect']);

/**
 * A document merged in as the provider reads it, decoding its JSON into
 * its policy document type with Go's `encoding/json` (`iamPolicyDoc`,
 * policy_model.go): each key of the document or of a statement, in the
 * order written, sets the field of its name whatever its case (`statement`,
 * `effect`), so of two keys alike but for case the last wins (a null leaves
 * a string field as it was), and a second `Statement` is decoded over the
 * first (see {@link readStatements}); a key of no field is dropped; a
 * Principal is read as {@link readPrincipal}, a Condition as
 * {@link readCondition}. What the provider refuses to decode (a `Statement`
 * that is not a list, a Condition operator that is not an object) fails
 * the plan: it is judged as written.
 */
function asProviderReads(document: Value): Value {
  if (!isMap(document)) return document;
  return readFields(document, DOCUMENT_FIELDS, (field, value, before) =>
    field === 'Statement' ? readStatements(value, before) : value,
  );
}

/**
 * A `Statement` decoded over what a key before it decoded (`Statement`,
 * then `statement`): Go decodes a list into the list the field holds, each
 * statement into the one at its place, whose fields the new one does not
 * set stay as they were; the list takes the new one's length.
 */
function readStatements(statements: Value, before: Value | undefined): Value {
  if (!Array.isArray(statements)) return statements;
  const list = statements.map((statement, index) => {
    if (!isMap(statement)) return statement;
    const earlier = Array.isArray(before) ? before[index] : undefined;
    return readFields(
      statement,
      STATEMENT_FIELDS,
      readStatementField,
      isMap(earlier) ? earlier : {},
    );
  });
  copyLines(statements, list);
  return list;
}

/** A statement's field as the provider decodes it; undefined when it has none. */
function readStatementField(field: string, value: Value): Value | undefined {
  if (field === 'Principal' || field === 'NotPrincipal')
    return readPrincipal(value);
  return field === 'Condition' ? readCondition(value) : value;
}

/**
 * A name as Go's `encoding/json` folds it to match a key to a field: each
 * letter the upper case of its lower case, by single letters (`İ` and `ı`
 * fold to `I`, `ſ` to `S`, the Kelvin sign to `K`, while `ﬀ` stays `ﬀ`,
 * which JavaScript would upper-case to `FF`).
 */
function goFold(name: string): string {
  let folded = '';
  for (const letter of name) {
    // `İ` is the one letter whose lower case is two (`i` and a dot above): Go's is `i`.
    const lower = letter === '\u0130' ? 'i' : letter.toLowerCase();
    const upper = lower.toUpperCase();
    folded += upper.length === lower.length ? upper : lower;
  }
  return folded;
}

/**
 * The fields `map`'s keys set, each key naming one of `fields` whatever its
 * case, in the order written, over the fields of `earlier` (what the
 * object was decoded into before); `decode` reads each value (undefined
 * unsets the field). Each field has the line of the key that set it.
 */
function readFields(
  map: ValueMap,
  fields: readonly string[],
  decode: (
    field: string,
    value: Value,
    before: Value | undefined,
  ) => Value | undefined,
  earlier: ValueMap = {},
): ValueMap {
  const read: ValueMap = { ...earlier };
  const renamedLines: Record<string, number> = {};
  for (const key of Object.keys(map)) {
    // Go matches a key to a field whose name is alike but for case (the fields' names are ASCII, their fold upper case).
    const folded = goFold(key);
    const field = fields.find(name => name.toUpperCase() === folded);
    const value = map[key];
    if (field === undefined || (value === null && STRING_FIELDS.has(field)))
      continue;
    const decoded = decode(field, value, read[field]);
    if (decoded === undefined) delete read[field];
    else read[field] = decoded;
    const line = lineOfPath(map, [key], 0);
    if (field !== key && line > 0) renamedLines[field] = line;
    else delete renamedLines[field];
  }
  copyLines(map, read);
  if (Object.keys(renamedLines).length > 0)
    recordAssignedKeyLines(read, renamedLines);
  return read;
}

/**
 * A Principal (or NotPrincipal) as the provider's principal set decodes
 * and writes it: a string, whatever it names, is decoded as the principal
 * type `*`, written `"*"`, and so is `{"*": "*"}` (or `["*"]`); an object
 * of other principals stays. A value not known statically stays, as does
 * one the provider refuses to decode (null, a number), which fails the plan.
 */
function readPrincipal(principal: Value): Value {
  if (typeof principal === 'string' || principal instanceof Template)
    return '*';
  if (!isMap(principal)) return principal;
  const types = Object.keys(principal);
  const identifiers = principal['*'];
  const everyone =
    identifiers === '*' ||
    (Array.isArray(identifiers) &&
      identifiers.length === 1 &&
      identifiers[0] === '*');
  return types.length === 1 && types[0] === '*' && everyone ? '*' : principal;
}

/**
 * A Condition as the provider's condition set decodes it: of the values
 * under each operator, a string or a list is kept, a boolean becomes its
 * text, and any other (a number: `"aws:MultiFactorAuthAge": 3600`, null,
 * an object) is dropped, with the operator, and the Condition, left with
 * none (undefined). One it refuses to decode stays as written.
 */
function readCondition(condition: Value): Value | undefined {
  if (condition === null) return undefined;
  if (!isMap(condition)) return condition;
  const read: ValueMap = {};
  for (const operator of Object.keys(condition)) {
    const values = condition[operator];
    if (values === null) continue;
    if (!isMap(values)) return condition;
    const kept: ValueMap = {};
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (typeof value === 'boolean') setEntry(kept, key, String(value));
      else if (typeof value !== 'number' && value !== null && !isMap(value))
        setEntry(kept, key, value);
    }
    copyLines(values, kept);
    if (Object.keys(kept).length > 0) setEntry(read, operator, kept);
  }
  copyLines(condition, read);
  return Object.keys(read).length > 0 ? read : undefined;
}

/** A document's statements (a null `Statement` has none), each with its line or, without one here, `line`. */
function statementsOf(
  document: Value,
  line: number | undefined,
): MergedStatement[] {
  if (!isMap(document))
    return [
      {
        statement: new Unknown('a merged policy document not known statically'),
        line,
      },
    ];
  const statements = document.Statement;
  if (statements === undefined || statements === null) return [];
  if (Array.isArray(statements)) {
    return statements.map((statement, index) => ({
      statement,
      line:
        line === undefined
          ? lineOfNode(statement)
          : lineOfPath(statements, [index], line),
    }));
  }
  return [{ statement: statements, line: lineOfNode(statements) ?? line }];
}

/**
 * `document` (its own statements, written at `line` when known) merged with
 * the statements of `sources` and `overrides` as the provider merges them
 * (its `Merge`): the sources' statements, then the document's own, then
 * the overrides'. A statement with a Sid replaces, in its place, the first
 * merged before with that Sid; any other is added at the end. The provider
 * refuses a Sid repeated among the sources, or among the document's own
 * statements: there, none replaces another, and each is judged as written.
 */
export function mergePolicyDocuments(
  document: ValueMap,
  line: number | undefined,
  sources: readonly MergedStatement[][],
  overrides: readonly MergedStatement[][],
): ValueMap {
  if (sources.length === 0 && overrides.length === 0) return document;
  const merged: MergedStatement[] = sources.flat();
  mergeStatements(merged, statementsOf(document, line), merged.length);
  for (const statements of overrides) mergeStatements(merged, statements);
  // Documents that merge others many times over would make more than any policy AWS takes: the rest is not read.
  if (merged.length > MAX_MERGED_STATEMENTS)
    merged.splice(MAX_MERGED_STATEMENTS, Infinity, {
      statement: new Unknown('statements past the most a policy holds'),
      line,
    });
  const list = merged.map(({ statement }) => statement);
  if (line !== undefined)
    recordLines(list, line, {
      items: merged.map(({ line: itemLine }) => itemLine ?? line),
    });
  setEntry(document, 'Statement', list);
  return document;
}

/** A principal block of a statement of a policy document the provider writes: its type, and its identifiers (a list). */
export interface PrincipalBlock<V> {
  type?: V;
  identifiers?: V;
}

/**
 * A statement's `Principal` (or `NotPrincipal`) from its principal blocks
 * (`principals`, `not_principals`), as the provider writes it (its
 * principal set's JSON): the identifiers of the blocks of one type
 * together, under that type; undefined for none. A block of type `*` makes
 * it `"*"` (the provider writes that of one `*` block of identifier `*`;
 * IAM reads any other `*` type as no principal it knows). A block whose
 * type is not known makes it not known.
 */
export function statementPrincipal<V>(
  blocks: readonly PrincipalBlock<V>[],
): Unknown | '*' | Record<string, Identifiers<V>> | undefined {
  if (blocks.length === 0) return undefined;
  const principal: Record<string, Identifiers<V>> = {};
  for (const { type, identifiers } of blocks) {
    if (typeof type !== 'string')
      return new Unknown('principal type not known statically');
    const before = principal[type];
    const given = identifiers ?? null;
    // Identifiers not known of one block (not a list) stand for its identifiers among the others'.
    setEntry(
      principal,
      type,
      before === undefined ? given : [...itemsOf(before), ...itemsOf(given)],
    );
  }
  return '*' in principal ? '*' : principal;
}

/** A principal type's identifiers: as a block gives them, or those of several blocks together. */
type Identifiers<V> = V | (V | null)[] | null;

function itemsOf<V>(identifiers: Identifiers<V>): (V | null)[] {
  return Array.isArray(identifiers) ? identifiers : [identifiers];
}

const SID_NOT_KNOWN = Symbol('Sid not known');

/** A statement's Sid; undefined without one (or an empty one), {@link SID_NOT_KNOWN} for a statement or a Sid not known. */
function sidOf(statement: Value): string | typeof SID_NOT_KNOWN | undefined {
  if (!isMap(statement)) return SID_NOT_KNOWN;
  const sid = statement.Sid;
  if (sid === undefined || sid === null || sid === '') return undefined;
  return typeof sid === 'string' ? sid : SID_NOT_KNOWN;
}

/**
 * Merges `statements` into `merged` as the provider does: a statement with
 * a Sid replaces the first with that Sid among the first `replaceable` of
 * `merged`. Where a Sid is not known, which statement it replaces is not known
 * either: each that it may replace is then a statement not known, never
 * one claimed to be there (nor one claimed missing: the document is then
 * not complete), and it is added at the end.
 */
function mergeStatements(
  merged: MergedStatement[],
  statements: readonly MergedStatement[],
  replaceable = Infinity,
): void {
  for (const incoming of statements) {
    const sid = sidOf(incoming.statement);
    // The first statement of its Sid, and those before it whose Sid, or its own, is not known.
    let sameSid: number | undefined;
    const mayBeReplaced: number[] = [];
    for (
      let index = 0;
      sid !== undefined &&
      sameSid === undefined &&
      index < Math.min(merged.length, replaceable);
      index++
    ) {
      const existingSid = sidOf(merged[index].statement);
      if (existingSid === undefined) continue;
      if (sid !== SID_NOT_KNOWN && existingSid === sid) sameSid = index;
      else if (sid === SID_NOT_KNOWN || existingSid === SID_NOT_KNOWN)
        mayBeReplaced.push(index);
    }
    if (sameSid !== undefined && mayBeReplaced.length === 0) {
      merged[sameSid] = incoming;
      continue;
    }
    for (const index of sameSid === undefined
      ? mayBeReplaced
      : [...mayBeReplaced, sameSid]) {
      merged[index] = {
        statement: new Unknown(
          'a statement a merged policy document may replace',
        ),
        line: merged[index].line,
      };
    }
    merged.push(incoming);
  }
}
