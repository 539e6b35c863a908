/**
 * Runs rules over one resource graph and turns what they report into
 * findings (line, fingerprint, in-code suppressions) and checks (for the
 * scorecard).
 */
import { hash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  Category,
  Check,
  Confidence,
  Finding,
  IacFormat,
  Severity,
  UnusedSuppression,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { lastLineWithin, lineOfPath, writtenIndexOf } from '../graph/locations';
import { Template, Unknown, Value, getPath, isMap } from '../graph/values';
import {
  InlineSuppression,
  Resource,
  ResourceGraph,
  StackDefaults,
} from '../graph/ResourceGraph';
import { RestingValues, Rule, RuleFailure } from '../rules/types';
import { addToList } from '../support/multiMap';

/** A check, with what it checked. */
export interface ScanCheck extends Check {
  /**
   * What the rule checked in the file (a resource, what suppressions are
   * written on; '' for the file itself): with the rule and the file, it
   * tells one check from another, so that reports of several trees count
   * each once, and stacks that share code check it once.
   */
  subject: string;
  /**
   * What a report names the subject by, where the subject is another id:
   * what suppressions are written on is checked by the id its SUP-001
   * findings are fingerprinted by (see Resource.fingerprintId), and named
   * as they name it. The subject where undefined.
   */
  label?: string;
}

export interface GraphEvaluation {
  findings: Finding[];
  checks: ScanCheck[];
  /** The failures other stacks may answer (see {@link RuleFailure.answeredElsewhereBy}); none when undefined. */
  answeredElsewhere?: AnsweredElsewhere[];
  /** What the stack answers for other stacks, each key surely (true) or maybe (see `RuleContext.answerForOtherStacks`). */
  answers?: Map<string, boolean>;
  /** What each reading of the stack made of each suppression written well (see {@link SuppressionVerdict}). */
  suppressionVerdicts?: SuppressionVerdict[];
}

/**
 * What one reading of a stack made of a suppression: `used`, it suppressed
 * a finding; `passed`, its rule judged what holds it and found no failure,
 * nothing of it in doubt; `doubted`, its rule passed what holds it without
 * knowing it passes (see `RuleContext.doubt`); `unknown`, its rule ran and
 * did none of these (it judged none of what holds it), or what holds it
 * holds values not known. None where its rule did not run, or judges the
 * whole stack (see {@link suppressionVerdicts}).
 */
export interface SuppressionVerdict {
  suppression: UnusedSuppression;
  verdict: 'used' | 'passed' | 'doubted' | 'unknown';
}

/** The findings of one rule on one subject that other stacks may answer, each with its keys. */
export interface AnsweredElsewhere {
  findings: { finding: Finding; keys: readonly string[] }[];
  /** Their check, where only they fail it: it passes when other stacks answer them all. */
  check?: ScanCheck;
}

export interface EvaluationOptions {
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  now?: Date;
  /**
   * The path the report names a file of the graph by, where it is not the
   * path the graph has it under (see reportPathOf): findings are
   * fingerprinted by it, so that a finding has the fingerprint of its
   * report path however the scan read its file, and their messages name
   * the files they point to by it.
   */
  reportPath?: (file: string) => string;
}

/** Stable identity of a finding across scans: rule + file + resource + property. */
export function fingerprint(
  ruleId: string,
  file: string,
  resourceId: string,
  property = '',
): string {
  // One-shot hashing (Node 22+): several times cheaper than a Hash object per finding.
  return hash(
    'sha256',
    `${ruleId}\u0000${file}\u0000${resourceId}\u0000${property}`,
    'hex',
  ).slice(0, 32);
}

/**
 * The fingerprint of a finding that its own (`own`: rule, file, resource and
 * property) does not tell from another of its report: with `apart`, what
 * does (what it is about, its rank among those alike).
 */
export function fingerprintApart(own: string, apart: string): string {
  return hash('sha256', `${own}\u0000${apart}`, 'hex').slice(0, 32);
}

/**
 * Findings that share a fingerprint and that only their lines tell apart
 * (two suppressions of one rule on one resource, two parse problems alike in
 * one file): the first by line keeps it, each other is fingerprinted with its
 * rank among them (`#2`), which edits elsewhere in the file do not change.
 */
export function rankFindingsAlike(findings: readonly Finding[]): void {
  const counts = new Map<string, number>();
  for (const finding of [...findings].sort((a, b) => a.line - b.line)) {
    const rank = (counts.get(finding.fingerprint) ?? 0) + 1;
    counts.set(finding.fingerprint, rank);
    if (rank > 1)
      finding.fingerprint = fingerprintApart(finding.fingerprint, `#${rank}`);
  }
}

function propertyPath(
  path: (string | number)[] | undefined,
): string | undefined {
  if (!path || path.length === 0) return undefined;
  // Steps joined by dots, each index in brackets without one. Built step by step (every failure has
  // one); a key holding a bracket itself is joined and then has every `.[` dropped, as any path once was.
  let property = '';
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    if (typeof step === 'number') property += `[${step}]`;
    else if (step.includes('['))
      return path
        .map(item => (typeof item === 'number' ? `[${item}]` : item))
        .join('.')
        .replace(/\.\[/g, '[');
    else property += index === 0 ? step : `.${step}`;
  }
  return property;
}

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});
const samePath = (file: string) => file;
const NO_PATH: readonly (string | number)[] = Object.freeze([]);
const SUPPRESSION_RULE = 'SUP-001';
/** What findings are about besides their resource, where their rule says (see {@link RuleFailure.about}). */
const findingsAbout = new WeakMap<Finding, string>();
/** The instances a finding on their declaration stands for (see {@link mergeInstanceFindings}). */
const instancesMerged = new WeakMap<Finding, Resource[]>();

/**
 * A finding a rule reported: a {@link Finding}'s fields in the order reports
 * write them, the optional ones added after. A class, not an object literal:
 * where most objects of a literal outlive young collections (findings live
 * to the end of the scan), V8 allocates the literal's objects in the old
 * generation, where each young value stored in them costs a write barrier;
 * making a finding then cost more than working out its fields.
 */
class RuleFinding implements Finding {
  constructor(
    public ruleId: string,
    public severity: Severity,
    public category: Category,
    public file: string,
    public line: number,
    public resourceId: string,
    public resourceType: string,
    public message: string,
    public remediation: string,
    // eslint-disable-next-line @typescript-eslint/no-shadow -- the field's name is the Finding's
    public fingerprint: string,
    public confidence: Confidence,
    public format: IacFormat,
  ) {}
}

/** A rule's check of a subject; a class for the reason {@link RuleFinding} is one. */
class RuleCheck implements ScanCheck {
  constructor(
    public ruleId: string,
    public category: Category,
    public severity: Severity,
    public passed: boolean,
    public file: string,
    public subject: string,
  ) {}
}

/** A finding with the resource its rule reported it on. */
interface Reported {
  finding: Finding;
  resource: Resource;
}

export function evaluateGraph(
  graph: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions = {},
): GraphEvaluation {
  const defaults = graph.defaults;
  // Built at most once: the partial-confidence check and what the defaults left out both read it.
  let built: ResourceGraph | undefined;
  const withoutDefaults = () => (built ??= defaults!.withoutDefaults());
  const evaluation = judge(graph, rules, options, withoutDefaults);
  if (defaults?.leftOutResources)
    addWhatDefaultsLeftOut(
      graph,
      evaluation,
      withoutDefaults(),
      rules,
      options,
    );
  else if (defaults) {
    // A suppression the defaults made pass (`!If [IsProd, !Ref AWS::NoValue, 30]`) may be used with other inputs.
    const passed = new Set(
      evaluation.suppressionVerdicts
        ?.filter(({ verdict }) => verdict === 'passed')
        .map(({ suppression }) => suppression.ruleId),
    );
    if (passed.size > 0)
      addVerdictsWithoutDefaults(
        evaluation,
        judge(
          withoutDefaults(),
          rules.filter(rule => passed.has(rule.meta.id)),
          options,
        ),
      );
  }
  fingerprintWhatFailuresAreAbout(evaluation.findings);
  return evaluation;
}

/**
 * A rule may report failures about different things at one place (IAM-004:
 * the two queues one variable names), which rule, file, resource and property
 * do not tell apart. The first keeps its fingerprint; each other is
 * fingerprinted with what it is about (see {@link RuleFailure.about}).
 */
function fingerprintWhatFailuresAreAbout(findings: readonly Finding[]): void {
  const firstAbout = new Map<string, string>();
  for (const finding of findings) {
    const about = findingsAbout.get(finding);
    if (about === undefined) continue;
    const first = firstAbout.get(finding.fingerprint);
    if (first === undefined) firstAbout.set(finding.fingerprint, about);
    else if (first !== about)
      finding.fingerprint = fingerprintApart(finding.fingerprint, about);
  }
}

/**
 * What stands for `resource` of the stack with defaults in the stack built
 * without them: itself, or for an instance, the instance or declaration
 * there with the most of its instance keys (a collection a default gave is
 * not expanded there); else what declared it.
 */
function counterpart(
  graph: ResourceGraph,
  withoutDefaults: ResourceGraph,
  resource: Resource,
): string {
  if (resource.instanceOf === undefined) return declaringId(resource);
  return (
    graph.addressesOf(resource).find(address => withoutDefaults.get(address)) ??
    resource.instanceOf
  );
}

/**
 * The resources a finding of the stack with defaults is about, as the stack
 * without them knows them (see {@link counterpart}), and whether each
 * stands for that resource alone there (not for several instances).
 */
function counterpartsOf(
  graph: ResourceGraph,
  withoutDefaults: ResourceGraph,
  finding: Finding,
  resource: Resource | undefined,
): { subject: string; alone: boolean }[] {
  const of = (instance: Resource) => {
    const subject = counterpart(graph, withoutDefaults, instance);
    return {
      subject,
      alone: instance.instanceOf === undefined || subject === instance.id,
    };
  };
  const merged = instancesMerged.get(finding);
  if (merged) return merged.map(of);
  return [
    resource ? of(resource) : { subject: findingSubject(finding), alone: true },
  ];
}

/**
 * What the rules find in the stack built without defaults and not with
 * them: failures of the resources an input's default left out of the stack
 * (a Terraform `count` of 0, a CloudFormation `Condition`), and of what
 * those resources make of the others (a queue a left-out mapping consumes).
 * Whoever deploys may set the input so that they are deployed: they are
 * reported at partial confidence (RULES.md). A rule that reports on a
 * resource already, and a rule of the whole stack that judged it, add
 * nothing.
 */
function addWhatDefaultsLeftOut(
  graph: ResourceGraph,
  evaluation: GraphEvaluation,
  withoutDefaults: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
): void {
  // What the stack with defaults reports, known as the stack without them knows what it is about.
  const reported = new Set(
    evaluation.findings.flatMap(finding => {
      const subject = findingSubject(finding);
      const resource = graph.get(subject);
      if (resource?.instanceOf === undefined && !instancesMerged.has(finding))
        return keysOfFinding(graph, finding, [subject]);
      return keysOfFinding(
        withoutDefaults,
        finding,
        counterpartsOf(graph, withoutDefaults, finding, resource).map(
          counterpartOf => counterpartOf.subject,
        ),
      );
    }),
  );
  const judgedStack = new Set(evaluation.checks.map(check => check.ruleId));
  const toJudge = rules.filter(
    rule => rule.scope !== 'stack' || !judgedStack.has(rule.meta.id),
  );
  const other = judge(withoutDefaults, toJudge, options);
  addVerdictsWithoutDefaults(evaluation, other);
  // What the defaults left out may be deployed: it may answer other stacks.
  for (const key of other.answers?.keys() ?? []) {
    evaluation.answers ??= new Map();
    if (!evaluation.answers.has(key)) evaluation.answers.set(key, false);
  }
  const failedAnew = new Set<string>();
  for (const finding of other.findings) {
    const subject = findingSubject(finding);
    const merged = instancesMerged.get(finding);
    const keys = keysOfFinding(
      withoutDefaults,
      finding,
      merged ? [subject, ...merged.map(instance => instance.id)] : [subject],
    );
    if (keys.some(key => reported.has(key))) continue;
    if (
      !findingsAbout.has(finding) &&
      !placeAddedOrAlike(
        graph.get(subject),
        withoutDefaults.get(subject),
        finding.property,
      )
    )
      continue;
    // Its check is its declaration's, for an instance.
    const failing = withoutDefaults.get(subject);
    if (!finding.suppressed)
      keysOf(
        withoutDefaults,
        finding.ruleId,
        failing ? checkSubject(failing) : subject,
      ).forEach(key => failedAnew.add(key));
    // Whether a suppression gives its reason does not depend on the inputs.
    if (finding.ruleId !== SUPPRESSION_RULE) finding.confidence = 'partial';
    evaluation.findings.push(finding);
  }
  const checked = new Map<string, Check>();
  for (const check of evaluation.checks) {
    for (const key of keysOf(graph, check.ruleId, check.subject))
      checked.set(key, check);
  }
  for (const check of other.checks) {
    const keys = keysOf(withoutDefaults, check.ruleId, check.subject);
    const existing = keys.map(key => checked.get(key)).find(Boolean);
    if (!existing) {
      evaluation.checks.push(check);
    } else if (keys.some(key => failedAnew.has(key))) {
      existing.passed = false;
    }
  }
}

/**
 * What the stack read without its inputs' defaults adds to what the stack
 * read with them made of its suppressions: where it used one (on a resource
 * the defaults left out, or that they made pass), used; where its rule
 * could not tell (a retention an input's condition decides), doubted; and
 * its verdict on those only it judged. Elsewhere the values the defaults
 * gave stand: read without them they are not known, which would leave
 * every suppression of a resource named after an input (`orders-${Stage}`)
 * in doubt.
 */
function addVerdictsWithoutDefaults(
  evaluation: GraphEvaluation,
  withoutDefaults: GraphEvaluation,
): void {
  if (!withoutDefaults.suppressionVerdicts) return;
  const judged = new Set(
    evaluation.suppressionVerdicts?.map(({ suppression }) =>
      suppressionPlace(suppression),
    ),
  );
  for (const verdict of withoutDefaults.suppressionVerdicts) {
    if (
      verdict.verdict === 'used' ||
      verdict.verdict === 'doubted' ||
      !judged.has(suppressionPlace(verdict.suppression))
    )
      (evaluation.suppressionVerdicts ??= []).push(verdict);
  }
}

/**
 * Where a suppression is written, its file, line and rule: one written in
 * code several stacks share (a Terraform module two roots call, a CDK
 * construct class), or that several readings of a stack judge, is one.
 */
export function suppressionPlace({
  file,
  line,
  ruleId,
}: UnusedSuppression): string {
  return `${file}\u0000${line}\u0000${ruleId}`;
}

/**
 * How a rule's result on a resource is known in both stacks: by the
 * resource's id, and for one a format generates, by what declared it, what
 * made it and its type (an id built from a default differs without it).
 */
function keysOf(graph: ResourceGraph, ruleId: string, id: string): string[] {
  const keys = [`${ruleId}\u0000${id}`];
  const resource = graph.get(id);
  if (resource?.generatedBy)
    keys.push(
      `${ruleId}\u0000${resource.generatedBy}\u0000${
        resource.origin ?? ''
      }\u0000${resource.type}`,
    );
  return keys;
}

/** The resource a finding's check is about: the one the rule reported, generated or not. */
function findingSubject(finding: Finding): string {
  return finding.generatedResourceId ?? finding.resourceId;
}

/** A finding's keys (see {@link keysOf}) on each of `subjects` of `graph`, at its place. */
function keysOfFinding(
  graph: ResourceGraph,
  finding: Finding,
  subjects: readonly string[],
): string[] {
  const about = findingsAbout.get(finding);
  const place =
    about === undefined ? `\u0000${finding.property ?? ''}` : `\u0001${about}`;
  return subjects
    .flatMap(subject => keysOf(graph, finding.ruleId, subject))
    .map(key => `${key}${place}`);
}

/**
 * Whether the place of a failure without defaults is what the resource
 * holds with them too, or what a left-out resource added (an attachment's
 * policy). Where a default decided the value (`!If [IsDev, !Ref Table, '']`)
 * or moved it (it removed an item before it), the failure is the one
 * {@link markFindingsOnDefaults} judges, not one the defaults left out.
 */
function placeAddedOrAlike(
  withDefaults: Resource | undefined,
  without: Resource | undefined,
  property: string | undefined,
): boolean {
  if (!withDefaults || !without || property === undefined) return true;
  const path = pathOfProperty(property);
  const value = getPath(withDefaults.properties, path);
  if (value !== undefined)
    return isDeepStrictEqual(value, getPath(without.properties, path));
  return !path.some((step, index) => {
    if (typeof step !== 'number') return false;
    const list = getPath(withDefaults.properties, path.slice(0, index));
    const item = getPath(without.properties, path.slice(0, index + 1));
    return (
      Array.isArray(list) && list.some(other => isDeepStrictEqual(other, item))
    );
  });
}

/** `Environment.Variables.TABLE`, `Policies[0].PolicyDocument` as a path (see {@link propertyPath}). */
function pathOfProperty(property: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of property.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      path.push(part);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g))
      path.push(Number(index[1]));
  }
  return path;
}

/** The resource as its author declared it: the one a format generated it from, or itself. */
function declaringId(resource: Resource): string {
  return resource.generatedBy ?? resource.id;
}

/** What a check is about: a resource, or the declaration of which it is an instance (its instances pass or fail it together). */
function checkSubject(resource: Resource): string {
  return resource.instanceOf ?? resource.id;
}

/**
 * Runs the rules over the graph; the findings that may rest on its inputs'
 * defaults are checked against the stack built without them.
 */
function judge(
  graph: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
  withoutDefaults?: () => ResourceGraph,
): GraphEvaluation {
  const findings: Finding[] = [];
  const checks: ScanCheck[] = [];
  const now = options.now ?? new Date();
  const reportPath = options.reportPath ?? samePath;
  // One context for all rules of the graph; `rule`, `checked` and `failed` are the current rule's.
  let rule: Rule;
  // The rule's check subjects, each with its file, in the order it met them; and those it failed.
  const checked = new Map<string, string>();
  const failed = new Set<string>();
  // With inputs' defaults or instances, every finding with its resource; with defaults, those that may rest on one.
  const reportedWithResources: Reported[] = [];
  const onDefaults = new Set<Finding>();
  // The rule's failures other stacks may answer, by subject, and the subjects it failed with one none may.
  const answerableOf = new Map<string, AnsweredElsewhere['findings']>();
  const failedHere = new Set<string>();
  let answeredElsewhere: AnsweredElsewhere[] | undefined;
  let answers: Map<string, boolean> | undefined;
  // By rule, the resources holding a suppression of it that it judged, and those it passed without knowing they
  // pass; the suppressions that suppressed a finding.
  const judgedHolders = new Map<string, Set<Resource>>();
  const doubtedHolders = new Map<string, Set<Resource>>();
  const applied = new Set<InlineSuppression>();
  const addHolder = (
    holders: Map<string, Set<Resource>>,
    resource: Resource,
  ) => {
    const { id } = rule.meta;
    if (!resource.suppressions.some(suppression => suppression.ruleId === id))
      return;
    const ofRule = holders.get(id);
    if (ofRule) ofRule.add(resource);
    else holders.set(id, new Set([resource]));
  };
  // Read once: most graphs have no instances, and `check` runs for every resource of every rule.
  const hasInstances = graph.hasInstances;
  const subjectOf = (resource: Resource) =>
    hasInstances
      ? checkSubject(resource)
      : resource.fingerprintId ?? resource.id;
  const context = {
    graph,
    options: NO_OPTIONS,
    now,
    check(resource: Resource) {
      const subject = subjectOf(resource);
      if (!checked.has(subject)) checked.set(subject, resource.file);
      if (resource.suppressions.length > 0) addHolder(judgedHolders, resource);
    },
    report(resource: Resource, failure: RuleFailure) {
      const finding = toFinding(graph, rule, resource, failure, reportPath);
      // Most resources hold no suppression.
      if (resource.suppressions.length > 0)
        for (const suppression of suppress(finding, resource))
          applied.add(suppression);
      if (failure.about !== undefined)
        findingsAbout.set(finding, failure.about);
      findings.push(finding);
      if (graph.defaults || hasInstances)
        reportedWithResources.push({ finding, resource });
      if (
        graph.defaults &&
        finding.confidence === 'high' &&
        mayRestOnDefaults(
          graph.defaults,
          resource,
          finding.line,
          failure.restsOn,
        )
      )
        onDefaults.add(finding);
      const subject = subjectOf(resource);
      if (!checked.has(subject)) checked.set(subject, resource.file);
      if (!finding.suppressed) failed.add(subject);
      if (resource.suppressions.length > 0) addHolder(judgedHolders, resource);
      if (failure.answeredElsewhereBy?.length)
        addToList(answerableOf, subject, {
          finding,
          keys: failure.answeredElsewhereBy,
        });
      else if (!finding.suppressed) failedHere.add(subject);
    },
    doubt(resource: Resource) {
      if (resource.suppressions.length > 0) addHolder(doubtedHolders, resource);
    },
    answerForOtherStacks(key: string, surely: boolean) {
      answers ??= new Map();
      answers.set(key, surely || answers.get(key) === true);
    },
  };
  // The current rule's check of a subject it met, with its file. Given to Map.forEach, which takes no entry
  // apart: a for-of over entries does, at a cost for each check in a scan's first, not yet optimised, run.
  const addCheck = (file: string, subject: string) => {
    const { id, category, severity } = rule.meta;
    const check = new RuleCheck(
      id,
      category,
      severity,
      !failed.has(subject),
      file,
      subject,
    );
    checks.push(check);
    const answerable =
      answerableOf.size > 0 ? answerableOf.get(subject) : undefined;
    if (answerable)
      (answeredElsewhere ??= []).push({
        findings: answerable,
        ...(failed.has(subject) && !failedHere.has(subject) ? { check } : {}),
      });
  };
  const outputsFromDefaults = graph.defaults?.outputsFromDefaults;
  for (rule of rules) {
    const { id } = rule.meta;
    context.options = options.ruleOptions?.[id] ?? NO_OPTIONS;
    const firstFinding = findings.length;
    const outputReads = graph.outputsReadCount;
    rule.check(context);
    // What a rule found from outputs that read a default may rest on it, wherever its findings are.
    if (outputsFromDefaults && graph.outputsReadCount !== outputReads) {
      for (let index = firstFinding; index < findings.length; index++) {
        if (findings[index].confidence === 'high')
          onDefaults.add(findings[index]);
      }
    }
    // Most rules check nothing in most stacks: clearing a Map or a Set allocates its table anew.
    if (checked.size === 0) continue;
    checked.forEach(addCheck);
    checked.clear();
    if (failed.size > 0) failed.clear();
    if (answerableOf.size > 0) answerableOf.clear();
    if (failedHere.size > 0) failedHere.clear();
  }
  if (hasInstances) {
    mergeInstanceFindings(
      graph,
      findings,
      reportedWithResources,
      onDefaults,
      reportPath,
    );
    // After merging, which finds the instances a message names by the addresses it writes them with.
    for (const finding of findings)
      finding.message = graph.withLoneInstancesUnkeyed(finding.message);
    // A finding merged stands for instances whose keys differ: no other stack answers it.
    const kept = new Set(findings);
    answeredElsewhere = answeredElsewhere?.filter(answerable =>
      answerable.findings.every(
        ({ finding }) => kept.has(finding) && !instancesMerged.has(finding),
      ),
    );
  }
  if (onDefaults.size > 0 && withoutDefaults)
    markFindingsOnDefaults(
      graph,
      withoutDefaults(),
      rules,
      options,
      reportedWithResources,
      onDefaults,
    );
  const suppressionReview = reviewSuppressions(graph, reportPath);
  findings.push(...suppressionReview.findings);
  checks.push(...suppressionReview.checks);
  const verdicts = suppressionVerdicts(
    graph,
    rules,
    { judged: judgedHolders, doubted: doubtedHolders },
    applied,
  );
  return {
    findings,
    checks,
    ...(answeredElsewhere?.length ? { answeredElsewhere } : {}),
    ...(answers ? { answers } : {}),
    ...(verdicts.length > 0 ? { suppressionVerdicts: verdicts } : {}),
  };
}

/**
 * What every instance of a declaration (Terraform `count`, `for_each`)
 * fails at one place, once each, is one finding on the declaration, as for
 * a declaration not expanded: its fingerprint is theirs. Its message is
 * theirs where they say the same once instances are named as declared;
 * else the first instance's, saying the others fail it too. What only some
 * instances fail stays theirs. A finding merged is `partial`, or may rest
 * on a default, where one of those it stands for is or may.
 */
function mergeInstanceFindings(
  graph: ResourceGraph,
  findings: Finding[],
  reported: Reported[],
  onDefaults: Set<Finding>,
  reportPath: (file: string) => string,
): void {
  const merged = new Set<Finding>();
  const ofInstances = reported.filter(
    entry => entry.resource.instanceOf !== undefined,
  );
  for (const atPlace of groupBy(ofInstances, placeOfInstanceFinding)) {
    for (const { entries, message } of failedByEveryInstance(graph, atPlace)) {
      for (const other of mergeIntoFirst(
        graph,
        entries,
        message,
        onDefaults,
        reportPath,
      ))
        merged.add(other);
    }
  }
  if (merged.size === 0) return;
  removeWhere(findings, finding => merged.has(finding));
  removeWhere(reported, entry => merged.has(entry.finding));
}

/** `items` grouped by `key`, in the order each key first appears. */
function groupBy<T>(
  items: Iterable<T>,
  key: (item: T) => string,
): Iterable<T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const itemKey = key(item);
    const group = groups.get(itemKey);
    if (group) group.push(item);
    else groups.set(itemKey, [item]);
  }
  return groups.values();
}

/** Where an instance's finding is: its rule, declaration, property, line and suppression. */
function placeOfInstanceFinding({ finding, resource }: Reported): string {
  return [
    finding.ruleId,
    resource.instanceOf,
    finding.property ?? '',
    finding.line,
    finding.suppressed?.reason ?? '',
  ].join('\u0000');
}

/** A finding's message with the instance it is on named as declared. */
function messageAsDeclared(
  graph: ResourceGraph,
  { finding, resource }: Reported,
): string {
  return graph.asDeclared(resource, finding.message);
}

/**
 * The findings at one place that stand for every instance of their
 * declaration, with the message of the finding each group merges into: all
 * of them, where each instance has one there; else, for a rule that reports
 * several failures at one place, those every instance has alike.
 */
function failedByEveryInstance(
  graph: ResourceGraph,
  atPlace: Reported[],
): { entries: Reported[]; message: string }[] {
  if (eachInstanceOnce(graph, atPlace)) {
    const messages = new Set(
      atPlace.map(entry => messageAsDeclared(graph, entry)),
    );
    return [
      {
        entries: atPlace,
        message:
          messages.size === 1
            ? [...messages][0]
            : messageNamingTheOthers(graph, atPlace),
      },
    ];
  }
  const groups: { entries: Reported[]; message: string }[] = [];
  for (const alike of groupBy(atPlace, entry =>
    messageAsDeclared(graph, entry),
  )) {
    if (eachInstanceOnce(graph, alike))
      groups.push({
        entries: alike,
        message: messageAsDeclared(graph, alike[0]),
      });
  }
  return groups;
}

/**
 * The declaration of what made a generated declaration's instance, where
 * that has instances: the generated declaration's instances are those of its
 * maker that made one, all of them, to stand for the declaration.
 */
function makerDeclaration(
  graph: ResourceGraph,
  { generatedBy }: Resource,
): string | undefined {
  return generatedBy === undefined
    ? undefined
    : graph.get(generatedBy)?.instanceOf;
}

/**
 * Whether `entries` are one finding on each instance of their declaration.
 * A maker instance may make several (a function, a permission per trigger):
 * each must have made one here.
 */
function eachInstanceOnce(graph: ResourceGraph, entries: Reported[]): boolean {
  const [{ resource }] = entries;
  if (new Set(entries.map(entry => entry.resource.id)).size !== entries.length)
    return false;
  if (entries.length !== graph.instancesOf(resource.instanceOf!)) return false;
  const maker = makerDeclaration(graph, resource);
  return (
    maker === undefined ||
    new Set(entries.map(entry => entry.resource.generatedBy)).size ===
      graph.instancesOf(maker)
  );
}

/**
 * Makes the first finding of `entries` the one on their declaration, with
 * `message`, `partial` or resting on a default where any of them is or may;
 * returns the others, which it stands for.
 */
function mergeIntoFirst(
  graph: ResourceGraph,
  entries: Reported[],
  message: string,
  onDefaults: Set<Finding>,
  reportPath: (file: string) => string,
): Finding[] {
  const [kept, ...others] = entries.map(entry => entry.finding);
  const { resource } = entries[0];
  const declaration = resource.instanceOf!;
  instancesMerged.set(
    kept,
    entries.map(entry => entry.resource),
  );
  // A generated declaration is reported as the declaration that made it (as an instance is, by the instance that made it).
  if (resource.generatedBy !== undefined)
    kept.generatedResourceId = declaration;
  kept.resourceId =
    resource.generatedBy === undefined
      ? declaration
      : makerDeclaration(graph, resource) ?? resource.generatedBy;
  kept.message = message;
  kept.fingerprint = fingerprint(
    kept.ruleId,
    reportPath(kept.file),
    declaration,
    kept.property,
  );
  for (const other of others) {
    if (other.confidence === 'partial') kept.confidence = 'partial';
    if (onDefaults.delete(other)) onDefaults.add(kept);
  }
  return others;
}

/**
 * The message of instances that fail at one place but say different
 * things: the first's, saying the others fail too. Those of a generated
 * declaration are named as the author wrote them: what made it as
 * declared, the others by what made each (`allowed_triggers "Nightly"`),
 * not by an address inside a module the author never wrote.
 */
function messageNamingTheOthers(
  graph: ResourceGraph,
  entries: Reported[],
): string {
  const [first, ...others] = entries;
  const origins = entries.map(entry => entry.resource.origin);
  if (
    first.resource.generatedBy === undefined ||
    origins.some(origin => origin === undefined)
  ) {
    const count = others.length;
    return `${first.finding.message} (The other ${count} instance${
      count === 1 ? '' : 's'
    } of ${first.resource.instanceOf} fail${
      count === 1 ? 's' : ''
    } this check too, at the same place.)`;
  }
  const fails = (names: Set<string | undefined>) =>
    `${[...names].join(', ')} fail${names.size === 1 ? 's' : ''}`;
  const otherOrigins = new Set(origins.slice(1));
  // What made the first made others too where what made it has several instances (a module call's for_each).
  const note = otherOrigins.has(origins[0])
    ? `${fails(new Set(origins))} this check in every instance of ${
        makerDeclaration(graph, first.resource) ?? first.resource.generatedBy
      }, at the same place.`
    : `${fails(otherOrigins)} this check too, at the same place.`;
  return `${messageAsDeclared(graph, first)} (${note})`;
}

/** Removes from `list`, in place, the items `drop` picks. */
function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  const kept = list.filter(item => !drop(item));
  list.splice(0, list.length, ...kept);
}

/**
 * Whether a finding on the resource's line, resting also on the values its
 * rule names (see {@link RuleFailure.restsOn}), may rest on an input's
 * default (see {@link markFindingsOnDefaults}).
 */
function mayRestOnDefaults(
  defaults: StackDefaults,
  resource: Resource,
  line: number,
  restsOn: RuleFailure['restsOn'],
): boolean {
  if (defaults.decided || areLinesFromDefaults(resource, line, line))
    return true;
  return restsOn?.some(isGivenByDefaults) ?? false;
}

/** What {@link isGivenByDefaults} found of each list of values: a rule names one for many failures (every alarm's metrics). */
const givenByDefaults = new WeakMap<RestingValues, boolean>();

/** Whether a default gave one of the values a failure rests on, or a part of one (see {@link RuleFailure.restsOn}). */
function isGivenByDefaults(values: RestingValues): boolean {
  let given = givenByDefaults.get(values);
  if (given === undefined) {
    const { resources, path } = values;
    given = resources.some(
      other =>
        other.linesFromDefaults !== undefined &&
        isValueFromDefaults(other, path),
    );
    givenByDefaults.set(values, given);
  }
  return given;
}

/** Whether a default gave the value at `path` of the resource, or a part of it. */
function isValueFromDefaults(
  resource: Resource,
  path: readonly string[],
): boolean {
  const value = getPath(resource.properties, path);
  if (value === undefined) return false;
  const first = lineOfPath(resource.properties, path, resource.line);
  return areLinesFromDefaults(resource, first, lastLineWithin(value, first));
}

/** Whether a default gave a value of the resource on one of the lines from `first` to `last`. */
function areLinesFromDefaults(
  resource: Resource,
  first: number,
  last: number,
): boolean {
  return (
    resource.linesFromDefaults?.some(
      span => span.first <= last && first <= span.last,
    ) ?? false
  );
}

/**
 * A finding that the stack does not have once its inputs' defaults are not
 * known rests on those defaults, which whoever deploys may override: it is
 * reported at partial confidence (RULES.md). The rules that made the
 * findings judge the stack built without defaults.
 */
function markFindingsOnDefaults(
  graph: ResourceGraph,
  withoutDefaults: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
  reported: Reported[],
  candidates: ReadonlySet<Finding>,
): void {
  const reporting = new Set([...candidates].map(finding => finding.ruleId));
  // A rule of the whole stack proves its finding by reporting on the stack, whichever resource it names.
  const ofStack = new Set(
    rules.filter(rule => rule.scope === 'stack').map(rule => rule.meta.id),
  );
  const keyOf = (
    id: string,
    subject: string,
    resource: Resource,
    property: string | undefined,
    message?: string,
  ) =>
    ofStack.has(id) ? id : provenKey(id, subject, resource, property, message);
  // A generated resource not expanded is also known by its own id: what stands there for the instances of a generated declaration.
  const failureSubjects = (resource: Resource) =>
    resource.instanceOf === undefined
      ? [declaringId(resource), ...(resource.generatedBy ? [resource.id] : [])]
      : [resource.id, resource.instanceOf];
  // A generated resource is also known by its own id, where that does not rest on a default and what
  // declared it may (SAM's implicit API, which the first function of the stack with an Api event declares).
  const ownKeyOf = (
    id: string,
    resource: Resource,
    property: string | undefined,
  ) =>
    resource.generatedBy && !ofStack.has(id)
      ? `${id}\u0000#${resource.id}\u0000${property ?? ''}`
      : undefined;
  // What the rules report without defaults, under each key it is known by: one failure proves one finding.
  // Each key's failures, and how many of them the search for one not taken has passed.
  const failures = new Map<
    string,
    { list: { taken: boolean }[]; passed: number }
  >();
  const add = (key: string | undefined, failure: { taken: boolean }) => {
    if (key === undefined) return;
    const entry = failures.get(key);
    if (entry) entry.list.push(failure);
    else failures.set(key, { list: [failure], passed: 0 });
  };
  const take = (key: string | undefined): boolean => {
    const entry = key === undefined ? undefined : failures.get(key);
    if (!entry) return false;
    // Failures are only ever taken: those passed stay taken.
    while (entry.passed < entry.list.length && entry.list[entry.passed].taken)
      entry.passed++;
    const failure = entry.list[entry.passed];
    if (failure) failure.taken = true;
    return failure !== undefined;
  };
  // A finding on an instance is proven on what stands for it without defaults (see counterpart); one on every
  // instance, on what stands for each of them. What stands for several instances proves each of them.
  const provenAt = (
    { finding, resource }: Reported,
    property: string | undefined,
    message?: string,
  ) =>
    counterpartsOf(graph, withoutDefaults, finding, resource).every(
      ({ subject, alone }) => {
        const key = keyOf(finding.ruleId, subject, resource, property, message);
        return alone ? take(key) : failures.has(key);
      },
    );
  // Each failure with its rule, to be known also where its list items may have moved (by its message), when a finding asks.
  const reportedAgain: {
    ruleId: string;
    resource: Resource;
    failure: RuleFailure;
    property: string | undefined;
    proof: { taken: boolean };
  }[] = [];
  let ruleId = '';
  const context = {
    graph: withoutDefaults,
    options: NO_OPTIONS,
    now: options.now ?? new Date(),
    check() {},
    doubt() {},
    answerForOtherStacks() {},
    report(resource: Resource, failure: RuleFailure) {
      if (failure.confidence === 'partial') return;
      const property = itemsPlaced(resource, propertyPath(failure.path));
      const proof = { taken: false };
      for (const subject of failureSubjects(resource))
        add(keyOf(ruleId, subject, resource, property), proof);
      add(ownKeyOf(ruleId, resource, property), proof);
      reportedAgain.push({ ruleId, resource, failure, property, proof });
    },
  };
  for (const rule of rules) {
    if (!reporting.has(rule.meta.id)) continue;
    ruleId = rule.meta.id;
    context.options = options.ruleOptions?.[ruleId] ?? NO_OPTIONS;
    rule.check(context);
  }
  // Every finding of those rules first takes the failure at its own place, then one of its resource by
  // its own id; then a finding not proven there takes one its list items moved to (a default removed
  // an item before it).
  const ofRules = reported.filter(({ finding }) =>
    reporting.has(finding.ruleId),
  );
  const placed = new Map(
    ofRules.map(entry => [
      entry,
      itemsPlaced(entry.resource, entry.finding.property),
    ]),
  );
  const unproven = ofRules.filter(entry => !provenAt(entry, placed.get(entry)));
  const stillUnproven = unproven.filter(
    entry =>
      !take(ownKeyOf(entry.finding.ruleId, entry.resource, placed.get(entry))),
  );
  // Known by their messages only now, after every key above (each failure keeps its place among those of a key):
  // most findings never get here.
  if (stillUnproven.length === 0) return;
  for (const {
    ruleId: id,
    resource,
    failure,
    property,
    proof,
  } of reportedAgain) {
    const message = withoutDefaults.withLoneInstancesUnkeyed(
      failureMessage(
        withoutDefaults,
        resource,
        failure,
        options.reportPath ?? samePath,
      ),
    );
    for (const subject of failureSubjects(resource))
      add(
        keyOf(id, subject, resource, itemsAnywhere(property), message),
        proof,
      );
  }
  for (const entry of stillUnproven) {
    if (
      provenAt(entry, itemsAnywhere(placed.get(entry)), entry.finding.message)
    )
      continue;
    if (candidates.has(entry.finding)) entry.finding.confidence = 'partial';
  }
}

/**
 * What a failure is about, whatever the defaults: `subject`, the resource
 * as declared (or an instance of a declaration), and for one a format
 * generates from it, what made it and its type (not its id, which may be
 * built from a default: SAM names an API's stage after its `StageName`);
 * the property, and with `message`, the failure itself.
 */
function provenKey(
  ruleId: string,
  subject: string,
  resource: Resource,
  property: string | undefined,
  message = '',
): string {
  const made = resource.generatedBy
    ? `${resource.origin ?? ''}\u0000${resource.type}`
    : '';
  return `${ruleId}\u0000${subject}\u0000${made}\u0000${
    property ?? ''
  }\u0000${message}`;
}

/**
 * A property path with the line of each list item it steps into
 * (`Replicas[2@36].Tags`): where a default removed an item before it, the
 * stack read without defaults has the item at another index, and another
 * item at its index (a failure of which would prove its finding, and
 * leave its own unproven: their confidences swapped), each at its own line.
 * Items written on one line (`[a, b]`, a template of one line) are told
 * apart by their index as written, where the reading knows it (see
 * writtenIndexOf).
 */
function itemsPlaced(
  resource: Resource,
  property: string | undefined,
): string | undefined {
  if (property === undefined || !property.includes('[')) return property;
  const path = pathOfProperty(property);
  const itemPaths = path.flatMap((step, index) =>
    typeof step === 'number' ? [path.slice(0, index + 1)] : [],
  );
  let item = 0;
  return property.replace(/\[(\d+)\]/g, (_, index: string) => {
    const itemPath = itemPaths[item++] ?? path;
    const list = getPath(resource.properties, itemPath.slice(0, -1));
    return `[${writtenIndexOf(list, Number(index))}@${lineOfPath(
      resource.properties,
      itemPath,
      resource.line,
    )}]`;
  });
}

/** A property path (see {@link itemsPlaced}) whose list items may be at other indexes (a default removed an item before them). */
function itemsAnywhere(property: string | undefined): string | undefined {
  return property?.replace(/\[\d+/g, '[');
}

/**
 * A failure's message, with where the property it is about is written
 * where that is another file than the resource's, which the finding names
 * (see {@link Resource.writtenElsewhere}), by its path in the report (see
 * EvaluationOptions.reportPath).
 */
function failureMessage(
  graph: ResourceGraph,
  resource: Resource,
  failure: RuleFailure,
  reportPath: (file: string) => string,
): string {
  if (failure.line !== undefined || !resource.writtenElsewhere)
    return failure.message;
  // The property written elsewhere that holds the one the failure is about: `TracingConfig` of `TracingConfig.Mode`,
  // `Policies[0].PolicyDocument` of a statement of that document.
  let property: string | undefined;
  for (const step of failure.path ?? []) {
    if (typeof step === 'number') property = `${property ?? ''}[${step}]`;
    else property = property === undefined ? step : `${property}.${step}`;
    const place = resource.writtenElsewhere.get(property);
    if (place)
      return `${failure.message} (${graph.nameOf(
        resource,
        property,
      )} is set in ${reportPath(place.file)}, line ${place.line}.)`;
  }
  return failure.message;
}

function toFinding(
  graph: ResourceGraph,
  rule: Rule,
  resource: Resource,
  failure: RuleFailure,
  reportPath: (file: string) => string,
): Finding {
  const { id, severity, category, remediation } = rule.meta;
  const property = propertyPath(failure.path);
  // A resource a format generates is reported as the one that declared it: its id and type.
  const declaredBy = resource.generatedBy
    ? graph.get(resource.generatedBy)
    : undefined;
  const shown = declaredBy ?? resource;
  // A rule of the whole stack names a resource as an example: an instance's declaration keeps its finding in one place.
  const named =
    rule.scope === 'stack' && resource.instanceOf !== undefined
      ? resource.instanceOf
      : resource.id;
  const finding: Finding = new RuleFinding(
    id,
    severity,
    category,
    resource.file,
    failure.line ??
      lineOfPath(resource.properties, failure.path ?? NO_PATH, resource.line),
    resource.generatedBy ?? named,
    shown.sourceType ?? shown.type,
    failureMessage(graph, resource, failure, reportPath),
    remediation.summary,
    fingerprint(
      id,
      reportPath(resource.file),
      resource.fingerprintId ?? named,
      property,
    ),
    graph.partlyRead ||
    resource.changedByCodeNotModelled ||
    resource.copiesNotKnown
      ? 'partial'
      : failure.confidence ?? 'high',
    graph.format,
  );
  if (property) finding.property = property;
  if (resource.generatedBy) finding.generatedResourceId = resource.id;
  return finding;
}

/**
 * Marks the finding on `resource` suppressed by the suppressions it holds of the finding's rule that give a
 * reason (one written on an attachment, where the finding points into the attachment: see
 * InlineSuppression.appliesWithin); returns them. Each gives its reason (a Metadata entry and a comment, a
 * module's and its resource's): the report keeps them all, rather than the first alone, for whoever reviews why
 * the finding is waived. One written again in another case or spacing (a comment copying a Metadata entry's) is
 * the same reason, given once.
 */
function suppress(finding: Finding, resource: Resource): InlineSuppression[] {
  const applying: InlineSuppression[] = [];
  const reasons = new Map<string, string>();
  for (const suppression of resource.suppressions) {
    const { reason, appliesWithin: within } = suppression;
    if (suppression.ruleId !== finding.ruleId || !reason) continue;
    if (
      within &&
      (finding.file !== within.file ||
        ((finding.line < within.first || finding.line > within.last) &&
          !within.valuesAt?.has(finding.line)))
    )
      continue;
    applying.push(suppression);
    const same = reason.replace(/\s+/g, ' ').toLowerCase();
    if (!reasons.has(same)) reasons.set(same, reason);
  }
  if (reasons.size > 0)
    finding.suppressed = {
      kind: 'inline',
      reason: [...reasons.values()].join('; '),
    };
  return applying;
}

/**
 * A suppression with no reason, or naming no known rule, is reported (and
 * not honoured). What suppressions are written on, in a file, is one check,
 * failed where any of them is reported: as for any rule, a check is what the
 * rule applies to, so that suppressions added to it raise no score.
 */
function reviewSuppressions(
  graph: ResourceGraph,
  reportPath: (file: string) => string,
): GraphEvaluation {
  const meta = getRuleMetadata(SUPPRESSION_RULE)!;
  const findings: Finding[] = [];
  const checks = new Map<string, ScanCheck>();
  const seen = new Set<string>();
  for (const resource of [
    ...graph.resources,
    ...graph.neverDeployed,
    ...graph.outputSubjectsWithSuppressions(),
  ]) {
    for (const suppression of resource.suppressions) {
      if (suppression.reviewedInAnotherGraph) continue;
      const { on, writtenOn, holder, file, key } = placeOfSuppression(
        graph,
        resource,
        suppression,
      );
      if (seen.has(key)) continue;
      seen.add(key);
      // What it is written on, as its checks and findings know it (see Resource.fingerprintId).
      const subject =
        suppression.fingerprintId ?? writtenOn?.fingerprintId ?? on;
      const held = `${file}\u0000${subject}`;
      let check = checks.get(held);
      if (!check) {
        check = {
          ruleId: meta.id,
          category: meta.category,
          severity: meta.severity,
          passed: true,
          file,
          subject,
          ...(subject === on ? {} : { label: on }),
        };
        checks.set(held, check);
      }
      const problem = problemOfSuppression(suppression);
      if (!problem) continue;
      check.passed = false;
      findings.push({
        ruleId: meta.id,
        severity: meta.severity,
        category: meta.category,
        file,
        line: suppression.line,
        resourceId: on,
        resourceType:
          suppression.writtenOnConstruct?.type ??
          holder.sourceType ??
          holder.type,
        message: `The suppression on ${on} ${problem}, so it is not applied.`,
        remediation: meta.remediation.summary,
        fingerprint: fingerprint(
          meta.id,
          reportPath(file),
          subject,
          `suppression:${suppression.ruleId}`,
        ),
        confidence: 'high',
        format: graph.format,
      });
    }
  }
  // Several of one rule on one resource (a comment and a Metadata entry) are told apart by their rank.
  rankFindingsAlike(findings);
  return { findings, checks: [...checks.values()] };
}

/**
 * Where a suppression that `resource` holds is written: on what (`on`, and
 * that resource where it is one), in which file, and the key that tells it
 * from the others of the graph. One written on a construct is held by each
 * resource it makes; one on a Terraform module call, by each its call makes.
 */
function placeOfSuppression(
  graph: ResourceGraph,
  resource: Resource,
  suppression: InlineSuppression,
): {
  on: string;
  writtenOn: Resource | undefined;
  holder: Resource;
  file: string;
  key: string;
} {
  // A generated resource holds the suppressions of what made it: of the declaration, for an instance's.
  const maker =
    resource.generatedBy === undefined
      ? undefined
      : graph.get(resource.generatedBy);
  const owner = maker
    ? maker.instanceOf ?? maker.id
    : resource.instanceOf ?? declaringId(resource);
  const on = suppression.writtenOn ?? owner;
  const writtenOn =
    suppression.writtenOn === undefined
      ? maker ?? resource
      : graph.get(suppression.writtenOn);
  const holder = (suppression.writtenOn !== undefined && writtenOn) || resource;
  const file =
    suppression.writtenOnConstruct?.file ?? suppression.file ?? holder.file;
  return {
    on,
    writtenOn,
    holder,
    file,
    key: `${on}:${file}:${suppression.line}:${suppression.ruleId}`,
  };
}

/** Why a suppression is not applied (SUP-001), or undefined for one written well. */
function problemOfSuppression(
  suppression: InlineSuppression,
): string | undefined {
  if (suppression.malformed) return `is not written ${suppression.malformed}`;
  if (!suppression.ruleId) return 'gives no rule id';
  if (getRuleMetadata(suppression.ruleId) === undefined)
    return `names ${suppression.ruleId}, which is not a rule of the catalog`;
  if (!suppression.reason) return `of ${suppression.ruleId} gives no reason`;
  return undefined;
}

/** The rules the engine reports itself, whose findings no suppression in the code applies to. */
const ENGINE_RULES: ReadonlySet<string> = new Set([
  SUPPRESSION_RULE,
  'PARSE-001',
]);

/**
 * What this reading of the stack made of each suppression written well
 * (see {@link SuppressionVerdict}), by where it is written. Used where it
 * suppressed a failure (`applied`) on a resource holding it; doubted where
 * its rule passed one without knowing it passes; passed where the rule
 * judged one and none of them is in doubt (see {@link judgedInDoubt}). A
 * suppression of a rule that judges the whole stack (OPS-006, reported on
 * whichever resource comes first) gets none: whether it would suppress
 * depends on the order of resources, not on what is written on it. One
 * of SUP-001 or PARSE-001, whose findings the engine reports on
 * suppressions and files and never suppresses, passes: it never suppresses
 * anything (the scan drops it where that rule is off).
 */
function suppressionVerdicts(
  graph: ResourceGraph,
  rules: readonly Rule[],
  holdersByRule: Record<
    'judged' | 'doubted',
    ReadonlyMap<string, ReadonlySet<Resource>>
  >,
  applied: ReadonlySet<InlineSuppression>,
): SuppressionVerdict[] {
  // Each place's holders, and what they hold written there (one suppression held by several resources, or copies).
  const places = new Map<
    string,
    {
      suppression: UnusedSuppression;
      holders: Resource[];
      written: InlineSuppression[];
    }
  >();
  // Resources never deployed are judged by no rule: they tell nothing of their suppressions.
  for (const resource of [
    ...graph.resources,
    ...graph.outputSubjectsWithSuppressions(),
  ]) {
    for (const suppression of resource.suppressions) {
      if (problemOfSuppression(suppression) !== undefined) continue;
      const { on, file, key } = placeOfSuppression(
        graph,
        resource,
        suppression,
      );
      const place = places.get(key);
      if (place) {
        place.holders.push(resource);
        place.written.push(suppression);
      } else
        places.set(key, {
          suppression: {
            file,
            line: suppression.line,
            resourceId: on,
            ruleId: suppression.ruleId,
          },
          holders: [resource],
          written: [suppression],
        });
    }
  }
  if (places.size === 0) return [];
  const ran = new Map(rules.map(rule => [rule.meta.id, rule]));
  const verdicts: SuppressionVerdict[] = [];
  for (const { suppression, holders, written } of places.values()) {
    const { ruleId } = suppression;
    if (ENGINE_RULES.has(ruleId)) {
      verdicts.push({ suppression, verdict: 'passed' });
      continue;
    }
    const rule = ran.get(ruleId);
    if (!rule || rule.scope === 'stack') continue;
    const judged = holdersByRule.judged.get(ruleId);
    const doubted = holdersByRule.doubted.get(ruleId);
    let verdict: SuppressionVerdict['verdict'] = 'passed';
    if (written.some(each => applied.has(each))) verdict = 'used';
    else if (
      holders.some(
        holder =>
          doubted?.has(holder) ||
          (rule.judges !== 'own values' &&
            besideWhatMayNotBeDeployed(graph, holder)),
      )
    )
      verdict = 'doubted';
    else if (
      !holders.some(holder => judged?.has(holder)) ||
      holders.some(holder => judgedInDoubt(graph, holder))
    )
      verdict = 'unknown';
    verdicts.push({ suppression, verdict });
  }
  return verdicts;
}

/**
 * Whether what a rule made of the resource may rest on what the scan does
 * not know, so that no failure found does not prove the failure gone: code
 * not modelled may change or wire it, the program was read in part, or it
 * or a resource it refers to or that refers to it (its role, a policy of
 * its role) holds a value not known (an input without default, an import,
 * what a program computes). The partition, region,
 * account and URL suffix a stack is deployed in are each one value the
 * rules read as such, whatever it is: they decide no verdict; nor does the
 * region of a global table's replica (see {@link holdsValueNotKnownRead}).
 */
function judgedInDoubt(graph: ResourceGraph, resource: Resource): boolean {
  if (
    graph.partlyRead ||
    resource.changedByCodeNotModelled ||
    resource.copiesNotKnown ||
    resource.handedToCodeNotModelled ||
    resource.wiredAsOneOfAlternatives
  )
    return true;
  // Each resource looked at once: many holders may refer to one (a policy naming every queue of the stack).
  const looked = graph.analysis(
    holdsValueNotKnownRead,
    () => new Map<Resource, boolean>(),
  );
  return [
    resource,
    ...graph.referencesFrom(resource).map(edge => edge.to),
    ...graph.referencesTo(resource).map(edge => edge.from),
  ].some(related => {
    let holds = looked.get(related);
    if (holds === undefined) {
      holds = holdsValueNotKnownRead(related);
      looked.set(related, holds);
    }
    return holds;
  });
}

/**
 * Whether a resource within two references of `resource`, other than itself,
 * may not be deployed (see {@link mayNotBeDeployed}): an alarm on a
 * function, a policy of its role, under a `Condition` not known statically
 * (or, read without defaults, one a default decided). Where it is not, the
 * verdict of a rule that reads other resources (not one of `own values`)
 * may be another, whatever the rule knew.
 */
function besideWhatMayNotBeDeployed(
  graph: ResourceGraph,
  resource: Resource,
): boolean {
  const besideCounts = graph.analysis(
    besideWhatMayNotBeDeployed,
    countBesideWhatMayNotBeDeployed,
  );
  if (besideCounts.size === 0) return false;
  // Itself, where it may not be deployed, is counted beside each resource next to it.
  const own = mayNotBeDeployed(resource) ? 1 : 0;
  for (const next of nextTo(graph, resource)) {
    if (next === resource) continue;
    if (mayNotBeDeployed(next) || (besideCounts.get(next) ?? 0) > own)
      return true;
  }
  return false;
}

/** For each resource of the graph, how many resources next to it may not be deployed (see {@link mayNotBeDeployed}). */
function countBesideWhatMayNotBeDeployed(
  graph: ResourceGraph,
): Map<Resource, number> {
  const counts = new Map<Resource, number>();
  for (const resource of graph.resources) {
    if (!mayNotBeDeployed(resource)) continue;
    for (const next of nextTo(graph, resource))
      if (next !== resource) counts.set(next, (counts.get(next) ?? 0) + 1);
  }
  return counts;
}

/** The resources `resource` refers to or that refer to it, each once. */
function nextTo(graph: ResourceGraph, resource: Resource): Set<Resource> {
  return new Set([
    ...graph.referencesFrom(resource).map(edge => edge.to),
    ...graph.referencesTo(resource).map(edge => edge.from),
  ]);
}

/**
 * Whether the resource may not be deployed, or be deployed in as many
 * copies as are not known: under a condition not known statically, as one
 * of variants of which one is, in a loop or a `count` not known.
 */
function mayNotBeDeployed(resource: Resource): boolean {
  return (
    resource.deployedIf !== undefined ||
    resource.variantOf !== undefined ||
    resource.copiesNotKnown === true ||
    (resource.copies?.some(copies => copies.count === undefined) ?? false)
  );
}

/** The pseudo parameters of where a stack is deployed, one value each wherever read (see {@link judgedInDoubt}). */
const PLACE_PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::Partition',
  'AWS::Region',
  'AWS::AccountId',
  'AWS::URLSuffix',
]);

/**
 * Whether the resource holds a value not known statically that a rule may
 * judge it by (see {@link holdsValueNotKnown}). A global table's replica's
 * `Region` is not one: like the stack's own region, it says where a part of
 * the table is deployed, not what is deployed. Rules read it only to name
 * the replica in messages (OPS-003, OPS-004), and regions only as written
 * in ARNs and endpoints (OPS-002); a policy that names the replica's region
 * in an ARN holds that value not known itself. A rule that comes to judge
 * a replica by its region must read it here too.
 */
function holdsValueNotKnownRead({ type, properties }: Resource): boolean {
  if (type !== 'AWS::DynamoDB::GlobalTable')
    return holdsValueNotKnown(properties);
  return Object.entries(properties).some(([key, value]) =>
    key === 'Replicas' && Array.isArray(value)
      ? value.some(replicaHoldsValueNotKnownRead)
      : holdsValueNotKnown(value),
  );
}

/** Whether a global table's replica holds a value not known statically other than its region (see {@link holdsValueNotKnownRead}). */
function replicaHoldsValueNotKnownRead(replica: Value): boolean {
  if (!isMap(replica)) return holdsValueNotKnown(replica);
  return Object.entries(replica).some(
    ([key, value]) => key !== 'Region' && holdsValueNotKnown(value),
  );
}

/** Whether the value holds a value not known statically, other than the place's pseudo parameters (see {@link judgedInDoubt}). */
function holdsValueNotKnown(value: Value | undefined): boolean {
  if (value instanceof Unknown)
    return !(value.isOneValue && PLACE_PSEUDO_PARAMETERS.has(value.reason));
  if (value instanceof Template) return value.parts.some(holdsValueNotKnown);
  if (Array.isArray(value)) return value.some(holdsValueNotKnown);
  if (isMap(value)) return Object.values(value).some(holdsValueNotKnown);
  return false;
}
