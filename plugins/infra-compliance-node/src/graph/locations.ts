/**
 * Source lines of parsed values. Adapters record a line for every map, list
 * and marker they produce, and for each key of a map and item of a list.
 * The lines live on the value under a non-enumerable symbol, so rules,
 * `Object.keys`, JSON and equality checks see plain data; a symbol property
 * costs far less than a WeakMap entry on the engine's hottest path.
 */
import { Value, isMap } from './values';

interface NodeLines {
  line: number;
  keys?: Record<string, number>;
  items?: number[];
}

const LINES = Symbol('infra-compliance.lines');

type WithLines = { [LINES]?: NodeLines };

const linesByNode = {
  get(node: object): NodeLines | undefined {
    return (node as WithLines)[LINES];
  },
  set(node: object, lines: NodeLines): void {
    if (Object.prototype.hasOwnProperty.call(node, LINES)) {
      (node as WithLines)[LINES] = lines;
    } else {
      Object.defineProperty(node, LINES, { value: lines, writable: true, enumerable: false });
    }
  },
};

/** Records where a map, list or marker starts, and where its keys or items are. */
export function recordLines(
  node: object,
  line: number,
  children?: { keys?: Record<string, number>; items?: number[] },
): void {
  linesByNode.set(node, { line, keys: children?.keys, items: children?.items });
}

/** Line where a map, list or marker starts, if recorded. */
export function lineOfNode(node: unknown): number | undefined {
  return typeof node === 'object' && node !== null
    ? linesByNode.get(node)?.line
    : undefined;
}

/** Copies the recorded lines of one node onto another (a value rebuilt from it). */
export function copyLines(from: object, to: object): void {
  const lines = linesByNode.get(from);
  if (lines) linesByNode.set(to, lines);
}

/**
 * The line of the deepest part of `path` that has a recorded line, starting
 * from `root`; `fallback` when nothing along the path is known.
 */
export function lineOfPath(
  root: Value | undefined,
  path: ReadonlyArray<string | number>,
  fallback: number,
): number {
  let line = fallback;
  let current: Value | undefined = root;
  for (const step of path) {
    if (current === undefined || current === null || typeof current !== 'object') break;
    const lines = linesByNode.get(current);
    if (typeof step === 'number' && Array.isArray(current)) {
      line = lines?.items?.[step] ?? lineOfNode(current[step]) ?? line;
      current = current[step];
    } else if (typeof step === 'string' && isMap(current)) {
      line = lines?.keys?.[step] ?? line;
      current = current[step];
    } else {
      break;
    }
  }
  return line;
}

/**
 * Records lines for a map merged from several maps (SAM Globals into a
 * resource): keys take the line of the last source that has them.
 */
export function recordMergedLines(target: object, sources: object[]): void {
  const keys: Record<string, number> = {};
  let line: number | undefined;
  for (const source of sources) {
    const lines = linesByNode.get(source);
    if (!lines) continue;
    line = lines.line;
    Object.assign(keys, lines.keys);
  }
  if (line !== undefined) linesByNode.set(target, { line, keys });
}
