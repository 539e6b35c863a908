/**
 * Override files (`override.tf`, `*_override.tf`, and their `.tf.json`).
 * Terraform reads a module's other files first, then merges each top-level
 * block of these, file by file in the order of their names and block by
 * block as written, into the block of the same header (its type and
 * labels; a provider's name and alias) that the other files declare
 * (Terraform's "Override Files"; configs/module_merge.go,
 * module_merge_body.go):
 * - an argument replaces the argument of the same name; so `count` and
 *   `for_each` replace only their own: a block left with both, which
 *   Terraform refuses as written but not once merged, is expanded by its
 *   `count` (Terraform's expansion reads it first, and so does the adapter);
 * - nested blocks of a type, `dynamic "<type>"` blocks among them, replace
 *   all the nested blocks of that type, dynamic or not, and their contents
 *   are not merged (in `.tf.json`, a nested block is an argument: the
 *   same name, the same type);
 * - a value of `locals` replaces the value of that name, whichever block
 *   declares it;
 * - a block with nothing to override is an error, Terraform refuses the
 *   configuration; but a default provider configuration (no `alias`),
 *   which stands for an empty one where not written, is then written.
 * Terraform merges a resource's `lifecycle` argument by argument and
 * refuses `depends_on` in an override: the adapter reads neither.
 */
import { addToList } from '../../support/multiMap';
import { compareText } from '../../support/compareText';
import { Attribute, Block, Body, plainText, withLine } from './syntax';

const OVERRIDE_FILE = /(^|\/)(override|[^/]*_override)\.tf(\.json)?$/;

/** Where a file writes something. */
export interface WrittenAt {
  file: string;
  line: number;
}

/** A top-level block, or a value of `locals`, with the file that declares it. */
export interface Declared<T> {
  file: string;
  item: T;
  /**
   * The arguments and nested block types override files set in the block,
   * by name, each where the last of them writes it. The block holds them
   * at its own line, in its own file: a finding names the file of the
   * resource, and the line of what it is about in that file.
   */
  overridden?: ReadonlyMap<string, WrittenAt>;
  /** Where the override blocks merged into the block are written, in the order merged: comments on them are the block's too. */
  overrideBlocks?: readonly WrittenAt[];
}

/** A module's top-level blocks as Terraform reads them, override files merged in. */
export interface Declarations {
  /**
   * The blocks of the files that are not override files, as merged, then
   * `locals` blocks with the values override files replace (read after the
   * others, they are those read) and the default provider configurations
   * only override files write.
   */
  blocks: Declared<Block>[];
  /** Blocks of override files with nothing to override (a `locals` block: the values), which Terraform refuses. */
  unmatched: Declared<Block>[];
}

/** A provider block's `alias`; undefined for a default configuration. */
export function aliasOf(provider: Block): string | undefined {
  const alias = provider.body.attributes.find(
    attribute => attribute.name === 'alias',
  );
  return alias && plainText(alias.expression);
}

/** What identifies a top-level block an override may merge into; undefined for a block whose overrides the adapter does not read (`terraform`). */
function headerOf(block: Block): string | undefined {
  const { type, labels } = block;
  switch (type) {
    case 'resource':
    case 'data':
      return labels.length === 2
        ? `${type}.${labels[0]}.${labels[1]}`
        : undefined;
    case 'module':
    case 'variable':
    case 'output':
      return labels.length === 1 ? `${type}.${labels[0]}` : undefined;
    case 'provider':
      return labels.length === 1
        ? `${type}.${labels[0]}.${aliasOf(block) ?? ''}`
        : undefined;
    default:
      return undefined;
  }
}

/** The type of blocks a nested block writes: its own, or the one a `dynamic` block generates. */
const nestedType = (block: Block) =>
  block.type === 'dynamic' ? block.labels[0] : block.type;

/** `base` with what `override` (a block of the override file `file`) sets merged in, at `base`'s line. */
function merged(
  base: Declared<Block>,
  file: string,
  override: Block,
): Declared<Block> {
  const set = new Map<string, WrittenAt>();
  for (const attribute of override.body.attributes)
    set.set(attribute.name, { file, line: attribute.line });
  for (const block of override.body.blocks) {
    const type = nestedType(block);
    if (type !== undefined && !set.has(type))
      set.set(type, { file, line: block.line });
  }
  const placed = withLine(override.body, base.item.line);
  const body: Body = {
    attributes: [
      ...base.item.body.attributes.filter(
        attribute => !set.has(attribute.name),
      ),
      ...placed.attributes,
    ],
    blocks: [
      ...base.item.body.blocks.filter(block => !set.has(nestedType(block))),
      ...placed.blocks,
    ],
  };
  return {
    file: base.file,
    item: { ...base.item, body },
    overridden: new Map([...(base.overridden ?? []), ...set]),
    overrideBlocks: [
      ...(base.overrideBlocks ?? []),
      { file, line: override.line },
    ],
  };
}

/** A module's blocks, from its files, as Terraform merges those of override files into the others. */
export function declarationsOf(
  files: readonly { path: string; body: Body }[],
): Declarations {
  const blocks: Declared<Block>[] = [];
  const overrideFiles = files.filter(file => OVERRIDE_FILE.test(file.path));
  for (const file of files) {
    if (!OVERRIDE_FILE.test(file.path))
      blocks.push(...file.body.blocks.map(item => ({ file: file.path, item })));
  }
  if (overrideFiles.length === 0) return { blocks, unmatched: [] };
  // Terraform refuses two blocks of one header in the other files: an override is merged into each.
  const byHeader = new Map<string, number[]>();
  blocks.forEach(({ item }, index) => {
    const header = headerOf(item);
    if (header !== undefined) addToList(byHeader, header, index);
  });
  const locals = new Set(
    blocks.flatMap(({ item }) =>
      item.type === 'locals'
        ? item.body.attributes.map(attribute => attribute.name)
        : [],
    ),
  );
  const unmatched: Declared<Block>[] = [];
  const withValues = (block: Block, attributes: Attribute[]): Block => ({
    ...block,
    body: { attributes, blocks: [] },
  });
  for (const file of [...overrideFiles].sort((a, b) =>
    compareText(a.path, b.path),
  )) {
    for (const block of file.body.blocks) {
      if (block.type === 'locals') {
        const replacing = block.body.attributes.filter(attribute =>
          locals.has(attribute.name),
        );
        const missing = block.body.attributes.filter(
          attribute => !locals.has(attribute.name),
        );
        if (replacing.length > 0)
          blocks.push({ file: file.path, item: withValues(block, replacing) });
        if (missing.length > 0)
          unmatched.push({ file: file.path, item: withValues(block, missing) });
        continue;
      }
      const header = headerOf(block);
      if (header === undefined) continue;
      const bases = byHeader.get(header);
      if (bases) {
        for (const index of bases)
          blocks[index] = merged(blocks[index], file.path, block);
      } else if (block.type === 'provider' && aliasOf(block) === undefined) {
        byHeader.set(header, [blocks.length]);
        blocks.push({ file: file.path, item: block });
      } else {
        unmatched.push({ file: file.path, item: block });
      }
    }
  }
  return { blocks, unmatched };
}

/** Why a block of an override file is not read (see {@link Declarations.unmatched}). */
export function unmatchedReason({ item }: Declared<Block>): string {
  const names = item.body.attributes.map(attribute => attribute.name);
  const alias = item.type === 'provider' ? aliasOf(item) : undefined;
  const written =
    item.type === 'locals'
      ? `local value${names.length === 1 ? '' : 's'} ${names.join(', ')}`
      : `${[item.type, ...item.labels.map(label => JSON.stringify(label))].join(
          ' ',
        )}${alias === undefined ? '' : ` (alias ${alias})`}`;
  return `${written}, in an override file, with nothing to override in the module's other files: Terraform refuses the configuration; not read`;
}
