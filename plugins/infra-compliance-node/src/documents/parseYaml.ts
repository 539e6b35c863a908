/**
 * YAML and JSON documents to plain values with source lines.
 *
 * One parser (the `yaml` package, YAML 1.2, a superset of JSON) reads both,
 * so line numbers and error messages are alike. CloudFormation's short-form
 * tags become their long form (`!Ref X` → `{ Ref: X }`), so adapters see one
 * shape. Aliases are shared, not copied, and their expanded size is bounded.
 */
import {
  Alias,
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
} from 'yaml';
import { recordLines } from '../graph/locations';

/** A document that cannot be read; `line` is 1-based. */
export class DocumentParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'DocumentParseError';
  }
}

export interface YamlParseLimits {
  /** Deepest nesting of maps and lists accepted. */
  maxDepth: number;
  /** Most nodes the document may expand to once aliases are followed. */
  maxExpandedNodes: number;
}

export const DEFAULT_YAML_LIMITS: YamlParseLimits = {
  maxDepth: 500,
  maxExpandedNodes: 2_000_000,
};

/** Parses YAML or JSON text; throws {@link DocumentParseError} with the parser's message and line. */
export function parseYaml(
  text: string,
  limits: YamlParseLimits = DEFAULT_YAML_LIMITS,
): unknown {
  rejectDeepFlowNesting(text, limits.maxDepth);
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
      keepSourceTokens: false,
    });
  } catch (error) {
    throw new DocumentParseError(describeThrown(error), 1);
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line ?? 1;
    throw new DocumentParseError(firstLine(first.message), line);
  }
  const converter = new NodeConverter(lineCounter, limits);
  try {
    return converter.convert(doc.contents, 0);
  } catch (error) {
    if (error instanceof DocumentParseError) throw error;
    throw new DocumentParseError(describeThrown(error), 1);
  }
}

/**
 * The YAML parser runs out of memory (a fatal, uncatchable error) on very
 * deeply nested flow collections such as `[[[[…]]]]`, so they are refused
 * before parsing. Brackets inside strings count too: real templates are
 * nowhere near the limit.
 */
function rejectDeepFlowNesting(text: string, maxDepth: number) {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) line++;
    else if (code === 91 || code === 123) {
      depth++;
      if (depth > maxDepth) {
        throw new DocumentParseError(
          `document nests deeper than ${maxDepth} levels`,
          line,
        );
      }
    } else if ((code === 93 || code === 125) && depth > 0) depth--;
  }
}

function describeThrown(error: unknown): string {
  if (error instanceof RangeError) {
    return 'document is nested too deeply to parse';
  }
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** Long-form name of a CloudFormation short-form tag. */
function intrinsicName(tag: string): string {
  const name = tag.slice(1);
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

class NodeConverter {
  private expandedNodes = 0;
  private readonly anchored = new Map<Node, { value: unknown; size: number }>();

  constructor(
    private readonly lineCounter: LineCounter,
    private readonly limits: YamlParseLimits,
  ) {}

  private lineAt(node: { range?: [number, number, number] | null }): number {
    return node.range ? this.lineCounter.linePos(node.range[0]).line : 1;
  }

  convert(node: unknown, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (depth > this.limits.maxDepth) {
      throw new DocumentParseError(
        `document nests deeper than ${this.limits.maxDepth} levels`,
        this.lineAt(node as Node),
      );
    }
    if (isAlias(node)) return this.convertAlias(node);
    const before = this.expandedNodes;
    const value = this.convertNode(node as Node, depth);
    if ((node as Node).anchor) {
      this.anchored.set(node as Node, {
        value,
        size: this.expandedNodes - before,
      });
    }
    return value;
  }

  private count(nodes: number, at: Node) {
    this.expandedNodes += nodes;
    if (this.expandedNodes > this.limits.maxExpandedNodes) {
      throw new DocumentParseError(
        `document expands to more than ${this.limits.maxExpandedNodes} nodes through aliases (an alias bomb?)`,
        this.lineAt(at),
      );
    }
  }

  private convertAlias(alias: Alias): unknown {
    const source = alias.source ? this.findAnchored(alias.source) : undefined;
    if (!source) {
      throw new DocumentParseError(
        `alias *${alias.source} refers to no earlier anchor`,
        this.lineAt(alias),
      );
    }
    this.count(source.size, alias);
    return source.value;
  }

  private findAnchored(name: string) {
    let found: { value: unknown; size: number } | undefined;
    for (const [node, entry] of this.anchored) {
      if (node.anchor === name) found = entry; // the latest anchor of that name wins
    }
    return found;
  }

  private convertNode(node: Node, depth: number): unknown {
    this.count(1, node);
    const tag = node.tag;
    const isShortForm = tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!');
    let value: unknown;
    if (isScalar(node)) {
      value = node.value;
      if (isShortForm && tag === '!GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
      }
    } else if (isMap(node)) {
      const object: Record<string, unknown> = {};
      const keys: Record<string, number> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = String(
          isScalar(keyNode) ? keyNode.value : (keyNode as any)?.toString?.() ?? '',
        );
        keys[key] = keyNode ? this.lineAt(keyNode) : this.lineAt(node);
        const child = this.convert(pair.value, depth + 1);
        if (key === '__proto__') {
          Object.defineProperty(object, key, {
            value: child,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          object[key] = child;
        }
      }
      recordLines(object, this.lineAt(node), { keys });
      value = object;
    } else if (isSeq(node)) {
      const items: unknown[] = [];
      const lines: number[] = [];
      for (const item of node.items) {
        lines.push(this.lineAt(item as Node));
        items.push(this.convert(item, depth + 1));
      }
      recordLines(items, this.lineAt(node), { items: lines });
      value = items;
    } else {
      value = null;
    }
    if (!isShortForm) return value;
    const wrapped = { [intrinsicName(tag!)]: value };
    recordLines(wrapped, this.lineAt(node), {
      keys: { [intrinsicName(tag!)]: this.lineAt(node) },
    });
    return wrapped;
  }
}
