import {
  Confidence,
  RuleMetadata,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import { OptionReader } from './options';

/**
 * Values of resources a failure rests on (see {@link RuleFailure.restsOn}):
 * what is at `path` of each of `resources`, all of it. One object named for
 * many failures is looked at once.
 */
export interface RestingValues {
  resources: readonly Resource[];
  path: readonly string[];
}

/** What a rule reports about one resource. */
export interface RuleFailure {
  /** What is wrong with this resource, in one sentence. */
  message: string;
  /** Property path inside the resource's properties that the failure is about. */
  path?: (string | number)[];
  /** Overrides the line found from `path` (e.g. a line in another resource). */
  line?: number;
  /**
   * What the failure is about besides its resource, for a rule that
   * reports it once at one of several places (the table a function is
   * given, at the first variable naming it): the engine knows it by this,
   * not by its place, in two builds of a stack (with and without defaults).
   */
  about?: string;
  /**
   * Values the failure rests on besides the one at its place (the names
   * LOG-001 compares, its function's and other resources'; the roles of the
   * functions IAM-001 finds sharing one; the role and policies IAM-004
   * reads; the metrics of every alarm, for ALM-001 and ALM-002; the timeout
   * of the consumer DLQ-006 compares, and what makes it the queue's). Where an input's
   * default gave one, or a part of one, the engine checks the failure in the
   * stack built without defaults, as it does one at a value a default gave
   * (RULES.md: partial confidence).
   */
  restsOn?: readonly RestingValues[];
  confidence?: Confidence;
  /**
   * What another stack of the scan may answer the failure with (see
   * {@link RuleContext.answerForOtherStacks}): where another stack answers
   * one of these keys surely, the failure is no failure (the engine drops
   * it and passes its check); where it may, the failure is partial. A key
   * with `ANY_TEXT` (graph/ResourceGraph) in it is a pattern: any key it
   * matches may answer it.
   */
  answeredElsewhereBy?: readonly string[];
}

export interface RuleContext {
  readonly graph: ResourceGraph;
  /** The rule's options from `.infra-compliance.yaml`, as its option readers read them. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The scan date (OPS-005 compares runtimes' deprecation dates with it). */
  readonly now: Date;
  /** Counts the resource as checked by this rule: it passes unless reported. */
  check(resource: Resource): void;
  /** Reports a failure (and counts the resource as checked). */
  report(resource: Resource, failure: RuleFailure): void;
  /**
   * Tells that the rule passes the resource without knowing it passes: what
   * decides it is not known statically (a policy its role may have, or a
   * value an input gives, may grant what it lacks, or not). A suppression of
   * the rule on it is then not known to be unused (the report's
   * `unusedSuppressions`); its check still passes.
   */
  doubt(resource: Resource): void;
  /**
   * Tells the scan's other stacks that this one answers `key` (ALM-001: it
   * alarms on the Errors metric of the function named `orders-api`), surely
   * or maybe: their failures answered by it go, or are partial (see
   * {@link RuleFailure.answeredElsewhereBy}). Only stacks deployed apart and
   * evaluated alone, CloudFormation templates, answer each other.
   */
  answerForOtherStacks(key: string, surely: boolean): void;
}

export interface Rule {
  readonly meta: RuleMetadata;
  /** The options the rule takes, each with how to read it; `context.options` holds what they read. */
  readonly options?: Readonly<Record<string, OptionReader>>;
  /**
   * `stack`: the rule judges the stack as a whole and reports once per
   * stack, on one of its resources (see {@link defineStackRule}).
   */
  readonly scope?: 'stack';
  /**
   * `own values`: the rule judges each resource by its own values only
   * (ENC-003: a queue's encryption), never by other resources, so that
   * whether a resource beside it is deployed changes no verdict of it (see
   * {@link defineOwnValuesRule}).
   */
  readonly judges?: 'own values';
  check(context: RuleContext): void;
  /**
   * For a rule whose outcome depends on the scan date ({@link RuleContext.now}):
   * what of it depends on the date at `now`. At two dates with the same key the
   * rule finds the same on any input, save counts of days its messages may
   * give (they would change the key every day).
   */
  dateKey?(now: Date): string;
}

/** Defines a rule from its catalog metadata (in the -common package), its check and the options it takes. */
export function defineRule(
  id: string,
  check: (context: RuleContext) => void,
  options?: Readonly<Record<string, OptionReader>>,
): Rule {
  const meta = getRuleMetadata(id);
  if (!meta) throw new Error(`Rule ${id} is not in the rule catalog`);
  return options ? { meta, options, check } : { meta, check };
}

/** Defines a rule that judges each resource by its own values only (see {@link Rule.judges}). */
export function defineOwnValuesRule(
  id: string,
  check: (context: RuleContext) => void,
  options?: Readonly<Record<string, OptionReader>>,
): Rule {
  return { ...defineRule(id, check, options), judges: 'own values' };
}

/**
 * Defines a rule that judges the stack as a whole (OPS-006) and reports
 * once per stack, on one of its resources: the resources an input's default
 * left out of the stack are not judged again for it.
 */
export function defineStackRule(
  id: string,
  check: (context: RuleContext) => void,
): Rule {
  return { ...defineRule(id, check), scope: 'stack' };
}
