/**
 * Terraform (HCL2 `.tf` and `.tf.json`): each root module directory is one
 * stack. Its resources become graph resources with their Terraform address
 * as id (`aws_sqs_queue.dlq`, `module.api.aws_lambda_function.handler`),
 * translated to the AWS resource model by `resources.ts`. Local modules are
 * expanded, and the registry modules `modelledModules.ts` models.
 */
import path from 'node:path';
import {
  lineOfNode,
  lineOfPath,
  recordKeyLinesOnly,
  recordLines,
  withoutLines,
} from '../../graph/locations';
import {
  Copies,
  InlineSuppression,
  InstanceNaming,
  PropertySpelling,
  Resource,
  ResourceGraph,
  StackOutput,
} from '../../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asJsonText,
  asList,
  isMap,
  setEntry,
} from '../../graph/values';
import { WrittenText } from '../../graph/writtenText';
import {
  Adapter,
  LoadError,
  LoadResult,
  ReadCompanionFile,
  SourceFile,
} from '../types';
import { Steps, runSteps } from '../../support/steps';
import { FUNCTION_QUALIFIERS, FUNCTION_TYPE } from '../../analysis/lambda';
import { managedPolicyName } from '../../analysis/iam';
import { IDENTITIES, identitiesNamed } from '../identityNames';
import { QUICK_CREATE, declaresDefaultStage } from '../quickCreateStages';
import { tagReplicasTaggedApart } from '../replicaTags';
import {
  attachmentSuppressions,
  holdAttachmentSuppressions,
} from '../attachmentSuppressions';
import { resolveRolesOfOtherFunctions } from '../functionRoles';
import {
  REPLICATED_TABLE_TYPES,
  ReplicaSpelling,
  addReplica,
  placeTable,
  replicaPathWritten,
  tableOfArn,
} from '../globalTables';
import { awsManagedPolicyArnUnder } from '../../analysis/awsManagedPolicies';
import { Evaluator, Generated, Instances, Scope } from './expressions';
import { moduleRoles } from './rootModules';
import {
  ATTACHMENT_TYPES,
  PropertyBuilder,
  policyDocument,
  policyDocumentFromData,
  referenceTo,
  replicaDeclaredApart,
  terraformPropertyName,
  translate,
} from './resources';
import {
  Attribute,
  Block,
  Body,
  Expression,
  parseHcl,
  parseTerraformJson,
  plainText,
  sourceText,
} from './syntax';
import { typeExpression, withTypeDefaults } from './variableTypes';
import {
  MODELLED_MODULE_NAMES,
  madeByOf,
  moduleInputNames,
  modelledModule,
  placedAt,
  placedByModel,
} from './modelledModules';
import {
  Declarations,
  Declared,
  WrittenAt,
  aliasOf,
  declarationsOf,
  unmatchedReason,
} from './overrides';
import {
  SUPPRESSION_COMMENT_MARKER,
  commentSuppressions,
} from '../cloudformation/suppressions';
import { addToList } from '../../support/multiMap';
import { compareText } from '../../support/compareText';
import { lookupTable } from '../../support/lookupTable';
import { VARIABLES_FILE, terraformClaim } from './claim';

/** The types whose resources are where their provider configuration is, unless their `region` says: a region their findings name. */
const REGIONAL_TYPES: ReadonlySet<string> = new Set([
  'aws_dynamodb_table',
  'aws_dynamodb_table_replica',
]);

/** The data sources that read where the stack deploys: the pseudo parameter each stands for, and the attributes that are its value. */
const STACK_PLACE_DATA = lookupTable<{
  pseudo: string;
  attributes: readonly string[];
}>({
  aws_region: { pseudo: 'AWS::Region', attributes: ['name', 'region', 'id'] },
  // The AWS provider sets its `id` to the account ID too.
  aws_caller_identity: {
    pseudo: 'AWS::AccountId',
    attributes: ['account_id', 'id'],
  },
  aws_partition: { pseudo: 'AWS::Partition', attributes: ['partition', 'id'] },
});
/**
 * Data sources that read a resource by its `name`, whose ARN ends with it
 * (see ModuleLoader.namedArnOf): the ARN's service, and the attributes that
 * are the ARN (a topic's `id` is its ARN; a queue's, its URL).
 */
const NAMED_ARN_DATA = lookupTable<{
  service: string;
  attributes: readonly string[];
}>({
  aws_sqs_queue: { service: 'sqs', attributes: ['arn'] },
  aws_sns_topic: { service: 'sns', attributes: ['arn', 'id'] },
});
/** Variable files Terraform loads by itself; others are chosen on the command line (`-var-file`). */
const AUTO_VARIABLES_FILE =
  /(^|\/)(terraform\.tfvars|[^/]*\.auto\.tfvars)(\.json)?$/i;
/** Modules nested deeper than this are not expanded (a module calling itself). */
const MAX_MODULE_DEPTH = 5;
/** Most instances a block's `count` or `for_each` is expanded to; more are judged as one declaration. */
const MAX_INSTANCES = 100;
/**
 * Most instances a stack's blocks are expanded to in all: instances of
 * module calls multiply those of what they hold. A block with more
 * instances than are left is judged as one declaration.
 */
const MAX_STACK_INSTANCES = 10_000;
/** Most times a stack is read again with blocks not expanded (see rootStack). */
const MAX_READINGS = 8;

/** The module input that stands for each argument of a resource a modelled registry module declares (see moduleInputNames). */
const moduleInputs = new WeakMap<Resource, ReadonlyMap<string, string>>();

/** How an `aws_dynamodb_table` and its `replica` blocks and `aws_dynamodb_table_replica`s write its replicas' properties. */
const REPLICAS_WRITTEN: ReplicaSpelling = {
  table: property => terraformPropertyName('aws_dynamodb_table', property),
  item: index => `replica[${index}]`,
  itemArguments: {
    Region: 'region_name',
    PointInTimeRecoverySpecification: 'point_in_time_recovery',
    SSESpecification: 'kms_key_arn',
  },
  apartArguments: {
    Region: 'region',
    PointInTimeRecoverySpecification: 'point_in_time_recovery',
    SSESpecification: 'kms_key_arn',
    DeletionProtectionEnabled: 'deletion_protection_enabled',
    Tags: 'tags',
  },
};

/**
 * Properties named in messages as the resource's Terraform type writes
 * them (a global table's replicas, as what sets each: see
 * replicaPathWritten), or as the module input that sets them.
 */
const writtenAsTerraform: PropertySpelling = (resource, property) => {
  const argument = resource.sourceType
    ? replicaPathWritten(resource, property, REPLICAS_WRITTEN) ??
      terraformPropertyName(resource.sourceType, property)
    : property;
  return moduleInputs.get(resource)?.get(argument) ?? argument;
};

/**
 * The properties of a resource whose argument an override file sets, or
 * the input of the modelled module call that declares it (see
 * {@link Declared.overridden}), with where; undefined for none.
 */
function propertiesOverridden(
  resource: Resource,
  overridden: ReadonlyMap<string, WrittenAt>,
): Resource['writtenElsewhere'] {
  const places = new Map<string, WrittenAt>();
  // A modelled module's input may set a property inside another (`tracing_mode`: `tracing_config.mode`).
  const inputsWithin = moduleInputs.has(resource);
  const visit = (property: string, value: Value) => {
    // The argument or input that holds the property: `tracing_config` of `tracing_config.mode`.
    const place = overridden.get(
      /^[^.\s,[]*/.exec(writtenAsTerraform(resource, property))![0],
    );
    if (place) places.set(property, place);
    else if (inputsWithin && isMap(value))
      for (const [key, inner] of Object.entries(value))
        visit(`${property}.${key}`, inner);
  };
  for (const [name, value] of Object.entries(resource.properties))
    visit(name, value);
  return places.size > 0 ? places : undefined;
}

/**
 * An address's parts (`module.fn`, `aws_sqs_queue.q`), each with the
 * instance key written after it (`["a"]`, `[0]`), if any. A key is a number
 * or a JSON string (see instanceSuffix), which may hold dots and brackets.
 */
function addressParts(address: string): { name: string; key: string }[] {
  const part =
    /^(module\.[^.[]+|[^.[]+\.[^.[]+)(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?(?:\.|$)/;
  const parts: { name: string; key: string }[] = [];
  let rest = address;
  for (
    let match = part.exec(rest);
    match && rest !== '';
    match = part.exec(rest)
  ) {
    parts.push({ name: match[1], key: match[2] ?? '' });
    rest = rest.slice(match[0].length);
  }
  return parts;
}

/** Addresses where a text writes them: module calls, then a resource, each with its instance key, if any (see addressParts). */
const ADDRESS_IN_TEXT =
  /(?<![\w.\]-])(?:module\.[\w-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*[\w-]+\.[\w-]+(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?/g;

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with each whole `address` in it (not the end of `module.q.aws_sqs_queue.this[0]` for `aws_sqs_queue.this[0]`) as `by`. */
const withAddress = (text: string, address: string, by: string) =>
  text.replace(
    new RegExp(`(?<![\\w.\\]-])${escapeRegExp(address)}(?![\\w-])`, 'g'),
    () => by,
  );

const joinParts = (parts: readonly { name: string; key: string }[]) =>
  parts.map(part => `${part.name}${part.key}`).join('.');

/**
 * The address without its index of each instance that is the only one its
 * block's `count` makes in its module instance (`count = var.create ? 1 : 0`,
 * as a registry module writes for all it makes): `module.fn["a"].aws_iam_role.lambda`
 * for `module.fn["a"].aws_iam_role.lambda[0]`. Not for a `for_each` key,
 * which names what the author wrote (`rules = { crons = … }`).
 */
const loneCountInstances = new WeakMap<Resource, string>();

/** A text with each address in it that `rename` gives a name for so named. */
function renamed(
  text: string,
  rename: (address: string) => string | undefined,
): string {
  // Only an instance's address has a key: most texts name none.
  return text.includes('[')
    ? text.replace(ADDRESS_IN_TEXT, address => rename(address) ?? address)
    : text;
}

/** How Terraform addresses the instances of a declaration. */
const instanceNaming: InstanceNaming = {
  asDeclared(resource, text, resourceOf) {
    let named = withAddress(text, resource.id, resource.instanceOf!);
    // What made a generated instance (an API's for its stage) is an instance of what made the declaration.
    const { generatedBy } = resource;
    if (
      generatedBy !== undefined &&
      resource.id.startsWith(generatedBy) &&
      resource.instanceOf!.endsWith(resource.id.slice(generatedBy.length))
    ) {
      named = withAddress(
        named,
        generatedBy,
        resource.instanceOf!.slice(
          0,
          resource.instanceOf!.length -
            (resource.id.length - generatedBy.length),
        ),
      );
    } else if (generatedBy !== undefined) {
      // One made by an entry of a modelled module's input (see MadeBy): its maker's instances stand for it as declared.
      named = withAddress(
        named,
        generatedBy,
        addressParts(generatedBy)
          .map(part => part.name)
          .join('.'),
      );
    }
    const parts = addressParts(resource.id);
    // What the same module instance holds, as declared in each instance: one instance of its block there by the block.
    const outermost = parts.findIndex(
      (part, index) => part.key && index < parts.length - 1,
    );
    if (outermost >= 0) {
      const inModuleInstance = `${joinParts(parts.slice(0, outermost + 1))}.`;
      named = renamed(named, address => {
        const held = address.startsWith(inModuleInstance)
          ? resourceOf(address)
          : undefined;
        return held && loneCountInstances.get(held);
      });
    }
    // What the same module instances hold, innermost first: `module.fn["a"].` as `module.fn.`, where an address
    // starts (not `module.other.module.fn["a"].`).
    for (let end = parts.length - 1; end > 0; end--) {
      if (!parts[end - 1].key) continue;
      const written = `${joinParts(parts.slice(0, end))}.`;
      const declared = `${parts
        .slice(0, end)
        .map(part => part.name)
        .join('.')}.`;
      named = named.replace(
        new RegExp(`(?<![\\w.\\]-])${escapeRegExp(written)}`, 'g'),
        () => declared,
      );
    }
    return named;
  },
  addressesOf(resource) {
    const parts = addressParts(resource.id);
    // What follows the addresses' parts: a generated resource's name after its maker's (`.$default`).
    const rest = resource.id.slice(joinParts(parts).length);
    const keyed = parts.flatMap((part, index) => (part.key ? [index] : []));
    const addresses: { address: string; dropped: number }[] = [];
    // Every choice of the keys to drop: 2 to the number of keys, a handful at most.
    for (let choice = 0; choice < 1 << keyed.length; choice++) {
      const dropped = new Set(keyed.filter((_, bit) => choice & (1 << bit)));
      addresses.push({
        address: `${joinParts(
          parts.map((part, index) =>
            dropped.has(index) ? { ...part, key: '' } : part,
          ),
        )}${rest}`,
        dropped: dropped.size,
      });
    }
    return addresses
      .sort((a, b) => a.dropped - b.dropped)
      .map(({ address }) => address);
  },
  loneInstancesUnkeyed(text, lone) {
    // Of the only instance, a count's index tells nothing apart, its own or a module call's: `module.fn[0].aws_iam_role.r["x"]`
    // is `module.fn.aws_iam_role.r["x"]`, and `module.fn[0].aws_iam_role.lambda[0]` its declaration.
    return renamed(text, address =>
      lone(address)
        ? joinParts(
            addressParts(address).map(part =>
              part.key.startsWith('["') ? part : { ...part, key: '' },
            ),
          )
        : undefined,
    );
  },
};

interface ParsedFile {
  path: string;
  body: Body;
  /** Lines of files that hold a suppression comment (`# infra-compliance:suppress=ID:reason`). */
  lines: string[];
  errors: Omit<LoadError, 'file' | 'format'>[];
}

function parseFile(file: SourceFile): ParsedFile {
  const parsed = file.path.toLowerCase().endsWith('.json')
    ? parseTerraformJson(file.text)
    : parseHcl(file.text);
  const lines = file.text.includes(SUPPRESSION_COMMENT_MARKER)
    ? file.text.split('\n')
    : [];
  return { path: file.path, body: parsed.body, errors: parsed.errors, lines };
}

function localSource(
  block: Block,
  evaluator: Evaluator | undefined,
  dir: string,
): string | undefined {
  const source = block.body.attributes.find(a => a.name === 'source');
  if (!source) return undefined;
  // Before evaluation (to find which directories are modules), a literal source is enough.
  const value = evaluator
    ? evaluator.expression(source.expression)
    : plainText(source.expression);
  if (
    typeof value !== 'string' ||
    !(value.startsWith('./') || value.startsWith('../'))
  )
    return undefined;
  return path.posix.normalize(path.posix.join(dir, value));
}

/** The local module directories each directory calls, as their calls read once override files are merged in. */
function moduleCalls(
  directories: Map<string, Declarations>,
): Map<string, Set<string>> {
  const calls = new Map<string, Set<string>>();
  for (const [dir, { blocks }] of directories) {
    const targets = new Set<string>();
    for (const { item } of blocks) {
      if (item.type !== 'module') continue;
      const target = localSource(item, undefined, dir);
      if (target && target !== dir && directories.has(target))
        targets.add(target);
    }
    calls.set(dir, targets);
  }
  return calls;
}

/** A variable set in a `.tfvars` file of the root module. */
interface VariableSetting {
  attribute: Attribute;
  file: string;
  /** Loaded by Terraform itself; otherwise only when named with -var-file, so not known statically. */
  automatic: boolean;
}

function variableSettings(files: ParsedFile[]): Map<string, VariableSetting> {
  const settings = new Map<string, VariableSetting>();
  // In the order Terraform loads them, each setting what the ones before set: the -var-file files come last.
  const ordered = [...files].sort(
    (a, b) =>
      variablesFileRank(a.path) - variablesFileRank(b.path) ||
      compareText(path.posix.basename(a.path), path.posix.basename(b.path)),
  );
  for (const file of ordered) {
    const automatic = AUTO_VARIABLES_FILE.test(file.path);
    for (const attribute of file.body.attributes) {
      // A value chosen on the command line may replace an automatic one.
      if (settings.get(attribute.name)?.automatic === false) continue;
      settings.set(attribute.name, { attribute, file: file.path, automatic });
    }
  }
  return settings;
}

/**
 * Where Terraform loads a variables file: `terraform.tfvars`, then
 * `terraform.tfvars.json`, then the `*.auto.tfvars` and `*.auto.tfvars.json`
 * files by name; a file named with `-var-file` after them.
 */
function variablesFileRank(filePath: string): number {
  const name = path.posix.basename(filePath).toLowerCase();
  if (name === 'terraform.tfvars') return 0;
  if (name === 'terraform.tfvars.json') return 1;
  return AUTO_VARIABLES_FILE.test(name) ? 2 : 3;
}

/** A module call's arguments, read as its caller wrote them in `file`. */
interface CallInputs {
  file: string;
  values: Map<string, () => Value>;
  /** Those override files set (see {@link Declared.overridden}). */
  overridden?: ReadonlyMap<string, WrittenAt>;
  /** The suppression comments on the override blocks of the call: a modelled module's resources, placed at the call, hold them. */
  overrideSuppressions?: InlineSuppression[];
  /** The suppression comments on the calls of local modules that lead here: every resource the module makes holds them. */
  callSuppressions?: InlineSuppression[];
}

/** What a reference to a data block reads (see {@link Scope.dataInstance}). */
interface DataInstance {
  /** `data.<type>.<name>`, with the instance's key where it names one. */
  address: string;
  /** What `count` or `each` names in the instance's arguments; none for the block itself. */
  names?: Record<string, Value>;
  /** Whether it is the declaration of a block with `count` or `for_each`, standing for instances not known. */
  declaration: boolean;
}

/** One instance of a resource or data block whose `count` or `for_each` is known statically (see {@link instancesOf}). */
interface Instance {
  /** The index of a `count`, the key of a `for_each`. */
  key: string | number;
  /** What `count` or `each` names in the block's arguments, for this instance. */
  names: Record<string, Value>;
}

/** A block's `count` and `for_each` as evaluated, and the instances they make of a resource or data block. */
interface CountAndForEach {
  value: ValueMap;
  /** How many times evaluating them read a variable's default. */
  defaultReads: number;
  instances?: Instance[];
  /** The instances' keys, and whether `count` or `for_each` makes them, made once for every reference that reads them (see {@link Scope.resourceInstances}). */
  keys?: Exclude<Instances, string>;
}

/** What the modules of one stack (a root module and the local modules it calls) share. */
interface StackContext {
  /** The parsed files of every directory of the scan. */
  directories: Map<string, ParsedFile[]>;
  /** The root module's directory, where Terraform runs: relative paths in `file()` start there. */
  rootDir: string;
  /** The root module's `.tfvars` settings. */
  settings: Map<string, VariableSetting>;
  /** Module calls that could not be expanded. */
  skipped: { path: string; reason: string }[];
  /** How strings built from variables read as written. */
  writtenText: WrittenText;
  /** Reads the files `file()` and `templatefile()` name. */
  readFile?: ReadCompanionFile;
  /** Whether variables take their defaults, or those are not known (what a rule can prove without them). */
  defaults: 'read' | 'not known';
  /** How many times the stack's evaluation read a variable's default. */
  defaultReads: number;
  /** Whether a variable's default made a `count` or `for_each` of none, leaving out a resource or a module call. */
  defaultsLeftOut: boolean;
  /** Resource blocks whose count or for_each makes none whatever the inputs (see {@link ResourceGraph.neverDeployed}). */
  neverDeployed: Resource[];
  /** How many more instances blocks may be expanded to (see {@link MAX_STACK_INSTANCES}). */
  instancesLeft: number;
  /** What the stack's evaluations generated (see {@link Generated}). */
  generated: Generated;
  /** Blocks not expanded, by declaration address: one of their instances is read with a key not known (see {@link rootStack}). */
  notExpanded: ReadonlySet<string>;
  /** Blocks this reading read an instance of with a key not known. */
  readWithKeyNotKnown: Set<string>;
}

/**
 * A value evaluated once (see ModuleLoader.readOnce): the value, how many
 * times it read a variable's default, and the copy without lines that
 * blocks of other files read.
 */
interface ReadOnce {
  value: Value;
  defaultReads: number;
  withoutLines?: Value;
}

/** One module instance: its declarations, the scope its expressions see, its resources. */
class ModuleLoader implements Scope {
  private readonly evaluator: Evaluator;
  private readonly variables = new Map<string, Declared<Block>>();
  private readonly locals = new Map<string, Declared<Attribute>>();
  /** Each local evaluated (see {@link readOnce}). */
  private readonly localValues = new Map<string, ReadOnce>();
  private readonly resourceBlocks = new Map<string, Declared<Block>>();
  /** Each block's `count` and `for_each`, by its address in the module; undefined while they are evaluated. */
  private readonly countsAndForEach = new Map<
    string,
    CountAndForEach | undefined
  >();
  private readonly dataBlocks = new Map<string, Declared<Block>>();
  /** Each policy document read, by address (see {@link readOnce}). */
  private readonly policyDocuments = new Map<string, ReadOnce>();
  /** The ARN each `aws_iam_role` data source reads, by address (see {@link roleArnOf}). */
  private readonly roleArns = new Map<string, ReadOnce>();
  /** The name each `aws_iam_role` data source reads, by address (see {@link roleNameOf}). */
  private readonly roleNames = new Map<string, ReadOnce>();
  private readonly moduleBlocks = new Map<string, Declared<Block>>();
  private readonly children = new Map<string, ModuleLoader | undefined>();
  private readonly outputBlocks: Declared<Block>[] = [];
  /** Each output a caller read (see {@link readOnce}). */
  private readonly outputValues = new Map<string, ReadOnce>();
  /** The file of the block being read (see {@link seenFrom}). */
  private readingFile: string | undefined;
  private readonly providerBlocks: Declared<Block>[] = [];
  /**
   * Whether the default tags of each provider configuration this module
   * names reach what it manages (see {@link providerTags}), and how many
   * times reading them read a variable's default.
   */
  private readonly tagsOfProviders = new Map<
    string,
    { tags: boolean; defaultReads: number }
  >();
  /** The region of each provider configuration this module names, where known (see {@link providerRegion}). */
  private readonly regionsOfProviders = new Map<string, string | undefined>();

  constructor(
    private readonly dir: string,
    /** Address prefix of this module's resources: '' for the root, `module.x.` or `module.x["a"].` inside. */
    private readonly prefix: string,
    /** The prefix without the keys of module instances (`module.x.`): what its resources are instances of. */
    private readonly declarationPrefix: string,
    /** The arguments of the module call; undefined for the root module. */
    private readonly inputs: CallInputs | undefined,
    /**
     * Whether the default tags of a provider configuration the module call
     * passes (`providers`; a default one it leaves out, the caller's) reach what it
     * manages, by the name the module gives it; undefined for the root
     * module, and for a configuration not passed.
     */
    private readonly passedProviderTags:
      | ((name: string) => boolean | undefined)
      | undefined,
    /**
     * The root module's configuration (`aws`, `aws.west`) that a provider
     * configuration the module call passes (as {@link passedProviderTags})
     * is, however many calls pass it down; undefined for one a module
     * between configures itself, and for the root module.
     */
    private readonly passedProvider:
      | ((name: string) => string | undefined)
      | undefined,
    /** The region of a provider configuration the module call passes (as {@link passedProviderTags}), where known. */
    private readonly passedProviderRegion:
      | ((name: string) => string | undefined)
      | undefined,
    private readonly depth: number,
    readonly stack: StackContext,
    /** The module's files: those of its directory, or a registry module's model placed in its caller's file. */
    private readonly files: ParsedFile[] = stack.directories.get(dir) ?? [],
  ) {
    this.evaluator = new Evaluator(this, stack.writtenText, stack.generated);
    for (const declared of declarationsOf(files).blocks) this.declare(declared);
  }

  private declare(declared: Declared<Block>): void {
    const { file, item: block } = declared;
    const [first, second] = block.labels;
    switch (block.type) {
      case 'variable':
        if (first) this.variables.set(first, declared);
        break;
      case 'locals':
        for (const attribute of block.body.attributes)
          this.locals.set(attribute.name, { file, item: attribute });
        break;
      case 'resource':
        // Terraform refuses a second block of one address: the first is kept.
        if (first && second && !this.resourceBlocks.has(`${first}.${second}`))
          this.resourceBlocks.set(`${first}.${second}`, declared);
        break;
      case 'data':
        if (first && second)
          this.dataBlocks.set(`${first}.${second}`, declared);
        break;
      case 'module':
        if (first) this.moduleBlocks.set(first, declared);
        break;
      case 'output':
        if (first) this.outputBlocks.push(declared);
        break;
      case 'provider':
        this.providerBlocks.push(declared);
        break;
      default:
    }
  }

  variable(name: string): Value {
    const { value, file } = this.variableValue(name);
    const declared = this.variables.get(name);
    const declaredType = declared?.item.body.attributes.find(
      a => a.name === 'type',
    );
    if (!declaredType) return this.seenFrom(file, value);
    const type = typeExpression(declaredType.expression);
    // A type not read may fill in attributes: reading one the value lacks is then not known, not an error.
    if (!type)
      return value instanceof Unknown
        ? value
        : new Unknown(`variable ${name} of a type not read`);
    const converted = withTypeDefaults(value, type, expression =>
      this.evaluator.expression(expression),
    );
    // What the type adds is written where the variable is declared: with a value written in another file, in two files.
    const written =
      converted === value || declared?.file === file ? file : undefined;
    return this.seenFrom(written, converted);
  }

  /** A variable's value as given, before its type converts it, and the file it is written in (none for a module call's argument). */
  private variableValue(name: string): { value: Value; file?: string } {
    const input = this.inputs?.values.get(name);
    // A module call's argument reads as its caller wrote it, in the caller's file.
    if (input) return { value: input(), file: this.inputs!.file };
    const setting = this.inputs ? undefined : this.stack.settings.get(name);
    let value: Value;
    let file: string | undefined;
    if (setting) {
      value = setting.automatic
        ? this.evaluator.expression(setting.attribute.expression)
        : Unknown.oneValue(`variable ${name} (set in ${setting.file})`);
      file = setting.file;
    } else {
      const variable = this.variables.get(name);
      const declared = variable?.item.body.attributes.find(
        a => a.name === 'default',
      );
      // Only the root module's variables are the deployer's; a module's own default, its caller's choice.
      const deployerChooses = this.inputs === undefined;
      if (
        !declared ||
        (deployerChooses && this.stack.defaults === 'not known')
      ) {
        // The root module's variable is one value wherever it is read; a module's, set apart by each call.
        value = new Unknown(`variable ${name}`, deployerChooses);
      } else {
        value = this.evaluator.expression(declared.expression);
        if (deployerChooses && !(value instanceof Unknown))
          this.stack.defaultReads++;
      }
      file = variable?.file;
    }
    // A default or a .tfvars value is the deployer's to choose.
    this.stack.writtenText.input(value);
    return { value, file };
  }

  /**
   * A value written in `file` as the block being read sees it: written in
   * another file (a local in locals.tf, a variable's default, a .tfvars
   * value, a module call's argument), its lines would point into that file
   * while a finding names the resource's. A copy without them takes the
   * lines of where it is read.
   */
  private seenFrom(file: string | undefined, value: Value): Value {
    return file !== undefined && file === this.readingFile
      ? value
      : withoutLines(value);
  }

  /** What `read` gives as the block of `file` reads it (see {@link seenFrom}). */
  private readingIn<T>(file: string, read: () => T): T {
    const outer = this.readingFile;
    this.readingFile = file;
    try {
      return read();
    } finally {
      this.readingFile = outer;
    }
  }

  /** `path.module` and `path.root` are their directories as paths from the scanned root, written `/<dir>`. */
  path(name: string): Value {
    if (name === 'module') return `/${this.dir}`;
    if (name === 'root' || name === 'cwd') return `/${this.stack.rootDir}`;
    return new Unknown(`path.${name}`);
  }

  /** A path from `path.module` or `path.root` starts at the scanned root; any other, where Terraform runs. */
  file(filePath: string): string | undefined {
    const relative = filePath.startsWith('/')
      ? filePath.slice(1)
      : path.posix.join(this.stack.rootDir, filePath);
    return this.stack.readFile?.(relative);
  }

  local(name: string): Value {
    const declared = this.locals.get(name);
    if (!declared) return new Unknown(`local ${name}`);
    return this.readOnce(
      this.localValues,
      name,
      declared.file,
      new Unknown(`local ${name}`),
      () => this.evaluator.expressionApart(declared.item.expression),
    );
  }

  /**
   * What `read` gives for `key` (a local, a policy document), evaluated once
   * in the block of `file` and kept in `values`: each read again reads the
   * variables' defaults it read (what a count rests on), and a block of
   * another file reads it without its lines (see {@link seenFrom}). While it
   * is evaluated, it is `reading` to what reads it (itself, through others,
   * which Terraform refuses as a cycle). `readIn` is the file of the block
   * that reads it: the one being read, or none of this module's (a caller's).
   */
  private readOnce(
    values: Map<string, ReadOnce>,
    key: string,
    file: string,
    reading: Unknown,
    read: () => Value,
    readIn: string | undefined = this.readingFile,
  ): Value {
    let known = values.get(key);
    if (known) {
      this.stack.defaultReads += known.defaultReads;
    } else {
      values.set(key, { value: reading, defaultReads: 0 });
      const readsBefore = this.stack.defaultReads;
      const value = this.readingIn(file, read);
      known = { value, defaultReads: this.stack.defaultReads - readsBefore };
      values.set(key, known);
    }
    if (file === readIn) return known.value;
    // Copied once: reads do not change what they read (see marker() in expressions.ts).
    known.withoutLines ??= withoutLines(known.value);
    return known.withoutLines;
  }

  resourceInstances(type: string, name: string): Instances | undefined {
    const address = `${type}.${name}`;
    const declared = this.resourceBlocks.get(address);
    if (!declared) return undefined;
    return this.blockInstances(address, declared);
  }

  dataInstances(type: string, name: string): Instances {
    const declared = this.dataBlocks.get(`${type}.${name}`);
    return declared
      ? this.blockInstances(`data.${type}.${name}`, declared)
      : 'one';
  }

  /** How a resource, data block or module call is deployed (see {@link Instances}). */
  private blockInstances(
    address: string,
    declared: Declared<Block>,
  ): Instances {
    const { value, keys } = this.countAndForEach(address, declared);
    if (keys) return keys;
    return value.count === undefined && value.for_each === undefined
      ? 'one'
      : 'declaration';
  }

  resource(
    type: string,
    name: string,
    key: string | number | undefined,
    attribute: string | undefined,
  ): Value {
    return referenceTo(
      `${this.prefix}${type}.${name}${instanceSuffix(key)}`,
      type,
      attribute,
    );
  }

  instanceKeyNotKnown(address: string): void {
    this.stack.readWithKeyNotKnown.add(`${this.declarationPrefix}${address}`);
  }

  attributeOf(resource: Ref, attribute: string): Value {
    const type = addressParts(resource.target).at(-1)?.name.split('.')[0];
    return type
      ? referenceTo(resource.target, type, attribute)
      : new Unknown(`${resource.target}.${attribute}`);
  }

  data(
    type: string,
    name: string,
    attribute: string | undefined,
    key: string | number | undefined,
  ): Value {
    const declared = this.dataBlocks.get(`${type}.${name}`);
    const providerArgument = declared?.item.body.attributes.find(
      argument => argument.name === 'provider',
    );
    const provider = providerArgument
      ? providerConfiguration(providerArgument.expression)
      : 'aws';
    // The root module's default provider's place (a module's too, which inherits it or is passed it) is one value
    // wherever read; another provider's (`provider = aws.west`, a module's passed `providers`) may be another.
    const rootProvider =
      provider === undefined ? undefined : this.rootProvider(provider);
    const stacksProvider = rootProvider === 'aws';
    const place = STACK_PLACE_DATA[type];
    if (place !== undefined) {
      // An ARN built with another provider's region or account names no resource of the stack.
      if (!stacksProvider)
        return new Unknown(
          `${place.pseudo} of the provider of data.${type}.${name}`,
        );
      return new Unknown(
        place.pseudo,
        attribute !== undefined && place.attributes.includes(attribute),
      );
    }
    if (!declared) return new Unknown(`data.${type}.${name}`);
    const instance = this.dataInstance(`data.${type}.${name}`, declared, key);
    const named = NAMED_ARN_DATA[type];
    if (
      named &&
      attribute !== undefined &&
      named.attributes.includes(attribute)
    ) {
      const arn = this.namedArnOf(
        declared,
        instance,
        stacksProvider,
        named.service,
      );
      if (arn) return arn;
    }
    // A queue's `id` is its URL, as `url` is: one value, not known statically (its host is the endpoint SQS answers
    // with); one value of each instance, which may each read another queue.
    if (
      type === 'aws_sqs_queue' &&
      (attribute === 'url' || attribute === 'id') &&
      !instance.declaration
    )
      return Unknown.oneValue(`${this.prefix}${instance.address}.url`);
    if (
      type === 'aws_iam_policy_document' &&
      (attribute === 'json' || attribute === 'minified_json')
    ) {
      const { file, item } = declared;
      return this.readOnce(
        this.policyDocuments,
        instance.address,
        file,
        new Unknown(`${instance.address}, which merges itself in`),
        () =>
          asJsonText(
            policyDocumentFromData(
              this.evaluator.apart(
                () => this.evaluator.body(item.body, item.line),
                instance.names,
              ),
              item.line,
            ),
          ),
      );
    }
    // A policy's `id` is its ARN, as `arn` is.
    if (
      type === 'aws_iam_policy' &&
      (attribute === 'arn' || attribute === 'id')
    ) {
      const arn = this.awsManagedPolicyOf(declared, instance);
      if (arn !== undefined) return arn;
    }
    if (type === 'aws_iam_role' && attribute === 'arn') {
      const role = this.roleArnOf(instance, declared, rootProvider);
      if (role) return role;
    }
    // A role's `id` is its name, as `name` is.
    if (
      type === 'aws_iam_role' &&
      (attribute === 'name' || attribute === 'id') &&
      !instance.declaration
    )
      return this.roleNameOf(instance, declared);
    return new Unknown(`data.${type}.${name}`);
  }

  /**
   * The instance of the data block at `address` that `key` names, where its
   * `count` or `for_each` is known statically: its address and what
   * `count` or `each` names in its arguments. Otherwise the block itself: one
   * without either, or the declaration that stands for every instance
   * (`declaration`), whose arguments read no `count.index` or `each` known.
   */
  private dataInstance(
    address: string,
    declared: Declared<Block>,
    key: string | number | undefined,
  ): DataInstance {
    const { instances } = this.countAndForEach(address, declared);
    const instance =
      key === undefined
        ? undefined
        : instances?.find(candidate => String(candidate.key) === String(key));
    return instance
      ? {
          address: `${address}${instanceSuffix(instance.key)}`,
          names: instance.names,
          declaration: false,
        }
      : { address, declaration: hasInstances(declared.item) };
  }

  /**
   * The ARN a data source of {@link NAMED_ARN_DATA} (or its instance)
   * reads, as the resource of its name in the provider's partition, region
   * and account: a queue or topic another stack made, which a mapping here
   * may consume or a function send its failures to (DLQ-004, DLQ-005,
   * IAM-008 read it as a CloudFormation `!Sub` ARN).
   */
  private namedArnOf(
    { file, item }: Declared<Block>,
    instance: DataInstance,
    stacksProvider: boolean,
    service: string,
  ): Template | undefined {
    const argument = (argumentName: string) =>
      item.body.attributes.find(candidate => candidate.name === argumentName);
    const nameWritten = argument('name');
    if (!nameWritten) return undefined;
    // The declaration's name is every instance's where it reads no `count.index` or `each` (not known where it does).
    const written = this.readingIn(file, () =>
      this.evaluator.apart(
        () => this.evaluator.expression(nameWritten.expression),
        instance.names,
      ),
    );
    // Another provider's place (`provider = aws.west`) may not be the stack's: a resource of the stack with that name may be another.
    const place = (pseudo: string) =>
      stacksProvider
        ? Unknown.oneValue(pseudo)
        : new Unknown(`${pseudo} of the provider of ${item.labels.join('.')}`);
    return new Template([
      'arn:',
      place('AWS::Partition'),
      `:${service}:`,
      place('AWS::Region'),
      ':',
      place('AWS::AccountId'),
      ':',
      ...(typeof written === 'string' || written instanceof Unknown
        ? [written]
        : [new Unknown(`name of ${item.labels.join('.')}`)]),
    ]);
  }

  /**
   * The ARN an `aws_iam_policy` data source (or its instance) reads where it
   * is an AWS managed policy's, whose document is known: its `arn` written
   * out, or the ARN of the AWS managed policy its `name` (and `path_prefix`)
   * finds. Undefined for any other, a customer managed policy's (what it
   * grants is not known).
   */
  private awsManagedPolicyOf(
    { file, item }: Declared<Block>,
    instance: DataInstance,
  ): Value | undefined {
    // The declaration's arguments are every instance's where they read no `count.index` or `each`.
    const read = (argumentName: string) => {
      const written = item.body.attributes.find(
        candidate => candidate.name === argumentName,
      );
      return (
        written &&
        this.readingIn(file, () =>
          this.evaluator.apart(
            () => this.evaluator.expression(written.expression),
            instance.names,
          ),
        )
      );
    };
    const arn = read('arn');
    if (arn !== undefined)
      return managedPolicyName(arn) === undefined ? undefined : arn;
    const name = read('name');
    const pathPrefix = read('path_prefix') ?? '/';
    return typeof name === 'string' && typeof pathPrefix === 'string'
      ? awsManagedPolicyArnUnder(name, pathPrefix)
      : undefined;
  }

  /**
   * The ARN an `aws_iam_role` data source without `count` or `for_each`
   * reads: one value wherever read; the same as another's that names the
   * same role by a name written out through the same configuration of the
   * root module (one account): its default one, the stack's, or another
   * (`aws.other`) that module calls pass on. A module's own configuration
   * may be any account's. Of a block with `count` or `for_each`, each
   * instance's (which may each read another role); undefined for the
   * declaration that stands for them.
   */
  private roleArnOf(
    instance: DataInstance,
    { file, item }: Declared<Block>,
    rootProvider: string | undefined,
  ): Unknown | undefined {
    const argument = (argumentName: string) =>
      item.body.attributes.find(candidate => candidate.name === argumentName);
    if (instance.declaration) return undefined;
    const { address } = instance;
    const ofRole = this.readOnce(
      this.roleArns,
      address,
      file,
      new Unknown(`${address}, which reads itself`),
      () => {
        const roleName = argument('name');
        const written =
          rootProvider !== undefined &&
          roleName &&
          this.evaluator.apart(
            () => this.evaluator.expression(roleName.expression),
            instance.names,
          );
        if (typeof written !== 'string')
          return Unknown.oneValue(`${this.prefix}${address}.arn`);
        return Unknown.oneValue(
          rootProvider === 'aws'
            ? `ARN of the IAM role named ${written}`
            : `ARN of the IAM role named ${written} in the account of provider ${rootProvider}`,
        );
      },
    );
    return ofRole instanceof Unknown ? ofRole : undefined;
  }

  /**
   * The name an `aws_iam_role` data source without `count` or `for_each`
   * reads: its `name` argument, the role's name wherever read (IAM role
   * names are one account's); one value where that is not known statically.
   * Of a block with `count` or `for_each`, the instance's.
   */
  private roleNameOf(
    instance: DataInstance,
    { file, item }: Declared<Block>,
  ): Value {
    const { address } = instance;
    return this.readOnce(
      this.roleNames,
      address,
      file,
      new Unknown(`${address}, which reads itself`),
      () => {
        const roleName = item.body.attributes.find(
          argument => argument.name === 'name',
        );
        const written =
          roleName &&
          this.evaluator.apart(
            () => this.evaluator.expression(roleName.expression),
            instance.names,
          );
        return typeof written === 'string' ||
          written instanceof Template ||
          (written instanceof Unknown && written.isOneValue)
          ? written
          : Unknown.oneValue(`${this.prefix}${address}.name`);
      },
    );
  }

  moduleInstances(name: string): Instances | undefined {
    const declared = this.moduleBlocks.get(name);
    if (!declared) return undefined;
    return this.blockInstances(`module.${name}`, declared);
  }

  module(
    name: string,
    key: string | number | undefined,
    output: string | undefined,
  ): Value {
    const instance =
      key === undefined
        ? undefined
        : this.countAndForEach(
            `module.${name}`,
            this.moduleBlocks.get(name)!,
          ).instances?.find(candidate => candidate.key === key);
    const child = this.child(name, instance);
    // Written in the module's directory: its lines are not this file's.
    if (!child)
      return new Unknown(
        output === undefined ? `module.${name}` : `module.${name}.${output}`,
      );
    return output === undefined ? child.allOutputs() : child.output(output);
  }

  /** The module a call makes, or one instance of it, whose arguments read the instance's `count.index` or `each`. */
  private child(name: string, instance?: Instance): ModuleLoader | undefined {
    const address = `${name}${instanceSuffix(instance?.key)}`;
    if (this.children.has(address)) return this.children.get(address);
    this.children.set(address, undefined);
    const declared = this.moduleBlocks.get(name);
    if (!declared) return undefined;
    const called =
      this.depth < MAX_MODULE_DEPTH
        ? this.calledModule(declared, instance)
        : undefined;
    // A modelled module's resources are placed at the call and read its comments already.
    const onCall = called?.inputs ? [] : this.callSuppressions(name, declared);
    // Reviewed on the call itself, so that one on a call that makes nothing, or whose module is not read, is too
    // (those its resources hold are the same ones: reviewed once).
    if (onCall.length > 0)
      this.stack.neverDeployed.push({
        id: `${this.declarationPrefix}module.${name}`,
        type: 'module',
        properties: {},
        file: declared.file,
        line: declared.item.line,
        suppressions: onCall,
      });
    if (!called) return undefined;
    const inputs = new Map<string, () => Value>(
      Object.entries(called.inputs ?? {}).map(([input, value]) => [
        input,
        () => value,
      ]),
    );
    // What an instance's `count.index` or `each` gives rests on what the call's count or for_each read.
    const instanceReads = instance
      ? this.countsAndForEach.get(`module.${name}`)?.defaultReads ?? 0
      : 0;
    for (const attribute of declared.item.body.attributes) {
      let cached:
        | { value: Value; defaultReads: number }
        | 'reading'
        | undefined;
      inputs.set(attribute.name, () => {
        // Terraform refuses an argument that reads itself (through the module's outputs).
        if (cached === 'reading')
          return new Unknown(
            `module ${name}'s argument ${attribute.name}, which reads itself`,
          );
        if (cached) {
          // Read again, it reads the defaults it read (what a count rests on).
          this.stack.defaultReads += cached.defaultReads;
          return cached.value;
        }
        cached = 'reading';
        const readsBefore = this.stack.defaultReads;
        const value = this.readingIn(declared.file, () =>
          this.evaluator.apart(
            () => this.evaluator.expression(attribute.expression),
            instance?.names,
          ),
        );
        this.stack.defaultReads += instanceReads;
        cached = { value, defaultReads: this.stack.defaultReads - readsBefore };
        return value;
      });
    }
    const passed = providersPassed(declared.item);
    // A configuration the call does not pass in `providers` (or without the argument, any): the module has its
    // caller's default configurations (those without an alias), which Terraform passes to it by inheritance.
    const outerOf = (inner: string) => {
      if (passed?.has(inner)) return passed.get(inner);
      return inner.includes('.') ? undefined : inner;
    };
    const passedProviderTags = (inner: string) => {
      const outer = outerOf(inner);
      return outer === undefined ? undefined : this.providerTags(outer);
    };
    const passedProvider = (inner: string) => {
      const outer = outerOf(inner);
      return outer === undefined ? undefined : this.rootProvider(outer);
    };
    const passedProviderRegion = (inner: string) => {
      const outer = outerOf(inner);
      return outer === undefined ? undefined : this.providerRegion(outer);
    };
    const child = new ModuleLoader(
      called.dir,
      `${this.prefix}module.${address}.`,
      `${this.declarationPrefix}module.${name}.`,
      {
        file: declared.file,
        values: inputs,
        overridden: declared.overridden,
        overrideSuppressions: this.overrideSuppressions(declared),
        // What a local module makes is about the call that makes it, as a CDK construct's children are about
        // the construct.
        callSuppressions: [...(this.inputs?.callSuppressions ?? []), ...onCall],
      },
      passedProviderTags,
      passedProvider,
      passedProviderRegion,
      this.depth + 1,
      this.stack,
      called.files,
    );
    this.children.set(address, child);
    return child;
  }

  /** The suppression comments on a module call (and its override blocks), held by what the call makes. */
  private callSuppressions(
    name: string,
    declared: Declared<Block>,
  ): InlineSuppression[] {
    return [
      ...commentSuppressions(
        this.fileLines(declared.file),
        declared.item.line,
        'hcl',
      ),
      ...this.overrideSuppressions(declared),
    ].map(suppression => ({
      ...suppression,
      writtenOn: `${this.declarationPrefix}module.${name}`,
      writtenOnConstruct: {
        file: suppression.file ?? declared.file,
        type: 'module',
      },
    }));
  }

  /**
   * The module a call names: a local module found in the scanned tree, or
   * a registry module the adapter models, placed in the caller's file (see
   * modelledModules.ts), with the inputs its `version` decides.
   */
  private calledModule(
    { file, item }: Declared<Block>,
    instance?: Instance,
  ):
    | { dir: string; files: ParsedFile[]; inputs?: Record<string, boolean> }
    | undefined {
    const target = localSource(item, this.evaluator, this.dir);
    if (target)
      return this.stack.directories.has(target)
        ? { dir: target, files: this.stack.directories.get(target)! }
        : undefined;
    // Terraform takes only literals for `source` and `version`.
    const literal = (name: string) => {
      const argument = item.body.attributes.find(a => a.name === name);
      return argument && plainText(argument.expression);
    };
    const model = modelledModule(
      literal('source'),
      literal('version'),
      new Set(item.body.attributes.map(argument => argument.name)),
    );
    if (!model) return undefined;
    const givenNull = (name: string) =>
      this.givesNull(
        file,
        item.body.attributes.find(a => a.name === name)!,
        instance,
      );
    const body = placedAt(
      model,
      item.line,
      new Map(
        item.body.attributes.map(argument => [argument.name, argument.line]),
      ),
      givenNull,
    );
    return {
      dir: this.dir,
      files: [{ path: file, body, lines: this.fileLines(file), errors: [] }],
      inputs: model.inputs,
    };
  }

  /**
   * Whether a call's argument is null, to place what the module reads of it:
   * a line rests on what it reads of defaults, no finding, so the stack's
   * reading does not count them (the call's inputs read them for values).
   */
  private givesNull(
    file: string,
    argument: Attribute,
    instance?: Instance,
  ): boolean {
    const { defaultReads, defaultsLeftOut } = this.stack;
    const value = this.readingIn(file, () =>
      this.evaluator.apart(
        () => this.evaluator.expression(argument.expression),
        instance?.names,
      ),
    );
    Object.assign(this.stack, { defaultReads, defaultsLeftOut });
    return value === null;
  }

  /**
   * An output as the module's caller reads it, without lines (written in
   * the module's directory, they are not the caller's): evaluated once,
   * however many times it is read (see {@link readOnce}).
   */
  private output(name: string): Value {
    const declared = this.outputBlocks.find(o => o.item.labels[0] === name);
    const value = declared?.item.body.attributes.find(a => a.name === 'value');
    return declared && value
      ? this.readOnce(
          this.outputValues,
          name,
          declared.file,
          new Unknown(`output ${name}, which reads itself`),
          () => this.evaluator.expressionApart(value.expression),
          undefined,
        )
      : new Unknown(`output ${name}`);
  }

  /** The module itself, as its caller reads `module.<name>`: an object of its outputs. */
  private allOutputs(): ValueMap {
    const all: ValueMap = {};
    for (const { item } of this.outputBlocks)
      setEntry(all, item.labels[0], this.output(item.labels[0]));
    // Written in the module's directory: no line of it is the caller's.
    recordKeyLinesOnly(all, {});
    return all;
  }

  outputs(): StackOutput[] {
    return this.outputBlocks.flatMap(declared => {
      const { file, item } = declared;
      const value = item.body.attributes.find(a => a.name === 'value');
      if (!value) return [];
      // Comments on or above the `output` block, as on a resource's.
      const suppressions = [
        ...commentSuppressions(this.fileLines(file), item.line, 'hcl'),
        ...this.overrideSuppressions(declared),
      ];
      return [
        {
          name: item.labels[0],
          value: this.readingIn(file, () =>
            this.evaluator.expression(value.expression),
          ),
          file,
          line: value.line,
          ...(suppressions.length > 0 && { suppressions }),
        },
      ];
    });
  }

  /** Whether the default tags of the root module's default AWS provider reach what it manages. */
  hasDefaultTags(): boolean {
    return this.providerTags('aws');
  }

  /**
   * Whether the default tags of the provider configuration `name` (`aws`,
   * `aws.east`) reach the resources that use it: the module's own provider
   * block, else (or where that block is a proxy) the one its caller passes. Without a block, the root
   * module's default configuration is an empty one; any other
   * configuration not found (Terraform refuses it) counts as tagging.
   */
  private providerTags(name: string): boolean {
    const known = this.tagsOfProviders.get(name);
    if (known) {
      // Read again, they read the defaults they read (a module call that deploys none forgets its reads).
      this.stack.defaultReads += known.defaultReads;
      return known.tags;
    }
    const readsBefore = this.stack.defaultReads;
    const [type, alias] = name.split('.');
    const blocks = this.providerBlocks.filter(
      ({ item }) => item.labels[0] === type && aliasOf(item) === alias,
    );
    let tags: boolean;
    // In a module, a block without arguments (or with only its alias) is a proxy: it stands for the configuration passed in.
    // Terraform refuses two blocks of one configuration: either one's tags count.
    if (
      blocks.length > 0 &&
      !(this.passedProviderTags && blocks.every(({ item }) => isProxy(item)))
    )
      tags = blocks.some(({ item }) => this.tagsByDefault(item));
    else if (this.passedProviderTags)
      tags = this.passedProviderTags(name) ?? true;
    else tags = alias !== undefined;
    this.tagsOfProviders.set(name, {
      tags,
      defaultReads: this.stack.defaultReads - readsBefore,
    });
    return tags;
  }

  /**
   * The root module's configuration that the provider configuration `name`
   * (`aws`, `aws.west`) is: in a module, what its caller passes for it;
   * undefined where a block of the module's own configures it. The root's
   * default one (`aws`) has the stack's region and account.
   */
  private rootProvider(name: string): string | undefined {
    if (!this.passedProvider) return name;
    const [type, alias] = name.split('.');
    const ownBlock = this.providerBlocks.some(
      ({ item }) =>
        item.labels[0] === type && aliasOf(item) === alias && !isProxy(item),
    );
    return ownBlock ? undefined : this.passedProvider(name);
  }

  /**
   * Whether a provider block's `default_tags` tag what it manages: not
   * without any, nor with empty ones (no tags); with tags not known
   * statically, they may.
   */
  private tagsByDefault(provider: Block): boolean {
    const written = defaultTagsWritten(provider);
    const { default_tags: defaultTags } = this.evaluator.apart(() =>
      this.evaluator.body(written, provider.line),
    );
    // `.tf.json` may write the block as an object; dynamic blocks over a collection not known give an Unknown.
    return asList(defaultTags).some(settings => {
      const tags = isMap(settings) ? settings.tags ?? {} : settings;
      return !isMap(tags) || Object.keys(tags).length > 0;
    });
  }

  /** Whether the default tags of the provider configuration a resource uses (`provider = aws.east`, else the default one) reach it. */
  private defaultTagsOf(item: Block): boolean {
    const name = awsConfigurationOf(item);
    // Another provider's configuration (a local name the module gives the AWS provider) is not known.
    return name === undefined || this.providerTags(name);
  }

  /**
   * The region of the provider configuration `name` (`aws`, `aws.west`),
   * where known statically: the `region` of the module's own block for it,
   * else (or where that block is a proxy) the one its caller passes. Not a
   * region the root module's variables give by default (whoever deploys
   * may set another), nor the environment's (a block without `region`),
   * nor one not known statically (`var.region`), which names none (see
   * placeTable).
   */
  private providerRegion(name: string): string | undefined {
    if (this.regionsOfProviders.has(name))
      return this.regionsOfProviders.get(name);
    const [type, alias] = name.split('.');
    const block = this.providerBlocks.find(
      ({ item }) =>
        item.labels[0] === type &&
        aliasOf(item) === alias &&
        !(this.passedProviderRegion && isProxy(item)),
    );
    let region: string | undefined;
    if (block) {
      const written = block.item.body.attributes.find(
        attribute => attribute.name === 'region',
      );
      const readsBefore = this.stack.defaultReads;
      const value =
        written &&
        this.readingIn(block.file, () =>
          this.evaluator.apart(() =>
            this.evaluator.expression(written.expression),
          ),
        );
      // Read apart from the stack: what it read of defaults is not the stack's.
      if (this.stack.defaultReads !== readsBefore)
        this.stack.defaultReads = readsBefore;
      else if (typeof value === 'string') region = value;
    } else region = this.passedProviderRegion?.(name);
    this.regionsOfProviders.set(name, region);
    return region;
  }

  /** The region of the provider configuration a resource uses (see {@link providerRegion}); not known for another provider's. */
  private providerRegionOf(item: Block): string | undefined {
    const name = awsConfigurationOf(item);
    return name === undefined ? undefined : this.providerRegion(name);
  }

  private fileLines(file: string): string[] {
    return this.files.find(parsed => parsed.path === file)?.lines ?? [];
  }

  /** The suppression comments on or above the override blocks merged into a block, each in its file. */
  private overrideSuppressions({
    overrideBlocks,
  }: Declared<Block>): InlineSuppression[] {
    return (overrideBlocks ?? []).flatMap(at =>
      commentSuppressions(this.fileLines(at.file), at.line, 'hcl').map(
        suppression => ({ ...suppression, file: at.file }),
      ),
    );
  }

  /** This module's resources and those of the local modules it calls, configured by their attachments. */
  load(): Resource[] {
    const { resources, attachments } = this.declared();
    // Applied once every module is loaded: a module may attach a policy to a role its caller passed in.
    for (const attachment of attachments)
      attach(resources, attachment, this.stack.writtenText);
    resolveRolesOfOtherFunctions(resources);
    tagReplicasTaggedApart(
      resources,
      resources
        .filter(resource => resource.type === 'aws_dynamodb_tag')
        .map(tag => tag.properties.resource_arn ?? null),
      new Map(
        attachments
          .filter(({ type }) => type === 'aws_dynamodb_table_replica')
          .map(replica => [
            replica.id,
            replica.arguments.global_table_arn ?? null,
          ]),
      ),
    );
    return withoutStagesDeclared(resources);
  }

  /**
   * A block's `count` and `for_each`, evaluated once and apart, as its file
   * reads them: a reference to one of its instances reads them too. Read
   * again, they read the defaults they read.
   */
  private countAndForEach(
    address: string,
    { file, item }: Declared<Block>,
  ): CountAndForEach {
    if (this.countsAndForEach.has(address)) {
      const known = this.countsAndForEach.get(address);
      // Terraform refuses a count or for_each that reads the block's own instances.
      if (!known)
        return {
          value: {
            count: new Unknown(`the count of ${address}, which reads itself`),
          },
          defaultReads: 0,
        };
      this.stack.defaultReads += known.defaultReads;
      return known;
    }
    this.countsAndForEach.set(address, undefined);
    const readsBefore = this.stack.defaultReads;
    const value: ValueMap = {};
    this.readingIn(file, () => {
      for (const attribute of item.body.attributes) {
        if (attribute.name === 'count' || attribute.name === 'for_each')
          value[attribute.name] = this.evaluator.expressionApart(
            attribute.expression,
          );
      }
    });
    let instances = this.stack.notExpanded.has(
      `${this.declarationPrefix}${address}`,
    )
      ? undefined
      : instancesOf(value);
    if (instances && instances.length > this.stack.instancesLeft)
      instances = undefined;
    if (instances) this.stack.instancesLeft -= instances.length;
    const known: CountAndForEach = {
      value,
      defaultReads: this.stack.defaultReads - readsBefore,
      instances,
      keys: instances && {
        by: value.count === undefined ? 'for_each' : 'count',
        keys: instances.map(instance => instance.key),
      },
    };
    this.countsAndForEach.set(address, known);
    return known;
  }

  /**
   * What a resource block or a module call (`address` in the module, `by`
   * in the stack) deploys with its `count` or `for_each`: its copies (see
   * {@link copiesOf}), and its instances where they are known statically;
   * `none` when it deploys none: `none by default` when a variable's
   * default decided that (the stack built without defaults has them, and
   * the engine judges them there).
   */
  private expansionOf(
    address: string,
    declared: Declared<Block>,
    by: string,
  ): { copies?: Copies; instances?: Instance[] } | 'none' | 'none by default' {
    const readsBefore = this.stack.defaultReads;
    const { value, instances } = this.countAndForEach(address, declared);
    const copies = copiesOf(value, by);
    if (copies?.count !== 0) return { copies, instances };
    if (this.stack.defaultReads === readsBefore) return 'none';
    this.stack.defaultsLeftOut = true;
    return 'none by default';
  }

  /**
   * A module call that makes no instance whatever the inputs: its resources
   * are never deployed, but the suppressions written on them are reviewed
   * (see {@link ResourceGraph.neverDeployed}). Reading them must not count
   * as reading the stack: what they read of defaults, and the modules they
   * could not expand, are not the stack's.
   */
  private reviewOnly(child: ModuleLoader): void {
    const { defaultReads, defaultsLeftOut, instancesLeft } = this.stack;
    const [skipped, generated] = [
      this.stack.skipped.length,
      this.stack.generated.count,
    ];
    for (const resource of child.declared().resources) {
      if (resource.suppressions.length > 0)
        this.stack.neverDeployed.push(resource);
    }
    Object.assign(this.stack, { defaultReads, defaultsLeftOut, instancesLeft });
    this.stack.generated.count = generated;
    this.stack.skipped.length = skipped;
  }

  /**
   * For a resource block of a modelled registry module made by another of
   * its resources (see MadeBy), that resource among those of this module
   * already `declared` (the model declares it first), and the input that
   * makes the block's: its one instance (the function's `count` is 0 or 1),
   * or its declaration not expanded.
   */
  private madeBy(
    item: Block,
    declared: readonly Resource[],
  ): { by: string; input: string } | undefined {
    const made = madeByOf(item);
    if (!made) return undefined;
    const address = `${this.prefix}${made.by}`;
    const makers = declared.filter(
      resource =>
        resource.id === address || resource.id.startsWith(`${address}[`),
    );
    return makers.length === 1
      ? { by: makers[0].id, input: made.input }
      : undefined;
  }

  /** This module's resources and those of the local modules it calls, with the attachments that configure them. */
  private declared(): { resources: Resource[]; attachments: Attachment[] } {
    const resources: Resource[] = [];
    const attachments: Attachment[] = [];
    const outer = this.readingFile;
    try {
      for (const [address, declared] of this.resourceBlocks) {
        const { file, item } = declared;
        this.readingFile = file;
        const type = item.labels[0];
        const id = `${this.prefix}${address}`;
        // In an instance of a module call, its resources are instances too: of what the module declares.
        const declaration = `${this.declarationPrefix}${address}`;
        const inModuleInstance = declaration !== id;
        const expansion = this.expansionOf(address, declared, id);
        // A modelled module's resource is placed at its call: set by the call's inputs, suppressed by comments on the call.
        const placed = placedByModel(item);
        const suppressions = [
          ...commentSuppressions(this.fileLines(file), item.line, 'hcl'),
          ...(placed
            ? this.inputs?.overrideSuppressions ?? []
            : this.overrideSuppressions(declared)),
          ...(this.inputs?.callSuppressions ?? []),
        ];
        if (expansion === 'none') {
          if (suppressions.length > 0) {
            this.stack.neverDeployed.push({
              id,
              type,
              properties: {},
              file,
              line: item.line,
              sourceType: type,
              suppressions,
              ...(inModuleInstance ? { instanceOf: declaration } : {}),
            });
          }
          continue;
        }
        if (expansion === 'none by default') continue;
        // A modelled module's attachment sets values of the module's resources, which hold the call's comments already.
        const onAttachment =
          ATTACHMENT_TYPES.has(type) && !placed ? suppressions : [];
        const block = { file, first: item.line, last: item.lastLine };
        // Reviewed on the attachment itself, also where it sets values of no resource of the stack.
        if (onAttachment.length > 0)
          this.stack.neverDeployed.push({
            id: declaration,
            type,
            properties: {},
            file,
            line: item.line,
            sourceType: type,
            suppressions: attachmentSuppressions(onAttachment, {
              id: declaration,
              type,
              lines: block,
            }),
          });
        const defaultTags = this.defaultTagsOf(item);
        // Where a table and a table's replica are, where their `region` does not say.
        const region = REGIONAL_TYPES.has(type)
          ? this.providerRegionOf(item)
          : undefined;
        // Each instance is read with its own `count.index` or `each`; a declaration not expanded, once, as all its copies.
        const instances = expansion.instances ?? [undefined];
        const made = this.madeBy(item, resources);
        for (const instance of instances) {
          const argumentsMap = this.evaluator.apart(
            () => this.evaluator.body(item.body, item.line),
            instance?.names,
          );
          if (ATTACHMENT_TYPES.has(type)) {
            attachments.push({
              id: instance ? `${id}${instanceSuffix(instance.key)}` : id,
              block: id,
              type,
              arguments: argumentsMap,
              file,
              line: item.line,
              defaultTags,
              region,
              // Each instance's values may be written on other lines (a local's entry for its `count.index`).
              suppressions: attachmentSuppressions(onAttachment, {
                id: declaration,
                type,
                lines: block,
                arguments: argumentsMap,
              }),
            });
            continue;
          }
          const translated = translate(
            type,
            argumentsMap,
            item.line,
            this.stack.writtenText,
          );
          const resource: Resource = {
            id: instance ? `${id}${instanceSuffix(instance.key)}` : id,
            type: translated?.type ?? type,
            properties: translated?.properties ?? argumentsMap,
            file,
            line: item.line,
            sourceType: type,
            ...(translated && { tagsProperty: translated.tagsProperty }),
            suppressions,
            defaultTags,
            ...(instance || inModuleInstance
              ? { instanceOf: declaration }
              : {}),
            ...(!instance && expansion.copies
              ? { copies: [expansion.copies] }
              : {}),
            ...(made && {
              generatedBy: made.by,
              origin: instance
                ? `${made.input} ${JSON.stringify(instance.key)}`
                : made.input,
            }),
          };
          if (type === 'aws_dynamodb_table') placeTable(resource, region);
          resources.push(resource);
          if (typeof instance?.key === 'number' && instances.length === 1)
            loneCountInstances.set(resource, id);
          const inputs = moduleInputNames(item, argumentsMap);
          if (inputs) moduleInputs.set(resource, inputs);
          const overridden = placed
            ? this.inputs?.overridden
            : declared.overridden;
          const writtenElsewhere =
            overridden && propertiesOverridden(resource, overridden);
          if (writtenElsewhere) resource.writtenElsewhere = writtenElsewhere;
          const stage =
            type === 'aws_apigatewayv2_api'
              ? quickCreateStage(resource, argumentsMap)
              : undefined;
          if (stage) resources.push(stage);
        }
      }
      for (const [name, declared] of this.moduleBlocks) {
        const { file, item } = declared;
        this.readingFile = file;
        const expansion = this.expansionOf(
          `module.${name}`,
          declared,
          `${this.prefix}module.${name}`,
        );
        const instances =
          typeof expansion === 'string' ? undefined : expansion.instances;
        // One module per instance where they are known statically; else one that stands for its copies.
        const children = (instances ?? [undefined]).map(instance =>
          this.child(name, instance),
        );
        if (children.includes(undefined)) {
          const source = item.body.attributes.find(a => a.name === 'source');
          const written = source ? sourceText(source) : '(no source)';
          const reason = `module "${name}" (source ${written}) is not scanned: only local modules found in the scanned tree are expanded, and the registry modules the scanner models (${MODELLED_MODULE_NAMES.join(
            ', ',
          )})`;
          // Said once for every instance of a module that calls it.
          if (
            !this.stack.skipped.some(
              entry => entry.path === file && entry.reason === reason,
            )
          )
            this.stack.skipped.push({ path: file, reason });
          continue;
        }
        if (expansion === 'none') this.reviewOnly(children[0]!);
        if (expansion === 'none' || expansion === 'none by default') continue;
        for (const child of children) {
          const loaded = child!.declared();
          if (!instances && expansion.copies)
            for (const resource of loaded.resources)
              resource.copies = [...(resource.copies ?? []), expansion.copies];
          resources.push(...loaded.resources);
          attachments.push(...loaded.attachments);
        }
      }
      return { resources, attachments };
    } finally {
      this.readingFile = outer;
    }
  }
}

/** The `default_tags` a provider block writes: as an argument, as blocks, as dynamic blocks. */
function defaultTagsWritten(provider: Block): Body {
  return {
    attributes: provider.body.attributes.filter(
      attribute => attribute.name === 'default_tags',
    ),
    blocks: provider.body.blocks.filter(
      block =>
        (block.type === 'dynamic' ? block.labels[0] : block.type) ===
        'default_tags',
    ),
  };
}

/**
 * Whether a provider block holds nothing but its `alias`, if any: in a
 * module, Terraform's proxy configuration, which stands for the
 * configuration the module's call passes in.
 */
function isProxy(provider: Block): boolean {
  return (
    provider.body.blocks.length === 0 &&
    provider.body.attributes.every(attribute => attribute.name === 'alias')
  );
}

/** A provider configuration's name written as text: its local name, and its alias after a dot. */
const CONFIGURATION_NAME = /^[\w-]+(\.[\w-]+)?$/;

/** `text` where it names a provider configuration (see {@link CONFIGURATION_NAME}); undefined for an instance of one (`aws.by_region[each.key]`) or any other text. */
function configurationNamed(text: unknown): string | undefined {
  return typeof text === 'string' && CONFIGURATION_NAME.test(text)
    ? text
    : undefined;
}

/**
 * The AWS provider configuration a block uses (`aws.east` for `provider =
 * aws.east`, else `aws`); undefined for another provider's (a local name
 * the module gives the AWS provider) or one not read.
 */
function awsConfigurationOf(item: Block): string | undefined {
  const argument = item.body.attributes.find(a => a.name === 'provider');
  const name = argument ? providerConfiguration(argument.expression) : 'aws';
  return name === 'aws' || name?.startsWith('aws.') ? name : undefined;
}

/**
 * The provider configuration an argument names (`aws`, `aws.east`, the
 * quoted `"aws.east"` of older versions, a `providers` key); undefined for
 * an expression of another kind.
 */
function providerConfiguration(expression: Expression): string | undefined {
  if (expression.kind === 'variable') return expression.name;
  if (expression.kind === 'literal')
    return configurationNamed(expression.value);
  if (
    expression.kind === 'traversal' &&
    expression.source.kind === 'variable' &&
    expression.steps.length === 1
  ) {
    const [step] = expression.steps;
    return step.kind === 'attribute'
      ? `${expression.source.name}.${step.name}`
      : undefined;
  }
  return configurationNamed(plainText(expression));
}

/**
 * The provider configurations a module call passes (`providers = { aws =
 * aws.east }`): for each name the module gives one, the caller's, or
 * undefined where it is not read (`aws.by_region[each.key]`, an instance of
 * OpenTofu's provider `for_each`: which one is not known). Undefined without
 * the argument; an entry whose name in the module is not read is left out.
 */
function providersPassed(
  call: Block,
): Map<string, string | undefined> | undefined {
  const argument = call.body.attributes.find(
    attribute => attribute.name === 'providers',
  );
  if (!argument) return undefined;
  const passed = new Map<string, string | undefined>();
  const { expression } = argument;
  if (expression.kind === 'object') {
    for (const { key, value } of expression.items) {
      const inner = providerConfiguration(key);
      if (inner !== undefined) passed.set(inner, providerConfiguration(value));
    }
  } else if (
    expression.kind === 'json' &&
    expression.value !== null &&
    typeof expression.value === 'object'
  ) {
    for (const [inner, outer] of Object.entries(expression.value))
      passed.set(inner, configurationNamed(outer));
  }
  return passed;
}

/**
 * The stack's resources without the `$default` stages quick create would
 * make for APIs the stack declares a stage of that name for (or of a name
 * not known statically): see {@link declaresDefaultStage}.
 */
function withoutStagesDeclared(resources: Resource[]): Resource[] {
  const declared = declaresDefaultStage(resources);
  return resources.filter(
    resource =>
      !(
        resource.origin === QUICK_CREATE &&
        resource.generatedBy !== undefined &&
        declared(resource.generatedBy)
      ),
  );
}

/**
 * The stage API Gateway makes for an HTTP API given a `target` (quick
 * create): `$default`, deploying every change, with no access logs and no
 * throttling, which the API's arguments cannot set. A target not known
 * statically may be null: no stage is proven then.
 */
function quickCreateStage(
  api: Resource,
  argumentsMap: ValueMap,
): Resource | undefined {
  const { target, protocol_type: protocolType } = argumentsMap;
  if (
    target === undefined ||
    target instanceof Unknown ||
    protocolType === 'WEBSOCKET'
  )
    return undefined;
  const properties: ValueMap = {
    ApiId: referenceTo(api.id, 'aws_apigatewayv2_api', 'id'),
    StageName: '$default',
    AutoDeploy: true,
  };
  recordLines(properties, api.line);
  return {
    id: `${api.id}.$default`,
    type: 'AWS::ApiGatewayV2::Stage',
    properties,
    file: api.file,
    line: api.line,
    sourceType: 'aws_apigatewayv2_stage',
    generatedBy: api.id,
    origin: QUICK_CREATE,
    suppressions: api.suppressions,
    // An instance's stage is an instance of the declaration's, as the API is of its own.
    ...(api.instanceOf !== undefined
      ? { instanceOf: `${api.instanceOf}.$default` }
      : {}),
    ...(api.copies ? { copies: api.copies } : {}),
  };
}

/** A resource that configures another one (a policy attachment, an event target). */
interface Attachment {
  /** Its address (`aws_s3_bucket_notification.uploads`, `module.a.aws_iam_role_policy_attachment.x[0]`). */
  id: string;
  /** The address of its block, without its own instance key (`module.a.aws_iam_role_policy_attachment.x`): where its arguments are written. */
  block: string;
  type: string;
  arguments: ValueMap;
  file: string;
  line: number;
  /** Whether the default tags of the provider configuration it uses reach what it makes (a table's replica). */
  defaultTags: boolean;
  /** The region of the provider configuration it uses, where known (a table's replica's, see providerRegion). */
  region?: string;
  /** The suppressions written on it, which each resource it sets values of holds (see attachmentSuppressions). */
  suppressions: readonly InlineSuppression[];
}

/** Whether a block has `count` or `for_each`: each of its instances may read another value. */
function hasInstances(block: Block): boolean {
  return block.body.attributes.some(
    argument => argument.name === 'count' || argument.name === 'for_each',
  );
}

/** The identities each policy attachment type names, by type: the arguments that name one, or lists of them. */
const ATTACHED_IDENTITIES = lookupTable<
  { type: string; argument: string; list: boolean }[]
>({
  aws_iam_role_policy_attachment: [
    { type: 'AWS::IAM::Role', argument: 'role', list: false },
  ],
  aws_iam_user_policy_attachment: [
    { type: 'AWS::IAM::User', argument: 'user', list: false },
  ],
  aws_iam_group_policy_attachment: [
    { type: 'AWS::IAM::Group', argument: 'group', list: false },
  ],
  aws_iam_policy_attachment: [
    { type: 'AWS::IAM::Role', argument: 'roles', list: true },
    { type: 'AWS::IAM::User', argument: 'users', list: true },
    { type: 'AWS::IAM::Group', argument: 'groups', list: true },
  ],
  // Each of their `policy_arns` is attached as an attachment's `policy_arn` is (detaching those not listed is not modelled).
  aws_iam_role_policy_attachments_exclusive: [
    { type: 'AWS::IAM::Role', argument: 'role_name', list: false },
  ],
  aws_iam_user_policy_attachments_exclusive: [
    { type: 'AWS::IAM::User', argument: 'user_name', list: false },
  ],
  aws_iam_group_policy_attachments_exclusive: [
    { type: 'AWS::IAM::Group', argument: 'group_name', list: false },
  ],
});

/** What an ARN invoked names: a function, or a version or alias of one. */
const INVOKED_TYPES: ReadonlySet<string> = new Set([
  FUNCTION_TYPE,
  ...FUNCTION_QUALIFIERS,
]);

/** Applies a resource that configures another one onto that resource's properties. */
function attach(
  resources: Resource[],
  attachment: Attachment,
  writtenText: WrittenText,
): void {
  const args = attachment.arguments;
  const find = (
    reference: Value | undefined,
    type: string | ReadonlySet<string>,
  ) => {
    const target =
      reference && typeof reference === 'object' && 'target' in reference
        ? (reference as { target: string }).target
        : undefined;
    return resources.find(
      r =>
        r.id === target &&
        (typeof type === 'string' ? r.type === type : type.has(r.type)),
    );
  };

  switch (attachment.type) {
    case 'aws_iam_role_policy_attachment':
    case 'aws_iam_user_policy_attachment':
    case 'aws_iam_group_policy_attachment':
    case 'aws_iam_policy_attachment':
    case 'aws_iam_role_policy_attachments_exclusive':
    case 'aws_iam_user_policy_attachments_exclusive':
    case 'aws_iam_group_policy_attachments_exclusive': {
      // Each policy attached, with the path of the argument that names it.
      const policies: { arn: Value; argumentPath: (string | number)[] }[] =
        args.policy_arns === undefined
          ? [
              {
                arn: args.policy_arn ?? new Unknown('policy_arn'),
                argumentPath: ['policy_arn'],
              },
            ]
          : asList(args.policy_arns).map((arn, index) => ({
              arn,
              argumentPath: ['policy_arns', index],
            }));
      for (const { type, argument, list } of ATTACHED_IDENTITIES[
        attachment.type
      ]!) {
        for (const name of list ? asList(args[argument]) : [args[argument]]) {
          const { identities, mayBe } = identitiesNamed(
            resources,
            type,
            name,
            find(name, type),
            false,
          );
          for (const identity of identities)
            for (const { arn, argumentPath } of policies)
              addItem(
                identity,
                'ManagedPolicyArns',
                arn,
                attachment,
                argumentPath,
              );
          // One the name may name: what it holds is not known.
          const notKnown = new Unknown(
            `policy attached to a ${
              IDENTITIES[type]!.kind
            } not known statically`,
          );
          for (const identity of mayBe)
            addItem(
              identity,
              'ManagedPolicyArns',
              notKnown,
              attachment,
              policies[0]?.argumentPath ?? ['policy_arns'],
            );
        }
      }
      break;
    }
    case 'aws_cloudwatch_event_target': {
      const rule = find(args.rule, 'AWS::Events::Rule');
      if (rule) addItem(rule, 'Targets', eventTarget(attachment), attachment);
      // A rule not of the stack (named, on a shared bus): EventBridge still invokes the function asynchronously.
      else
        invokedAsynchronously(
          find(args.arn, INVOKED_TYPES),
          attachment.id,
          'AWS::Events::Rule',
        );
      break;
    }
    case 'aws_s3_bucket_notification': {
      const bucket = find(args.bucket, 'AWS::S3::Bucket');
      if (bucket) {
        notifyBucket(bucket, attachment);
        break;
      }
      // A bucket not of the stack (a data source's, one named): S3 still invokes the functions asynchronously.
      for (const config of asList(args.lambda_function).filter(isMap))
        invokedAsynchronously(
          find(config.lambda_function_arn, INVOKED_TYPES),
          attachment.id,
          'AWS::S3::Bucket',
        );
      break;
    }
    case 'aws_sqs_queue_redrive_policy': {
      const queue = find(args.queue_url, 'AWS::SQS::Queue');
      if (queue && args.redrive_policy !== undefined)
        addProperty(
          queue,
          'RedrivePolicy',
          attachedDocument(attachment, 'redrive_policy', writtenText),
          attachment,
          'redrive_policy',
        );
      break;
    }
    case 'aws_kms_key_policy': {
      const key = find(args.key_id, 'AWS::KMS::Key');
      const policy =
        args.policy === undefined
          ? new Unknown('key policy')
          : attachedDocument(attachment, 'policy', writtenText);
      if (key) addProperty(key, 'KeyPolicy', policy, attachment, 'policy');
      // A key not known statically may be any key of the stack (a literal id is a key made elsewhere).
      else if (typeof args.key_id !== 'string') {
        for (const k of resources.filter(r => r.type === 'AWS::KMS::Key'))
          addProperty(
            k,
            'KeyPolicy',
            new Unknown('policy of an unknown key'),
            attachment,
          );
      }
      break;
    }
    case 'aws_dynamodb_table_replica': {
      // A replica of a table not of the stack is not judged.
      const table = tableOfArn(
        args.global_table_arn,
        resources.filter(resource => REPLICATED_TABLE_TYPES.has(resource.type)),
      );
      if (!table) break;
      const sameFile = attachment.file === table.file;
      const replica = replicaDeclaredApart(args, attachment.line, attachment);
      addReplica(
        table,
        sameFile ? replica : (withoutLines(replica) as ValueMap),
        sameFile ? attachment.line : table.line,
        attachment.block,
      );
      holdAttachmentSuppressions(table, attachment.suppressions);
      break;
    }
    case 'aws_s3_bucket_server_side_encryption_configuration': {
      const bucket = find(args.bucket, 'AWS::S3::Bucket');
      if (bucket)
        addProperty(
          bucket,
          'BucketEncryption',
          bucketEncryption(attachment),
          attachment,
        );
      break;
    }
    default:
  }
}

/**
 * The JSON document an attachment's argument holds, read as a resource's
 * own argument is: with the lines its jsonencode or heredoc writes.
 */
function attachedDocument(
  attachment: Attachment,
  argument: string,
  writtenText: WrittenText,
): Value {
  const read = new PropertyBuilder(
    attachment.arguments,
    attachment.line,
    writtenText,
  )
    .copy(argument, argument, policyDocument)
    .build();
  return read[argument];
}

/**
 * Records that `caller`, which configures no resource of the stack, invokes `fn` (a function, or a version or alias
 * of one) asynchronously (see Resource.callersElsewhere).
 */
function invokedAsynchronously(
  fn: Resource | undefined,
  caller: string,
  type: string,
): void {
  if (fn)
    fn.callersElsewhere = [
      ...(fn.callersElsewhere ?? []),
      { id: caller, type, kind: 'async' },
    ];
}

/** The target an `aws_cloudwatch_event_target` gives its rule, each value at the line of its argument. */
function eventTarget(attachment: Attachment): ValueMap {
  const args = attachment.arguments;
  const target = new PropertyBuilder(args, attachment.line).set(
    'Arn',
    args.arn ?? null,
    lineOfArgument(attachment, 'arn'),
  );
  target.set(
    'Id',
    args.target_id ?? null,
    lineOfArgument(attachment, 'target_id'),
  );
  const deadLetter = asList(args.dead_letter_config).find(isMap);
  if (deadLetter) {
    const line =
      lineOfNode(deadLetter) ??
      lineOfArgument(attachment, 'dead_letter_config');
    target.set(
      'DeadLetterConfig',
      new PropertyBuilder(deadLetter, line)
        .set(
          'Arn',
          deadLetter.arn ?? null,
          lineOfPath(deadLetter, ['arn'], line),
        )
        .build(),
      line,
    );
  }
  return target.build();
}

/** The functions an `aws_s3_bucket_notification` gives its bucket, each at the line of its `lambda_function` block. */
function notificationConfiguration(attachment: Attachment): ValueMap {
  const blocks = asList(attachment.arguments.lambda_function).filter(isMap);
  const lambdas = blocks.map(block => {
    const config = new PropertyBuilder(
      block,
      lineOfNode(block) ?? lineOfArgument(attachment, 'lambda_function'),
    );
    return config
      .set(
        'Function',
        block.lambda_function_arn ?? null,
        config.lineOf('lambda_function_arn'),
      )
      .set('Event', block.events ?? null, config.lineOf('events'))
      .build();
  });
  return new PropertyBuilder(attachment.arguments, attachment.line)
    .set(
      'LambdaConfigurations',
      lambdas,
      lineOfArgument(attachment, 'lambda_function'),
    )
    .build();
}

/**
 * Gives a bucket the functions an `aws_s3_bucket_notification` has S3
 * notify. Each such resource sets the bucket's whole notification
 * configuration, and Terraform applies two on one bucket in no set order:
 * either may be the one deployed last. The functions of all are kept, at
 * the first's line (as the Pulumi adapter keeps those of a declared
 * notification and of subscriptions), so that no rule reports a function
 * the bucket may notify as notified by none.
 */
function notifyBucket(bucket: Resource, attachment: Attachment): void {
  const configuration = notificationConfiguration(attachment);
  const earlier = bucket.properties.NotificationConfiguration;
  if (!isMap(earlier)) {
    addProperty(bucket, 'NotificationConfiguration', configuration, attachment);
    return;
  }
  holdAttachmentSuppressions(bucket, attachment.suppressions);
  // Each function keeps its own line, or the bucket's when written in another file than the bucket.
  const sameFile = attachment.file === bucket.file;
  const line = lineOfPath(
    bucket.properties,
    ['NotificationConfiguration', 'LambdaConfigurations'],
    bucket.line,
  );
  const kept = asList(earlier.LambdaConfigurations);
  const added = asList(configuration.LambdaConfigurations);
  const list = [...kept, ...(sameFile ? added : added.map(withoutLines))];
  recordLines(list, line, {
    items: [
      ...kept.map((_, index) =>
        lineOfPath(earlier, ['LambdaConfigurations', index], line),
      ),
      ...added.map((_, index) =>
        sameFile
          ? lineOfPath(
              configuration,
              ['LambdaConfigurations', index],
              attachment.line,
            )
          : bucket.line,
      ),
    ],
  });
  setEntry(earlier, 'LambdaConfigurations', list);
}

/** The encryption an `aws_s3_bucket_server_side_encryption_configuration` gives its bucket, each value at the line of its argument. */
function bucketEncryption(attachment: Attachment): ValueMap {
  const blocks = asList(attachment.arguments.rule).filter(isMap);
  const rules = blocks.map(block => {
    const rule = new PropertyBuilder(
      block,
      lineOfNode(block) ?? lineOfArgument(attachment, 'rule'),
    );
    const byDefault = asList(
      block.apply_server_side_encryption_by_default,
    ).find(isMap);
    if (byDefault) {
      const line =
        lineOfNode(byDefault) ??
        rule.lineOf('apply_server_side_encryption_by_default');
      const encryption = new PropertyBuilder(byDefault, line).set(
        'SSEAlgorithm',
        byDefault.sse_algorithm ?? null,
        lineOfPath(byDefault, ['sse_algorithm'], line),
      );
      rule.set(
        'ServerSideEncryptionByDefault',
        encryption.copy('kms_master_key_id', 'KMSMasterKeyID').build(),
        line,
      );
    }
    return rule.copy('bucket_key_enabled', 'BucketKeyEnabled').build();
  });
  return new PropertyBuilder(attachment.arguments, attachment.line)
    .set(
      'ServerSideEncryptionConfiguration',
      rules,
      lineOfArgument(attachment, 'rule'),
    )
    .build();
}

/** The stack of a root module in `dir`, whose graph is named after `file`. */
function rootStack(
  dir: string,
  file: string,
  directories: Map<string, ParsedFile[]>,
  variableFiles: ParsedFile[],
  readFile: ReadCompanionFile | undefined,
  defaults: StackContext['defaults'],
  notExpanded: ReadonlySet<string> = new Set(),
  reading = 1,
): {
  graph: ResourceGraph;
  skipped: { path: string; reason: string }[];
  notExpanded: ReadonlySet<string>;
} {
  const module = new ModuleLoader(
    dir,
    '',
    '',
    undefined,
    undefined,
    undefined,
    undefined,
    0,
    {
      directories,
      rootDir: dir,
      settings: variableSettings(variableFiles),
      skipped: [],
      writtenText: new WrittenText(),
      readFile,
      defaults,
      defaultReads: 0,
      defaultsLeftOut: false,
      neverDeployed: [],
      instancesLeft: MAX_STACK_INSTANCES,
      generated: { count: 0 },
      notExpanded,
      readWithKeyNotKnown: new Set(),
    },
  );
  const resources = module.load();
  const outputs = module.outputs();
  // Read before what the stack read of defaults decides whether it is read again without them.
  const hasDefaultTags = module.hasDefaultTags();
  // Which instance a key not known reads is not known: read again with such blocks as one declaration each,
  // as their copies (an attachment to `aws_iam_role.r[var.k]` is then one to r), until none is left.
  const more = [...module.stack.readWithKeyNotKnown].filter(
    address => !notExpanded.has(address),
  );
  if (more.length > 0 && reading < MAX_READINGS) {
    return rootStack(
      dir,
      file,
      directories,
      variableFiles,
      readFile,
      defaults,
      new Set([...notExpanded, ...more]),
      reading + 1,
    );
  }
  const { skipped } = module.stack;
  if (more.length > 0)
    skipped.push({
      path: file,
      reason: `some instances are read with keys not known statically after ${MAX_READINGS} readings of the stack: what those references name is not known`,
    });
  // The stack without defaults has more keys not known: both read the blocks they name as one declaration, so that
  // what stands for an instance in one stands for it in the other (see counterpart in evaluateGraph).
  let withoutDefaults: ReturnType<typeof rootStack> | undefined;
  if (defaults === 'read' && module.stack.defaultReads > 0) {
    withoutDefaults = rootStack(
      dir,
      file,
      directories,
      variableFiles,
      readFile,
      'not known',
      notExpanded,
    );
    const unknownWithout = [...withoutDefaults.notExpanded].filter(
      address => !notExpanded.has(address),
    );
    if (unknownWithout.length > 0 && reading < MAX_READINGS) {
      return rootStack(
        dir,
        file,
        directories,
        variableFiles,
        readFile,
        defaults,
        withoutDefaults.notExpanded,
        reading + 1,
      );
    }
  }
  const graph = new ResourceGraph({
    file,
    format: 'terraform',
    resources,
    outputs,
    hasDefaultTags,
    writtenText: module.stack.writtenText,
    propertySpelling: writtenAsTerraform,
    instanceNaming,
    neverDeployed: module.stack.neverDeployed,
    // Terraform's evaluation does not say where a default went (a count, a local, an attachment): any finding may rest on it.
    ...(module.stack.defaultReads > 0
      ? {
          defaults: {
            decided: true,
            leftOutResources: module.stack.defaultsLeftOut,
            withoutDefaults: () =>
              (
                withoutDefaults ??
                rootStack(
                  dir,
                  file,
                  directories,
                  variableFiles,
                  readFile,
                  'not known',
                  notExpanded,
                )
              ).graph,
          },
        }
      : {}),
  });
  return { graph, skipped, notExpanded };
}

/**
 * Sets a property an attachment gives a built resource, keeping the lines
 * of the others: at the line of the attachment's `argument` that holds it
 * (where a registry module's call writes it), else of the attachment. An
 * attachment written in another file than the resource points at the
 * resource: a finding names the resource's file.
 */
function addProperty(
  resource: Resource,
  key: string,
  value: Value,
  attachment: Attachment,
  argument?: string,
): void {
  holdAttachmentSuppressions(resource, attachment.suppressions);
  const sameFile = attachment.file === resource.file;
  setProperty(
    resource,
    key,
    sameFile ? value : withoutLines(value),
    sameFile ? lineOfArgument(attachment, argument) : resource.line,
  );
}

/**
 * Adds an item an attachment gives a list of a built resource (a managed
 * policy of a role, a target of a rule) at the line of its `argument`,
 * else of the attachment, or of the resource for an attachment written in
 * another file; the items already there keep theirs.
 */
function addItem(
  resource: Resource,
  key: string,
  item: Value,
  attachment: Attachment,
  argument?: string | (string | number)[],
): void {
  holdAttachmentSuppressions(resource, attachment.suppressions);
  const sameFile = attachment.file === resource.file;
  const line = sameFile ? lineOfArgument(attachment, argument) : resource.line;
  const items = asList(resource.properties[key]);
  const list = [...items, sameFile ? item : withoutLines(item)];
  recordLines(list, line, {
    items: [
      ...items.map((_, index) =>
        lineOfPath(resource.properties, [key, index], resource.line),
      ),
      line,
    ],
  });
  setProperty(resource, key, list, line);
}

/** Sets a property of a built resource at `line`, keeping the lines of the others. */
function setProperty(
  resource: Resource,
  key: string,
  value: Value,
  line: number,
): void {
  const keys: Record<string, number> = {};
  for (const existing of Object.keys(resource.properties))
    keys[existing] = lineOfPath(resource.properties, [existing], resource.line);
  setEntry(resource.properties, key, value);
  keys[key] = line;
  recordLines(resource.properties, resource.line, { keys });
}

/** The line of an attachment's argument (or of an item of it: a path), or of the attachment when there is none. */
function lineOfArgument(
  attachment: Attachment,
  argument: string | (string | number)[] | undefined,
): number {
  if (argument === undefined) return attachment.line;
  return lineOfPath(
    attachment.arguments,
    typeof argument === 'string' ? [argument] : argument,
    attachment.line,
  );
}

export const terraformAdapter: Adapter = {
  ...terraformClaim,

  load(files: SourceFile[], readFile?: ReadCompanionFile): LoadResult {
    return runSteps(loadTerraform(files, readFile));
  },

  loadInSteps: loadTerraform,
};

/** Parses every file, then builds each root module's stack, pausing after each. */
function* loadTerraform(
  files: SourceFile[],
  readFile?: ReadCompanionFile,
): Steps<LoadResult> {
  const graphs: ResourceGraph[] = [];
  const errors: LoadError[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const directories = new Map<string, ParsedFile[]>();
  const variableFiles = new Map<string, ParsedFile[]>();
  const ownFolders = new Map<string, string>();
  for (const file of files) {
    const parsed = parseFile(file);
    errors.push(
      ...parsed.errors.map(error => ({
        ...error,
        file: file.path,
        format: 'terraform' as const,
      })),
    );
    const dir = path.posix.dirname(file.path);
    // Any file of the folder tells: one named by hand may be read without it.
    if (file.ownFolder) ownFolders.set(dir, file.ownFolder);
    const group = VARIABLES_FILE.test(file.path) ? variableFiles : directories;
    addToList(group, dir, parsed);
    yield;
  }
  const declarations = new Map(
    [...directories].map(([dir, parsedFiles]) => [
      dir,
      declarationsOf(parsedFiles),
    ]),
  );
  for (const unmatched of [...declarations.values()].flatMap(
    declared => declared.unmatched,
  )) {
    skipped.push({ path: unmatched.file, reason: unmatchedReason(unmatched) });
  }
  const roles = moduleRoles(
    moduleCalls(declarations),
    dir => ownFolders.get(dir) ?? dir,
  );
  const { roots, onlyCalledInCycles } = roles;
  // A path a module is not read under (see ModuleRoles.notRead) reports nothing: not its files, nor their errors.
  const notRead = new Set(roles.notRead);
  const readHere = ({ path: file }: { path: string }) =>
    !notRead.has(path.posix.dirname(file));
  for (const dir of onlyCalledInCycles) {
    for (const file of directories.get(dir)!) {
      skipped.push({
        path: file.path,
        reason:
          'a local module that only a cycle of modules calls (Terraform refuses module cycles)',
      });
    }
  }
  const resourcesPerFile = new Map<string, number>();
  // A local module is scanned as part of the stacks that call it, with their inputs.
  for (const dir of roots) {
    const parsedFiles = directories.get(dir)!;
    const file =
      parsedFiles.find(f => path.posix.basename(f.path) === 'main.tf') ??
      parsedFiles[0];
    const { graph, skipped: notScanned } = rootStack(
      dir,
      file.path,
      directories,
      variableFiles.get(dir) ?? [],
      readFile,
      'read',
    );
    for (const resource of graph.resources)
      resourcesPerFile.set(
        resource.file,
        (resourcesPerFile.get(resource.file) ?? 0) + 1,
      );
    skipped.push(...notScanned);
    graphs.push(graph);
    yield;
  }
  const scanned = files.filter(readHere).map(file => ({
    path: file.path,
    format: 'terraform' as const,
    resources: resourcesPerFile.get(file.path) ?? 0,
  }));
  return {
    graphs,
    errors: errors.filter(error => readHere({ path: error.file })),
    files: scanned,
    skipped: skipped.filter(readHere),
  };
}

/** How an instance is written after its block's address: `[0]`, `["orders"]`; nothing for a declaration not expanded. */
function instanceSuffix(key: string | number | undefined): string {
  return key === undefined ? '' : `[${JSON.stringify(key)}]`;
}

/**
 * The instances a resource's `count` or `for_each` makes, where it is
 * known statically and makes at most {@link MAX_INSTANCES}: `count`
 * names each one's index, `each` its key and value (a `for_each` set's
 * items are both; Terraform orders instances by key). Undefined otherwise:
 * the block is judged as one declaration, whose `count.index` and `each`
 * are not known.
 */
function instancesOf(argumentsMap: ValueMap): Instance[] | undefined {
  const { count, for_each: forEach } = argumentsMap;
  if (count !== undefined) {
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 0 ||
      count > MAX_INSTANCES
    )
      return undefined;
    return Array.from({ length: count }, (_, index) => ({
      key: index,
      names: { count: { index } },
    }));
  }
  let entries: [string, Value][];
  // Terraform takes a set of strings or a map (toset() leaves a list of strings as it is here).
  if (Array.isArray(forEach) && forEach.every(item => typeof item === 'string'))
    entries = [...new Set(forEach as string[])].map(item => [item, item]);
  else if (isMap(forEach)) entries = Object.entries(forEach);
  else return undefined;
  if (entries.length > MAX_INSTANCES) return undefined;
  return entries
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, value]) => ({ key, names: { each: { key, value } } }));
}

/**
 * The copies a block's `count` or `for_each` makes; undefined without
 * either. A `for_each` set makes one per distinct item: with an item not
 * known, there may be duplicates, and how many is not known.
 */
function copiesOf(argumentsMap: ValueMap, by: string): Copies | undefined {
  const { count, for_each: forEach } = argumentsMap;
  if (count !== undefined)
    return typeof count === 'number' ? { by, count } : { by };
  if (forEach === undefined) return undefined;
  if (Array.isArray(forEach)) {
    const known = forEach.every(
      item => typeof item === 'string' || typeof item === 'number',
    );
    return known ? { by, count: new Set(forEach.map(String)).size } : { by };
  }
  return isMap(forEach) ? { by, count: Object.keys(forEach).length } : { by };
}
