/**
 * CloudFormation and SAM templates, YAML or JSON, recognised by content.
 */
import { lineOfPath, recordLines } from '../../graph/locations';
import {
  ANY_TEXT,
  InlineSuppression,
  LineSpan,
  Resource,
  ResourceGraph,
  StackOutput,
  outputAsResource,
} from '../../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  isMap,
  setEntry,
} from '../../graph/values';
import { HOLE, WrittenText } from '../../graph/writtenText';
import {
  parseJsonTextAsWritten,
  recordJsonTextLines,
} from '../../graph/jsonText';
import { lookupTable } from '../../support/lookupTable';
import { LineStarts } from '../../support/lineOffsets';
import {
  DocumentParseError,
  ParseProblem,
  parseYaml,
} from '../../documents/parseYaml';
import { Adapter, LoadResult, ReadCompanionFile, SourceFile } from '../types';
import { IntrinsicEvaluator, TemplateSections } from './intrinsics';
import {
  MAX_GENERATED_ENTRIES,
  SectionEntry,
  hasLoops,
  nestedLoopsExpanded,
  sectionEntries,
} from './forEach';
import {
  SamExpander,
  implicitEventQueueId,
  publishedQualifierIds,
} from './sam/expand';
import { mergeGlobals } from './sam/globals';
import {
  SUPPRESSION_COMMENT_MARKER,
  commentSuppressions,
  metadataSuppressions,
} from './suppressions';
import { cloudFormationClaim } from './claim';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

type RawMap = Record<string, unknown>;

/** Top-level keys of a template: with one of them, a missing Resources section is the template's error (a misspelt `resources:`). */
const TEMPLATE_KEYS = [
  'Resources',
  'AWSTemplateFormatVersion',
  'Transform',
  'Description',
  'Parameters',
  'Mappings',
  'Conditions',
  'Outputs',
  'Metadata',
  'Globals',
  'Rules',
];

/** A document the content test took for a template that turns out not to be one. */
class NotATemplate extends Error {
  constructor() {
    super(
      'not a CloudFormation template: none of the sections of one (Resources, Parameters, Outputs…)',
    );
  }
}
const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key of a macro's (AWS::Include's) place in a map: `Fn::Transform`. */
const TRANSFORM_KEY = 'Fn::Transform';

function hasTransformKey(map: RawMap): boolean {
  return Object.prototype.hasOwnProperty.call(map, TRANSFORM_KEY);
}

/**
 * Why a Resources entry is not judged where a macro (a `Fn::Transform`,
 * AWS::Include) makes it, or completes it, from what the scan does not read;
 * undefined for any other.
 */
function madeByMacro(entry: SectionEntry): string | undefined {
  if (entry.key === TRANSFORM_KEY)
    return `the resources the Fn::Transform of Resources (line ${entry.line}) adds are not judged: a macro (AWS::Include) makes them from a file the scan does not read`;
  const declaration = entry.value;
  if (
    isRawMap(declaration) &&
    (hasTransformKey(declaration) ||
      (isRawMap(declaration.Properties) &&
        hasTransformKey(declaration.Properties)))
  )
    return `resource ${entry.key} (line ${entry.line}) is not judged: a Fn::Transform macro (AWS::Include) completes it from a file the scan does not read`;
  return undefined;
}

export const cloudFormationAdapter: Adapter = {
  ...cloudFormationClaim,

  stacks(files: SourceFile[]): SourceFile[][] {
    return files.map(file => [file]);
  },

  load(files: SourceFile[], readFile?: ReadCompanionFile): LoadResult {
    return loadTemplates(files, readFile);
  },
};

/**
 * Loads templates, one graph each. With `emptyStacks`, a template without
 * Resources is a stack with nothing in it (a CDK app's empty stack, which
 * `cdk synth` writes with only its bootstrap version check), not an error.
 */
export function loadTemplates(
  files: SourceFile[],
  readFile?: ReadCompanionFile,
  options: { emptyStacks?: boolean } = {},
): LoadResult {
  const result: LoadResult = { graphs: [], errors: [], files: [], skipped: [] };
  for (const file of files) {
    try {
      const { graph, errors, skipped } = loadTemplate(
        file,
        readFile,
        options.emptyStacks ?? false,
      );
      result.graphs.push(graph);
      result.skipped!.push(...skipped);
      result.errors.push(
        ...errors.map(e => ({
          ...e,
          file: file.path,
          format: 'cloudformation' as const,
        })),
      );
      result.files.push({
        path: file.path,
        format: 'cloudformation',
        resources: graph.size,
      });
    } catch (error) {
      if (error instanceof NotATemplate) {
        result.skipped!.push({ path: file.path, reason: error.message });
        continue;
      }
      if (!(error instanceof DocumentParseError)) throw error;
      result.errors.push({
        file: file.path,
        line: error.line,
        message: error.message,
        format: 'cloudformation',
      });
      result.files.push({
        path: file.path,
        format: 'cloudformation',
        resources: 0,
      });
    }
  }
  return result;
}

interface LoadedTemplate {
  graph: ResourceGraph;
  errors: {
    line: number;
    message: string;
    readAnyway?: true;
    confidence?: 'partial';
  }[];
  skipped: { path: string; reason: string }[];
}

function loadTemplate(
  file: SourceFile,
  readFile: ReadCompanionFile | undefined,
  emptyStacks: boolean,
): LoadedTemplate {
  const problems: ParseProblem[] = [];
  const root = parseYaml(file.text, undefined, problems);
  if (!isRawMap(root) || !isRawMap(root.Resources)) {
    // A document that names AWS types without claiming to be a template (a
    // scan report, a state machine definition) is someone else's file.
    const claimsTemplate =
      isRawMap(root) &&
      TEMPLATE_KEYS.some(key =>
        Object.prototype.hasOwnProperty.call(root, key),
      );
    if (!claimsTemplate) throw new NotATemplate();
    const emptyStack = emptyStacks && root.Resources === undefined;
    if (!emptyStack)
      throw new DocumentParseError(
        'template has no Resources section (a map of resources)',
        1,
      );
  }
  const loaded = templateGraph(file, root as RawMap, readFile, 'read');
  // CloudFormation deploys a template with a duplicate key, with the last value.
  loaded.errors.unshift(
    ...problems.map(problem => ({ ...problem, readAnyway: true as const })),
  );
  return loaded;
}

/**
 * What the graphs of a template (with its defaults, and without) look for
 * in its text, each looked for once, when first asked.
 */
class TemplateText {
  #commentLines: string[] | undefined;
  #mayUseFnIf: boolean | undefined;
  readonly #mentioned = new Map<string, boolean>();

  constructor(readonly text: string) {}

  /** Its lines, where it holds a suppression comment; none otherwise. */
  get commentLines(): string[] {
    return (this.#commentLines ??= this.text.includes(
      SUPPRESSION_COMMENT_MARKER,
    )
      ? this.text.split('\n')
      : []);
  }

  /** Whether it may use `Fn::If` (`!If`). */
  get mayUseFnIf(): boolean {
    return (this.#mayUseFnIf ??= this.text.includes('If'));
  }

  /** Whether it names a SAM resource type (`Function` for `AWS::Serverless::Function`). */
  mentionsSamType(type: string): boolean {
    let mentioned = this.#mentioned.get(type);
    if (mentioned === undefined)
      this.#mentioned.set(
        type,
        (mentioned = this.text.includes(`AWS::Serverless::${type}`)),
      );
    return mentioned;
  }
}

/**
 * The graph of a parsed template, its parameters taking their defaults or
 * not known. `evaluated` holds properties already evaluated that read no
 * default, the same either way.
 */
function templateGraph(
  file: SourceFile,
  template: RawMap,
  readFile: ReadCompanionFile | undefined,
  defaults: 'read' | 'not known',
  evaluated?: ReadonlyMap<string, ValueMap>,
  text = new TemplateText(file.text),
): LoadedTemplate {
  const errors: LoadedTemplate['errors'] = [];
  // Not `[…].flat()`: a generic builtin, and costly for a list of one on every template.
  const transforms: unknown[] = Array.isArray(template.Transform)
    ? template.Transform
    : [template.Transform];
  const sections: TemplateSections = {
    Parameters: isRawMap(template.Parameters) ? template.Parameters : undefined,
    Mappings: isRawMap(template.Mappings) ? template.Mappings : undefined,
    Conditions: isRawMap(template.Conditions) ? template.Conditions : undefined,
  };
  const languageExtensions = transforms.includes(LANGUAGE_EXTENSIONS);
  // What loops run over: its parameters are read as the template's are.
  const loopEvaluator = languageExtensions
    ? new IntrinsicEvaluator(sections, new Set(), defaults)
    : undefined;
  // Loops of the language extensions may also stand in conditions and inside resources.
  const loops = loopEvaluator ? nestedLoops(loopEvaluator) : undefined;
  // Whether the template's conditions are all known by name: not when a loop over a collection not known,
  // an included file or a macro may declare some.
  let conditionsKnown =
    transforms.every(
      name =>
        name === undefined ||
        name === SAM_TRANSFORM ||
        name === LANGUAGE_EXTENSIONS,
    ) && !(sections.Conditions && hasTransformKey(sections.Conditions));
  if (loops && sections.Conditions) {
    const expanded = loops.expanded(sections.Conditions);
    sections.Conditions = expanded.value as RawMap;
    // A loop over a default declares other conditions for another value.
    conditionsKnown &&= expanded.complete && !loopEvaluator?.readDefaults;
  }
  const skipped: { path: string; reason: string }[] = [];
  // Made for a section with loops only: most templates have none.
  const entryEvaluators: IntrinsicEvaluator[] = [];
  const entryCollections = () =>
    (entryEvaluators[0] ??= new IntrinsicEvaluator(
      sections,
      new Set(),
      defaults,
    ));
  let resourceEntries =
    entriesOf(template, 'Resources', entryCollections) ?? [];
  if (loops) {
    resourceEntries = resourceEntries.flatMap(entry => {
      const { value, complete } = loops.expanded(entry.value);
      if (complete) return [{ ...entry, value }];
      // What the loop would add is not known: judging the rest would report what it may well set.
      skipped.push({
        path: file.path,
        reason: `resource ${entry.key} (line ${entry.line}) is not judged: a Fn::ForEach loop inside it runs over a collection not known statically`,
      });
      return [];
    });
  }
  // A macro (AWS::Include) fills in what a Fn::Transform key stands for, from a file or code that is not read:
  // neither what it adds to Resources nor a resource it completes is judged (on the rest of one, the rules
  // would report what it may well set).
  resourceEntries = resourceEntries.filter(entry => {
    const reason = madeByMacro(entry);
    if (reason !== undefined) skipped.push({ path: file.path, reason });
    return reason === undefined;
  });
  // Copies a loop makes share its collection: each is evaluated once.
  const collectionsReadingDefaults = new Map<unknown, boolean>();
  const readsDefault = (collection: unknown) => {
    let reads = collectionsReadingDefaults.get(collection);
    if (reads === undefined) {
      const probe = new IntrinsicEvaluator(sections, new Set(), defaults);
      probe.evaluate(collection);
      reads = probe.readDefaults;
      collectionsReadingDefaults.set(collection, reads);
    }
    return reads;
  };
  const madeOverDefaults = (entry: SectionEntry) =>
    entry.loopCollections?.some(readsDefault) ?? false;
  resourceEntries = eachKeyOnce(
    resourceEntries,
    'resource',
    errors,
    madeOverDefaults,
  );
  // The section itself, unless loops expanded it.
  let resourceMap: RawMap = isRawMap(template.Resources)
    ? template.Resources
    : {};
  if (languageExtensions || hasLoops(resourceMap)) {
    resourceMap = {};
    for (const entry of resourceEntries)
      setEntry(resourceMap, entry.key, entry.value as any);
  }
  const resourceIds = new Set(Object.keys(resourceMap));
  // SAM reads an alias name given as a parameter (its value, here its default): evaluated before the resources are known.
  // Made on first use: most templates publish no alias.
  let aliasNames: IntrinsicEvaluator | undefined;
  const qualifierReferences = publishedQualifierReferences(
    resourceMap,
    isRawMap(template.Globals) ? template.Globals : {},
    raw =>
      (aliasNames ??= new IntrinsicEvaluator(
        sections,
        new Set(),
        defaults,
      )).evaluate(raw),
  );
  const evaluator = new IntrinsicEvaluator(
    sections,
    addImplicitIds(resourceIds, resourceMap, qualifierReferences),
    defaults,
    qualifierReferences,
  );
  if (conditionsKnown) evaluator.checkConditions();
  const isSam =
    transforms.includes(SAM_TRANSFORM) ||
    Object.values(resourceMap).some(
      r => isRawMap(r) && String(r.Type).startsWith('AWS::Serverless::'),
    );
  const globals = isSam && isRawMap(template.Globals) ? template.Globals : {};
  const globalApi = evaluator.evaluateProperties(globals.Api);
  const globalHttpApi = evaluator.evaluateProperties(globals.HttpApi);
  const sam = new SamExpander(
    file.path,
    { Api: asMap(globalApi.value), HttpApi: asMap(globalHttpApi.value) },
    readFile,
  );
  // The implicit APIs take these settings, and have no lines of their own to follow a default to.
  let decidedByDefaults =
    globalApi.linesFromDefaults !== undefined ||
    globalHttpApi.linesFromDefaults !== undefined;
  // Indexed on first use (a policy written as JSON text, a default read): most templates need none.
  let lineStarts: LineStarts | undefined;
  const source = () => (lineStarts ??= new LineStarts(file.text));
  const lastLines = new Map<number, number>();
  const lastLineOf = (line: number) => {
    let last = lastLines.get(line);
    if (last === undefined)
      lastLines.set(line, (last = lastLineOfValue(source(), line)));
    return last;
  };
  // A resource or output whose Condition is false is not deployed: `always`, or `by default` when a
  // parameter's default decided it (the stack built without defaults may have it).
  const falseCondition = (
    declaration: RawMap,
  ): 'always' | 'by default' | undefined => {
    const condition = declaration.Condition;
    if (
      typeof condition !== 'string' ||
      evaluator.condition(condition) !== false
    )
      return undefined;
    return evaluator.conditionRestsOnDefaults(condition)
      ? 'by default'
      : 'always';
  };
  // CloudFormation refuses a Condition that names no condition of the template: what holds it is read as if it had none.
  // The copies a loop makes of one Condition are one problem, reported with the first.
  const conditionsReported = new Set<string>();
  const checkCondition = (declaration: RawMap, what: string, line: number) => {
    const condition = declaration.Condition;
    const undeclared =
      typeof condition === 'string' &&
      conditionsKnown &&
      !Object.prototype.hasOwnProperty.call(
        sections.Conditions ?? {},
        condition,
      );
    if (
      condition === undefined ||
      (typeof condition === 'string' && !undeclared)
    )
      return;
    const named =
      typeof condition === 'string'
        ? `the condition ${condition}, which Conditions does not declare`
        : 'a Condition that is not a condition name';
    const conditionLine = lineOfPath(declaration as any, ['Condition'], line);
    const key = `${conditionLine}\u0000${named}`;
    if (conditionsReported.has(key)) return;
    conditionsReported.add(key);
    errors.push({ line: conditionLine, message: `${what} names ${named}` });
  };
  // CloudFormation refuses an Fn::If on a condition Conditions does not declare, wherever it stands (a branch not
  // taken, a resource not deployed): each is checked where it is written, once for all the copies a loop makes.
  const mayUseFnIf = conditionsKnown && text.mayUseFnIf;
  const ifConditionsReported = new Set<string>();
  const checkIfConditions = (value: unknown, what: string, line: number) => {
    if (!mayUseFnIf) return;
    forEachFnIf(value, [], (name, path, args) => {
      if (Object.prototype.hasOwnProperty.call(sections.Conditions ?? {}, name))
        return;
      const at = lineOfPath(args as any, [0], 0) || line;
      const key = `${at}\u0000${name}`;
      if (ifConditionsReported.has(key)) return;
      ifConditionsReported.add(key);
      errors.push({
        line: at,
        message: `${what} uses Fn::If on the condition ${name}${
          path.length > 0 ? ` (at ${path.join('.')})` : ''
        }, which Conditions does not declare`,
      });
    });
  };
  // SAM applies a Globals section only to resources of its kind (Api and HttpApi also to the implicit API of a
  // function or state machine), and drops the others: CloudFormation never sees those. The text says which kinds
  // the template has, in loops not expanded too. Read only where an Fn::If may be there to check.
  for (const [section, settings] of mayUseFnIf ? Object.entries(globals) : []) {
    const applied =
      text.mentionsSamType(section) ||
      ((section === 'Api' || section === 'HttpApi') &&
        (text.mentionsSamType('Function') ||
          text.mentionsSamType('StateMachine')));
    if (applied)
      checkIfConditions(
        settings,
        `Globals.${section}`,
        lineOfPath(template as any, ['Globals', section], 1),
      );
  }
  let leftOutResources = false;
  const resources: Resource[] = [];
  const readNoDefault = new Map<string, ValueMap>();
  // Only files that mention a suppression comment are split into lines.
  const textLines = text.commentLines;
  const suppressionsOf = (
    declaration: RawMap,
    line: number,
  ): InlineSuppression[] => {
    const suppressions = metadataSuppressions(declaration, line);
    if (textLines.length > 0)
      suppressions.push(...commentSuppressions(textLines, line));
    return suppressions;
  };
  const neverDeployed: Resource[] = [];

  for (const {
    key: id,
    value: declaration,
    line,
    loopCollections,
  } of resourceEntries) {
    if (!isRawMap(declaration) || typeof declaration.Type !== 'string') {
      errors.push({ line, message: `resource ${id} has no Type` });
      continue;
    }
    checkCondition(declaration, `resource ${id}`, line);
    checkIfConditions(declaration, `resource ${id}`, line);
    const notDeployed = falseCondition(declaration);
    if (notDeployed === 'always') {
      neverDeployed.push({
        id,
        type: declaration.Type,
        properties: {},
        file: file.path,
        line,
        suppressions: suppressionsOf(declaration, line),
      });
      continue;
    }
    if (notDeployed === 'by default') {
      decidedByDefaults = true;
      // The engine judges it in the stack built without defaults (StackDefaults.leftOutResources), which has
      // it unless a Fn::ForEach loop over a default made it (it runs no such loop): that one is judged here.
      if (!loopCollections?.some(readsDefault)) {
        leftOutResources = true;
        continue;
      }
    }
    const type = declaration.Type;
    let rawProperties = isRawMap(declaration.Properties)
      ? declaration.Properties
      : {};
    if (type.startsWith('AWS::Serverless::')) {
      rawProperties = mergeGlobals(globals, type, rawProperties);
    }
    const reused = evaluated?.get(id);
    const { value, linesFromDefaults } = reused
      ? { value: reused }
      : evaluator.evaluateProperties(rawProperties);
    const properties = asMap(value);
    const resource: Resource = {
      id,
      type,
      properties,
      file: file.path,
      line,
      suppressions: suppressionsOf(declaration, line),
    };
    const condition = declaration.Condition;
    // Where it is, what its condition holds with says which resources it may be deployed with.
    if (
      typeof condition === 'string' &&
      Object.prototype.hasOwnProperty.call(
        sections.Conditions ?? {},
        condition,
      ) &&
      evaluator.condition(condition) === undefined
    ) {
      resource.deployedIf = condition;
    }
    if (linesFromDefaults) {
      resource.linesFromDefaults = linesFromDefaults.map(
        ({ line: first, through }) =>
          spanFrom(first, through ?? first, lastLineOf),
      );
    } else if (defaults === 'read') {
      readNoDefault.set(id, properties);
    }
    if (type.startsWith('AWS::Serverless::')) sam.add(resource);
    else resources.push(resource);
    // SAM reads the connectors any resource embeds beside its Properties.
    if (isSam && isRawMap(declaration.Connectors)) {
      const connectors = evaluator.evaluateProperties(declaration.Connectors);
      const spans = connectors.linesFromDefaults?.map(
        ({ line: first, through }) =>
          spanFrom(first, through ?? first, lastLineOf),
      );
      const host = spans
        ? {
            ...resource,
            linesFromDefaults: [
              ...(resource.linesFromDefaults ?? []),
              ...spans,
            ],
          }
        : resource;
      sam.addEmbeddedConnectors(host, asMap(connectors.value));
    }
  }
  sam.expandConnectors(resources);
  for (const resource of sam.resources()) {
    // SAM reports what it generates from a part of its resource (an event) on that part's first line.
    if (resource.generatedBy && resource.linesFromDefaults) {
      const extent = spanFrom(resource.line, resource.line, lastLineOf);
      if (
        resource.linesFromDefaults.some(
          span => extent.first <= span.first && span.first <= extent.last,
        )
      ) {
        resource.linesFromDefaults = [...resource.linesFromDefaults, extent];
      }
    }
    resources.push(resource);
  }
  resources.push(...quickCreateStages(resources, resourceMap));
  for (const resource of resources)
    readJsonText(resource, evaluator.writtenText, source);

  const outputs: StackOutput[] = [];
  let outputsFromDefaults = false;
  for (const { key: name, value: output, line } of eachKeyOnce(
    entriesOf(template, 'Outputs', entryCollections) ?? [],
    'output',
    errors,
    madeOverDefaults,
  )) {
    if (name === TRANSFORM_KEY) {
      // A macro (AWS::Include) adds outputs the scan does not read: they may export any resource.
      outputs.push({
        name,
        value: new Unknown(
          'outputs a Fn::Transform adds',
          false,
          resources.map(resource => resource.id),
        ),
        file: file.path,
        line,
      });
      continue;
    }
    if (!isRawMap(output)) continue;
    checkCondition(output, `output ${name}`, line);
    checkIfConditions(output, `output ${name}`, line);
    const notExported = falseCondition(output);
    const condition =
      typeof output.Condition === 'string' ? output.Condition : undefined;
    // Whether the stack exports it rests on a default: what the rules read from outputs does, and only that.
    if (
      condition !== undefined &&
      evaluator.conditionRestsOnDefaults(condition)
    )
      outputsFromDefaults = true;
    // An output has no Metadata: only the comment form suppresses a finding on it.
    const suppressions =
      textLines.length > 0 ? commentSuppressions(textLines, line) : [];
    if (notExported) {
      // Never exported: no rule judges it, but its suppressions are reviewed, as a resource's never deployed.
      if (notExported === 'always' && suppressions.length > 0) {
        neverDeployed.push(
          outputAsResource(
            'cloudformation',
            { name, value: {}, file: file.path, line, suppressions },
            file.path,
          ),
        );
      }
      continue;
    }
    const { value, readDefault } = evaluator.evaluateOutput(output.Value);
    if (readDefault) outputsFromDefaults = true;
    if (value === undefined) continue;
    // A condition Conditions does not declare is read as none (see checkCondition), where the conditions are all known.
    const declared =
      condition !== undefined &&
      (!conditionsKnown ||
        Object.prototype.hasOwnProperty.call(
          sections.Conditions ?? {},
          condition,
        ));
    const conditional =
      declared && evaluator.condition(condition!) === undefined;
    // Other templates import it by this name, where it is written out (not one a default gives).
    const exported =
      isRawMap(output.Export) && output.Export.Name !== undefined
        ? evaluator.evaluateOutput(output.Export.Name)
        : undefined;
    const exportName =
      exported && !exported.readDefault && typeof exported.value === 'string'
        ? exported.value
        : undefined;
    const exportNamePattern =
      exported && exportName === undefined
        ? namePattern(exported.value, evaluator.writtenText)
        : undefined;
    outputs.push({
      name,
      value,
      file: file.path,
      line: lineOfPath(output as any, ['Value'], line),
      ...(conditional ? { conditional } : {}),
      ...(exportName !== undefined ? { exportName } : {}),
      ...(exportNamePattern !== undefined ? { exportNamePattern } : {}),
      ...(suppressions.length > 0 ? { suppressions } : {}),
    });
  }
  decidedByDefaults ||=
    evaluator.decidedByDefaults ||
    (loopEvaluator?.readDefaults ?? false) ||
    entryEvaluators.some(entries => entries.readDefaults);
  // Where some conditions are not known, a name may be declared where the scanner does not look.
  if (conditionsKnown && evaluator.conditionProblems.size > 0)
    errors.push(...evaluator.conditionProblems.values());

  // SAM Globals' Tags are tags of the resources of their section only, merged into them above: no stack-wide default tags.
  return {
    graph: new ResourceGraph({
      file: file.path,
      format: 'cloudformation',
      resources,
      outputs,
      writtenText: evaluator.writtenText,
      neverDeployed,
      conditionsMayHoldTogether: (first, second) =>
        evaluator.conditionsMayHoldTogether(first, second),
      ...(evaluator.readDefaults || decidedByDefaults
        ? {
            defaults: {
              decided: decidedByDefaults,
              leftOutResources,
              outputsFromDefaults,
              withoutDefaults: () =>
                templateGraph(
                  file,
                  template,
                  readFile,
                  'not known',
                  readNoDefault,
                  text,
                ).graph,
            },
          }
        : {}),
    }),
    errors,
    skipped,
  };
}

/**
 * Properties CloudFormation types as JSON, which a template may also write
 * as JSON text (`PolicyDocument: !Sub '{…}'`); `*` stands for each item of
 * a list.
 */
const JSON_PROPERTIES = lookupTable<readonly (readonly string[])[]>({
  'AWS::IAM::Role': [
    ['AssumeRolePolicyDocument'],
    ['Policies', '*', 'PolicyDocument'],
  ],
  'AWS::IAM::User': [['Policies', '*', 'PolicyDocument']],
  'AWS::IAM::Group': [['Policies', '*', 'PolicyDocument']],
  'AWS::IAM::Policy': [['PolicyDocument']],
  'AWS::IAM::ManagedPolicy': [['PolicyDocument']],
  'AWS::IAM::RolePolicy': [['PolicyDocument']],
  'AWS::IAM::UserPolicy': [['PolicyDocument']],
  'AWS::IAM::GroupPolicy': [['PolicyDocument']],
  'AWS::SQS::QueuePolicy': [['PolicyDocument']],
  'AWS::SNS::TopicPolicy': [['PolicyDocument']],
  'AWS::S3::BucketPolicy': [['PolicyDocument']],
  'AWS::KMS::Key': [['KeyPolicy']],
  'AWS::SQS::Queue': [['RedrivePolicy'], ['RedriveAllowPolicy']],
  'AWS::SNS::Subscription': [['FilterPolicy'], ['RedrivePolicy']],
  'AWS::SecretsManager::ResourcePolicy': [['ResourcePolicy']],
});

/**
 * Each property of `properties`, of a resource of `type`, that CloudFormation
 * types as JSON (see {@link JSON_PROPERTIES}) and is written as text, with the
 * map that holds it: CDK's `Fn.toJsonString` writes such text too.
 */
export function eachJsonTextProperty(
  type: string,
  properties: ValueMap,
  onText: (container: ValueMap, key: string, text: string | Template) => void,
): void {
  const paths = JSON_PROPERTIES[type];
  if (!paths) return;
  const visit = (
    container: Value | undefined,
    path: readonly string[],
    at: number,
  ): void => {
    const step = path[at];
    if (step === '*') {
      if (Array.isArray(container))
        for (const item of container) visit(item, path, at + 1);
      return;
    }
    if (
      !isMap(container) ||
      !Object.prototype.hasOwnProperty.call(container, step)
    )
      return;
    const value = container[step];
    if (at + 1 < path.length) visit(value, path, at + 1);
    else if (typeof value === 'string' || value instanceof Template)
      onText(container, step, value);
  };
  for (const path of paths) visit(properties, path, 0);
}

/**
 * A JSON property written as JSON text is read as the value the text holds,
 * with the lines where the template writes its keys; text that is not JSON
 * stays as it is.
 */
function readJsonText(
  resource: Resource,
  writtenText: WrittenText,
  source: () => LineStarts,
): void {
  eachJsonTextProperty(
    resource.type,
    resource.properties,
    (container, step, value) => {
      const parsed = parseJsonTextAsWritten(value, writtenText);
      if (!isMap(parsed)) return;
      const line = lineOfPath(container, [step], resource.line);
      recordJsonTextLines(
        parsed,
        source(),
        line,
        lastLineOfValue(source(), line),
      );
      setEntry(container, step, parsed);
    },
  );
}

/**
 * Lines from `first` to the end of the value on line `through`, that end
 * found when first asked: most spans never are (no finding lands in them).
 * A class, not an object literal with a getter: V8 keeps a literal's getter
 * in the object's hidden class, which lives until a full collection, so
 * each span kept its whole template alive through every young-generation
 * collection and made each of them copy megabytes.
 */
class LazySpan implements LineSpan {
  readonly #through: number;
  readonly #lastLineOf: (line: number) => number;
  #last: number | undefined;

  constructor(
    readonly first: number,
    through: number,
    lastLineOf: (line: number) => number,
  ) {
    this.#through = through;
    this.#lastLineOf = lastLineOf;
  }

  get last(): number {
    return (this.#last ??= this.#lastLineOf(this.#through));
  }
}

function spanFrom(
  first: number,
  through: number,
  lastLineOf: (line: number) => number,
): LineSpan {
  return new LazySpan(first, through, lastLineOf);
}

/**
 * The last line of the value a key on line `line` holds: the line before
 * the next one indented no deeper than the key's (blank lines and comments
 * aside), or the key's own line in a document written on one line.
 */
function lastLineOfValue(lines: LineStarts, line: number): number {
  const source = lines.text;
  const start = lines.offset(line);
  if (start < 0) return line;
  const indent = (from: number) => {
    let i = from;
    while (source[i] === ' ' || source[i] === '\t') i++;
    return i - from;
  };
  const own = indent(start);
  let last = line;
  for (
    let at = line + 1, from = source.indexOf('\n', start) + 1;
    from > 0;
    at++, from = source.indexOf('\n', from) + 1
  ) {
    const depth = indent(from);
    const next = source[from + depth];
    // Blank lines and comments belong to no one.
    if (next === undefined || next === '\n' || next === '\r' || next === '#')
      continue;
    if (depth <= own) break;
    last = at;
  }
  return last;
}

/**
 * Expands the loops inside values (conditions, resources), with the
 * template's parameters and conditions, under one bound for the template.
 */
function nestedLoops(collections: IntrinsicEvaluator) {
  const budget = { left: MAX_GENERATED_ENTRIES };
  return {
    expanded: (raw: unknown) =>
      nestedLoopsExpanded(raw, value => collections.evaluate(value), budget),
  };
}

/**
 * A section's entries with their lines, `Fn::ForEach` loops expanded (their
 * collections evaluated with the template's parameters and conditions).
 */
function entriesOf(
  template: RawMap,
  name: 'Resources' | 'Outputs',
  collections: () => IntrinsicEvaluator,
): SectionEntry[] | undefined {
  const section = template[name];
  if (!isRawMap(section)) return undefined;
  const line = lineOfPath(template as any, [name], 1);
  if (!hasLoops(section)) {
    return Object.keys(section).map(key => ({
      key,
      value: section[key],
      line: lineOfPath(section as any, [key], line),
    }));
  }
  const evaluator = collections();
  return sectionEntries(section, line, raw => evaluator.evaluate(raw));
}

/** Calls `visit` with the condition name of each `Fn::If` in a value, its path and its arguments. */
function forEachFnIf(
  value: unknown,
  path: string[],
  visit: (name: string, path: readonly string[], args: unknown[]) => void,
): void {
  // Scalars, most values, hold no Fn::If: no step into them.
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (typeof item !== 'object' || item === null) continue;
      path.push(String(index));
      forEachFnIf(item, path, visit);
      path.pop();
    }
    return;
  }
  if (!isRawMap(value)) return;
  const args = Object.prototype.hasOwnProperty.call(value, 'Fn::If')
    ? value['Fn::If']
    : undefined;
  if (Array.isArray(args) && typeof args[0] === 'string')
    visit(args[0], path, args);
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const entry = value[key];
    if (typeof entry !== 'object' || entry === null) continue;
    path.push(key);
    forEachFnIf(entry, path, visit);
    path.pop();
  }
}

/**
 * A section's entries with each key once. Only loops make a key twice
 * (`Fn::ForEach` over `[a, a]`, or onto a key written beside them), which
 * CloudFormation refuses: as for a key written twice, the last is read and
 * the others are PARSE-001, at partial confidence where a loop over a
 * parameter's default made one of them (another value may make it once).
 */
function eachKeyOnce(
  entries: SectionEntry[],
  what: 'resource' | 'output',
  errors: LoadedTemplate['errors'],
  madeOverDefaults: (entry: SectionEntry) => boolean,
): SectionEntry[] {
  const last = new Map<string, number>();
  entries.forEach((entry, index) => last.set(entry.key, index));
  if (last.size === entries.length) return entries;
  return entries.filter((entry, index) => {
    const kept = last.get(entry.key)!;
    if (kept === index) return true;
    const also =
      entries[kept].line === entry.line
        ? 'by the same loop'
        : `also on line ${entries[kept].line}`;
    const overDefaults =
      madeOverDefaults(entry) || madeOverDefaults(entries[kept]);
    errors.push({
      line: entry.line,
      message: `${what} ${entry.key} is made more than once (${also}${
        overDefaults ? ", over a parameter's default" : ''
      }); the last is used`,
      ...(overDefaults ? { confidence: 'partial' as const } : {}),
    });
    return false;
  });
}

const HTTP_API = 'AWS::ApiGatewayV2::Api';
const MANAGED_OVERRIDES = 'AWS::ApiGatewayV2::ApiGatewayManagedOverrides';
/** What an ApiGatewayManagedOverrides' Stage may set on the stage quick create makes. */
const STAGE_OVERRIDES = [
  'AccessLogSettings',
  'AutoDeploy',
  'DefaultRouteSettings',
  'Description',
  'RouteSettings',
  'StageVariables',
];

/**
 * The `$default` stage, deployed automatically, that API Gateway makes for
 * an HTTP API created with `Target` (quick create), on the API's line, with
 * what the template's ApiGatewayManagedOverrides set on it. Not made where
 * `Target` may be left out (an `Fn::If` on a condition not known).
 */
function quickCreateStages(
  resources: readonly Resource[],
  declarations: RawMap,
): Resource[] {
  const apis = resources.filter(resource => {
    if (resource.type !== HTTP_API || resource.properties.Target === undefined)
      return false;
    const written = asMap(asMap(declarations[resource.id]).Properties).Target;
    return !(
      resource.properties.Target instanceof Unknown &&
      isRawMap(written) &&
      Object.prototype.hasOwnProperty.call(written, 'Fn::If')
    );
  });
  if (apis.length === 0) return [];
  const ids = new Set(resources.map(resource => resource.id));
  const overrides = resources.filter(
    resource => resource.type === MANAGED_OVERRIDES,
  );
  return apis.map(api => {
    const properties: ValueMap = {
      ApiId: new Ref(api.id),
      StageName: '$default',
      AutoDeploy: true,
    };
    const keys: Record<string, number> = {};
    for (const override of overrides) {
      const apiId = override.properties.ApiId;
      if (apiId instanceof Ref && apiId.target !== api.id) continue;
      const stage = override.properties.Stage;
      if (!(apiId instanceof Ref) || !isMap(stage)) {
        // Overrides of an API not known, or a Stage not known, may set anything on it.
        if (stage === undefined) continue;
        const unknown = new Unknown(`stage overrides of ${override.id}`);
        properties.AccessLogSettings = unknown;
        properties.DefaultRouteSettings = unknown;
        continue;
      }
      for (const key of STAGE_OVERRIDES) {
        if (stage[key] === undefined) continue;
        properties[key] = stage[key];
        keys[key] = lineOfPath(
          override.properties,
          ['Stage', key],
          override.line,
        );
      }
    }
    recordLines(properties, api.line, { keys });
    let id = `${api.id}DefaultStage`;
    while (ids.has(id)) id = `${id}_`;
    return {
      id,
      type: 'AWS::ApiGatewayV2::Stage',
      properties,
      file: api.file,
      line: api.line,
      generatedBy: api.id,
      origin: 'quick create (Target)',
      suppressions: api.suppressions,
      ...(api.linesFromDefaults
        ? { linesFromDefaults: api.linesFromDefaults }
        : {}),
    };
  });
}

/**
 * A name built from values not known statically (pseudo parameters,
 * imports) or from parameters' defaults, as a pattern: its text as written,
 * with `ANY_TEXT` for each part not known. Undefined for a value that is
 * no such text, and for a pattern that tells no name: one with no letter
 * or digit written (`!Ref ExportName`, `${AWS::StackName}-${Env}`), which
 * any import would match, or one with no part not known (a default of ''
 * leaves no mark of where the parameter goes).
 */
function namePattern(
  value: Value | undefined,
  written: WrittenText,
): string | undefined {
  let parts: readonly (string | Value)[];
  if (typeof value === 'string') parts = [value];
  else if (value instanceof Template) parts = value.parts;
  else return undefined;
  const pattern = parts
    .map(part =>
      typeof part === 'string'
        ? written.of(part).split(HOLE).join(ANY_TEXT)
        : ANY_TEXT,
    )
    .join('');
  return pattern.includes(ANY_TEXT) && /[\p{L}\p{N}]/u.test(pattern)
    ? pattern
    : undefined;
}

function asMap(value: unknown): ValueMap {
  return isMap(value) ? value : {};
}

/**
 * Ids SAM generates that templates may reference (`!Ref ServerlessRestApi`,
 * `!GetAtt MyFunctionRole.Arn`), so that references to them become edges.
 */
function addImplicitIds(
  ids: Set<string>,
  resources: RawMap,
  qualifierReferences: ReadonlyMap<string, string>,
): Set<string> {
  const all = new Set(ids);
  for (const id of qualifierReferences.values()) all.add(id);
  // for-in rather than Object.entries: no pair per resource.
  for (const id in resources) {
    if (!Object.prototype.hasOwnProperty.call(resources, id)) continue;
    const declaration = resources[id];
    if (!isRawMap(declaration)) continue;
    if (
      declaration.Type === 'AWS::Serverless::Function' ||
      declaration.Type === 'AWS::Serverless::StateMachine'
    ) {
      all.add(`${id}Role`);
      all.add(`${id}EventInvokeConfig`);
      // The queue or topic SAM creates for an EventInvokeConfig destination given by Type alone.
      for (const outcome of ['OnSuccess', 'OnFailure'])
        for (const kind of ['Queue', 'Topic'])
          all.add(`${id}EventInvokeConfig${outcome}${kind}`);
    }
    if (
      declaration.Type === 'AWS::Serverless::Function' ||
      declaration.Type === 'AWS::Serverless::StateMachine'
    ) {
      all.add('ServerlessRestApi');
      all.add('ServerlessRestApiProdStage');
    }
    if (declaration.Type === 'AWS::Serverless::Function')
      all.add('ServerlessHttpApi');
    if (
      declaration.Type === 'AWS::Serverless::Function' ||
      declaration.Type === 'AWS::Serverless::StateMachine'
    )
      addEventQueueIds(all, id, declaration);
  }
  return all;
}

/** The queues SAM creates for the events of a function or state machine: rule and schedule events' dead-letter queues (`DeadLetterConfig.Type: SQS`), an SNS event's `SqsSubscription`. */
function addEventQueueIds(ids: Set<string>, id: string, declaration: RawMap) {
  const events = isRawMap(declaration.Properties)
    ? declaration.Properties.Events
    : undefined;
  if (!isRawMap(events)) return;
  for (const [name, event] of Object.entries(events)) {
    const deadLetter =
      isRawMap(event) && isRawMap(event.Properties)
        ? event.Properties.DeadLetterConfig
        : undefined;
    if (isRawMap(deadLetter) && deadLetter.Type === 'SQS')
      ids.add(implicitEventQueueId(`${id}${name}`, deadLetter.QueueLogicalId));
    // The queue SAM subscribes to an SNS event's topic for `SqsSubscription: true`.
    if (isRawMap(event) && event.Type === 'SNS') ids.add(`${id}${name}Queue`);
  }
}

/**
 * The version and alias SAM publishes for a function's `AutoPublishAlias`
 * (its own or Globals'), by the names templates reference them with:
 * `MyFunction.Alias` and `MyFunction.Version`, with the ids SAM gives them.
 * `aliasName` evaluates the name as written (text, or a parameter); a name
 * not known statically is not followed.
 */
function publishedQualifierReferences(
  resources: RawMap,
  globals: RawMap,
  aliasName: (raw: unknown) => Value | undefined,
): Map<string, string> {
  const references = new Map<string, string>();
  const globalAlias = isRawMap(globals.Function)
    ? globals.Function.AutoPublishAlias
    : undefined;
  for (const id in resources) {
    if (!Object.prototype.hasOwnProperty.call(resources, id)) continue;
    const declaration = resources[id];
    if (
      !isRawMap(declaration) ||
      declaration.Type !== 'AWS::Serverless::Function'
    )
      continue;
    const own = isRawMap(declaration.Properties)
      ? declaration.Properties.AutoPublishAlias
      : undefined;
    const written = own ?? globalAlias;
    const name = written === undefined ? undefined : aliasName(written);
    if (typeof name !== 'string') continue;
    const { version, alias } = publishedQualifierIds(id, name);
    references.set(`${id}.Version`, version);
    references.set(`${id}.Alias`, alias);
  }
  return references;
}
