import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Ref, Template, Unknown, Value, ValueMap, collectRefs } from './values';
import { lookupTable } from '../support/lookupTable';
import { WrittenText } from './writtenText';

/** A literal account ID in an ARN. */
const ACCOUNT_ID = /(?:^|:)\d{12}(?::|$)/;

/** Stands for a part of an ARN not known statically (a pseudo parameter). */
const NOT_KNOWN = '\uE001';

/**
 * ARNs that end with a resource's name, by type: what the text before the
 * name reads, and the references that give the name (`undefined`: a plain
 * reference; adapters name attributes as CloudFormation does, Pulumi's
 * `name` as `Name`).
 */
const ARNS_BY_NAME: Readonly<
  Record<
    string,
    {
      prefix: RegExp;
      nameReferences: readonly (string | undefined)[];
      nameProperty: string;
    }
  >
> = {
  'AWS::IAM::Role': {
    prefix: /^arn:[^:]*:iam::[^:]*:role\/(?:[^:]*\/)?$/,
    nameReferences: [undefined, 'RoleName', 'Name'],
    nameProperty: 'RoleName',
  },
  'AWS::Lambda::Function': {
    prefix: /^arn:[^:]*:lambda:[^:]*:[^:]*:function:$/,
    nameReferences: [undefined, 'FunctionName', 'Name'],
    nameProperty: 'FunctionName',
  },
  'AWS::SQS::Queue': {
    prefix: /^arn:[^:]*:sqs:[^:]*:[^:]*:$/,
    nameReferences: ['QueueName', 'Name'],
    nameProperty: 'QueueName',
  },
  'AWS::SNS::Topic': {
    prefix: /^arn:[^:]*:sns:[^:]*:[^:]*:$/,
    nameReferences: ['TopicName', 'Name'],
    nameProperty: 'TopicName',
  },
};
const ARN_TYPES = Object.keys(ARNS_BY_NAME);

/** The stack's own partition, region and account in an ARN's text (see {@link ResourceGraph.namedInArn}). */
const OWN_PLACE = lookupTable<string>({
  'AWS::Partition': '\uE002',
  'AWS::Region': '\uE003',
  'AWS::AccountId': '\uE004',
});

/** An ARN's text split before the name it ends with: `arn:aws:sqs:…:` and `orders`. */
const ARN_AND_NAME = /^(arn:.*[:/])([^:/]+)$/;

/** An in-code suppression written on a resource. */
export interface InlineSuppression {
  ruleId: string;
  /** Missing or empty reasons are reported, not honoured. */
  reason?: string;
  line: number;
  /** How a suppression not written as its form is (`infra-compliance:suppress=<RULE-ID>:<reason>`) should be: reported, not honoured. */
  malformed?: string;
  /**
   * The id of the resource whose declaration the comment is written on, where the resources it makes hold
   * it too (a CDK construct's, held by its role and policy): SUP-001 reviews it once, on that resource.
   */
  writtenOn?: string;
  /**
   * Where `writtenOn` is no resource of the graph (a construct of a CDK app's own class, which makes resources
   * only below it, maybe in another file; a Terraform module call; an attachment, see {@link appliesWithin}):
   * the file the comment is written in, and the type to report it under (the class, `module`, the attachment's).
   */
  writtenOnConstruct?: { file: string; type: string };
  /**
   * Where it is written on an attachment, a resource that sets what another resource holds and is folded into
   * it (a Terraform `aws_kms_key_policy`, a Pulumi `kms.KeyPolicy`, which give their key its policy): the
   * lines of the attachment's declaration, and of the values it sets written elsewhere in its file. Held by
   * each resource the attachment sets values of, it applies only to the findings on it that point there, at
   * what the attachment sets; `writtenOn` names the attachment.
   */
  appliesWithin?: DeclarationLines;
  /** The file the comment is written in, where not that of the resource holding it (a Terraform override file). */
  file?: string;
  /**
   * Held by a resource of another template than the one `writtenOn` is in (a CDK nested stack's, made below a
   * construct of the app's own class): SUP-001 reviews it with the resources of that template, once.
   */
  reviewedInAnotherGraph?: true;
  /**
   * The id SUP-001 fingerprints it by, where `writtenOn` is no resource and does not tell it from another
   * construct of its file in another graph (see {@link Resource.fingerprintId}, which it reads for a resource).
   */
  fingerprintId?: string;
}

/** Lines of a value in its file, first to last (1-based). */
export interface LineSpan {
  first: number;
  last: number;
}

/** Lines of a declaration (a resource block, a resource's `new`), first to last, in its file. */
export interface DeclarationLines extends LineSpan {
  file: string;
  /**
   * Other lines of the file where values it sets are written: a local, a data source's policy document, a constant
   * it passes.
   */
  valuesAt?: ReadonlySet<number>;
}

/** How a stack read its inputs' defaults (see {@link ResourceGraph.defaults}). */
export interface StackDefaults {
  /**
   * A default decided what the stack holds (a condition, a removed
   * property, a Terraform `count`, a loop's collection): any finding may
   * rest on it. Otherwise only findings on a resource's
   * {@link Resource.linesFromDefaults} may.
   */
  decided: boolean;
  /**
   * Whether a default left out resources the stack otherwise deploys (a
   * CloudFormation `Condition`, a Terraform `count` of 0): the engine judges
   * them in the stack built without defaults.
   */
  leftOutResources?: boolean;
  /**
   * An output's value read a default (a URL built from a `Stage`
   * parameter): what a rule finds from the outputs (which resources the
   * stack exports) may rest on it, as if {@link decided} held for the rules
   * that read them (see {@link ResourceGraph.outputsReadCount}).
   */
  outputsFromDefaults?: boolean;
  /** The same stack built again with every input's default not known. */
  withoutDefaults(): ResourceGraph;
}

/**
 * One cloud resource, in the AWS resource model's vocabulary: `type` is the
 * canonical resource type (`AWS::Lambda::Function`) and `properties` use the
 * resource schema's property names, whichever format it was written in.
 */
export interface Resource {
  /** CloudFormation logical id, Terraform address, Pulumi/CDK construct name. */
  id: string;
  type: string;
  properties: ValueMap;
  /** Path of the file relative to the scanned root. */
  file: string;
  /** 1-based line where the resource is declared. */
  line: number;
  /** The type as written when it differs (`AWS::Serverless::Function`, `aws_lambda_function`). */
  sourceType?: string;
  /**
   * Where the format it is written in decides whether it takes tags, not
   * its type (Terraform and Pulumi: whether the AWS provider's resource
   * takes a `tags` argument, as an `aws_iam_policy` and an `aws.iam.Policy`
   * do and an `AWS::IAM::ManagedPolicy` not): the property that keeps them,
   * or null where it takes none. Unset: its type says (see
   * analysis/taggableTypes.ts).
   */
  tagsProperty?: string | null;
  /**
   * Set on resources a format creates implicitly (SAM's function roles, API
   * stages, event source mappings): the id of the resource that declared them.
   */
  generatedBy?: string;
  /**
   * What the author wrote that made the resource, for messages: `S3 event
   * Upload` for one SAM generated, `the notifications of the S3 bucket Inbox`
   * for a permission CDK adds.
   */
  origin?: string;
  /**
   * Whether the stack's default tags reach this resource, where that differs
   * by resource (Terraform: the `default_tags` of the provider configuration
   * the resource uses); unset: the graph's `hasDefaultTags` says.
   */
  defaultTags?: boolean;
  /**
   * Handed to code the adapter does not model (another package's construct
   * or helper), which may wire it in ways not known (triggers, grants).
   */
  handedToCodeNotModelled?: true;
  /**
   * One of the values of alternatives whose condition is not known statically (`cond ? new Function(…) :
   * new Function(…)`, a variable set in an if and its else, a subclass's super call under a condition): what the program then wires to that value, which
   * the adapter does not follow, may be wired to it (triggers, grants).
   */
  wiredAsOneOfAlternatives?: true;
  /**
   * Handed to code not modelled that may make alarms (another package's construct or helper, a module not
   * read); not to a construct or method of the CDK's own, which alarms on nothing it is given: a function or
   * a queue that an alarm made there may watch (ALM-001, ALM-002).
   */
  handedToCodeThatMayAlarm?: true;
  /**
   * A function's (or a version's or alias's of it) callers that its stack's template does not declare as
   * resources but the program that makes it does: a Step Functions task of the stack handed to a state not
   * modelled (a Parallel's branch), which puts it in a state machine of the stack; an AppSync resolver whose
   * request asks for an Event invocation; a Terraform S3 notification or event target of a bucket or rule not
   * of the stack; how each invokes it.
   */
  callersElsewhere?: readonly {
    id: string;
    type: string;
    kind: 'sync' | 'poll' | 'async';
  }[];
  /**
   * Code the adapter does not model may change its properties before it is
   * deployed (a CDK aspect of the app's own): what rules find on it rests on
   * properties that may not be those deployed, and is reported at partial
   * confidence.
   */
  changedByCodeNotModelled?: true;
  /**
   * Made in a loop whose rounds are not known statically (a CDK construct or a Pulumi resource in a `for` over a
   * configuration the scanner does not read): deployed any number of times, or not at all, under ids that may not be
   * known; what rules find on it is reported at partial confidence.
   */
  copiesNotKnown?: true;
  /**
   * A condition, not known statically, that the resource is deployed under
   * (a CloudFormation `Condition`): see {@link ResourceGraph.mayBeDeployedTogether}.
   */
  deployedIf?: string;
  /**
   * Another declaration of the resource of this id, in a branch that may
   * not run (`if (prod) new Function('api', …) else new Function('api', …)`):
   * one of them is deployed, never both.
   */
  variantOf?: string;
  /**
   * Set on a declaration deployed in copies (Terraform `count` and
   * `for_each`): what makes them, itself or each module call that holds it
   * (each copy of a module instance has its own copy of the resource). A
   * declaration of none is left out of the graph (see
   * {@link StackDefaults.leftOutResources}).
   */
  copies?: readonly Copies[];
  /**
   * The id its findings are fingerprinted by, and its checks counted by, where not its id: set where the
   * resource's id does not tell it from another of its file in another graph (a CDK app's resources are
   * named by their paths below their stack, and one file may declare two stacks that both hold a `Queue`).
   * Not set on an instance (see {@link instanceOf}).
   */
  fingerprintId?: string;
  /**
   * Set on each instance of a declaration whose `count` or `for_each` is
   * known statically (Terraform): the declaration's address
   * (`aws_sqs_queue.jobs` for `aws_sqs_queue.jobs["orders"]`). What all its
   * instances fail alike is reported once, on the declaration (see
   * {@link ResourceGraph.instancesOf}).
   */
  instanceOf?: string;
  /**
   * Lines of the resource's values that were read from a stack input's
   * default (a CloudFormation parameter's `Default`), which whoever deploys
   * may override, and of the maps that hold them (a policy statement).
   */
  linesFromDefaults?: readonly LineSpan[];
  /**
   * Properties whose value is written in another file than the resource's
   * (a Terraform override file, JSON text another module of a Pulumi program
   * builds), by path (`TracingConfig`, or `TracingConfig.Mode` where that
   * alone is, `Policies[0].PolicyDocument` in a list), with where. A finding names the
   * resource's file, and the resource's line for such a value: its message
   * says where the value is written.
   */
  writtenElsewhere?: ReadonlyMap<string, { file: string; line: number }>;
  suppressions: InlineSuppression[];
}

/** Copies of a resource one declaration makes (see {@link Resource.copies}). */
export interface Copies {
  /** The declaration's id: the resource's own, or a module call's (`module.workers`). */
  by: string;
  /** How many, when that is known statically. */
  count?: number;
}

/** A reference from a property of one resource to another resource. */
export interface Edge {
  from: Resource;
  to: Resource;
  attribute?: string;
  path: (string | number)[];
}

/** Stands for any text in a name known in part (see {@link StackOutput.exportNamePattern}): a private-use character. */
export const ANY_TEXT = '\uE001';

/** A value the stack exports (CloudFormation Outputs, Terraform output, Pulumi exports). */
export interface StackOutput {
  name: string;
  value: Value;
  /** The file that declares it (a Terraform module's outputs.tf, a Pulumi program's module); default: the stack's. */
  file?: string;
  line: number;
  /** The stack exports it only where a condition not known statically holds (a CloudFormation output's `Condition`). */
  conditional?: boolean;
  /** The name other stacks import it by, where it is written out (a CloudFormation output's `Export.Name`). */
  exportName?: string;
  /**
   * Where that name is not written out (`!Sub ${AWS::StackName}-Dlq`, or
   * built from a parameter's default), the name as written with
   * {@link ANY_TEXT} for each part not known: an import of a name it
   * matches may import it.
   */
  exportNamePattern?: string;
  /** Suppression comments written on the output (an output has no `Metadata`); default: none. */
  suppressions?: InlineSuppression[];
  /** The id its findings are fingerprinted by, where not its id as a resource (see {@link outputAsResource}, {@link Resource.fingerprintId}). */
  fingerprintId?: string;
}

export interface ResourceGraphInit {
  file: string;
  format: IacFormat;
  resources: Resource[];
  outputs?: StackOutput[];
  /** True when the stack applies tags to every resource (SAM Globals Tags, TF default_tags). */
  hasDefaultTags?: boolean;
  /** How the strings built from the stack's inputs read as written. */
  writtenText?: WrittenText;
  /** How the format spells a property of the resource model (see {@link ResourceGraph.nameOf}); default: as the model does. */
  propertySpelling?: PropertySpelling;
  /** How the format writes a property's values, where not as the model does (see {@link ResourceGraph.valueOf}); default: as the model does. */
  valueSpelling?: ValueSpelling;
  /** See {@link ResourceGraph.settingsElsewhere}; default: none. */
  settingsElsewhere?: (resource: Resource) => boolean;
  /** Set by formats whose resources may be instances of a declaration (see {@link InstanceNaming}). */
  instanceNaming?: InstanceNaming;
  /** Types of the resources the stack declares with arguments not known statically (see {@link ResourceGraph.hasUnknownOfType}). */
  unknownResourceTypes?: Iterable<string>;
  /** See {@link ResourceGraph.defaults}; set by adapters whose stack read an input's default. */
  defaults?: StackDefaults;
  /** See {@link ResourceGraph.partlyRead}. */
  partlyRead?: boolean;
  /** See {@link ResourceGraph.neverDeployed}. */
  neverDeployed?: readonly Resource[];
  /** Whether two conditions resources are deployed under may both hold (see {@link Resource.deployedIf}); default: they may. */
  conditionsMayHoldTogether?: (first: string, second: string) => boolean;
}

/**
 * A property path of the resource model (`AccessLogSetting.DestinationArn`)
 * as the author of `resource` writes it (`access_log_settings.destination_arn`).
 */
export type PropertySpelling = (resource: Resource, path: string) => string;

/** A value of a property of the resource model that a message may spell as the author writes it. */
export type SpelledValue = boolean | number | readonly string[];

/**
 * A value of a property path of the resource model as the author of
 * `resource` writes it, where a value of another type sets it (CDK's
 * `QueueEncryption.UNENCRYPTED` for SqsManagedSseEnabled false, `true` of
 * `reportBatchItemFailures` for FunctionResponseTypes
 * [ReportBatchItemFailures]); undefined where the author writes the
 * model's value.
 */
export type ValueSpelling = (
  resource: Resource,
  path: string,
  value: SpelledValue,
) => string | undefined;

/** How a format names the instances of a declaration (see {@link Resource.instanceOf}). */
export interface InstanceNaming {
  /**
   * A text about an instance as it reads about its declaration: the
   * instance's address, and the addresses of what the same instance of a
   * module holds, as the declarations' addresses. `resourceOf` gives the
   * resource of the stack an address names.
   */
  asDeclared(
    resource: Resource,
    text: string,
    resourceOf: (address: string) => Resource | undefined,
  ): string;
  /**
   * The addresses an instance may have in the stack built without inputs'
   * defaults, where a collection a default gave is not expanded: its own,
   * then with fewer instance keys, most keys first.
   */
  addressesOf(resource: Resource): string[];
  /**
   * A text with each address in it of an instance that is `lone` (one no
   * other instance of its declaration is to be told apart from) without
   * the keys that tell nothing apart: `count` indexes, its own and its
   * module calls', not `for_each` keys, which name what the author wrote.
   */
  loneInstancesUnkeyed(
    text: string,
    lone: (address: string) => boolean,
  ): string;
}

/**
 * How each format names an output and what kind of thing it is: ids no
 * resource of the stack can have (a CloudFormation output may share its
 * logical id with a resource).
 */
const OUTPUT_NAMING: Record<
  IacFormat,
  { id: (name: string) => string; type: string }
> = {
  cloudformation: {
    id: name => `Outputs.${name}`,
    type: 'AWS::CloudFormation::Output',
  },
  cdk: { id: name => `Outputs.${name}`, type: 'AWS::CloudFormation::Output' },
  terraform: { id: name => `output.${name}`, type: 'output' },
  pulumi: { id: name => `Outputs.${name}`, type: 'stack output' },
};

/**
 * An output as a resource that is not the stack's, named as the format
 * names the output (see {@link ResourceGraph.outputSubject}); `stackFile`
 * is its file where it records none.
 */
export function outputAsResource(
  format: IacFormat,
  output: StackOutput,
  stackFile: string,
): Resource {
  const { id, type } = OUTPUT_NAMING[format];
  return {
    id: id(output.name),
    type,
    properties: {},
    file: output.file ?? stackFile,
    line: output.line,
    suppressions: output.suppressions ?? [],
    ...(output.fingerprintId !== undefined && {
      fingerprintId: output.fingerprintId,
    }),
  };
}

/**
 * The resources of one stack (a template, a Terraform module, a Pulumi or
 * CDK program) with their references indexed both ways. Built once per
 * stack; every rule reads it.
 */
export class ResourceGraph {
  readonly file: string;
  readonly format: IacFormat;
  private readonly stackOutputs: readonly StackOutput[];
  private outputReads = 0;
  readonly hasDefaultTags: boolean;
  readonly writtenText: WrittenText;
  private readonly propertySpelling?: PropertySpelling;
  private readonly valueSpelling?: ValueSpelling;
  private readonly settingsAreElsewhere?: (resource: Resource) => boolean;
  private readonly instanceNaming?: InstanceNaming;
  /**
   * How the stack read its inputs' defaults, when it read one: a finding
   * that the stack built without them does not have too rests on a default,
   * and is reported at partial confidence.
   */
  readonly defaults?: StackDefaults;
  /**
   * The adapter could not read all the stack declares (a program too large
   * to evaluate): what it lacks may be declared after all, so every finding
   * on it is reported at partial confidence.
   */
  readonly partlyRead: boolean;
  /**
   * Resources the stack declares but never deploys, whatever its inputs (a
   * CloudFormation Condition that is always false): no rule judges them,
   * but the suppressions written on them are still reviewed. So are those
   * written on declarations that are no resources of the graph (a Terraform
   * module call, an attachment: see {@link InlineSuppression.appliesWithin}),
   * which stand here for them, whether or not what they make holds them.
   */
  readonly neverDeployed: readonly Resource[];
  private readonly byId = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  /** Every resource the graph was made with, in order (a repeated id too): what references are read from. */
  private readonly declared: readonly Resource[];
  /** The references between resources, by each end (see {@link edges}); indexed on first use. */
  private edgeIndex?: {
    from: Map<string, Edge[]>;
    to: Map<string, Edge[]>;
  };
  private readonly analyses = new Map<object, unknown>();
  /** The analyses whose computing read the outputs: reading one reads them. */
  private readonly analysesReadingOutputs = new Set<object>();
  private readonly unknownResourceTypes: ReadonlySet<string>;
  private readonly instanceCounts = new Map<string, number>();
  private readonly conditionsMayHoldTogether?: (
    first: string,
    second: string,
  ) => boolean;
  /** See {@link indexFixedNames}; made on first use. */
  private fixedNames?: Map<string, Resource | null>;
  /** Answers of {@link conditionsMayHoldTogether}, by the two conditions' names. */
  private readonly conditionPairs = new Map<string, boolean>();
  /** See {@link outputSubject}. */
  private readonly outputSubjects = new Map<StackOutput, Resource>();

  constructor(init: ResourceGraphInit) {
    this.unknownResourceTypes = new Set(init.unknownResourceTypes);
    this.file = init.file;
    this.format = init.format;
    this.stackOutputs = init.outputs ?? [];
    this.hasDefaultTags = init.hasDefaultTags ?? false;
    this.writtenText = init.writtenText ?? new WrittenText();
    this.propertySpelling = init.propertySpelling;
    this.valueSpelling = init.valueSpelling;
    this.settingsAreElsewhere = init.settingsElsewhere;
    this.instanceNaming = init.instanceNaming;
    this.defaults = init.defaults;
    this.partlyRead = init.partlyRead ?? false;
    this.neverDeployed = init.neverDeployed ?? [];
    this.conditionsMayHoldTogether = init.conditionsMayHoldTogether;
    this.declared = init.resources;
    for (const resource of init.resources) {
      this.byId.set(resource.id, resource);
      const ofType = this.byType.get(resource.type);
      if (ofType) ofType.push(resource);
      else this.byType.set(resource.type, [resource]);
      if (resource.instanceOf !== undefined)
        this.instanceCounts.set(
          resource.instanceOf,
          (this.instanceCounts.get(resource.instanceOf) ?? 0) + 1,
        );
    }
  }

  /**
   * The references between resources, indexed by the resource that makes
   * each and by the one it names. Indexed on first use: walking every value
   * costs a graph-building pass, and the rules of many stacks (and the stack
   * built without defaults, most often) never follow a reference.
   */
  private edges(): NonNullable<ResourceGraph['edgeIndex']> {
    if (this.edgeIndex) return this.edgeIndex;
    const from = new Map<string, Edge[]>();
    const to = new Map<string, Edge[]>();
    for (const resource of this.declared) {
      for (const { ref, path } of collectRefs(resource.properties)) {
        const target = this.byId.get(ref.target);
        if (!target) continue;
        const edge: Edge = {
          from: resource,
          to: target,
          attribute: ref.attribute,
          path,
        };
        push(from, resource.id, edge);
        push(to, target.id, edge);
      }
    }
    return (this.edgeIndex = { from, to });
  }

  /**
   * Whether two resources may be deployed together: not when the
   * conditions they are deployed under (see {@link Resource.deployedIf})
   * never hold together (`IsProd` and `IsDev: !Not [!Condition IsProd]`).
   */
  mayBeDeployedTogether(first: Resource, second: Resource): boolean {
    const [a, b] = [first.deployedIf, second.deployedIf];
    if (
      a === undefined ||
      b === undefined ||
      a === b ||
      !this.conditionsMayHoldTogether
    )
      return true;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let answer = this.conditionPairs.get(key);
    if (answer === undefined)
      this.conditionPairs.set(
        key,
        (answer = this.conditionsMayHoldTogether(a, b)),
      );
    return answer;
  }

  /** What the stack exports. Each read is counted (see {@link outputsReadCount}). */
  get outputs(): readonly StackOutput[] {
    this.outputReads++;
    return this.stackOutputs;
  }

  /**
   * How many times the outputs were read, through an analysis too: the
   * engine compares it before and after a rule to know whether the rule
   * read them (see {@link StackDefaults.outputsFromDefaults}).
   */
  get outputsReadCount(): number {
    return this.outputReads;
  }

  /**
   * The output as what a finding about it is on: a resource that is not the
   * stack's (no rule reads it), named as the format names the output
   * (`Outputs.ApiUrl`, `output.api_url`) and of the format's kind of output,
   * so that the finding, its fingerprint and its check name the output, not
   * a resource it refers to. One per output: a rule's checks of it are one.
   */
  outputSubject(output: StackOutput): Resource {
    let subject = this.outputSubjects.get(output);
    if (!subject) {
      subject = outputAsResource(this.format, output, this.file);
      this.outputSubjects.set(output, subject);
    }
    return subject;
  }

  /**
   * The outputs that carry suppressions, as {@link outputSubject}s: their
   * suppressions are reviewed as a resource's are. Not a rule's read of the
   * outputs (not counted in {@link outputsReadCount}).
   */
  outputSubjectsWithSuppressions(): Resource[] {
    return this.stackOutputs
      .filter(output => output.suppressions?.length)
      .map(output => this.outputSubject(output));
  }

  get resources(): IterableIterator<Resource> {
    return this.byId.values();
  }

  /** Whether some resource is an instance of a declaration (see {@link Resource.instanceOf}). */
  get hasInstances(): boolean {
    return this.instanceCounts.size > 0;
  }

  /** How many instances of the declaration the stack deploys (see {@link Resource.instanceOf}); 0 for none. */
  instancesOf(declaration: string): number {
    return this.instanceCounts.get(declaration) ?? 0;
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * What an analysis derives from the whole graph (an index of its log
   * groups, its identity-policy statements), computed on first use under
   * `key` and kept with the graph: several rules read it, and it goes when
   * the graph goes. (A module-level WeakMap keyed by graph would do the same
   * but makes every young-generation collection of a scan several times
   * slower.) Reading the outputs while computing it counts as reading them
   * at each later use (see {@link outputsReadCount}); an analysis that
   * fills what it returns later, entry by entry, must not read them then.
   */
  analysis<T>(key: object, compute: (graph: ResourceGraph) => T): T {
    if (this.analyses.has(key)) {
      if (this.analysesReadingOutputs.has(key)) this.outputReads++;
      return this.analyses.get(key) as T;
    }
    const readsBefore = this.outputReads;
    const value = compute(this);
    this.analyses.set(key, value);
    if (this.outputReads !== readsBefore) this.analysesReadingOutputs.add(key);
    return value;
  }

  /**
   * A property of the resource model, named in a message the way the
   * resource's author writes it: `RetentionInDays` is `retention_in_days`
   * in Terraform and `retentionInDays` in Pulumi. Rules read the model's
   * names; the author searches their code for their own.
   */
  nameOf(resource: Resource, path: string): string {
    return this.propertySpelling ? this.propertySpelling(resource, path) : path;
  }

  /**
   * A value of a property, written in a message the way the resource's
   * author writes it, with {@link nameOf}: `false` for SqsManagedSseEnabled,
   * but a CDK Queue's `encryption` is `QueueEncryption.UNENCRYPTED`.
   */
  valueOf(resource: Resource, path: string, value: boolean | number): string {
    return this.valueOfOtherType(resource, path, value) ?? String(value);
  }

  /**
   * A value of a property as the resource's author writes it where a value
   * of another type sets the property (see {@link valueOf}): `true` for a
   * CDK mapping's FunctionResponseTypes [ReportBatchItemFailures], which its
   * `reportBatchItemFailures` sets; undefined where they write the model's
   * value, a list as a list.
   */
  valueOfOtherType(
    resource: Resource,
    path: string,
    value: SpelledValue,
  ): string | undefined {
    return this.valueSpelling?.(resource, path, value);
  }

  /**
   * Whether the author sets the resource's properties elsewhere than where
   * it is declared, as the call that made it cannot set them (the function
   * of a Pulumi subscription's inline handler, set on an
   * `aws.lambda.CallbackFunction` passed in its place): {@link nameOf}
   * names each property with that place, and a message that names none
   * adds how to set it there.
   */
  settingsElsewhere(resource: Resource): boolean {
    return this.settingsAreElsewhere?.(resource) ?? false;
  }

  /** A text about an instance, as it reads about its declaration (see {@link InstanceNaming}); unchanged for other resources. */
  asDeclared(resource: Resource, text: string): string {
    return resource.instanceOf !== undefined && this.instanceNaming
      ? this.instanceNaming.asDeclared(resource, text, address =>
          this.byId.get(address),
        )
      : text;
  }

  /**
   * A message's text with each instance it names that is the only instance
   * of its declaration in the stack named without the keys that tell
   * nothing apart (see {@link InstanceNaming.loneInstancesUnkeyed}), as a
   * finding on it is named by its declaration: the function a registry
   * module makes with `count = var.create ? 1 : 0` is
   * `module.fn.aws_lambda_function.this`, not `…this[0]`, wherever a
   * message names it. Instances of a declaration that has several keep
   * their address: it tells them apart.
   */
  withLoneInstancesUnkeyed(text: string): string {
    if (!this.instanceNaming || this.instanceCounts.size === 0) return text;
    return this.instanceNaming.loneInstancesUnkeyed(text, address => {
      const resource = this.byId.get(address);
      return (
        resource?.instanceOf !== undefined &&
        this.instancesOf(resource.instanceOf) === 1
      );
    });
  }

  /** The addresses an instance may have in the stack built without defaults (see {@link InstanceNaming}); its id for other resources. */
  addressesOf(resource: Resource): string[] {
    return resource.instanceOf !== undefined && this.instanceNaming
      ? this.instanceNaming.addressesOf(resource)
      : [resource.id];
  }

  get(id: string): Resource | undefined {
    return this.byId.get(id);
  }

  /**
   * Whether the stack declares a resource of this type whose arguments are
   * not known statically (a Pulumi resource built from a spread of values
   * not known): it is not in the graph, and may be the one a rule looks
   * for (a function's log group, its alarm).
   */
  hasUnknownOfType(type: string): boolean {
    return this.unknownResourceTypes.has(type);
  }

  /**
   * The resource of this graph a value points at: a reference to it, or an
   * ARN of its type that ends with a reference to its name
   * (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}`,
   * `…:sqs:…:${Queue.QueueName}`). Not an ARN that writes an account ID:
   * that may be another account's resource.
   */
  resolve(value: Value | undefined): Resource | undefined {
    if (value instanceof Ref) return this.byId.get(value.target);
    if (typeof value === 'string')
      return value.startsWith('arn:') ? this.namedInArn([value]) : undefined;
    if (!(value instanceof Template)) return undefined;
    const { parts } = value;
    const last = parts[parts.length - 1];
    if (typeof last === 'string') return this.namedInArn(parts);
    if (!(last instanceof Ref)) return undefined;
    const target = this.byId.get(last.target);
    const arn = target && ARNS_BY_NAME[target.type];
    if (!arn || !arn.nameReferences.includes(last.attribute)) return undefined;
    let before = '';
    for (let index = 0; index < parts.length - 1; index++) {
      const part = parts[index];
      if (part instanceof Ref) return undefined;
      before += typeof part === 'string' ? part : NOT_KNOWN;
    }
    return arn.prefix.test(before) && !ACCOUNT_ID.test(before)
      ? target
      : undefined;
  }

  /**
   * The resource of the graph whose fixed name an ARN ends with
   * (`arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders-dlq`
   * for a queue with `QueueName: orders-dlq`): names are unique in an
   * account and region, so the ARN must name the stack's own account, as a
   * pseudo parameter (a written account, or one an input gives, may be
   * another's), and a region not given by an input.
   */
  private namedInArn(parts: readonly (string | Value)[]): Resource | undefined {
    // Most stacks name none of these resources: nothing to look for.
    const fixedNames = (this.fixedNames ??= this.indexFixedNames());
    if (fixedNames.size === 0) return undefined;
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') text += part;
      else
        text +=
          part instanceof Unknown && OWN_PLACE[part.reason] !== undefined
            ? OWN_PLACE[part.reason]
            : NOT_KNOWN;
    }
    const match = ARN_AND_NAME.exec(text);
    if (!match || match[2].includes(NOT_KNOWN)) return undefined;
    // A written region may be the stack's (a queue's dead-letter queue must be in its region); an input's may not.
    const [, , , region, account] = match[1].split(':');
    if (account !== OWN_PLACE['AWS::AccountId'] || region.includes(NOT_KNOWN))
      return undefined;
    const type = ARN_TYPES.find(candidate =>
      ARNS_BY_NAME[candidate].prefix.test(match[1]),
    );
    return type === undefined
      ? undefined
      : fixedNames.get(`${type}\u0000${match[2]}`) ?? undefined;
  }

  /** The resources of the types {@link namedInArn} reads by their fixed names: null for a name two of them have. */
  private indexFixedNames(): Map<string, Resource | null> {
    const index = new Map<string, Resource | null>();
    for (const type of ARN_TYPES) {
      for (const resource of this.ofType(type)) {
        const name = resource.properties[ARNS_BY_NAME[type].nameProperty];
        if (typeof name !== 'string') continue;
        const key = `${type}\u0000${name}`;
        index.set(key, index.has(key) ? null : resource);
      }
    }
    return index;
  }

  ofType(...types: string[]): Resource[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? [];
    const found: Resource[] = [];
    for (const type of types) {
      const ofType = this.byType.get(type);
      if (ofType) found.push(...ofType);
    }
    return found;
  }

  /** References made by a resource's properties. */
  referencesFrom(resource: Resource): readonly Edge[] {
    return this.edges().from.get(resource.id) ?? [];
  }

  /** References other resources make to this one. */
  referencesTo(resource: Resource): readonly Edge[] {
    return this.edges().to.get(resource.id) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
