/**
 * Whether an IAM action supports resource-level permissions (IAM-003): an
 * action that does not can only be granted on `Resource: "*"`, so a `*` there
 * is not a finding.
 *
 * Source: the AWS Service Authorization Reference, as iamActions.ts records
 * it (every action of every service, and whether its "Resource types" column
 * names any type). An action with no resource type does not support
 * resource-level permissions: X-Ray's trace and sampling calls, the EC2
 * describe calls that list, the log delivery calls Step Functions and API
 * Gateway need, account-level list calls. An action with a resource type does,
 * unless listed in {@link WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE}.
 *
 * An action the reference does not know (a typo, an action or a service newer
 * than the recorded data) is neither: IAM-003 cannot prove that a `*` is
 * broader than needed for it, and does not report it (RULES.md: prefer a
 * missed finding to a false one).
 */
import { IAM_ACTIONS } from './iamActions';
import { actionMatches } from './iam';

/**
 * Actions that the reference gives a resource type but that are granted on
 * `*` in their common use, lower-cased.
 */
export const WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE: ReadonlySet<string> =
  new Set(
    [
      // CloudWatch metrics. The reference gives PutMetricData, GetMetricData
      // and ListMetrics an optional `dataset` resource type, for OTLP metrics
      // only: classic metrics have no ARN, so a statement for them can only
      // name "*" (RULES.md names cloudwatch:PutMetricData as an action that
      // does not fail).
      'cloudwatch:PutMetricData',
      'cloudwatch:GetMetricData',
      'cloudwatch:ListMetrics',
      // The reference gives logs:CreateLogGroup the resource type log-group,
      // but RULES.md names it ("at account level") among the actions that do
      // not fail, and the contract wins.
      'logs:CreateLogGroup',
      // Lambda in a VPC: the interfaces it creates have ids no template knows.
      // ec2:CreateNetworkInterface stays exempt because RULES.md names it,
      // though the reference gives it network-interface and subnet (required)
      // and security-group (optional), so a policy could name the subnets: the
      // contract wins. Deleting an interface, and assigning or unassigning its
      // addresses, can be scoped to the account's interfaces
      // (`arn:aws:ec2:<region>:<account>:network-interface/*`), as the Lambda
      // guide shows for ec2:DeleteNetworkInterface: they are not listed.
      'ec2:CreateNetworkInterface',
      // AI services called on their built-in models, with only an optional
      // custom resource (a custom model, a terminology, a lexicon): called
      // without one, their common use, only "*" authorizes them.
      'rekognition:DetectModerationLabels',
      'comprehend:DetectEntities',
      'translate:TranslateText',
      'translate:TranslateDocument',
      'polly:SynthesizeSpeech',
    ].map(action => action.toLowerCase()),
  );

/** How an action written in a policy stands to resource-level permissions. */
export type ResourceLevelSupport =
  /** It, or one of the known actions it matches, can be scoped to resources. */
  | 'supported'
  /** It, or every known action it matches, only works on `*`. */
  | 'unsupported'
  /** The reference names no such action, nor any the pattern matches. */
  | 'unknown';

interface ServiceActions {
  /** Each action, lower-cased, with whether it can be scoped. */
  readonly scopable: ReadonlyMap<string, boolean>;
  /** The action names, lower-cased, separated by spaces. */
  readonly names: string;
  readonly longestName: number;
}

/** Each service's actions, built on first use. */
const serviceActions = new Map<string, ServiceActions>();

/**
 * Whether an action the reference gives a resource type can be scoped (see
 * {@link WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE}).
 */
function isScopable(service: string, name: string): boolean {
  return !WITHOUT_RESOURCE_LEVEL_PERMISSIONS_DESPITE_THE_REFERENCE.has(
    `${service}:${name}`,
  );
}

function actionsOf(service: string): ServiceActions | undefined {
  let actions = serviceActions.get(service);
  if (actions) return actions;
  const lists = IAM_ACTIONS[service];
  if (!lists) return undefined;
  const namesIn = (list: string) => (list ? list.toLowerCase().split(' ') : []);
  const scopable = new Map([
    ...namesIn(lists[0]).map(
      name => [name, isScopable(service, name)] as const,
    ),
    ...namesIn(lists[1]).map(name => [name, false] as const),
  ]);
  const names = [...scopable.keys()];
  actions = {
    scopable,
    names: names.join(' '),
    longestName: Math.max(...names.map(name => name.length)),
  };
  serviceActions.set(service, actions);
  return actions;
}

/**
 * Each service's two lists of actions, lower-cased, each name between
 * spaces (` getobject putobject `): an action written out is found there by
 * one search of the text. The table {@link actionsOf} builds, which patterns
 * need, reads every action of the service one by one (hundreds for ec2):
 * in a new process, most of what judging the first policies cost.
 */
const serviceLists = new Map<string, readonly [string, string]>();

function writtenOutSupport(
  service: string,
  name: string,
): ResourceLevelSupport {
  let lists = serviceLists.get(service);
  if (!lists) {
    const written = IAM_ACTIONS[service];
    if (!written) return 'unknown';
    lists = [` ${written[0].toLowerCase()} `, ` ${written[1].toLowerCase()} `];
    serviceLists.set(service, lists);
  }
  // No action is named by an empty text or one with a space, which would span two names of a list.
  if (name === '' || name.includes(' ')) return 'unknown';
  const between = ` ${name} `;
  // The list without resource types first, as actionsOf lets it win (no action of the reference is in both).
  if (lists[1].includes(between)) return 'unsupported';
  if (!lists[0].includes(between)) return 'unknown';
  return isScopable(service, name) ? 'supported' : 'unsupported';
}

const WILDCARD = /[*?]/;

/**
 * A pattern as it is tried on every known action: its runs of `*` made one,
 * the length of the shortest text it matches (each character but `*`
 * matches one), so that an action shorter is skipped, and its runs of
 * characters other than wildcards, which an action it matches contains. A
 * template's pattern of 100,000 characters took seconds per lookup
 * otherwise, walked for each of 22,000 actions; now it is walked only for an
 * action at least half as long.
 */
function lookupPattern(pattern: string) {
  const collapsed = pattern.replace(/\*+/g, '*');
  return {
    pattern: collapsed,
    shortestMatch: collapsed.length - (collapsed.split('*').length - 1),
    literals: collapsed.split(/[*?]+/).filter(Boolean),
  };
}

/**
 * Answers of {@link resourceLevelSupport}, by action as written: stacks
 * repeat the same few actions, and a wildcard is tried on every action of its
 * service. Bounded, for a process that scans many repositories.
 */
const answers = new Map<string, ResourceLevelSupport>();
const ANSWERS_KEPT = 10_000;
const LONGEST_ACTION_KEPT = 200;

/**
 * Does an action written in a policy statement support resource-level
 * permissions, so that granting it on `*` is broader than needed? A wildcard
 * (`s3:Get*`) does when one of the actions it matches does.
 */
export function resourceLevelSupport(action: string): ResourceLevelSupport {
  let support = answers.get(action);
  if (support === undefined) {
    support = lookUpResourceLevelSupport(action);
    // IAM's longest action has 71 characters: a longer text is a pattern too rare to repeat, not kept.
    if (action.length <= LONGEST_ACTION_KEPT) {
      if (answers.size >= ANSWERS_KEPT) answers.clear();
      answers.set(action, support);
    }
  }
  return support;
}

function lookUpResourceLevelSupport(action: string): ResourceLevelSupport {
  const written = action.toLowerCase();
  const colon = written.indexOf(':');
  // `*` alone is every action of every service; no other action lacks a prefix.
  if (colon < 0 && written !== '*') return 'unknown';
  const service = colon < 0 ? '*' : written.slice(0, colon);
  const name = colon < 0 ? '*' : written.slice(colon + 1);
  if (!WILDCARD.test(written)) return writtenOutSupport(service, name);
  const servicePattern = lookupPattern(service);
  const services = WILDCARD.test(service)
    ? Object.keys(IAM_ACTIONS).filter(
        known =>
          known.length >= servicePattern.shortestMatch &&
          actionMatches(servicePattern.pattern, known),
      )
    : [service];
  const namePattern = lookupPattern(name);
  let matched = false;
  for (const known of services) {
    const actions = actionsOf(known);
    // A service whose actions are all too short for the pattern, or none of
    // whose actions holds a text that the pattern holds, has none it
    // matches: a template of 10,000 patterns `*:*x1*`, `*:*x2*`... took 45 s,
    // each tried on every action.
    if (
      !actions ||
      namePattern.shortestMatch > actions.longestName ||
      !namePattern.literals.every(literal => actions.names.includes(literal))
    ) {
      continue;
    }
    for (const [knownName, scopable] of actions.scopable) {
      if (
        knownName.length < namePattern.shortestMatch ||
        !actionMatches(namePattern.pattern, knownName)
      )
        continue;
      if (scopable) return 'supported';
      matched = true;
    }
  }
  return matched ? 'unsupported' : 'unknown';
}
