/**
 * Runs rules over one resource graph and turns what they report into
 * findings (line, fingerprint, in-code suppressions) and checks (for the
 * scorecard).
 */
import { hash } from 'node:crypto';
import {
  Check,
  Finding,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { lineOfPath } from '../graph/locations';
import { Resource, ResourceGraph, StackDefaults } from '../graph/ResourceGraph';
import { Rule, RuleFailure } from '../rules/types';

export interface GraphEvaluation {
  findings: Finding[];
  checks: Check[];
  /** What each check (at the same index) is about, in its file: stacks that share code check it once. */
  subjects: string[];
}

export interface EvaluationOptions {
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  now?: Date;
}

/** Stable identity of a finding across scans: rule + file + resource + property. */
export function fingerprint(ruleId: string, file: string, resourceId: string, property = ''): string {
  // One-shot hashing (Node 22+): several times cheaper than a Hash object per finding.
  return hash('sha256', `${ruleId}\u0000${file}\u0000${resourceId}\u0000${property}`, 'hex').slice(0, 32);
}

function propertyPath(path: (string | number)[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  return path.map(step => (typeof step === 'number' ? `[${step}]` : step)).join('.').replace(/\.\[/g, '[');
}

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

export function evaluateGraph(
  graph: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions = {},
): GraphEvaluation {
  const evaluation = judgeResources(graph, rules, options);
  if (graph.defaults?.leftOutResources) {
    // A rule of the whole stack that judged it has nothing to add.
    const judgedStack = new Set(evaluation.checks.map(check => check.ruleId));
    const toJudge = rules.filter(rule => rule.scope !== 'stack' || !judgedStack.has(rule.meta.id));
    const leftOut = judgeLeftOutResources(graph, graph.defaults.withoutDefaults(), toJudge, options);
    evaluation.findings.push(...leftOut.findings);
    evaluation.checks.push(...leftOut.checks);
    evaluation.subjects.push(...leftOut.subjects);
  }
  return evaluation;
}

/**
 * The resources an input's default left out of the stack (a Terraform
 * `count` of 0), judged in the stack built without defaults: whoever
 * deploys may set the input so that they are deployed, so what the rules
 * find on them is reported at partial confidence (RULES.md).
 */
function judgeLeftOutResources(
  graph: ResourceGraph,
  withoutDefaults: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
): GraphEvaluation {
  const declared = new Set(Array.from(graph.resources, declaringId));
  const evaluation = judgeResources(withoutDefaults, rules, options, resource => !declared.has(declaringId(resource)));
  for (const finding of evaluation.findings) finding.confidence = 'partial';
  return evaluation;
}

/** The resource as its author declared it: the one a format generated it from, or itself. */
function declaringId(resource: Resource): string {
  return resource.generatedBy ?? resource.id;
}

/** Runs the rules over the graph, on every resource or on those `judged` accepts. */
function judgeResources(
  graph: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
  judged?: (resource: Resource) => boolean,
): GraphEvaluation {
  const findings: Finding[] = [];
  const checks: Check[] = [];
  const subjects: string[] = [];
  const now = options.now ?? new Date();
  // One context for all rules of the graph; `rule` and `checked` are the current rule's.
  let rule: Rule;
  const checked = new Map<string, boolean>(); // resource id -> passed
  const fileOf = new Map<string, string>(); // resource id -> its file
  // With inputs' defaults: every finding with its resource, and those that may rest on a default.
  const reportedWithResources: { finding: Finding; resource: Resource }[] = [];
  const onDefaults = new Set<Finding>();
  const context = {
    graph,
    options: NO_OPTIONS,
    now,
    check(resource: Resource) {
      if (judged && !judged(resource)) return;
      if (!checked.has(resource.id)) {
        checked.set(resource.id, true);
        fileOf.set(resource.id, resource.file);
      }
    },
    report(resource: Resource, failure: RuleFailure) {
      if (judged && !judged(resource)) return;
      const finding = toFinding(graph, rule, resource, failure);
      findings.push(finding);
      if (graph.defaults) {
        reportedWithResources.push({ finding, resource });
        if (finding.confidence === 'high' && mayRestOnDefaults(graph.defaults, resource, finding.line)) onDefaults.add(finding);
      }
      if (!checked.has(resource.id)) fileOf.set(resource.id, resource.file);
      if (!finding.suppressed) checked.set(resource.id, false);
      else if (!checked.has(resource.id)) checked.set(resource.id, true);
    },
  };
  for (rule of rules) {
    const { id, category, severity } = rule.meta;
    checked.clear();
    context.options = options.ruleOptions?.[id] ?? NO_OPTIONS;
    rule.check(context);
    for (const [resourceId, passed] of checked) {
      checks.push({ ruleId: id, category, severity, passed, file: fileOf.get(resourceId) });
      subjects.push(resourceId);
    }
  }
  if (onDefaults.size > 0) markFindingsOnDefaults(graph.defaults!.withoutDefaults(), rules, options, reportedWithResources, onDefaults);
  const suppressionReview = reviewSuppressions(graph, judged);
  findings.push(...suppressionReview.findings);
  checks.push(...suppressionReview.checks);
  subjects.push(...suppressionReview.subjects);
  return { findings, checks, subjects };
}

/** Whether a finding on the resource's line may rest on an input's default (see {@link markFindingsOnDefaults}). */
function mayRestOnDefaults(defaults: StackDefaults, resource: Resource, line: number): boolean {
  return defaults.decided || (resource.linesFromDefaults?.some(span => span.first <= line && line <= span.last) ?? false);
}

/**
 * A finding that the stack does not have once its inputs' defaults are not
 * known rests on those defaults, which whoever deploys may override: it is
 * reported at partial confidence (RULES.md). The rules that made the
 * findings judge the stack built without defaults.
 */
function markFindingsOnDefaults(
  withoutDefaults: ResourceGraph,
  rules: readonly Rule[],
  options: EvaluationOptions,
  reported: { finding: Finding; resource: Resource }[],
  candidates: ReadonlySet<Finding>,
): void {
  const reporting = new Set([...candidates].map(finding => finding.ruleId));
  // What the rules report without defaults, and how many times: one failure proves one finding.
  const exact = new Map<string, number>();
  const anyItem = new Map<string, number>();
  let ruleId = '';
  const context = {
    graph: withoutDefaults,
    options: NO_OPTIONS,
    now: options.now ?? new Date(),
    check() {},
    report(resource: Resource, failure: RuleFailure) {
      if (failure.confidence === 'partial') return;
      const property = propertyPath(failure.path);
      count(exact, provenKey(ruleId, resource, property));
      count(anyItem, provenKey(ruleId, resource, itemsAnywhere(property), failure.message));
    },
  };
  for (const rule of rules) {
    if (!reporting.has(rule.meta.id)) continue;
    ruleId = rule.meta.id;
    context.options = options.ruleOptions?.[ruleId] ?? NO_OPTIONS;
    rule.check(context);
  }
  // Every finding of those rules first takes the failure at its own place; then a finding not
  // proven there takes one its list items moved to (a default removed an item before it).
  const unproven: { finding: Finding; resource: Resource }[] = [];
  for (const entry of reported) {
    const { finding, resource } = entry;
    if (!reporting.has(finding.ruleId)) continue;
    const key = provenKey(finding.ruleId, resource, finding.property);
    if (take(exact, key)) take(anyItem, provenKey(finding.ruleId, resource, itemsAnywhere(finding.property), finding.message));
    else unproven.push(entry);
  }
  for (const { finding, resource } of unproven) {
    if (take(anyItem, provenKey(finding.ruleId, resource, itemsAnywhere(finding.property), finding.message))) continue;
    if (candidates.has(finding)) finding.confidence = 'partial';
  }
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Takes one of `key` when there is one left. */
function take(counts: Map<string, number>, key: string): boolean {
  const left = counts.get(key) ?? 0;
  if (left === 0) return false;
  counts.set(key, left - 1);
  return true;
}

/**
 * What a failure is about, whatever the defaults: the resource as declared,
 * and for one a format generates from it, what made it and its type (not
 * its id, which may be built from a default: SAM names an API's stage after
 * its `StageName`); the property, and with `message`, the failure itself.
 */
function provenKey(ruleId: string, resource: Resource, property: string | undefined, message = ''): string {
  const made = resource.generatedBy ? `${resource.origin ?? ''}\u0000${resource.type}` : '';
  return `${ruleId}\u0000${declaringId(resource)}\u0000${made}\u0000${property ?? ''}\u0000${message}`;
}

/** A property path whose list items may be at other indexes (a default removed an item before them). */
function itemsAnywhere(property: string | undefined): string | undefined {
  return property?.replace(/\[\d+\]/g, '[]');
}

function toFinding(graph: ResourceGraph, rule: Rule, resource: Resource, failure: RuleFailure): Finding {
  const { id, severity, category, remediation } = rule.meta;
  const property = propertyPath(failure.path);
  // A resource a format generates is reported as the one that declared it: its id and type.
  const declaredBy = resource.generatedBy ? graph.get(resource.generatedBy) : undefined;
  const shown = declaredBy ?? resource;
  const finding: Finding = {
    ruleId: id,
    severity,
    category,
    file: resource.file,
    line: failure.line ?? lineOfPath(resource.properties, failure.path ?? [], resource.line),
    resourceId: declaringId(resource),
    resourceType: shown.sourceType ?? shown.type,
    message: failure.message,
    remediation: remediation.summary,
    fingerprint: fingerprint(id, resource.file, resource.id, property),
    confidence: failure.confidence ?? 'high',
    format: graph.format,
  };
  if (property) finding.property = property;
  if (resource.generatedBy) finding.generatedResourceId = resource.id;
  for (const suppression of resource.suppressions) {
    if (suppression.ruleId === id && suppression.reason) {
      finding.suppressed = { kind: 'inline', reason: suppression.reason };
      break;
    }
  }
  return finding;
}

const SUPPRESSION_RULE = 'SUP-001';

/** A suppression with no reason, or naming no known rule, is reported (and not honoured). */
function reviewSuppressions(graph: ResourceGraph, judged?: (resource: Resource) => boolean): GraphEvaluation {
  const meta = getRuleMetadata(SUPPRESSION_RULE)!;
  const findings: Finding[] = [];
  const checks: Check[] = [];
  const subjects: string[] = [];
  const seen = new Set<string>();
  for (const resource of graph.resources) {
    if (judged && !judged(resource)) continue;
    const owner = declaringId(resource);
    for (const suppression of resource.suppressions) {
      const key = `${owner}:${suppression.line}:${suppression.ruleId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const known = getRuleMetadata(suppression.ruleId) !== undefined;
      let problem: string | undefined;
      if (!known) problem = `names ${suppression.ruleId || 'no rule'}, which is not a rule of the catalog`;
      else if (!suppression.reason) problem = `of ${suppression.ruleId} gives no reason`;
      checks.push({ ruleId: meta.id, category: meta.category, severity: meta.severity, passed: !problem, file: resource.file });
      subjects.push(key);
      if (!problem) continue;
      findings.push({
        ruleId: meta.id,
        severity: meta.severity,
        category: meta.category,
        file: resource.file,
        line: suppression.line,
        resourceId: owner,
        resourceType: resource.sourceType ?? resource.type,
        message: `The suppression on ${owner} ${problem}, so it is not applied.`,
        remediation: meta.remediation.summary,
        fingerprint: fingerprint(meta.id, resource.file, owner, `suppression:${suppression.ruleId}`),
        confidence: 'high',
        format: graph.format,
      });
    }
  }
  return { findings, checks, subjects };
}
