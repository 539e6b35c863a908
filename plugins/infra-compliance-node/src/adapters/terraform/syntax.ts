/**
 * Terraform files, native (`.tf`, HCL2) or JSON (`.tf.json`), read into one
 * shape: bodies of attributes and blocks, each with its line. HCL is read by
 * the engine's HCL parser (`documents/parseHcl`); JSON by its YAML/JSON
 * reader, which records lines too.
 */
import { DocumentParseError, parseYaml } from '../../documents/parseYaml';
import { HclExpression, parseHcl } from '../../documents/parseHcl';
import { lineOfPath } from '../../graph/locations';
import { lookupTable } from '../../support/lookupTable';

export { parseHcl };

/** A `.tf.json` value, whose strings are templates. */
export interface JsonExpression {
  kind: 'json';
  value: unknown;
  /** Whether the nodes of `value` carry the lines where the file writes them: not once placed at another line (see {@link withLine}). */
  ownLines: boolean;
  line: number;
}

/** An attribute's expression: HCL syntax, or a JSON value. */
export type Expression = HclExpression | JsonExpression;

export interface Attribute {
  name: string;
  line: number;
  expression: Expression;
  /** The HCL expression as written. */
  text?: string;
}

export interface Block {
  type: string;
  labels: string[];
  line: number;
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface SyntaxError {
  line: number;
  message: string;
}

/** The text an expression stands for when it is a plain string (`source = "./modules/queue"`), before any evaluation. */
export function plainText(expression: Expression): string | undefined {
  if (expression.kind === 'json') return typeof expression.value === 'string' ? expression.value : undefined;
  if (expression.kind !== 'template' || expression.indentedHeredoc) return undefined;
  return expression.parts.every(part => typeof part === 'string') ? expression.parts.join('') : undefined;
}

/**
 * A copy of an expression, an attribute, a block or a body with every line
 * in it `line`: written in one place, read as written in another. A
 * heredoc's text then has no lines of its own; a `.tf.json` value has only
 * its expression's line.
 */
export function withLine<T>(node: T, line: number): T {
  if (Array.isArray(node)) return node.map(item => withLine(item, line)) as T;
  if (typeof node !== 'object' || node === null) return node;
  if ((node as { kind?: unknown }).kind === 'json') return { ...node, line, ownLines: false };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'heredoc') copy[key] = key === 'line' && typeof value === 'number' ? line : withLine(value, line);
  }
  return copy as T;
}

/** An attribute's expression as written, for messages. */
export function sourceText(attribute: Attribute): string {
  if (attribute.text !== undefined) return attribute.text;
  return attribute.expression.kind === 'json' ? JSON.stringify(attribute.expression.value) ?? '' : '';
}

type RawMap = Record<string, unknown>;
const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a `.tf.json` file: top-level keys are block types, nested objects
 * their labels (`resource.<type>.<name>`), down to the body. Nested blocks
 * inside a body stay attributes whose value is an object or a list of them;
 * the evaluator treats both forms alike. Dynamic blocks are blocks. As in
 * HCL's JSON syntax, a body or a level of labels may be an array of
 * objects, whose properties are read in order, and a block's body an
 * array of bodies, one block each. A `"//"` property of a body is a
 * comment.
 */
export function parseTerraformJson(text: string): { body: Body; errors: SyntaxError[] } {
  let root: unknown;
  try {
    root = parseYaml(text);
  } catch (error) {
    if (error instanceof DocumentParseError) {
      return { body: { attributes: [], blocks: [] }, errors: [{ line: error.line, message: error.message }] };
    }
    throw error;
  }
  const message = 'a .tf.json file must hold an object, or an array of objects';
  if (!isRawMap(root) && !Array.isArray(root)) return { body: { attributes: [], blocks: [] }, errors: [{ line: 1, message }] };
  // Terraform refuses an array that holds something else; its objects are read all the same.
  const notObject = Array.isArray(root) ? root.findIndex(item => !isRawMap(item)) : -1;
  const errors = notObject < 0 ? [] : [{ line: lineOfPath(root as any, [notObject], 1), message }];
  return { body: jsonBody(root, root, [], 'file'), errors };
}

/** Number of labels each top-level block type takes. */
const LABELS = lookupTable<number>({
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
});

/** What a JSON body is: the file's, a block's, or a dynamic block's (whose `content` is a block). */
type JsonBodyOf = 'file' | 'block' | 'dynamic';

/**
 * Blocks of a JSON body: the top-level block types, and in nested bodies
 * `dynamic` (labelled by the type it generates) and the `content` of a
 * dynamic block, so that they are expanded as in `.tf` files.
 */
function jsonLabelCount(name: string, of: JsonBodyOf): number | undefined {
  if (of === 'file') return LABELS[name];
  if (name === 'dynamic') return 1;
  return of === 'dynamic' && name === 'content' ? 0 : undefined;
}

/** The properties of an object, or of each object of an array in order, each with its path. */
function jsonProperties(value: unknown, path: (string | number)[]): { name: string; value: unknown; path: (string | number)[] }[] {
  if (isRawMap(value)) return Object.entries(value).map(([name, property]) => ({ name, value: property, path: [...path, name] }));
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (isRawMap(item) ? jsonProperties(item, [...path, index]) : []));
}

function jsonBody(value: unknown, root: unknown, path: (string | number)[], of: JsonBodyOf): Body {
  const body: Body = { attributes: [], blocks: [] };
  for (const property of jsonProperties(value, path)) {
    const { name } = property;
    // Terraform ignores a property named "//" in a block's body: a comment.
    if (name === '//') continue;
    const line = lineOfPath(root as any, property.path, 1);
    const labelCount = jsonLabelCount(name, of);
    if (labelCount === undefined) {
      body.attributes.push({ name, line, expression: { kind: 'json', value: property.value, ownLines: true, line } });
      continue;
    }
    for (const { labels, content, contentPath } of jsonLabelled(property.value, labelCount, property.path)) {
      // An array of bodies writes one block each; a null one, none.
      const items = Array.isArray(content) ? content.map((item, index) => ({ item, itemPath: [...contentPath, index] })) : [{ item: content, itemPath: contentPath }];
      for (const { item, itemPath } of items) {
        if (!isRawMap(item) && !Array.isArray(item)) continue;
        const blockLine = lineOfPath(root as any, itemPath, line);
        body.blocks.push({ type: name, labels, line: blockLine, body: jsonBody(item, root, itemPath, name === 'dynamic' ? 'dynamic' : 'block') });
      }
    }
  }
  return body;
}

function jsonLabelled(
  value: unknown,
  depth: number,
  path: (string | number)[],
): { labels: string[]; content: unknown; contentPath: (string | number)[] }[] {
  if (depth === 0) return [{ labels: [], content: value, contentPath: path }];
  return jsonProperties(value, path).flatMap(label =>
    jsonLabelled(label.value, depth - 1, label.path).map(found => ({ ...found, labels: [label.name, ...found.labels] })),
  );
}
