/**
 * Pulumi programs in TypeScript or JavaScript: a folder with a `Pulumi.yaml`
 * whose runtime is nodejs, its main module and the local modules it imports;
 * and Pulumi YAML programs (runtime yaml: `Main.yaml` or `Pulumi.yaml`).
 * The program is read statically (see ./interpreter, ./yamlProgram); each
 * project is one resource graph.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  lineOfNode,
  lineOfPath,
  recordLines,
  withoutLines,
} from '../../graph/locations';
import {
  InlineSuppression,
  PropertySpelling,
  Resource,
  ResourceGraph,
  ResourceGraphInit,
  StackOutput,
} from '../../graph/ResourceGraph';
import {
  Ref,
  Unknown,
  Value,
  ValueMap,
  asList,
  isMap,
  setEntry,
} from '../../graph/values';
import { DocumentParseError, parseYaml } from '../../documents/parseYaml';
import {
  Adapter,
  LoadError,
  LoadResult,
  ReadCompanionFile,
  ReportPath,
  SourceFile,
} from '../types';
import {
  PROGRAM_FILE,
  ProgramFiles,
  notModelledField,
  withoutLinkedPrograms,
} from '../programFiles';
import { Steps, runSteps } from '../../support/steps';
import {
  ANY_ITEM,
  Interpreter,
  JsValue,
  ProgramHost,
  ResourceCall,
  ResourceHandle,
  WayNumbers,
  WayStep,
  isPlainObject,
  mayHandOnProviderTags,
  resourceHandlesIn,
  toGraphValue,
  valuesHandedOn,
} from './interpreter';
import {
  RESOURCE_TYPES,
  asGlobalTable,
  convertMap,
  pulumiPropertyName,
  replicaDeclaredApart,
} from './resourceTypes';
import {
  JsonText,
  WrittenAt,
  documentWrittenAt,
  readJsonDocument,
} from './documents';
import {
  SettingsPlace,
  oneSource,
  settingIn,
  subscribe,
  subscriptionFunction,
  subscriptionMethod,
  subscriptionMethodOfUnknown,
} from './eventSubscriptions';
import { suppressionsAt } from '../cloudformation/suppressions';
import { providerType } from '../terraform/resources';
import { lookupTable } from '../../support/lookupTable';
import { identitiesNamed } from '../identityNames';
import { QUICK_CREATE, declaresDefaultStage } from '../quickCreateStages';
import { tagReplicasTaggedApart } from '../replicaTags';
import { resolveRolesOfOtherFunctions } from '../functionRoles';
import {
  attachmentSuppressions,
  holdAttachmentSuppressions,
} from '../attachmentSuppressions';
import {
  REPLICATED_TABLE_TYPES,
  ReplicaSpelling,
  addReplica,
  placeTable,
  replicaPathWritten,
  tableOfArn,
} from '../globalTables';
import { awsPulumiType, refusedNames, runYamlProgram } from './yamlProgram';
import { callbackFunctionRuntime } from './callbackRuntime';
import { installedRange } from '../packageManifest';
import { folderOf } from '../../support/paths';
import {
  PROJECT_FILE,
  STACK_FILE,
  YAML_PROGRAM_FILE,
  pulumiClaim,
} from './claim';

const MAIN_CANDIDATES = ['index.ts', 'index.js', 'main.ts', 'main.js'];
/** `new pulumi.Config(`, `new Config(`: a program that reads its configuration. */
const CONFIG_MADE = /\bnew\s+(?:[\w$]+\.)*Config\s*\(/;
/** Pulumi's transformations of every resource of the stack, which may set any property (tags). */
const STACK_TRANSFORMS =
  /\bregister(?:StackTransformation|StackTransform|ResourceTransform)\s*\(/;
const AWS_PACKAGE = 'aws.';

/** How a `dynamodb.Table` and its `replicas` and `dynamodb.TableReplica`s write its replicas' properties. */
const REPLICAS_WRITTEN: ReplicaSpelling = {
  table: property => pulumiPropertyName('dynamodb.Table', property),
  item: index => `replicas[${index}]`,
  itemArguments: {
    Region: 'regionName',
    PointInTimeRecoverySpecification: 'pointInTimeRecovery',
    SSESpecification: 'kmsKeyArn',
    DeletionProtectionEnabled: 'deletionProtectionEnabled',
  },
  apartArguments: {
    Region: 'region',
    PointInTimeRecoverySpecification: 'pointInTimeRecovery',
    SSESpecification: 'kmsKeyArn',
    DeletionProtectionEnabled: 'deletionProtectionEnabled',
    Tags: 'tags',
  },
};

/**
 * Properties named in messages as the resource's Pulumi class writes them
 * (a global table's replicas, as what sets each: see replicaPathWritten).
 */
const writtenAsPulumi: PropertySpelling = (resource, property) => {
  const type = resource.sourceType?.startsWith(AWS_PACKAGE)
    ? resource.sourceType.slice(AWS_PACKAGE.length)
    : resource.sourceType && awsPulumiType(resource.sourceType);
  if (!type) return property;
  return (
    replicaPathWritten(resource, property, REPLICAS_WRITTEN) ??
    pulumiPropertyName(type, property)
  );
};

/** As {@link writtenAsPulumi}, with where the author sets them for the resources of a subscription that the call cannot set. */
function spelledWithPlaces(
  places: ReadonlyMap<string, SettingsPlace>,
): PropertySpelling {
  return (resource, property) => {
    const place = places.get(resource.id);
    const name = writtenAsPulumi(resource, property);
    return place ? settingIn(place, name) : name;
  };
}

export const pulumiAdapter: Adapter = {
  ...pulumiClaim,

  load(
    files: SourceFile[],
    readFile?: ReadCompanionFile,
    readScanned?: ReadCompanionFile,
    reportPath?: ReportPath,
  ): LoadResult {
    return runSteps(loadPulumi(files, readFile, readScanned, reportPath));
  },

  loadInSteps: (files, readFile, readScanned, reportPath) =>
    loadPulumi(files, readFile, readScanned, reportPath),
};

/** Reads each project, pausing after each. */
function* loadPulumi(
  claimed: SourceFile[],
  readFile?: ReadCompanionFile,
  readScanned?: ReadCompanionFile,
  reportPath?: ReportPath,
): Steps<LoadResult> {
  const files = withoutLinkedPrograms(claimed, PROJECT_FILE);
  const result: LoadResult = { graphs: [], errors: [], files: [], skipped: [] };
  const projects = files.filter(file => PROJECT_FILE.test(file.path));
  const projectFolders = projects.map(project => folderOf(project.path));
  const programFiles = new ProgramFiles(
    files,
    result,
    'pulumi',
    readScanned,
    reportPath,
  );
  for (const project of projects) {
    const folder = folderOf(project.path);
    const settings = readProjectFile(project, result.errors);
    if (!settings) continue;
    const stackFiles = files.filter(
      file => STACK_FILE.test(file.path) && folderOf(file.path) === folder,
    );
    // Stacks' settings kept elsewhere may set default tags.
    const stackTags =
      settings.stacksElsewhere ||
      [project, ...stackFiles].some(mayConfigureDefaultTags);
    if (settings.runtime === 'yaml') {
      yield;
      const graph = loadYamlProgram(
        project,
        settings,
        files,
        stackFiles,
        stackTags,
        result,
        stackRegion(settings, stackFiles),
      );
      if (graph) result.graphs.push(graph);
      continue;
    }
    if (settings.runtime !== 'nodejs') {
      skip(
        result,
        project.path,
        `a Pulumi program in ${
          settings.runtime ?? 'an unknown runtime'
        }: only TypeScript, JavaScript and YAML programs are read`,
      );
      continue;
    }
    // The project's own files: under its folder, not under a nested project's.
    const own = files.filter(
      file =>
        PROGRAM_FILE.test(file.path) &&
        isUnder(file.path, folder) &&
        !projectFolders.some(
          other =>
            other !== folder &&
            other.startsWith(folder) &&
            isUnder(file.path, other),
        ),
    );
    const main = mainModule(folder, settings.main, own);
    if (!main) {
      skip(
        result,
        project.path,
        'the Pulumi program has no main module (index.ts or the `main` of Pulumi.yaml) to read',
      );
      continue;
    }
    // A transformation of the whole stack may add tags, or give any resource another provider.
    const transformsStack = own.some(file => STACK_TRANSFORMS.test(file.text));
    const configuredTags = stackTags || transformsStack;
    // Only a program that makes a pulumi.Config is run with its defaults (see loadProgram).
    const config = own.some(file => CONFIG_MADE.test(file.text))
      ? programConfig(settings, stackFiles)
      : undefined;
    const callbackRuntime = callbackFunctionRuntime(
      awsVersions(folder, readScanned, readFile),
    );
    yield;
    result.graphs.push(
      loadProgram(
        project.path,
        main,
        folder,
        programFiles.modules(own),
        programFiles,
        result,
        configuredTags,
        settings.name,
        config,
        callbackRuntime,
        {
          workingFolder: folder,
          readDataFile: readFile,
          defaultRegion: stackRegion(settings, stackFiles),
          transformsStack,
        },
      ),
    );
  }
  return result;
}

/**
 * The @pulumi/aws versions of the package.json nearest above the project's
 * folder that declares some: that of the project, or of the workspace that
 * installs the package for it (a monorepo's root). The version its lockfile
 * installs, where one beside it or at its workspace's root says, else the
 * range it declares.
 */
function awsVersions(
  folder: string,
  readScanned: ReadCompanionFile | undefined,
  readFile: ReadCompanionFile | undefined,
): string | undefined {
  for (
    let at: string | undefined = folder;
    at !== undefined;
    at = at === '' ? undefined : folderOf(at)
  ) {
    const range = installedRange(
      readScanned?.(join(at, 'package.json')),
      readFile,
      at,
      '@pulumi/aws',
    );
    if (range !== undefined) return range;
  }
  return undefined;
}

function skip(result: LoadResult, path: string, reason: string) {
  result.skipped = [...(result.skipped ?? []), { path, reason }];
}

interface ProjectSettings {
  name?: string;
  runtime?: string;
  main?: string;
  /** The project's `config` section: each key's value or default for every stack, or its declaration. */
  config?: Record<string, unknown>;
  /** Stacks' settings are kept elsewhere than `Pulumi.<stack>.yaml` beside it (`stackConfigDir`, a `config` path). */
  stacksElsewhere: boolean;
  /** The whole file: a YAML program may be written in it. */
  document: ValueMap;
}

function readProjectFile(
  project: SourceFile,
  errors: LoadError[],
): ProjectSettings | undefined {
  const root = readYamlFile(project, errors);
  if (!root) return undefined;
  const runtime = isRecord(root.runtime) ? root.runtime.name : root.runtime;
  return {
    name: typeof root.name === 'string' ? root.name : undefined,
    runtime: typeof runtime === 'string' ? runtime : undefined,
    main: typeof root.main === 'string' ? root.main : undefined,
    config: isRecord(root.config) ? root.config : undefined,
    stacksElsewhere:
      root.stackConfigDir !== undefined || typeof root.config === 'string',
    document: root,
  };
}

/** A YAML file's map; a file that does not parse is reported. */
function readYamlFile(
  file: SourceFile,
  errors: LoadError[],
): ValueMap | undefined {
  try {
    const root = parseYaml(file.text) as Value;
    return isMap(root) ? root : undefined;
  } catch (error) {
    if (!(error instanceof DocumentParseError)) throw error;
    errors.push({
      file: file.path,
      line: error.line,
      message: error.message,
      format: 'pulumi',
    });
    return undefined;
  }
}

/** A way (see {@link ResourceCall.path}) as a text, without its rounds: the ways that may match it differ from it only there. */
function shapeKey(path: readonly WayStep[]): string {
  return path
    .map(
      step =>
        `${step.file}\u0000${step.position}\u0000${
          step.invocation ?? (step.round === undefined ? '' : '@')
        }`,
    )
    .join('\u0001');
}

/**
 * The ways the run of a program with its configuration not known reached
 * what it declared (see {@link ResourceCall.path}), and the ids it gave
 * them, for the run with defaults to find the way it reaches a resource
 * by: the same way, or, where the first run looped over a collection not
 * known (one round, {@link ANY_ITEM}), the same way with such rounds in
 * place of its own. Two ways of the first run that would do are none, and
 * only one way of the run with defaults takes a way's id.
 */
class FirstRunWays {
  private readonly idsByWay = new Map<number, readonly string[]>();
  /** The ways with a round over a collection not known, by their shape (see {@link shapeKey}). */
  private readonly overAnyByShape = new Map<
    string,
    { key: number; path: readonly WayStep[] }[]
  >();

  constructor(
    ways: ReadonlyMap<
      number,
      { path: readonly WayStep[]; ids: readonly string[] }
    >,
  ) {
    for (const [key, { path, ids }] of ways) {
      this.idsByWay.set(key, ids);
      if (!path.some(step => step.round === ANY_ITEM)) continue;
      const shape = shapeKey(path);
      const alike = this.overAnyByShape.get(shape);
      if (alike) alike.push({ key, path });
      else this.overAnyByShape.set(shape, [{ key, path }]);
    }
  }

  /** The first run's way that the way numbered `way` along `path` matches, by its number. */
  matching(way: number, path: readonly WayStep[]): number | undefined {
    if (this.idsByWay.has(way)) return way;
    let found: number | undefined;
    for (const candidate of this.overAnyByShape.get(shapeKey(path)) ?? []) {
      const fits = candidate.path.every(
        (step, index) =>
          step.round === path[index].round ||
          (step.round === ANY_ITEM && path[index].round !== undefined),
      );
      if (!fits) continue;
      if (found !== undefined) return undefined;
      found = candidate.key;
    }
    return found;
  }

  /** Its ids (see {@link matching}). */
  idsOn(way: number): readonly string[] | undefined {
    return this.idsByWay.get(way);
  }

  /** The ids the first run gave what it declared alone on a way. */
  keptIds(): Set<string> {
    return new Set(
      [...this.idsByWay.values()].flatMap(ids => (ids.length === 1 ? ids : [])),
    );
  }
}

/** A program's configuration as the scan reads it: what a stack that sets nothing gets, and what stacks set. */
interface ProgramConfig {
  project: string;
  /** `<namespace>:<key>` → the value Pulumi.yaml gives every stack that does not set it. */
  defaults: Map<string, unknown>;
  /** `<namespace>:<key>` Pulumi.yaml declares with no value: each stack must set it. */
  declaredOnly: Set<string>;
  /** `<namespace>:<key>` that some stack's settings set: each stack may have its own. */
  setByStacks: Set<string>;
  /** Stacks' settings may set any key: some are not read (kept elsewhere, an ESC environment, a file that does not parse). */
  stacksSetAnything: boolean;
}

function programConfig(
  settings: ProjectSettings,
  stackFiles: readonly SourceFile[],
): ProgramConfig | undefined {
  // Without a project name, what the project's namespace holds is not known.
  if (settings.name === undefined) return undefined;
  const fullKey = (key: string) =>
    key.includes(':') ? key : `${settings.name}:${key}`;
  const config: ProgramConfig = {
    project: settings.name,
    defaults: new Map(),
    declaredOnly: new Set(),
    setByStacks: new Set(),
    stacksSetAnything: settings.stacksElsewhere,
  };
  for (const [key, declared] of Object.entries(settings.config ?? {})) {
    // `key: value` and `key: { value }` give every stack a value it may override, `key: { type, default }` declares it.
    if (!isRecord(declared)) {
      if (declared !== null && declared !== undefined)
        config.defaults.set(fullKey(key), declared);
    } else if (declared.value !== undefined || declared.default !== undefined) {
      config.defaults.set(fullKey(key), declared.value ?? declared.default);
    } else {
      config.declaredOnly.add(fullKey(key));
    }
  }
  for (const file of stackFiles) {
    try {
      const root = parseYaml(file.text);
      if (!isRecord(root)) continue;
      if (isRecord(root.config))
        for (const key of Object.keys(root.config))
          config.setByStacks.add(fullKey(key));
      if (root.environment !== undefined) config.stacksSetAnything = true;
    } catch {
      config.stacksSetAnything = true;
    }
  }
  return config;
}

/**
 * `config.<method>(key)` as a stack that does not set the key reads it:
 * the project's default, converted as Pulumi's SDK converts its text, or
 * `undefined` (a `require…` method fails then: not known). A key some
 * stack sets or may set, one declared without a value, a namespace not
 * known statically, or a value the method refuses, is not known.
 */
function configDefault(
  config: ProgramConfig,
  method: string,
  namespace: JsValue,
  key: string,
): { value: JsValue } | undefined {
  const full = fullConfigKey(config.project, namespace, key);
  if (full === undefined) return undefined;
  const read = projectDefault(config, full);
  if (!read) return undefined;
  const declared = read.value;
  if (declared === undefined)
    return method.startsWith('require') ? undefined : { value: undefined };
  // The SDK reads every value as text (JSON for objects and lists); Pulumi.yaml's lines are not the program's.
  const plain = withoutLines(declared as Value);
  const text = typeof plain === 'string' ? plain : JSON.stringify(plain);
  // getNumber, requireSecretNumber: what the method converts its text to.
  if (method.endsWith('Number')) {
    const number = parseFloat(text);
    return Number.isNaN(number) ? undefined : { value: number };
  }
  if (method.endsWith('Boolean'))
    return text === 'true' || text === 'false'
      ? { value: text === 'true' }
      : undefined;
  if (method.endsWith('Object')) {
    try {
      return { value: JSON.parse(text) as JsValue };
    } catch {
      return undefined;
    }
  }
  return { value: text };
}

/**
 * The key `config.<method>(key)` reads, `<namespace>:<key>`, as the SDK
 * makes it: `new Config()` reads the project's namespace, `new Config('demo:config')`
 * the namespace demo, and a key is always within the namespace. Undefined
 * where the namespace is not known statically.
 */
function fullConfigKey(
  project: string | undefined,
  namespace: JsValue,
  key: string,
): string | undefined {
  const space = namespace === undefined ? project : namespace;
  return typeof space === 'string'
    ? `${space.replace(/:config$/, '')}:${key}`
    : undefined;
}

/**
 * A config value not known statically, by its full key (`config demo:roleArn`): every read of that
 * key in the stack is the same value, the stack's input; by the key alone where its namespace is not
 * known, which may be another namespace's key. An object read (`requireObject`) says so: its members
 * are read as the object itself.
 */
function configNotKnown(
  full: string | undefined,
  key: string,
  method = 'get',
): Unknown {
  if (method.endsWith('Object'))
    return new Unknown(`object in config ${full ?? key}`);
  return full === undefined
    ? new Unknown(`config ${key}`)
    : Unknown.oneValue(`config ${full}`);
}

/**
 * `<namespace>:<key>` as a stack that does not set it reads it: `value` is
 * the project's default, undefined for none; undefined when not known (a
 * stack sets it or may, or must).
 */
function projectDefault(
  config: ProgramConfig,
  full: string,
): { value: unknown } | undefined {
  if (
    config.stacksSetAnything ||
    config.setByStacks.has(full) ||
    config.declaredOnly.has(full)
  )
    return undefined;
  return { value: config.defaults.get(full) };
}

/** The full key `${key}` of a YAML program reads: with its namespace, or the project's; undefined where that is not known. */
function yamlConfigKey(
  project: string | undefined,
  key: string,
): string | undefined {
  if (key.includes(':')) return key;
  return project === undefined ? undefined : `${project}:${key}`;
}

/**
 * `${key}` of a YAML program (`${aws:region}` with its namespace) as a
 * stack that sets nothing reads it: the project's default, as written
 * (YAML values are typed); one with no default is not known, as Pulumi
 * stops without it.
 */
function yamlConfigDefault(
  config: ProgramConfig,
  key: string,
): { value: JsValue } | undefined {
  const declared = projectDefault(
    config,
    yamlConfigKey(config.project, key)!,
  )?.value;
  // Pulumi.yaml's lines are not the program's.
  return declared === undefined || declared === null
    ? undefined
    : { value: withoutLines(declared as Value) };
}

/**
 * `config: { aws:defaultTags: ... }` in the project or a stack's settings:
 * the provider tags every resource. So may an ESC environment a stack's
 * settings import.
 */
function mayConfigureDefaultTags(file: SourceFile): boolean {
  try {
    const root = parseYaml(file.text);
    return (
      isRecord(root) &&
      ((isRecord(root.config) &&
        root.config['aws:defaultTags'] !== undefined) ||
        root.environment !== undefined)
    );
  } catch {
    return false; // a stack file that does not parse configures nothing we can read
  }
}

/**
 * The region of the default AWS provider in every stack of the project,
 * where their configuration makes it known statically: `aws:region` as
 * each stack's settings (`Pulumi.<stack>.yaml`) set it, else as
 * `Pulumi.yaml` gives every stack, where all stacks have the same.
 * Undefined where they may not (two stacks set two regions, or one sets
 * none and `Pulumi.yaml` gives none: its environment's), where some
 * stack's settings are not read (kept elsewhere, an ESC environment, a
 * file that does not parse), and where neither sets one.
 */
function stackRegion(
  settings: ProjectSettings,
  stackFiles: readonly SourceFile[],
): string | undefined {
  if (settings.stacksElsewhere) return undefined;
  // `aws:region: <region>` or `{ value: <region> }`: Pulumi refuses a default of a key of another namespace.
  const declared = settings.config?.['aws:region'];
  const projectRegion = isRecord(declared) ? declared.value : declared;
  const regions = new Set<unknown>();
  for (const file of stackFiles) {
    let root: unknown;
    try {
      root = parseYaml(file.text);
    } catch {
      return undefined;
    }
    if (isRecord(root) && root.environment !== undefined) return undefined;
    const set =
      isRecord(root) && isRecord(root.config)
        ? root.config['aws:region']
        : undefined;
    regions.add(set ?? projectRegion);
  }
  if (stackFiles.length === 0) regions.add(projectRegion);
  const [region] = regions;
  return regions.size === 1 && typeof region === 'string' ? region : undefined;
}

function mainModule(
  folder: string,
  main: string | undefined,
  own: SourceFile[],
): string | undefined {
  const paths = new Set(own.map(file => file.path));
  const base = main ? join(folder, main.replace(/\/$/, '')) : folder;
  const candidates = [base, ...MAIN_CANDIDATES.map(name => join(base, name))];
  if (main && /\.js$/.test(main))
    candidates.push(join(folder, main.replace(/\.js$/, '.ts')));
  return candidates.find(candidate => paths.has(candidate));
}

/** `resource.arn`, `.name`, `.id`: the reference CloudFormation would write for it. */
function attributeRef(resource: ResourceHandle, name: string): Value {
  const spec = RESOURCE_TYPES[resource.pulumiType];
  if (
    spec?.refAttributes?.includes(name) ||
    (!spec?.refAttributes && name === 'id')
  )
    return new Ref(resource.id);
  const attribute =
    spec?.attributes?.[name] ?? name.charAt(0).toUpperCase() + name.slice(1);
  return new Ref(resource.id, attribute);
}

/** The identities each policy attachment type names: the arguments that name one (a role, user or group), or lists of them. */
const ATTACHMENT_TYPES = lookupTable<
  { type: string; argument: string; list: boolean }[]
>({
  'iam.RolePolicyAttachment': [
    { type: 'AWS::IAM::Role', argument: 'role', list: false },
  ],
  'iam.UserPolicyAttachment': [
    { type: 'AWS::IAM::User', argument: 'user', list: false },
  ],
  'iam.GroupPolicyAttachment': [
    { type: 'AWS::IAM::Group', argument: 'group', list: false },
  ],
  'iam.PolicyAttachment': [
    { type: 'AWS::IAM::Role', argument: 'roles', list: true },
    { type: 'AWS::IAM::User', argument: 'users', list: true },
    { type: 'AWS::IAM::Group', argument: 'groups', list: true },
  ],
  // Each of their `policyArns` is attached as an attachment's `policyArn` is (detaching those not listed is not modelled).
  'iam.RolePolicyAttachmentsExclusive': [
    { type: 'AWS::IAM::Role', argument: 'roleName', list: false },
  ],
  'iam.UserPolicyAttachmentsExclusive': [
    { type: 'AWS::IAM::User', argument: 'userName', list: false },
  ],
  'iam.GroupPolicyAttachmentsExclusive': [
    { type: 'AWS::IAM::Group', argument: 'groupName', list: false },
  ],
});

/** Seconds a `CallbackFunction` given no `timeout` may run. */
const CALLBACK_FUNCTION_DEFAULT_TIMEOUT = 180;

/** The managed policies a `CallbackFunction`'s own role takes when it is given none. */
const CALLBACK_FUNCTION_DEFAULT_POLICIES = [
  'AWSLambda_FullAccess',
  'CloudWatchFullAccess',
  'CloudWatchEventsFullAccess',
  'AmazonS3FullAccess',
  'AmazonDynamoDBFullAccess',
  'AmazonSQSFullAccess',
  'AmazonKinesisFullAccess',
  'AmazonCognitoPowerUser',
  'AWSXrayWriteOnlyAccess',
];

/** Resources that set a policy of another resource, which CloudFormation writes on that resource. */
const POLICY_SETTERS = lookupTable<{
  targetType: string;
  targetArgument: string;
  policyArgument: string;
  property: string;
}>({
  'sqs.RedrivePolicy': {
    targetType: 'AWS::SQS::Queue',
    targetArgument: 'queueUrl',
    policyArgument: 'redrivePolicy',
    property: 'RedrivePolicy',
  },
  'kms.KeyPolicy': {
    targetType: 'AWS::KMS::Key',
    targetArgument: 'keyId',
    policyArgument: 'policy',
    property: 'KeyPolicy',
  },
});

/** Whether resources of a type of @pulumi/aws are modelled: in the graph, or what they set on another resource of it. */
function modelledType(pulumiType: string): boolean {
  return RESOURCE_TYPES[pulumiType] !== undefined || foldedType(pulumiType);
}

/**
 * Whether resources of a type of @pulumi/aws set what another resource of the graph holds, which their values
 * are folded into: attachments (see InlineSuppression.appliesWithin).
 */
function foldedType(pulumiType: string): boolean {
  return (
    ATTACHMENT_TYPES[pulumiType] !== undefined ||
    POLICY_SETTERS[pulumiType] !== undefined ||
    pulumiType === 's3.BucketNotification' ||
    pulumiType === 'dynamodb.TableReplica'
  );
}

/** The lambdaFunctions entries of a notification of a bucket, and where it is declared; and the suppressions written on it. */
interface BucketNotification {
  configurations: Value[];
  file: string;
  line: number;
  suppressions?: readonly InlineSuppression[];
}

/** A bucket's notifications: those the program declares, in order, and the one @pulumi/aws makes for its subscriptions. */
interface BucketNotifications {
  declared: BucketNotification[];
  bySubscriptions?: BucketNotification;
}

/** Collects the resources a program creates, with unique ids. */
class GraphBuilder {
  hasDefaultTags = false;
  /** Whether a provider with default tags may be a parent's (see ProgramHost.defaultTags): its children's may tag them. */
  providersMayTag = false;
  /** The resources given a parent, whose providers they take. */
  private readonly parented: Resource[] = [];
  /** The runtime of a CallbackFunction given none (see ./callbackRuntime): not known unless the program's package says. */
  callbackRuntime: Value = new Unknown('default runtime of a CallbackFunction');
  readonly outputs: StackOutput[] = [];
  /** Types of the resources declared with arguments not known statically. */
  readonly unknownTypes = new Set<string>();
  /**
   * The types of @pulumi/aws of the resources declared that are not modelled, as the program writes them
   * (`aws.ec2.VpcEndpoint`), with how many of each: they are not in the graph, and are not judged.
   */
  readonly typesNotModelled = new Map<string, number>();
  /** Where the author sets the properties of the resources of subscriptions that the calls cannot set, by id. */
  readonly settingsPlaces = new Map<string, SettingsPlace>();
  attribute: (resource: ResourceHandle, name: string) => Value = attributeRef;
  private readonly resources: Resource[] = [];
  private readonly byId = new Map<string, Resource>();
  /** The first resource declared under each Pulumi type and name (see create). */
  private readonly declaredByName = new Map<
    string,
    { resource: Resource; mayNotRun: boolean }
  >();
  private readonly ids = new Set<string>();
  /**
   * Policies attached to identities: `identity` names one of `type` (a role, user or group), where the attachment
   * names them; with the suppressions written on the attachment.
   */
  private readonly attachments: {
    type: string;
    identity: Value;
    policyArn: Value;
    file: string;
    line: number;
    suppressions?: readonly InlineSuppression[];
  }[] = [];
  /**
   * Policies set on another resource (see POLICY_SETTERS), where what sets them names them, with where the JSON
   * text of one is written when that is another file, and the suppressions written on what sets them.
   */
  private readonly policySettings: {
    pulumiType: string;
    target: Value;
    policy: Value;
    file: string;
    line: number;
    writtenAt?: WrittenAt;
    suppressions?: readonly InlineSuppression[];
  }[] = [];
  /**
   * Stand-ins for the attachments the program declares with suppressions on them, which are no resources of the
   * graph: their suppressions are reviewed on them (see ResourceGraph.neverDeployed).
   */
  readonly attachmentsReviewed: Resource[] = [];
  /**
   * The lambdaFunctions entries of buckets' notifications, by the bucket they
   * are of: of the one the program declares and of the one @pulumi/aws makes
   * for its subscriptions (see {@link notifyBucket}), which {@link finish} sets on the buckets.
   */
  private readonly bucketNotifications = new Map<string, BucketNotifications>();
  /** The `resourceArn` of each DynamoDB tag the program declares (see {@link finish}). */
  private readonly dynamoDbTagArns: Value[] = [];
  /** Each `dynamodb.TableReplica` the program declares, which {@link finish} adds to its table. */
  private readonly replicasApart: {
    id: string;
    /** It as the program writes it, by type and name (`aws.dynamodb.TableReplica west`), for messages. */
    declaredBy: string;
    args: ValueMap;
    file: string;
    line: number;
    defaultTags: ResourceCall['defaultTags'];
    region: string | undefined;
    suppressions: readonly InlineSuppression[];
  }[] = [];
  /** Functions handed to code not modelled, whose roles {@link finish} takes as granted anything there, once known. */
  private readonly functionsHandedOn = new Set<Resource>();
  /** CallbackFunctions given no role, whose own roles {@link finish} adds. */
  private readonly callbackFunctions: {
    fn: Resource;
    policies: Value | undefined;
  }[] = [];
  /** The resources declared on each way, by its number (see {@link ResourceCall.way}): the way and their ids, in the order declared. */
  readonly ways = new Map<
    number,
    { path: readonly WayStep[]; ids: string[] }
  >();
  /** For each way, the first run's it matches (see {@link FirstRunWays.matching}). */
  readonly firstRunWay = new Map<number, number>();
  /**
   * Whether what the run declared so far matches what the first run did,
   * way by way, with the same ids (see {@link sameIds}): once not, the
   * program's graph is the first run's, and ways are no longer matched.
   */
  matchesFirstRun: boolean;
  /** For a base of ids, the number after it that {@link claimId} tries first. */
  private readonly nextNumber = new Map<string, number>();
  /** Ids kept for the resources the first run declared (see the constructor): no other resource takes them. */
  private readonly reserved: ReadonlySet<string>;

  /**
   * `firstRun`: the ways of the run of the program with its configuration
   * not known: the first resource declared on a way that matches one on
   * which that run declared one resource alone keeps its id (a name built
   * from configuration is another name in each run).
   */
  constructor(
    private readonly firstRun?: FirstRunWays,
    /** How the program's comments start, for suppressions. */
    private readonly comment: '#' | '//' = '//',
  ) {
    this.reserved = firstRun?.keptIds() ?? new Set();
    this.matchesFirstRun = firstRun !== undefined;
  }

  /**
   * `generated`: a resource that wires a function to an event source (see
   * ./eventSubscriptions), generated by the function: its id is its name
   * and `-<part>`.
   */
  create(
    call: ResourceCall,
    text: string,
    generated?: { part: string; by: string; origin: string },
  ): ResourceHandle {
    const way = call.way;
    const onWay = this.ways.get(way) ?? { path: call.path, ids: [] };
    let given: string | undefined;
    if (this.matchesFirstRun && onWay.ids.length === 0) {
      const matched = this.firstRun!.matching(way, call.path);
      const ids =
        matched === undefined ? undefined : this.firstRun!.idsOn(matched);
      // Declared alone there, its id is kept, once: another way matching the same (two rounds of a default list where
      // the first run had one over a list not known) could not be matched.
      if (ids?.length === 1) given = ids[0];
      if (matched === undefined || (given !== undefined && this.ids.has(given)))
        this.matchesFirstRun = false;
      else this.firstRunWay.set(way, matched);
    }
    let id: string;
    if (given === undefined || !this.matchesFirstRun) {
      id = this.uniqueId(call, generated?.part);
    } else {
      id = given;
      this.ids.add(given);
    }
    onWay.ids.push(id);
    this.ways.set(way, onWay);
    const handle = new ResourceHandle(id, call.pulumiType);
    // One a subscription generates (the EventTarget of `rule.onEvent`) is the wiring of its function, which is modelled.
    if (generated === undefined && !modelledType(call.pulumiType)) {
      // A YAML token by its short form: `aws:ec2/vpcEndpoint:VpcEndpoint` is the type `aws:ec2:VpcEndpoint` is.
      const type =
        call.sourceType && awsPulumiType(call.sourceType)
          ? `aws:${call.pulumiType.replace('.', ':')}`
          : call.sourceType ?? `${AWS_PACKAGE}${call.pulumiType}`;
      this.typesNotModelled.set(
        type,
        (this.typesNotModelled.get(type) ?? 0) + 1,
      );
    }
    const args = toGraphValue(call.args, this.attribute, call.linesHere);
    // What one a subscription generates sets (a bucket's notification) is its function's wiring, written on no attachment.
    const suppressions =
      generated === undefined && foldedType(call.pulumiType)
        ? this.attachmentSuppressions(call, id, text, args)
        : [];
    // It may tag a global table's replicas (see tagReplicasTaggedApart); its own tags are not modelled.
    if (call.pulumiType === 'dynamodb.Tag')
      this.dynamoDbTagArns.push(isMap(args) ? args.resourceArn ?? null : null);
    if (!isMap(args)) {
      this.declaredUnknown(call, suppressions);
      // Arguments a spread not known statically went into: what they hold may be wired there in ways not known.
      this.escape([call.args]);
      return handle;
    }
    if (call.pulumiType === 'dynamodb.TableReplica') {
      // Its id without the type that keeps it apart from the graph's (see uniqueId).
      const apart = `${call.pulumiType}:`;
      this.replicasApart.push({
        id,
        declaredBy: `${call.sourceType ?? `${AWS_PACKAGE}${call.pulumiType}`} ${
          id.startsWith(apart) ? id.slice(apart.length) : id
        }`,
        args,
        file: call.file,
        line: call.line,
        defaultTags: call.defaultTags,
        region: call.providerRegion,
        suppressions,
      });
      return handle;
    }
    const attached = ATTACHMENT_TYPES[call.pulumiType];
    if (attached) {
      // Each policy attached, on the line that names it.
      const policies =
        args.policyArns === undefined
          ? [
              {
                policyArn: args.policyArn,
                line: lineOfPath(args, ['policyArn'], call.line),
              },
            ]
          : asList(args.policyArns).map((policyArn, index) => ({
              policyArn,
              line: lineOfPath(args, ['policyArns', index], call.line),
            }));
      for (const { type, argument, list } of attached) {
        for (const identity of list ? asList(args[argument]) : [args[argument]])
          for (const { policyArn, line } of policies)
            this.attachments.push({
              type,
              identity,
              policyArn,
              file: call.file,
              line,
              suppressions,
            });
      }
      return handle;
    }
    const setter = POLICY_SETTERS[call.pulumiType];
    if (setter) {
      const policy =
        readJsonDocument(args[setter.policyArgument] as Value | JsonText) ??
        new Unknown('policy');
      const writtenAt = documentWrittenAt(policy);
      this.policySettings.push({
        pulumiType: call.pulumiType,
        target: args[setter.targetArgument],
        policy,
        file: call.file,
        line: lineOfPath(args, [setter.policyArgument], call.line),
        ...(writtenAt && writtenAt.file !== call.file && { writtenAt }),
        suppressions,
      });
      return handle;
    }
    if (call.pulumiType === 's3.BucketNotification') {
      this.notifyBucket(args, call, generated !== undefined, suppressions);
      return handle;
    }
    const spec = RESOURCE_TYPES[call.pulumiType];
    if (!spec) return handle;
    // Tags as the AWS provider's resource takes them, not as its CloudFormation type does (an iam.Policy takes them).
    const tagsProperty = providerType(spec.terraformType)?.tagsProperty;
    const resource: Resource = {
      id,
      type: spec.type,
      sourceType: call.sourceType ?? `${AWS_PACKAGE}${call.pulumiType}`,
      ...(tagsProperty !== undefined && { tagsProperty }),
      properties: convertMap(args, spec.properties ?? {}),
      file: call.file,
      line: call.line,
      suppressions: suppressionsAt(text, call.line, this.comment),
      ...(generated && { generatedBy: generated.by, origin: generated.origin }),
    };
    if (call.pulumiType === 'dynamodb.Table') {
      asGlobalTable(resource);
      placeTable(resource, call.providerRegion);
    }
    const writtenElsewhere = documentsWrittenElsewhere(
      resource.properties,
      call.file,
    );
    if (writtenElsewhere) resource.writtenElsewhere = writtenElsewhere;
    if (call.inLoopNotKnown) resource.copiesNotKnown = true;
    // Pulumi names a resource once per type (and parent): a name declared again where one of the
    // declarations may not run is one resource, declared for another configuration.
    const declared =
      typeof call.name === 'string'
        ? `${call.pulumiType}\u0000${call.name}`
        : undefined;
    const earlier =
      declared === undefined ? undefined : this.declaredByName.get(declared);
    if (earlier && (call.mayNotRun || earlier.mayNotRun))
      resource.variantOf = earlier.resource.variantOf ?? earlier.resource.id;
    else if (declared !== undefined && !earlier)
      this.declaredByName.set(declared, {
        resource,
        mayNotRun: call.mayNotRun,
      });
    this.resources.push(resource);
    this.byId.set(id, resource);
    // A provider's default tags may tag it (a YAML program's provider tags the whole stack: see hasDefaultTags).
    if (call.defaultTags === 'may') resource.defaultTags = true;
    else if (call.defaultTags === 'parent') this.parented.push(resource);
    if (call.pulumiType === 'lambda.CallbackFunction') {
      // @pulumi/aws gives a CallbackFunction a longer timeout than Lambda's default (lambdaMixins).
      if (args.timeout === undefined)
        resource.properties.Timeout = CALLBACK_FUNCTION_DEFAULT_TIMEOUT;
      // As @pulumi/aws reads it (`args.runtime || default`): given none, the default of the package's version.
      if (!args.runtime) resource.properties.Runtime = this.callbackRuntime;
      // As Pulumi tests them: a role or policies given as null or '' are not given.
      if (!args.role)
        this.callbackFunctions.push({
          fn: resource,
          policies: args.policies || undefined,
        });
    }
    return handle;
  }

  /**
   * An `aws.s3.BucketNotification`: the functions it has S3 notify, as the
   * bucket's NotificationConfiguration (as CloudFormation writes it). The
   * one @pulumi/aws makes for a bucket's subscriptions holds all of them
   * (see ./eventSubscriptions), declared here one subscription at a time.
   */
  private notifyBucket(
    args: ValueMap,
    { file, line }: ResourceCall,
    bySubscription: boolean,
    suppressions: readonly InlineSuppression[],
  ) {
    if (!(args.bucket instanceof Ref)) return;
    const configurations = asList(args.lambdaFunctions)
      .filter(isMap)
      .map(entry => ({
        Event: entry.events ?? null,
        Function: entry.lambdaFunctionArn ?? null,
      }));
    const notifications = this.bucketNotifications.get(args.bucket.target) ?? {
      declared: [],
    };
    this.bucketNotifications.set(args.bucket.target, notifications);
    if (!bySubscription)
      notifications.declared.push({ configurations, file, line, suppressions });
    else if (notifications.bySubscriptions) {
      const { bySubscriptions } = notifications;
      // Held at the first subscription's place: lines of another file are not of it.
      bySubscriptions.configurations.push(
        ...(file === bySubscriptions.file
          ? configurations
          : configurations.map(withoutLines)),
      );
    } else notifications.bySubscriptions = { configurations, file, line };
  }

  /**
   * A bucket's notification configuration. Each BucketNotification sets the
   * bucket's one configuration, replacing the other's; Pulumi deploys those
   * of one bucket in no set order (unless one depends on another), and
   * @pulumi/aws declares the notification of a bucket's subscriptions when
   * the program ends (s3Mixins' `beforeExit`), after those the program
   * declares, wherever they are: any may be the one deployed last. All sets
   * of functions are kept, so that no rule reports a function the bucket may
   * notify as notified by none; at the first the program declares.
   */
  private setBucketNotification(
    bucket: Resource,
    { declared, bySubscriptions }: BucketNotifications,
  ) {
    const sets = bySubscriptions ? [...declared, bySubscriptions] : declared;
    for (const set of sets)
      holdAttachmentSuppressions(bucket, set.suppressions ?? []);
    // What is declared in another file than the bucket has no lines of the bucket's file: at the bucket's line.
    const line = sets[0].file === bucket.file ? sets[0].line : bucket.line;
    const configurations = sets.flatMap(set =>
      set.file === bucket.file
        ? set.configurations
        : set.configurations.map(withoutLines),
    );
    bucket.properties.NotificationConfiguration = {
      LambdaConfigurations: configurations,
    };
    recordLines(bucket.properties.NotificationConfiguration, line);
    recordLines(
      bucket.properties,
      lineOfNode(bucket.properties) ?? bucket.line,
      {
        keys: {
          ...keyLines(bucket.properties),
          NotificationConfiguration: line,
        },
      },
    );
  }

  /**
   * The role a `CallbackFunction` given no `role` makes for itself, with the
   * managed policies it is given (`policies`: a list of ARNs or a map of
   * them), or without them, its broad default ones (@pulumi/aws lambdaMixins).
   */
  private addCallbackFunctionRole(fn: Resource, policies: Value | undefined) {
    let arns: Value;
    if (policies === undefined)
      arns = CALLBACK_FUNCTION_DEFAULT_POLICIES.map(
        name => `arn:aws:iam::aws:policy/${name}`,
      );
    else if (Array.isArray(policies)) arns = policies;
    else if (isMap(policies)) arns = Object.values(policies);
    else arns = policies;
    // Handed to code not modelled, the function hands on its role too (`fn.roleInstance`).
    if (fn.handedToCodeNotModelled)
      arns = [
        ...asList(arns),
        new Unknown('permissions granted by code not modelled'),
      ];
    // Claimed after every resource the program declares, which keep their ids.
    const id = this.claimId(`${fn.id}-role`);
    const role: Resource = {
      id,
      type: 'AWS::IAM::Role',
      properties: { ManagedPolicyArns: arns },
      file: fn.file,
      line: fn.line,
      generatedBy: fn.id,
      origin: 'CallbackFunction',
      suppressions: fn.suppressions,
      // Made with its function: as many times as it is.
      ...(fn.copiesNotKnown && { copiesNotKnown: true }),
    };
    recordLines(role.properties, fn.line);
    fn.properties.Role = new Ref(id, 'Arn');
    recordLines(fn.properties, lineOfNode(fn.properties) ?? fn.line, {
      keys: { ...keyLines(fn.properties), Role: fn.line },
    });
    this.resources.push(role);
    this.byId.set(id, role);
  }

  /**
   * A resource whose arguments are not known statically is not in the
   * graph, but may be what a rule looks for: its type is recorded (a log
   * group, an alarm), and a policy or attachment may reach any role, a
   * redrive or key policy any queue or key.
   */
  private declaredUnknown(
    { pulumiType, file, line }: ResourceCall,
    suppressions: readonly InlineSuppression[],
  ) {
    const type = RESOURCE_TYPES[pulumiType]?.type;
    if (type) this.unknownTypes.add(type);
    const attached =
      type === 'AWS::IAM::RolePolicy'
        ? [{ type: 'AWS::IAM::Role' }]
        : ATTACHMENT_TYPES[pulumiType] ?? [];
    for (const { type: identityType } of attached)
      this.attachments.push({
        type: identityType,
        identity: new Unknown('identity not known statically'),
        policyArn: new Unknown('policy not known statically'),
        file,
        line,
        suppressions,
      });
    if (POLICY_SETTERS[pulumiType]) {
      this.policySettings.push({
        pulumiType,
        target: new Unknown('resource not known statically'),
        policy: new Unknown('policy'),
        file,
        line,
        suppressions,
      });
    }
  }

  /** A call not known statically: what it is handed escapes (see {@link escape}), and may be alarmed on there. */
  unknownCall(values: JsValue[]) {
    this.escape(values);
    for (const handle of resourceHandlesIn(
      values.filter(value => !isResourceOptions(value)),
      true,
    )) {
      const resource = this.byId.get(handle.id);
      if (
        resource?.type === 'AWS::Lambda::Function' ||
        resource?.type === 'AWS::SQS::Queue'
      )
        resource.handedToCodeThatMayAlarm = true;
    }
  }

  /** The functions a value not known may be, as alternatives made them: what is wired to it may be theirs. */
  alternativesNotKnown(values: JsValue[]) {
    for (const handle of resourceHandlesIn(values)) {
      const resource = this.byId.get(handle.id);
      if (resource?.type === 'AWS::Lambda::Function')
        resource.wiredAsOneOfAlternatives = true;
    }
  }

  /**
   * Roles, and functions' roles, handed to code not modelled (another
   * package's component or helper) may be granted anything there: their
   * permissions are no longer known completely.
   */
  escape(values: JsValue[]) {
    // A component handed on hands on the resources it holds; a resource's options (`{ parent: this }`) hand on nothing.
    const handed = values.filter(value => !isResourceOptions(value));
    // A function's name or ARN handed there may be invoked there (a permission, a mapping of arguments not known).
    for (const value of valuesHandedOn(handed)) {
      const resource =
        value instanceof Ref ? this.byId.get(value.target) : undefined;
      if (resource?.type === 'AWS::Lambda::Function')
        resource.handedToCodeNotModelled = true;
    }
    for (const handle of resourceHandlesIn(handed, true)) {
      const resource = this.byId.get(handle.id);
      if (resource?.type === 'AWS::Lambda::Function') {
        resource.handedToCodeNotModelled = true;
        this.functionsHandedOn.add(resource);
      }
      if (resource?.type === 'AWS::IAM::Role')
        this.grantedByCodeNotModelled(new Ref(resource.id), resource);
    }
  }

  /** Gives a role (a reference to it) permissions not known, from code not modelled it is handed to, at `at`'s line. */
  private grantedByCodeNotModelled(
    role: Ref,
    at: { file: string; line: number },
  ) {
    this.attachments.push({
      type: 'AWS::IAM::Role',
      identity: role,
      policyArn: new Unknown('permissions granted by code not modelled'),
      file: at.file,
      line: at.line,
    });
  }

  /**
   * The suppressions written on an attachment (`id`) the program declares, given `args`, where `text` is its file's,
   * as what it sets values of holds them (see attachmentSuppressions); reviewed on a stand-in for it.
   */
  private attachmentSuppressions(
    call: ResourceCall,
    id: string,
    text: string,
    args: Value,
  ): InlineSuppression[] {
    const written = suppressionsAt(text, call.line, this.comment);
    if (written.length === 0) return written;
    const type = call.sourceType ?? `${AWS_PACKAGE}${call.pulumiType}`;
    const suppressions = attachmentSuppressions(written, {
      id,
      type,
      lines: { file: call.file, first: call.line, last: call.lastLine },
      arguments: args,
    });
    this.attachmentsReviewed.push({
      id,
      type,
      properties: {},
      file: call.file,
      line: call.line,
      sourceType: type,
      suppressions,
    });
    return suppressions;
  }

  /** `text`: the text of `file`, whose suppression comments on or above `line` are the output's. */
  output(
    name: string,
    value: JsValue,
    file: string,
    line: number,
    text: string,
  ) {
    const graphValue = toGraphValue(value, this.attribute);
    // A stack export of a component's output is the same output: the export is kept. Two instances of a
    // component register outputs of one name with values of their own: both are kept.
    const existing = this.outputs.findIndex(
      output =>
        output.name === name &&
        isDeepStrictEqual(withoutLines(output.value), withoutLines(graphValue)),
    );
    if (existing >= 0) this.outputs.splice(existing, 1);
    const suppressions = suppressionsAt(text, line, this.comment);
    this.outputs.push({
      name,
      value: graphValue,
      file,
      line,
      ...(suppressions.length > 0 && { suppressions }),
    });
  }

  /** The resources, with policy attachments added to the roles they attach to. */
  finish(): Resource[] {
    if (this.providersMayTag)
      for (const resource of this.parented) resource.defaultTags = true;
    for (const { fn, policies } of this.callbackFunctions)
      this.addCallbackFunctionRole(fn, policies);
    // Once every function has its role, a CallbackFunction's made above too.
    resolveRolesOfOtherFunctions(this.resources);
    // A function's role is its Role, now read (when not known statically, no permissions of it are known anyway);
    // the one a CallbackFunction makes has them already (see addCallbackFunctionRole).
    const madeRoles = new Set(this.callbackFunctions.map(({ fn }) => fn));
    for (const fn of this.functionsHandedOn)
      if (fn.properties.Role instanceof Ref && !madeRoles.has(fn))
        this.grantedByCodeNotModelled(fn.properties.Role, fn);
    for (const [bucketId, notifications] of this.bucketNotifications) {
      const bucket = this.byId.get(bucketId);
      if (bucket?.type === 'AWS::S3::Bucket')
        this.setBucketNotification(bucket, notifications);
    }
    for (const { type, identity, policyArn, file, line, suppressions } of this
      .attachments) {
      const referenced =
        identity instanceof Ref
          ? this.resources.find(
              resource =>
                resource.type === type && resource.id === identity.target,
            )
          : undefined;
      // One named by a literal is the one of that `name`; Pulumi's auto-naming adds a random suffix to the others'.
      const { identities, mayBe } = identitiesNamed(
        this.resources,
        type,
        identity,
        referenced,
        true,
      );
      // In another file than the identity, at the identity's line (the attachment's is not of its file).
      const lineOn = (each: Resource) =>
        each.file === file ? line : each.line;
      for (const each of identities)
        appendManagedPolicy(each, policyArn, lineOn(each));
      // An attachment to a role (user, group) not known statically may be to any: none of them is known completely.
      const notKnown = new Unknown(
        'policy attached to an identity not known statically',
      );
      for (const each of mayBe)
        appendManagedPolicy(each, notKnown, lineOn(each));
      for (const each of [...identities, ...mayBe])
        holdAttachmentSuppressions(each, suppressions ?? []);
    }
    // `aws.sqs.RedrivePolicy` sets its queue's redrive policy (`aws.kms.KeyPolicy` its key's policy);
    // on a queue not known statically, any queue's may be set.
    for (const {
      pulumiType,
      target,
      policy,
      file,
      line,
      writtenAt,
      suppressions,
    } of this.policySettings) {
      const { targetType, property } = POLICY_SETTERS[pulumiType]!;
      const candidates = this.resources.filter(
        resource => resource.type === targetType,
      );
      const known =
        target instanceof Ref
          ? candidates.find(candidate => candidate.id === target.target)
          : undefined;
      for (const each of known ? [known] : candidates) {
        // Set in another file than the resource, it has no lines of the resource's file: the message says where.
        const sameFile = file === each.file;
        const set = sameFile ? policy : withoutLines(policy);
        each.properties[property] = known
          ? set
          : new Unknown(`policy set on a resource not known statically`);
        const setAt = writtenAt ?? (sameFile ? undefined : { file, line });
        if (known && setAt)
          each.writtenElsewhere = new Map([
            ...(each.writtenElsewhere ?? []),
            [property, setAt],
          ]);
        recordLines(each.properties, lineOfNode(each.properties) ?? each.line, {
          keys: {
            ...keyLines(each.properties),
            [property]: known && sameFile ? line : each.line,
          },
        });
        holdAttachmentSuppressions(each, suppressions ?? []);
      }
    }
    const tables = this.resources.filter(resource =>
      REPLICATED_TABLE_TYPES.has(resource.type),
    );
    for (const {
      declaredBy,
      args,
      file,
      line,
      defaultTags,
      region,
      suppressions,
    } of this.replicasApart) {
      const table = tableOfArn(args.globalTableArn, tables);
      // A replica of a table not of the program is not judged.
      if (!table) continue;
      const sameFile = file === table.file;
      const replica = replicaDeclaredApart(args, line, {
        defaultTags:
          defaultTags === 'may' ||
          (defaultTags === 'parent' && this.providersMayTag),
        region,
      });
      addReplica(
        table,
        sameFile ? replica : (withoutLines(replica) as ValueMap),
        sameFile ? line : table.line,
        declaredBy,
      );
      holdAttachmentSuppressions(table, suppressions);
    }
    tagReplicasTaggedApart(
      this.resources,
      this.dynamoDbTagArns,
      new Map(
        this.replicasApart.map(({ id, args }) => [
          id,
          args.globalTableArn ?? null,
        ]),
      ),
    );
    this.addQuickCreateStages();
    return this.resources;
  }

  /**
   * The `$default` stage, deploying every change, with no access logs and no
   * throttling (the API's arguments cannot set them), that API Gateway makes
   * for an HTTP API given a `target` (quick create), as the Terraform
   * adapter makes it of the provider's resource @pulumi/aws is generated
   * from; none for an API the program declares a `$default` stage of (see
   * {@link declaresDefaultStage}), nor where the target is not known
   * statically (it may be undefined).
   */
  private addQuickCreateStages() {
    const declared = declaresDefaultStage(this.resources);
    const stages = new Map<string, string>();
    for (const api of [...this.resources]) {
      const { Target: target, ProtocolType: protocol } = api.properties;
      if (
        api.type !== 'AWS::ApiGatewayV2::Api' ||
        target === undefined ||
        target === null ||
        target instanceof Unknown ||
        protocol === 'WEBSOCKET' ||
        declared(api.id)
      )
        continue;
      // Claimed after every resource the program declares, which keep their ids.
      const id = this.claimId(`${api.id}-$default`);
      stages.set(api.id, id);
      const properties: ValueMap = {
        ApiId: new Ref(api.id),
        StageName: '$default',
        AutoDeploy: true,
      };
      recordLines(properties, api.line);
      const variantOf =
        api.variantOf === undefined ? undefined : stages.get(api.variantOf);
      const stage: Resource = {
        id,
        type: 'AWS::ApiGatewayV2::Stage',
        sourceType: `${AWS_PACKAGE}apigatewayv2.Stage`,
        properties,
        file: api.file,
        line: api.line,
        generatedBy: api.id,
        origin: QUICK_CREATE,
        suppressions: api.suppressions,
        // Made with its API: as many times as it is, for the configurations it is.
        ...(api.copiesNotKnown && { copiesNotKnown: true }),
        ...(variantOf !== undefined && { variantOf }),
      };
      this.resources.push(stage);
      this.byId.set(id, stage);
    }
  }

  private uniqueId(call: ResourceCall, part?: string): string {
    const base =
      typeof call.name === 'string' && call.name
        ? call.name
        : call.variable ?? call.nameText.replace(/^[`'"]|[`'"]$/g, '');
    // What the graph does not hold (an attachment, a policy set on another resource, a type not modelled) takes no
    // name a resource of the graph may have: declaring one does not renumber the resources declared after it.
    const inGraph =
      RESOURCE_TYPES[call.pulumiType] !== undefined &&
      ATTACHMENT_TYPES[call.pulumiType] === undefined &&
      !POLICY_SETTERS[call.pulumiType];
    return this.claimId(
      `${inGraph ? '' : `${call.pulumiType}:`}${
        part ? `${base}-${part}` : base
      }`,
    );
  }

  /** `base`, or with a number after it when a resource has it already, or it is kept for another (see {@link reserved}). */
  private claimId(base: string): string {
    // Ids are only ever taken: the number after a base is tried on from the last one it took.
    let n = this.nextNumber.get(base) ?? 2;
    let id = base;
    if (this.ids.has(id) || this.reserved.has(id)) {
      for (id = `${base}-${n}`; this.ids.has(id) || this.reserved.has(id); n++)
        id = `${base}-${n + 1}`;
      this.nextNumber.set(base, n + 1);
    }
    this.ids.add(id);
    return id;
  }
}

/**
 * Runs one program and builds its graph. A program that reads its
 * configuration is run twice: first with every value not known (the stack
 * built without defaults, which proves what rests on none), then as a
 * stack that sets nothing reads it (see {@link configDefault}), a resource
 * the program reaches the way the first run reached one (see
 * {@link ResourceCall.path}: the same calls, the same loop rounds) taking
 * the id the first run gave it, so that ids do not rest on defaults
 * (`new Queue(`jobs-${env}`)`, a helper that names what it declares from
 * the configuration); see {@link FirstRunWays}. The engine matches
 * findings between the runs by id: where the run with defaults reaches a
 * resource in a way the first does not (a loop over a default list of two
 * items), the first run is the graph, as if the configuration were not
 * read.
 */
function loadProgram(
  /** The project file (see ReadProgram). */
  projectFile: string,
  main: string,
  /** The project's folder, which tells its declarations in a module another project shares apart (see ProgramFiles.fingerprintApart). */
  folder: string,
  modules: ReturnType<ProgramFiles['modules']>,
  programFiles: ProgramFiles,
  result: LoadResult,
  configuredTags: boolean,
  project: string | undefined,
  config: ProgramConfig | undefined,
  /** The runtime of a CallbackFunction given none (see ./callbackRuntime). */
  callbackRuntime: Value,
  surroundings: Surroundings,
): ResourceGraph {
  const readAlone: LoadResult = {
    graphs: [],
    errors: [],
    files: [],
    skipped: [],
  };
  // One numbering of the ways to what the program declares, for both runs (see ResourceCall.way).
  const ways = new WayNumbers();
  const notKnown = runProgram(
    main,
    modules,
    config ? readAlone : result,
    configuredTags,
    ways,
    project,
    callbackRuntime,
    surroundings,
  );
  const run = config
    ? runProgram(
        main,
        modules,
        result,
        configuredTags,
        ways,
        project,
        callbackRuntime,
        surroundings,
        { config, firstRun: new FirstRunWays(notKnown.ways) },
      )
    : notKnown;
  // What only the run without configuration read (a module a branch requires) is reported too, once.
  for (const error of readAlone.errors) {
    if (
      !result.errors.some(
        other =>
          other.file === error.file &&
          other.line === error.line &&
          other.message === error.message,
      )
    )
      result.errors.push(error);
  }
  for (const { path, reason } of readAlone.skipped ?? []) {
    if (
      !result.skipped?.some(
        other => other.path === path && other.reason === reason,
      )
    )
      skip(result, path, reason);
  }
  // A run with defaults that stopped before the end, where the first did not, has not read what the first did.
  const readLess =
    run.unreadRest !== undefined && notKnown.unreadRest === undefined;
  if (
    run === notKnown ||
    run.defaultReads === 0 ||
    readLess ||
    !sameIds(run, notKnown)
  ) {
    if (notKnown.unreadRest) skip(result, main, notKnown.unreadRest);
    programFiles.addRead(
      modules,
      {
        project: projectFile,
        main,
        partlyRead: notKnown.unreadRest !== undefined,
        notModelled: notKnown.notModelled,
      },
      notKnown.init.resources,
    );
    programFiles.fingerprintApart(
      folder,
      notKnown.init.file,
      notKnown.init.resources,
      notKnown.init.outputs,
    );
    return new ResourceGraph(notKnown.init);
  }
  if (run.unreadRest) skip(result, main, run.unreadRest);
  // The modules only the first run reads (one a branch a default leaves out requires) are read too.
  const readFiles = new Set(run.init.resources.map(resource => resource.file));
  // So are the resources of types not modelled only it declares: of each type, as many as the run that declares more.
  const notModelled = new Map(notKnown.notModelled);
  for (const [type, count] of run.notModelled)
    notModelled.set(type, Math.max(count, notModelled.get(type) ?? 0));
  programFiles.addRead(
    modules,
    {
      project: projectFile,
      main,
      partlyRead: run.unreadRest !== undefined,
      notModelled,
    },
    [
      ...run.init.resources,
      ...notKnown.init.resources.filter(
        resource => !readFiles.has(resource.file),
      ),
    ],
  );
  // The findings of both runs are one program's (see evaluateGraph).
  programFiles.fingerprintApart(
    folder,
    run.init.file,
    [...run.init.resources, ...notKnown.init.resources],
    [...(run.init.outputs ?? []), ...(notKnown.init.outputs ?? [])],
  );
  return new ResourceGraph({
    ...run.init,
    // Which value a default gave, and which resources it left out, the run does not say: any finding may rest on one.
    defaults: {
      decided: true,
      leftOutResources: true,
      withoutDefaults: () => new ResourceGraph(notKnown.init),
    },
  });
}

/**
 * Whether the run with defaults gives what it declares on each way the ids
 * the first run gives what it declares there, and declares no resource the
 * first run does not (see {@link loadProgram}).
 */
function sameIds(run: ProgramRun, notKnown: ProgramRun): boolean {
  if (!run.matchesFirstRun) return false;
  for (const [way, { ids }] of run.ways) {
    const matched = run.firstRunWay.get(way);
    const others =
      matched === undefined ? undefined : notKnown.ways.get(matched)?.ids;
    if (
      !others ||
      others.length !== ids.length ||
      ids.some((id, index) => id !== others[index])
    )
      return false;
  }
  const declared = new Set(
    notKnown.init.resources.map(resource => resource.id),
  );
  return run.init.resources.every(resource => declared.has(resource.id));
}

interface ProgramRun {
  init: ResourceGraphInit;
  /** How many times the run read a configuration default. */
  defaultReads: number;
  /** The resources declared on each way, by its number (see {@link ResourceCall.way}): the way and their ids, in the order declared. */
  ways: ReadonlyMap<
    number,
    { path: readonly WayStep[]; ids: readonly string[] }
  >;
  /** For each way, the first run's it matches (see {@link FirstRunWays.matching}); none in the first run. */
  firstRunWay: ReadonlyMap<number, number>;
  /** See {@link GraphBuilder.matchesFirstRun}. */
  matchesFirstRun: boolean;
  /** Why the run did not read the whole program, when it did not (see {@link Interpreter.unreadRest}). */
  unreadRest?: string;
  /** See {@link GraphBuilder.typesNotModelled}. */
  notModelled: ReadonlyMap<string, number>;
}

/**
 * What a program reads of where it runs: the files it reads as data (see
 * ProgramHost.readDataFile), from the folder it runs in, the default AWS
 * provider's region its stacks' configuration sets (see stackRegion), and
 * whether it transforms every resource of the stack.
 */
type Surroundings = Pick<
  ProgramHost,
  'workingFolder' | 'readDataFile' | 'defaultRegion' | 'transformsStack'
>;

/** One run of a program (see {@link ProgramRun}); with `defaults`, the configuration as a stack that sets nothing reads it. */
function runProgram(
  main: string,
  modules: ReturnType<ProgramFiles['modules']>,
  result: LoadResult,
  configuredTags: boolean,
  ways: WayNumbers,
  project: string | undefined,
  callbackRuntime: Value,
  surroundings: Surroundings,
  defaults?: { config: ProgramConfig; firstRun: FirstRunWays },
): ProgramRun {
  const builder = new GraphBuilder(defaults?.firstRun);
  builder.hasDefaultTags = configuredTags;
  builder.callbackRuntime = callbackRuntime;
  let defaultReads = 0;
  const interpreter = new Interpreter(
    {
      ...surroundings,
      readFile: path => modules.readFile(path),
      createResource: call =>
        builder.create(call, modules.readFile(call.file) ?? ''),
      output: (name, value, file, line) =>
        builder.output(name, value, file, line, modules.readFile(file) ?? ''),
      defaultTags: () => {
        builder.providersMayTag = true;
      },
      parseError: (file, line, message) =>
        result.errors.push({ file, line, message, format: 'pulumi' }),
      unknownCall: args => builder.unknownCall(args),
      member: subscriptionMethod,
      memberOfUnknown: (_object, name) => subscriptionMethodOfUnknown(name),
      namespaceMember: subscriptionFunction,
      oneOf: oneSource,
      alternativesNotKnown: values => builder.alternativesNotKnown(values),
      callMethod: (object, method, args, site) => {
        const text = modules.readFile(site.file) ?? '';
        const subscription = subscribe(object, method, args, {
          declare: (pulumiType, declared, wires) => {
            // @pulumi/aws makes them below what is subscribed to, with the options given: their providers may be its.
            if (mayHandOnProviderTags(args)) builder.providersMayTag = true;
            return builder.create(
              {
                ...interpreter.declaredByCall(
                  pulumiType,
                  args[0],
                  site.nameText ?? method,
                  declared,
                ),
                defaultTags: 'parent',
              },
              text,
              wires && { ...wires, by: wires.fn.id },
            );
          },
          attribute: attributeRef,
          settingsElsewhere: (resource, place) =>
            builder.settingsPlaces.set(resource.id, place),
        });
        if (subscription) return subscription;
        // A handler not known statically may be a callback or a function: what the subscription declares is not known.
        builder.escape(args);
        return new Unknown(`${method} with a handler not known statically`);
      },
      config: (method, namespace, key) => {
        const read =
          defaults && configDefault(defaults.config, method, namespace, key);
        if (!read)
          return configNotKnown(
            fullConfigKey(project, namespace, key),
            key,
            method,
          );
        defaultReads++;
        return read.value;
      },
    },
    ways,
  );
  interpreter.onAttribute = attributeRef;
  builder.attribute = attributeRef;
  interpreter.runMain(main);
  const unreadRest = interpreter.unreadRest;
  return {
    init: graphInit(builder, main, unreadRest !== undefined),
    defaultReads,
    ways: builder.ways,
    firstRunWay: builder.firstRunWay,
    matchesFirstRun: builder.matchesFirstRun,
    unreadRest,
    notModelled: builder.typesNotModelled,
  };
}

/**
 * A YAML program: `Main.yaml` in the `main` folder (the project's by
 * default), else the project file itself, as Pulumi looks for it. Run as a
 * TypeScript program is (see {@link loadProgram}): with its configuration
 * not known, then, when it reads a default, as a stack that sets nothing;
 * its ids are its resources' names, the same in both runs.
 */
function loadYamlProgram(
  project: SourceFile,
  settings: ProjectSettings,
  files: readonly SourceFile[],
  stackFiles: readonly SourceFile[],
  configuredTags: boolean,
  result: LoadResult,
  defaultRegion: string | undefined,
): ResourceGraph | undefined {
  const mainFolder = settings.main
    ? join(folderOf(project.path), settings.main.replace(/\/$/, ''))
    : folderOf(project.path);
  const file =
    files.find(
      each =>
        YAML_PROGRAM_FILE.test(each.path) && folderOf(each.path) === mainFolder,
    ) ?? project;
  const program =
    file === project ? settings.document : readYamlFile(file, result.errors);
  if (!program) return undefined;
  const refused = refusedNames(program);
  if (refused.length > 0) {
    for (const { line, message } of refused)
      result.errors.push({
        file: file.path,
        line,
        message: `${message}: Pulumi runs none of the program`,
        format: 'pulumi',
      });
    return undefined;
  }
  // The program's own `config` section declares keys as the project's does; so does its older `configuration`,
  // under them: Pulumi reads a key both declare from the stack's config, which `config` gives its value or default.
  const declared = {
    ...olderConfiguration(program.configuration),
    ...settings.config,
    ...(isRecord(program.config) ? program.config : {}),
  };
  const config = programConfig({ ...settings, config: declared }, stackFiles);
  const notKnown = runYamlProgramOnce(
    file,
    program,
    configuredTags,
    settings.name,
    defaultRegion,
  );
  const run =
    config &&
    runYamlProgramOnce(
      file,
      program,
      configuredTags,
      settings.name,
      defaultRegion,
      config,
    );
  result.files.push({
    path: file.path,
    format: 'pulumi',
    resources: notKnown.init.resources.length,
  });
  (result.programs ??= []).push({
    format: 'pulumi',
    project: project.path,
    main: file.path,
    files: [file.path],
    ...notModelledField(notKnown.notModelled),
  });
  if (!run || run.defaultReads === 0) return new ResourceGraph(notKnown.init);
  // Which value a default gave the run does not say: any finding may rest on one.
  return new ResourceGraph({
    ...run.init,
    defaults: {
      decided: true,
      withoutDefaults: () => new ResourceGraph(notKnown.init),
    },
  });
}

/**
 * The keys of `configuration`, Pulumi YAML's older section for `config`, as
 * `config` would declare them: a key's `default` is its value for a stack
 * that sets none. Pulumi takes no other value there (a bare value, `value:`
 * stop the run). A key given a `name` is read from the stack under that
 * name, which is not followed here, and a default that is an expression is
 * evaluated, which is not done here: their values are not known.
 */
function olderConfiguration(
  section: Value | undefined,
): Record<string, unknown> {
  const declared: Record<string, unknown> = {};
  if (!isMap(section)) return declared;
  for (const [key, entry] of Object.entries(section)) {
    const defaultValue = isMap(entry)
      ? recordField(entry, 'default')
      : undefined;
    const name = isMap(entry) ? recordField(entry, 'name') : undefined;
    const known =
      defaultValue !== undefined &&
      !holdsExpression(defaultValue) &&
      (name === undefined || name === '');
    setEntry(declared, key, known ? { default: defaultValue } : {});
  }
  return declared;
}

/** True when a value holds a Pulumi YAML expression (`${pulumi.stack}`, `fn::join`), which Pulumi evaluates in a `configuration` default (not in `config`). */
function holdsExpression(value: Value): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(holdsExpression);
  return (
    isMap(value) &&
    Object.keys(value).some(
      key => key.startsWith('fn::') || holdsExpression(value[key]),
    )
  );
}

/** A field of a Pulumi YAML record (`name` lower case): Pulumi matches a key to it whatever its case (`Default`), the last one written counting. */
function recordField(record: ValueMap, name: string): Value | undefined {
  let value: Value | undefined;
  for (const key of Object.keys(record))
    if (key.toLowerCase() === name) value = record[key];
  return value;
}

/** One run of a YAML program; with `config`, as a stack that sets nothing reads it (see {@link yamlConfigDefault}). */
function runYamlProgramOnce(
  file: SourceFile,
  program: ValueMap,
  configuredTags: boolean,
  project: string | undefined,
  defaultRegion: string | undefined,
  config?: ProgramConfig,
) {
  const builder = new GraphBuilder(undefined, '#');
  builder.hasDefaultTags = configuredTags;
  let defaultReads = 0;
  runYamlProgram(
    file.path,
    program,
    {
      createResource: call => builder.create(call, file.text),
      output: (name, value, line) =>
        builder.output(name, value, file.path, line, file.text),
      defaultTags: () => {
        builder.hasDefaultTags = true;
      },
      config: key => {
        const read = config && yamlConfigDefault(config, key);
        if (read) defaultReads++;
        return (
          read ?? { value: configNotKnown(yamlConfigKey(project, key), key) }
        );
      },
      unknownCall: args => builder.unknownCall(args),
      attribute: attributeRef,
      defaultRegion,
    },
    new WayNumbers(),
  );
  return {
    init: graphInit(builder, file.path),
    defaultReads,
    notModelled: builder.typesNotModelled,
  };
}

/** The graph of what a run declared. */
function graphInit(
  builder: GraphBuilder,
  main: string,
  partlyRead = false,
): ResourceGraphInit {
  return {
    file: main,
    format: 'pulumi',
    resources: builder.finish(),
    outputs: builder.outputs,
    hasDefaultTags: builder.hasDefaultTags,
    propertySpelling: spelledWithPlaces(builder.settingsPlaces),
    settingsElsewhere: resource => builder.settingsPlaces.has(resource.id),
    partlyRead,
    unknownResourceTypes: builder.unknownTypes,
    neverDeployed: builder.attachmentsReviewed,
  };
}

/** Pulumi's resource options, the third argument of a resource's constructor: where it sits, not what it is given. */
const RESOURCE_OPTIONS = new Set([
  'parent',
  'dependsOn',
  'provider',
  'providers',
  'protect',
  'ignoreChanges',
  'aliases',
  'deleteBeforeReplace',
  'retainOnDelete',
]);

function isResourceOptions(value: JsValue): boolean {
  return (
    isPlainObject(value) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every(key => RESOURCE_OPTIONS.has(key))
  );
}

/**
 * A resource's properties read from JSON text written in another file than
 * the resource's (`policy: text`, the text built in policy.ts), by path
 * (`PolicyDocument`, `Policies[0].PolicyDocument`), with where the text is
 * written: the text has no lines of the resource's file, and a finding on
 * it says where it is (see {@link Resource.writtenElsewhere}).
 */
function documentsWrittenElsewhere(
  properties: ValueMap,
  file: string,
): Resource['writtenElsewhere'] {
  const places = new Map<string, WrittenAt>();
  // Documents are properties, or properties of the items of a list (a role's inline policies).
  const visit = (value: Value, path: string, depth: number) => {
    const place = documentWrittenAt(value);
    if (place) {
      if (place.file !== file) places.set(path, place);
    } else if (depth < 2 && Array.isArray(value))
      value.forEach((item, index) =>
        visit(item, `${path}[${index}]`, depth + 1),
      );
    else if (depth < 2 && isMap(value))
      for (const [key, item] of Object.entries(value))
        visit(item, `${path}.${key}`, depth + 1);
  };
  for (const [key, value] of Object.entries(properties)) visit(value, key, 0);
  return places.size > 0 ? places : undefined;
}

function keyLines(map: Record<string, Value>): Record<string, number> {
  const keys: Record<string, number> = {};
  for (const key of Object.keys(map)) keys[key] = lineOfPath(map, [key], -1);
  return Object.fromEntries(
    Object.entries(keys).filter(([, line]) => line >= 0),
  );
}

function appendManagedPolicy(
  identity: Resource,
  policyArn: Value,
  line: number,
) {
  const current = identity.properties.ManagedPolicyArns;
  const list: Value[] = Array.isArray(current) ? current : asList(current);
  list.push(policyArn);
  identity.properties.ManagedPolicyArns = list;
  // The attachment's line, so that a finding about it points there.
  recordItemLine(list, list.length - 1, line);
}

function recordItemLine(list: Value[], index: number, line: number) {
  const items = list.map((_item, i) =>
    i === index ? line : lineOfPath(list, [i], line),
  );
  recordLines(list, lineOfNode(list) ?? line, { items });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUnder(path: string, folder: string): boolean {
  return folder === '' || path.startsWith(`${folder}/`);
}

function join(folder: string, relative: string): string {
  const joined = folder ? `${folder}/${relative}` : relative;
  return joined.replace(/\/\.\//g, '/').replace(/^\.\//, '');
}
