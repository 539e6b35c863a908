/**
 * Writes src/adapters/cdk/l1Types.ts: the CloudFormation resource type of
 * every L1 (`Cfn*`) class of aws-cdk-lib, as the adapter names them (see
 * adapters/cdk/constructs.ts, declaredTypeOf), and the props of each whose
 * CloudFormation property is not the prop capitalised (see l1Properties).
 *
 *   yarn generate:cdk-l1-types [version]     (default: the newest published)
 *
 * aws-cdk-lib is no dependency of the project: this script installs it and
 * constructs with `npm install` into a temporary directory, loads each of
 * its modules (the subpaths of its package.json `exports`) and reads of each
 * exported class named `Cfn*` its static CFN_RESOURCE_TYPE_NAME, which the
 * L1 writes as its resource's `Type`; a class without one is no resource.
 * The names of the properties are those of the functions that convert an
 * L1's props, in each module's `lib/*.generated.js`: the props of
 * `CfnQueue` by `convertCfnQueuePropsToCloudFormation`, which returns
 * `{ KmsMasterKeyId: cdk().stringToCloudFormation(properties.kmsMasterKeyId), … }`,
 * those of its property types by `convertCfn<Class><Type>PropertyToCloudFormation`;
 * the property an L1 renders its tags in, by its TagManager's `tagPropertyName`.
 *
 * Writes src/analysis/taggableTypes.ts too: the types whose L1 has a
 * TagManager, which are those CloudFormation lets take tags, each with the
 * property holding them; the rules read it (OPS-003), whatever the format.
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const PACKAGE = 'aws-cdk-lib';
const OUTPUT = path.resolve(__dirname, '../src/adapters/cdk/l1Types.ts');
const TAGGABLE_OUTPUT = path.resolve(
  __dirname,
  '../src/analysis/taggableTypes.ts',
);
/** A module of aws-cdk-lib as the adapter names it (`aws-sqs`, `alexa-ask`); core is the package's root. */
const MODULE = /^[a-z][a-z0-9-]*$/;
const TYPE = /^[A-Za-z0-9]+(::[A-Za-z0-9]+)+$/;
const CLASS = /^Cfn[A-Za-z0-9]+$/;

export function install(version: string, directory: string): string {
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      directory,
      '--no-save',
      '--silent',
      `${PACKAGE}@${version}`,
      'constructs@10',
    ],
    { stdio: 'inherit' },
  );
  return path.join(directory, 'node_modules', PACKAGE);
}

/** The modules of the package (`''` for core): the subpaths of its exports, but `core`, which are the root's own exports. */
export function moduleSubpaths(packageDirectory: string): {
  version: string;
  subpaths: string[];
} {
  const manifest = JSON.parse(
    readFileSync(path.join(packageDirectory, 'package.json'), 'utf8'),
  );
  const subpaths = Object.keys(manifest.exports)
    .map(subpath => subpath.replace(/^\.\/?/, ''))
    .filter(subpath => subpath === '' || MODULE.test(subpath));
  return {
    version: manifest.version,
    subpaths: subpaths.filter(subpath => subpath !== 'core').sort(),
  };
}

/** Per module (`''` for core), its classes named `Cfn*` with the type each deploys, null for those that deploy none. */
export function readL1s(packageDirectory: string): {
  version: string;
  modules: Map<string, Map<string, string | null>>;
} {
  const { version, subpaths } = moduleSubpaths(packageDirectory);
  const modules = new Map<string, Map<string, string | null>>();
  for (const subpath of subpaths) {
    const exported: Record<string, unknown> = require(path.join(
      packageDirectory,
      subpath,
    ));
    const classes = new Map<string, string | null>();
    for (const [name, value] of Object.entries(exported)) {
      if (!CLASS.test(name) || typeof value !== 'function') continue;
      const type: unknown = (value as { CFN_RESOURCE_TYPE_NAME?: unknown })
        .CFN_RESOURCE_TYPE_NAME;
      if (type !== undefined && (typeof type !== 'string' || !TYPE.test(type)))
        throw new Error(
          `${
            subpath || 'core'
          }.${name}: unexpected CFN_RESOURCE_TYPE_NAME ${String(type)}`,
        );
      classes.set(name, type ?? null);
    }
    if ([...classes.values()].some(type => type !== null))
      modules.set(subpath, classes);
  }
  if (modules.size === 0) throw new Error(`${packageDirectory}: no L1 classes`);
  return { version, modules };
}

/** The namespace of a type (`AWS::SQS` of `AWS::SQS::Queue`). */
function namespaceOf(type: string): string {
  return type.slice(0, type.lastIndexOf('::'));
}

/**
 * The tables of l1Types.ts: each module's namespace, that of most of its L1s (aws-kinesisanalytics has
 * KinesisAnalyticsV2's too; core has none), and the classes named `Cfn*` whose type is not `<namespace>::<name
 * without Cfn>`, by `<module>.<class>`: null for those of a module with a namespace that deploy none.
 */
export function l1Tables(modules: Map<string, Map<string, string | null>>) {
  const namespaces = new Map<string, string>();
  const exceptions = new Map<string, string | null>();
  let l1s = 0;
  for (const [module, classes] of modules) {
    const counts = new Map<string, number>();
    for (const type of classes.values())
      if (type !== null)
        counts.set(namespaceOf(type), (counts.get(namespaceOf(type)) ?? 0) + 1);
    const namespace =
      module === ''
        ? undefined
        : [...counts].sort(
            (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
          )[0][0];
    if (namespace !== undefined) namespaces.set(module, namespace);
    for (const [name, type] of [...classes].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      if (type !== null) l1s++;
      const byRule =
        namespace === undefined
          ? null
          : `${namespace}::${name.slice('Cfn'.length)}`;
      if (type !== byRule) exceptions.set(`${module}.${name}`, type);
    }
  }
  return { namespaces, exceptions, l1s };
}

/**
 * How a converter makes a property's value of a prop's (aws-cdk-lib core/lib/runtime.ts): `value`, as given
 * (a string, number, boolean or date); `tag`, a CfnTag's `key` and `value` as `Key` and `Value`; `json`, as
 * given, keys and all (`objectToCloudFormation` of a prop typed `any`); `eventPattern`, as given but a
 * `detailType` of its own, written `detail-type` (`eventPatternToCloudFormation` of aws-events' eventPattern);
 * `struct`, by the converter of a property type, named by that; `list` and `map`, each item or value by its own,
 * a map's keys as given; `union`, by the first of its converters whose validator accepts the value.
 */
export type Shape =
  | { kind: 'value' }
  | { kind: 'json' }
  | { kind: 'eventPattern' }
  | { kind: 'tag' }
  | { kind: 'struct'; type: string }
  | { kind: 'list'; of: Shape }
  | { kind: 'map'; of: Shape }
  | { kind: 'union'; of: Shape[] };

/** A resource type's or a property type's props, by prop: the property each is and how its value is made. */
export type Props = Map<string, { name: string; shape: Shape }>;

const CONVERTER = /^convert\w+ToCloudFormation$/;
const VALUE_CONVERTERS = new Set([
  'stringToCloudFormation',
  'numberToCloudFormation',
  'booleanToCloudFormation',
  'dateToCloudFormation',
]);

/** The shape a converter makes (see {@link Shape}), a property type's named by its converter. */
function shapeOf(converter: ts.Expression, where: string): Shape {
  if (ts.isIdentifier(converter) && CONVERTER.test(converter.text))
    return { kind: 'struct', type: converter.text };
  // cdk().stringToCloudFormation
  if (
    ts.isPropertyAccessExpression(converter) &&
    ts.isCallExpression(converter.expression)
  ) {
    if (VALUE_CONVERTERS.has(converter.name.text)) return { kind: 'value' };
    if (converter.name.text === 'cfnTagToCloudFormation')
      return { kind: 'tag' };
    if (converter.name.text === 'objectToCloudFormation')
      return { kind: 'json' };
    if (converter.name.text === 'eventPatternToCloudFormation')
      return { kind: 'eventPattern' };
  }
  // cdk().listMapper(converter), cdk().hashMapper(converter), cdk().unionMapper([validators], [converters])
  if (
    ts.isCallExpression(converter) &&
    ts.isPropertyAccessExpression(converter.expression)
  ) {
    const [first, second] = converter.arguments;
    const mapper = converter.expression.name.text;
    if (mapper === 'listMapper')
      return { kind: 'list', of: shapeOf(first, where) };
    if (mapper === 'hashMapper')
      return { kind: 'map', of: shapeOf(first, where) };
    if (
      mapper === 'unionMapper' &&
      second &&
      ts.isArrayLiteralExpression(second)
    )
      return {
        kind: 'union',
        of: second.elements.map(element => shapeOf(element, where)),
      };
  }
  throw new Error(`${where}: unexpected converter ${converter.getText()}`);
}

/** The converters of a generated file, by name: the props each converts. */
function readConverters(file: string): Map<string, Props> {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const converters = new Map<string, Props>();
  for (const statement of source.statements) {
    if (
      !ts.isFunctionDeclaration(statement) ||
      !statement.name ||
      !CONVERTER.test(statement.name.text)
    )
      continue;
    const where = `${file}: ${statement.name.text}`;
    // return cdk().canInspect(properties) ? (validator(properties).assertSuccess(), { Name: converter(properties.name), … }) : properties
    const [returned] = statement.body?.statements ?? [];
    let object =
      returned &&
      ts.isReturnStatement(returned) &&
      returned.expression &&
      ts.isConditionalExpression(returned.expression)
        ? returned.expression.whenTrue
        : undefined;
    while (object && ts.isParenthesizedExpression(object))
      object = object.expression;
    if (
      object &&
      ts.isBinaryExpression(object) &&
      object.operatorToken.kind === ts.SyntaxKind.CommaToken
    )
      object = object.right;
    if (!object || !ts.isObjectLiteralExpression(object))
      throw new Error(`${where}: unexpected body`);
    const props: Props = new Map();
    for (const property of object.properties) {
      const call =
        ts.isPropertyAssignment(property) &&
        (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
        ts.isCallExpression(property.initializer)
          ? property.initializer
          : undefined;
      const [argument] = call?.arguments ?? [];
      if (
        !call ||
        call.arguments.length !== 1 ||
        !ts.isPropertyAccessExpression(argument) ||
        argument.expression.getText() !== 'properties'
      ) {
        throw new Error(`${where}: unexpected property ${property.getText()}`);
      }
      props.set(argument.name.text, {
        name: (property.name as ts.Identifier | ts.StringLiteral).text,
        shape: shapeOf(call.expression, where),
      });
    }
    converters.set(statement.name.text, props);
  }
  return converters;
}

/** The shape with each property type's converter replaced by what `rename` makes of it. */
function renameStructs(
  shape: Shape,
  rename: (converter: string) => string,
): Shape {
  if (shape.kind === 'struct')
    return { kind: 'struct', type: rename(shape.type) };
  if (shape.kind === 'list' || shape.kind === 'map')
    return { ...shape, of: renameStructs(shape.of, rename) };
  if (shape.kind === 'union')
    return { kind: 'union', of: shape.of.map(of => renameStructs(of, rename)) };
  return shape;
}

/** The paths of a module's `lib/*.generated.js` (core's in core/lib), which define its L1s, in order. */
function generatedFiles(packageDirectory: string, module: string): string[] {
  const lib = path.join(
    packageDirectory,
    module === '' ? 'core' : module,
    'lib',
  );
  return readdirSync(lib)
    .filter(name => name.endsWith('.generated.js'))
    .sort()
    .map(name => path.join(lib, name));
}

/**
 * The props of each L1's resource type, and of each property type they hold, named `<resource type>.<name>`
 * as CloudFormation names them (`AWS::DynamoDB::Table.SSESpecification`, converted by
 * `convertCfnTableSSESpecificationPropertyToCloudFormation`): read from the converters of each module's
 * `lib/*.generated.js` (core's in core/lib); not SAM's.
 */
export function readL1Props(
  packageDirectory: string,
  modules: Map<string, Map<string, string | null>>,
): Map<string, Props> {
  const types = new Map<string, Props>();
  for (const [module, classes] of modules) {
    const converters = new Map<string, Props>();
    for (const file of generatedFiles(packageDirectory, module)) {
      for (const [name, props] of readConverters(file)) {
        if (converters.has(name))
          throw new Error(`${module || 'core'}: ${name} defined twice`);
        converters.set(name, props);
      }
    }
    for (const [name, type] of classes) {
      // SAM's the adapter does not model (the SAM transform expands them), their unions of property types unlike any other's.
      if (type === null || type.startsWith('AWS::Serverless::')) continue;
      const nested = new RegExp(
        `^convert${name}(\\w+)PropertyToCloudFormation$`,
      );
      const seen = new Set<string>();
      const read = (converter: string, key: string) => {
        if (seen.has(key)) return;
        seen.add(key);
        const props = converters.get(converter);
        if (!props)
          throw new Error(`${module || 'core'}.${name}: no ${converter}`);
        const named: Props = new Map();
        for (const [prop, { name: property, shape }] of props) {
          const renamed = renameStructs(shape, struct => {
            const propertyType = nested.exec(struct)?.[1];
            if (propertyType === undefined)
              throw new Error(
                `${
                  module || 'core'
                }.${name}: ${struct} is no property type of its`,
              );
            read(struct, `${type}.${propertyType}`);
            return `${type}.${propertyType}`;
          });
          named.set(prop, { name: property, shape: renamed });
        }
        const before = types.get(key);
        if (
          before &&
          JSON.stringify([...before]) !== JSON.stringify([...named])
        )
          throw new Error(
            `${key}: converted otherwise by ${module || 'core'}.${name}`,
          );
        types.set(key, named);
      };
      read(`convert${name}PropsToCloudFormation`, type);
    }
  }
  return types;
}

/** An L1's TagManager given the prop holding its tags, in its constructor: `new (cdk()).TagManager(cdk().TagType.MAP, "AWS::Cognito::UserPool", props.userPoolTags, { tagPropertyName: "userPoolTags" })`. */
const TAG_MANAGER =
  /TagManager\(cdk\(\)\.TagType\.\w+,"([A-Za-z0-9:]+)",[^{}()]*\{tagPropertyName:"(\w+)"\}\)/g;

/**
 * Of each resource type whose L1's TagManager renders its tags in another property than `Tags`, that property
 * (`AWS::Cognito::UserPool`'s `UserPoolTags`), named by the resource's converter (see readL1Props).
 */
export function readL1TagProperties(
  packageDirectory: string,
  modules: Map<string, Map<string, string | null>>,
  types: Map<string, Props>,
): Map<string, string> {
  const table = new Map<string, string>();
  for (const module of modules.keys()) {
    for (const file of generatedFiles(packageDirectory, module)) {
      for (const [, type, prop] of readFileSync(file, 'utf8').matchAll(
        TAG_MANAGER,
      )) {
        const property = types.get(type)?.get(prop)?.name;
        if (property === undefined) {
          if (type.startsWith('AWS::Serverless::')) continue; // SAM's, not read (see readL1Props)
          throw new Error(
            `${module || 'core'}: ${type} has no prop ${prop} for its tags`,
          );
        }
        if (property !== 'Tags') table.set(type, property);
      }
    }
  }
  return new Map([...table].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * An L1's TagManager, in its constructor: an ITaggable's `tags`, given the prop holding its tags
 * (`this.tags=new(cdk()).TagManager(cdk().TagType.STANDARD,"AWS::SQS::Queue",props.tags,…)`), an ITaggableV2's
 * `cdkTagManager`, given none (`…,void 0,…`).
 */
const L1_TAG_MANAGER =
  /this\.(tags|cdkTagManager)=new\(cdk\(\)\)\.TagManager\(cdk\(\)\.TagType\.\w+,"([A-Za-z0-9:]+)",([^,]*),/g;

/** When an L1's TagManager takes the tags of its props: `initial`, when made; `merged`, when rendered. */
export type L1TagManager = 'initial' | 'merged';

/**
 * The table l1TagManagers of l1Types.ts: of each resource type whose L1 has a TagManager, when it takes the
 * tags of the L1's props: an ITaggable's when made (core/lib/tag-manager.ts, parseExternalTags), an ITaggableV2's
 * when rendered, after every aspect ran (`cdkTagManager.renderTags(this._tags)`). An L1 without one is not
 * taggable: `Tags.of` does not reach it.
 */
export function readL1TagManagers(
  packageDirectory: string,
  modules: Map<string, Map<string, string | null>>,
): Map<string, L1TagManager> {
  const table = new Map<string, L1TagManager>();
  for (const module of modules.keys()) {
    for (const file of generatedFiles(packageDirectory, module)) {
      for (const [, field, type, tags] of readFileSync(file, 'utf8').matchAll(
        L1_TAG_MANAGER,
      )) {
        const kind: L1TagManager = field === 'tags' ? 'initial' : 'merged';
        const given =
          kind === 'initial' ? tags.startsWith('props.') : tags === 'void 0';
        if (!given || (table.has(type) && table.get(type) !== kind))
          throw new Error(
            `${module || 'core'}: unexpected TagManager of ${type}`,
          );
        table.set(type, kind);
      }
    }
  }
  return new Map([...table].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A prop in l1Types.ts (see L1Property there): its property's name; or `name`, when not the prop capitalised, and `read`. */
export type L1Property = string | { name?: string; read: L1Read };
type L1Read = 'verbatim' | 'map' | 'eventPattern';

/** A CfnTag's props, its `key` and `value` (core/lib/cfn-tag.ts), converted by cfnTagToCloudFormation. */
const TAG = 'CfnTag';
const TAG_PROPS: Props = new Map([
  ['key', { name: 'Key', shape: { kind: 'value' } }],
  ['value', { name: 'Value', shape: { kind: 'value' } }],
]);

/**
 * How l1Properties reads a value of a shape: `value`, converting the keys of any map in it by capitalising;
 * `json`, keys kept and values not converted (a map of maps too, though aws-arcregionswitch's scalingResources
 * is a map of maps of property types); `struct` of property types (the props of each converted); `map`, keys
 * kept and each value of property types; `empty`, a property type without props, which is converted to `{}`, its
 * only value, however it is read; `eventPattern` as its shape. A list is read as each of its items is.
 */
type Read =
  | { kind: 'value' }
  | { kind: 'json' }
  | { kind: 'eventPattern' }
  | { kind: 'empty' }
  | { kind: 'struct' | 'map'; types: string[] };

function readOf(shape: Shape, where: string, types: Map<string, Props>): Read {
  if (
    shape.kind === 'value' ||
    shape.kind === 'json' ||
    shape.kind === 'eventPattern'
  )
    return shape;
  if (shape.kind === 'tag') return { kind: 'struct', types: [TAG] };
  if (shape.kind === 'struct')
    return types.get(shape.type)!.size === 0
      ? { kind: 'empty' }
      : { kind: 'struct', types: [shape.type] };
  if (shape.kind === 'list') return readOf(shape.of, where, types);
  if (shape.kind === 'map') {
    const of = readOf(shape.of, where, types);
    return of.kind === 'struct'
      ? { kind: 'map', types: of.types }
      : { kind: 'json' };
  }
  const reads = shape.of
    .map(of => readOf(of, where, types))
    .filter(read => read.kind !== 'value' && read.kind !== 'empty');
  if (reads.length === 0) return { kind: 'value' };
  const [first] = reads;
  if (reads.some(read => read.kind !== first.kind))
    throw new Error(
      `${where}: a union of ${reads.map(read => read.kind).join(', ')}`,
    );
  return !('types' in first)
    ? first
    : {
        kind: first.kind,
        types: reads.flatMap(read => ('types' in read ? read.types : [])),
      };
}

/** The `read` of L1Property a read is. */
const READS: Partial<Record<Read['kind'], L1Read>> = {
  json: 'verbatim',
  map: 'map',
  eventPattern: 'eventPattern',
};

const capitalised = (prop: string) =>
  prop.charAt(0).toUpperCase() + prop.slice(1);

/**
 * The table l1PropertyNames of l1Types.ts: of each resource type, the props (its own, and those of its property
 * types at any depth) that are not the prop capitalised, read as any value, by prop; where a prop is not the same
 * property everywhere in the resource, those that are not the most common by the prop that holds them too
 * (`durableConfig.kmsKeyArn`; `.tags`, the resource's own). `ambiguous`: the props that are still more than one
 * property, held by props of one name in different property types, read as the most common.
 */
export function l1PropertyTable(types: Map<string, Props>): {
  table: Map<string, Map<string, L1Property>>;
  ambiguous: string[];
} {
  const table = new Map<string, Map<string, L1Property>>();
  const ambiguous: string[] = [];
  for (const resourceType of [...types.keys()]
    .filter(key => !key.includes('.'))
    .sort()) {
    // Each prop's properties (`<name>|<read>`, read '' for values and property types), by the props holding it.
    const properties = new Map<string, Map<string, Set<string>>>();
    const add = (prop: string, property: string, holder: string) => {
      const holders = properties.get(prop) ?? new Map<string, Set<string>>();
      properties.set(
        prop,
        holders.set(property, (holders.get(property) ?? new Set()).add(holder)),
      );
    };
    // Props of property types without props: only their names matter.
    const empty: { prop: string; name: string; holder: string }[] = [];
    const walked = new Set<string>();
    const walk = (type: string, holder: string) => {
      if (walked.has(`${type}|${holder}`)) return;
      walked.add(`${type}|${holder}`);
      for (const [prop, { name, shape }] of type === TAG
        ? TAG_PROPS
        : types.get(type)!) {
        const read = readOf(shape, `${type}.${prop}`, types);
        if (read.kind === 'empty') empty.push({ prop, name, holder });
        else add(prop, `${name}|${READS[read.kind] ?? ''}`, holder);
        if ('types' in read)
          for (const nested of read.types) walk(nested, prop);
      }
    };
    walk(resourceType, '');
    for (const { prop, name, holder } of empty)
      if (!properties.has(prop)) add(prop, `${name}|`, holder);
    const entries = new Map<string, L1Property>();
    const set = (key: string, prop: string, property: string) => {
      const [name, read] = property.split('|');
      if (entries.has(key)) ambiguous.push(`${resourceType} ${key}`);
      else
        entries.set(
          key,
          read === ''
            ? name
            : {
                ...(name !== capitalised(prop) && { name }),
                read: read as L1Read,
              },
        );
    };
    for (const [prop, holders] of [...properties].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const plain = `${capitalised(prop)}|`;
      // The most common, the prop capitalised among the most common.
      const [[common], ...others] = [...holders].sort(
        ([a, x], [b, y]) =>
          y.size - x.size ||
          Number(b === plain) - Number(a === plain) ||
          a.localeCompare(b),
      );
      if (common !== plain) set(prop, prop, common);
      for (const [property, by] of others) {
        for (const holder of by) {
          if (holders.get(common)!.has(holder))
            ambiguous.push(`${resourceType} ${holder}.${prop}`);
          else set(`${holder}.${prop}`, prop, property);
        }
      }
    }
    for (const { prop, name, holder } of empty) {
      const entry = entries.get(`${holder}.${prop}`) ?? entries.get(prop);
      if (
        (typeof entry === 'string'
          ? entry
          : entry?.name ?? capitalised(prop)) !== name
      )
        set(`${holder}.${prop}`, prop, `${name}|`);
    }
    if (entries.size > 0) table.set(resourceType, entries);
  }
  return { table, ambiguous };
}

/**
 * A table's entries as l1Types.ts and enums.ts hold them, for lookupTableOfJson: their JSON text, an entry a
 * line, in a template literal, with the backslashes, backquotes and `${` a template literal would read escaped.
 */
export function jsonTableLiteral(entries: Iterable<[string, unknown]>): string {
  const lines = [...entries].map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  const json = lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
  return `\`${json.replace(/\\|`|\$\{/g, special => `\\${special}`)}\``;
}

/** The texts of l1Types.ts and taggableTypes.ts, of an installed aws-cdk-lib, and what they hold in a line. */
export function generatedSources(packageDirectory: string): {
  l1Types: string;
  taggableTypes: string;
  summary: string;
} {
  const { version: installed, modules } = readL1s(packageDirectory);
  const { namespaces, exceptions, l1s } = l1Tables(modules);
  const types = readL1Props(packageDirectory, modules);
  const { table, ambiguous } = l1PropertyTable(types);
  const tagProperties = readL1TagProperties(packageDirectory, modules, types);
  const tagManagers = readL1TagManagers(packageDirectory, modules);
  const l1Types = `/**
 * The CloudFormation resource types of aws-cdk-lib's L1 (\`Cfn*\`) classes:
 * ${l1s} classes of ${modules.size} modules, as each names its type in its
 * static CFN_RESOURCE_TYPE_NAME; and the names of their properties where
 * they are not the props capitalised, as their generated converters name
 * them (\`convertCfnQueuePropsToCloudFormation\`). Each table is JSON text,
 * made the first time it is read (see lookupTableOfJson): a run that scans
 * no CDK app does not build it.
 *
 * Source: the npm package ${PACKAGE} ${installed} (Apache-2.0), recorded on
 * ${new Date().toISOString().slice(0, 10)}.
 *
 * Generated by scripts/generate-cdk-l1-types.ts: do not edit. To update, run
 * \`yarn generate:cdk-l1-types\` and check the tests of adapters/cdk.
 */
import { lookupTableOfJson } from '../../support/lookupTable';

/**
 * Each module's namespace: an L1 \`Cfn<Name>\` of the module deploys
 * \`<namespace>::<Name>\`, but those of {@link l1Exceptions}. Core (the
 * package's root) has none: its \`Cfn*\` classes are mostly no resource.
 */
export const l1Namespaces = lookupTableOfJson<string>(${jsonTableLiteral(
    namespaces,
  )});

/**
 * The classes named \`Cfn*\` whose type is not their module's rule, by
 * \`<module>.<class>\` (core's: \`.<class>\`): null for those that deploy no
 * resource (core's, not listed, neither).
 */
export const l1Exceptions = lookupTableOfJson<string | null>(${jsonTableLiteral(
    exceptions,
  )});

/**
 * How a prop of an L1 becomes its CloudFormation property: a string, the
 * property's name, its value's maps read as props; or \`name\` (when not
 * the prop capitalised) and \`read\`: \`verbatim\`, kept as given, keys and
 * all (a prop typed \`any\`, a map of values); \`map\`, a map of property
 * types, its keys kept and each value's maps read as props;
 * \`eventPattern\`, as given but a \`detailType\` of its own, written
 * \`detail-type\` (aws-events' eventPattern).
 */
export type L1Property = string | { name?: string; read: 'verbatim' | 'map' | 'eventPattern' };

/**
 * Of each resource type, the props that do not become their name
 * capitalised, as its own props or as those of the property types its
 * value holds at any depth (\`sseSpecification: { kmsMasterKeyId }\` of
 * \`AWS::DynamoDB::Table\` is \`SSESpecification: { KMSMasterKeyId }\`);
 * where a prop is another property in some of them, those by the prop
 * holding them too (\`durableConfig.kmsKeyArn\`; \`.tags\` of the resource's
 * own props).${
   ambiguous.length === 0
     ? ''
     : ` Still more than one property, read as the most common: ${ambiguous.join(
         ', ',
       )}.`
 }
 */
export const l1PropertyNames = lookupTableOfJson<Readonly<Record<string, L1Property>>>(${jsonTableLiteral(
    [...table].map(([type, entries]) => [type, Object.fromEntries(entries)]),
  )});

/**
 * Of each resource type whose L1 has a TagManager, when it takes the tags
 * of the L1's props: \`initial\`, when made (an ITaggable's \`tags\`);
 * \`merged\`, when rendered, after every aspect ran (an ITaggableV2's
 * \`cdkTagManager\`, \`renderTags(this._tags)\`). An L1 of a type not listed
 * has none: \`Tags.of\` does not reach it.
 */
export const l1TagManagers = lookupTableOfJson<'initial' | 'merged'>(${jsonTableLiteral(
    tagManagers,
  )});
`;
  const taggableTypes = `/**
 * The resource types that take tags, each with the property holding them
 * (\`Tags\`, or another: \`AWS::Cognito::UserPool\`'s \`UserPoolTags\`): the
 * types whose aws-cdk-lib L1 has a TagManager (${tagManagers.size}), which
 * renders the tags in that property. JSON text, made the first time it is
 * read (see lookupTableOfJson).
 *
 * Source: the npm package ${PACKAGE} ${installed} (Apache-2.0), recorded on
 * ${new Date().toISOString().slice(0, 10)}.
 *
 * Generated by scripts/generate-cdk-l1-types.ts: do not edit. To update, run
 * \`yarn generate:cdk-l1-types\`.
 */
import { lookupTableOfJson } from '../support/lookupTable';

export const taggableTypes = lookupTableOfJson<string>(${jsonTableLiteral(
    [...tagManagers.keys()].map(type => [
      type,
      tagProperties.get(type) ?? 'Tags',
    ]),
  )});
`;
  return {
    l1Types,
    taggableTypes,
    summary:
      `${path.relative(process.cwd(), OUTPUT)}: ${PACKAGE} ${installed}, ${
        modules.size
      } modules, ${l1s} L1 classes, ${exceptions.size} exceptions, ` +
      `props of ${table.size} resource types, ${ambiguous.length} ambiguous, ${tagManagers.size} with a TagManager\n`,
  };
}

function main() {
  const version = process.argv[2] ?? 'latest';
  const directory = mkdtempSync(path.join(tmpdir(), 'aws-cdk-lib-'));
  try {
    const { l1Types, taggableTypes, summary } = generatedSources(
      install(version, directory),
    );
    writeFileSync(OUTPUT, l1Types);
    writeFileSync(TAGGABLE_OUTPUT, taggableTypes);
    process.stdout.write(summary);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Imported by its tests, it only reads.
if (require.main === module) main();
