/**
 * Terraform files, native (`.tf`, HCL2) or JSON (`.tf.json`), read into one
 * shape: bodies of attributes and blocks, each with its line. HCL is parsed
 * by tree-sitter's HCL grammar (a maintained parser that keeps positions);
 * JSON by the engine's YAML/JSON reader, which records lines too.
 */
import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';
import { DocumentParseError, parseYaml } from '../../documents/parseYaml';
import { lineOfPath } from '../../graph/locations';
import { lookupTable } from '../../support/lookupTable';

export type SyntaxNode = Parser.SyntaxNode;

/** An attribute's expression: an HCL syntax node, or a JSON value (whose strings are templates). */
export type Expression =
  | { kind: 'hcl'; node: SyntaxNode }
  | { kind: 'json'; value: unknown; root: unknown; path: (string | number)[]; line: number };

export interface Attribute {
  name: string;
  line: number;
  expression: Expression;
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

/** Loaded on first use, so that scans without Terraform never load the native addon. */
const nodeRequire = createRequire(__filename);

const SAVED_PROTOTYPES = Symbol.for('infra-compliance.tree-sitter.prototypes');

type PatchedClass = { prototype: object };
type TreeSitterModule = typeof Parser & {
  Tree: PatchedClass;
  Query: PatchedClass;
  TreeCursor: PatchedClass;
  [SAVED_PROTOTYPES]?: PropertyDescriptorMap[];
};

/**
 * tree-sitter's JavaScript wrapper patches the native addon's classes when
 * it loads, and the addon is loaded once per process. A second load of the
 * wrapper (Jest gives each test file its own module registry) would wrap
 * the already wrapped methods and break them, so the methods of the first
 * load are kept on the addon and put back after any later load.
 */
function loadTreeSitter(): typeof Parser {
  const treeSitter = nodeRequire('tree-sitter') as TreeSitterModule;
  const patched = [treeSitter, treeSitter.Tree, treeSitter.Query, treeSitter.TreeCursor];
  const saved = treeSitter[SAVED_PROTOTYPES];
  if (saved) {
    patched.forEach((cls, index) => Object.defineProperties(cls.prototype, saved[index]));
  } else {
    treeSitter[SAVED_PROTOTYPES] = patched.map(cls => Object.getOwnPropertyDescriptors(cls.prototype));
  }
  return treeSitter;
}

let parser: Parser | undefined;

/** One parser for the process: creating one loads the grammar. */
function hclParser(): Parser {
  if (!parser) {
    const TreeSitter = loadTreeSitter();
    parser = new TreeSitter();
    parser.setLanguage(nodeRequire('@tree-sitter-grammars/tree-sitter-hcl') as Parser.Language);
  }
  return parser;
}

/** Deeper syntax trees are refused: reading them (recursively) would run out of stack. */
const MAX_HCL_DEPTH = 500;

/** The line of the first node deeper than {@link MAX_HCL_DEPTH}, walking with a cursor (no recursion). */
function tooDeepAt(tree: Parser.Tree): number | undefined {
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      if (++depth > MAX_HCL_DEPTH) return cursor.startPosition.row + 1;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return undefined;
      depth--;
    }
  }
}

/** Parses HCL text; tree-sitter recovers from errors, which are reported with their line. */
export function parseHcl(text: string): { body: Body; errors: SyntaxError[] } {
  const tree = hclParser().parse(text);
  const deepLine = tooDeepAt(tree);
  if (deepLine !== undefined) {
    const message = `invalid HCL on line ${deepLine}: nests deeper than ${MAX_HCL_DEPTH} levels`;
    return { body: { attributes: [], blocks: [] }, errors: [{ line: deepLine, message }] };
  }
  const errors: SyntaxError[] = [];
  collectErrors(tree.rootNode, errors);
  const bodyNode = tree.rootNode.namedChildren.find(child => child.type === 'body');
  return { body: bodyNode ? readBody(bodyNode) : { attributes: [], blocks: [] }, errors };
}

/** Parses a single HCL expression (a `.tf.json` string is a template). */
export function parseHclExpression(source: string): SyntaxNode | undefined {
  const tree = hclParser().parse(`v = ${source}\n`);
  if (tree.rootNode.hasError) return undefined;
  const attribute = tree.rootNode.namedChildren[0]?.namedChildren[0];
  return attribute?.type === 'attribute' ? attribute.namedChildren[1] : undefined;
}

function collectErrors(node: SyntaxNode, out: SyntaxError[]): void {
  if (!node.hasError) return;
  if (node.type === 'ERROR' || node.isMissing) {
    const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(snippet(node.text))}`;
    out.push({ line: node.startPosition.row + 1, message: `invalid HCL on line ${node.startPosition.row + 1}: ${what}` });
    return;
  }
  for (const child of node.children) collectErrors(child, out);
}

function snippet(text: string): string {
  const firstLine = text.split('\n')[0];
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

function readBody(node: SyntaxNode): Body {
  const body: Body = { attributes: [], blocks: [] };
  for (const child of node.namedChildren) {
    if (child.type === 'attribute') {
      const [name, expression] = child.namedChildren;
      if (name?.type !== 'identifier' || expression?.type !== 'expression') continue;
      body.attributes.push({ name: name.text, line: child.startPosition.row + 1, expression: { kind: 'hcl', node: expression } });
    } else if (child.type === 'block') {
      const parts = child.namedChildren;
      const labels = parts
        .slice(1)
        .filter(part => part.type === 'string_lit' || part.type === 'identifier')
        .map(part => (part.type === 'string_lit' ? literalText(part) : part.text));
      const inner = parts.find(part => part.type === 'body');
      body.blocks.push({
        type: parts[0].text,
        labels,
        line: child.startPosition.row + 1,
        body: inner ? readBody(inner) : { attributes: [], blocks: [] },
      });
    }
  }
  return body;
}

/** Text of a string literal without its quotes (block labels never hold escapes in practice). */
function literalText(node: SyntaxNode): string {
  return node.namedChildren.filter(part => part.type === 'template_literal').map(part => part.text).join('');
}

type RawMap = Record<string, unknown>;
const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a `.tf.json` file: top-level keys are block types, nested objects
 * their labels (`resource.<type>.<name>`), down to the body. Nested blocks
 * inside a body stay attributes whose value is an object or a list of them;
 * the evaluator treats both forms alike.
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
  if (!isRawMap(root)) {
    return { body: { attributes: [], blocks: [] }, errors: [{ line: 1, message: 'a .tf.json file must hold an object' }] };
  }
  return { body: jsonBody(root, root, []), errors: [] };
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

function jsonBody(object: RawMap, root: unknown, path: (string | number)[]): Body {
  const body: Body = { attributes: [], blocks: [] };
  for (const [name, value] of Object.entries(object)) {
    const line = lineOfPath(root as any, [...path, name], 1);
    const labelCount = path.length === 0 ? LABELS[name] : undefined;
    if (labelCount === undefined) {
      body.attributes.push({ name, line, expression: { kind: 'json', value, root, path: [...path, name], line } });
      continue;
    }
    for (const { labels, content, contentPath } of jsonLabelled(value, labelCount, [...path, name])) {
      const items = Array.isArray(content) ? content.map((item, index) => ({ item, itemPath: [...contentPath, index] })) : [{ item: content, itemPath: contentPath }];
      for (const { item, itemPath } of items) {
        if (!isRawMap(item)) continue;
        const blockLine = lineOfPath(root as any, itemPath, line);
        body.blocks.push({ type: name, labels, line: blockLine, body: jsonBody(item, root, itemPath) });
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
  if (!isRawMap(value)) return [];
  return Object.entries(value).flatMap(([label, inner]) =>
    jsonLabelled(inner, depth - 1, [...path, label]).map(found => ({ ...found, labels: [label, ...found.labels] })),
  );
}
