/**
 * What an IAM role may do, read from the graph: its inline policies, the
 * managed policies attached to it (AWS's, from their documents, or the stack's own),
 * and the stack's policies that name it. Rules ask {@link grants}, which says
 * `unknown` whenever a policy cannot be read, so that absence is only
 * reported when it is proven.
 */
import { wildcardMatches } from '../support/wildcards';
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asList,
  asString,
  isMap,
  refersTo,
} from '../graph/values';
import {
  awsManagedPolicyName,
  awsManagedPolicyStatements,
} from './awsManagedPolicies';
import { RestingValues } from '../rules/types';
import { lookupTable } from '../support/lookupTable';
import { anyAnswer, physicalNameResolver, sameString } from './strings';

/**
 * Where a statement comes from: written by the author, generated from a SAM
 * policy template or SAM's implicit permissions, or an AWS managed policy.
 */
export type StatementOrigin = 'written' | 'template' | 'managed';

const statementOrigins = new WeakMap<object, StatementOrigin>();

/** Marks a statement (or a whole policy document) an adapter generated. */
export function markGenerated(node: object, origin: StatementOrigin): void {
  statementOrigins.set(node, origin);
}

export interface PolicyStatement {
  effect: 'Allow' | 'Deny' | undefined;
  /** Undefined when not known statically. */
  actions: string[] | undefined;
  /** The actions written as text: all of them when `actions` is known, else those beside the ones not known. */
  knownActions: string[];
  /** With `NotAction`, `actions` lists what the statement does not grant: it grants every other action. */
  notAction: boolean;
  /** Undefined when not known statically (or `NotResource`). */
  resources: Value[] | undefined;
  /** `NotResource` statements apply to everything but a list. */
  notResource: boolean;
  /** With `notResource`, the resources the statement does not apply to. */
  notResources?: Value[];
  /** It has a `Condition`: it applies only to the requests that meet it, which are not known statically. */
  conditioned: boolean;
  origin: StatementOrigin;
  /** The resource that declares the statement, and the path to it there. */
  holder: Resource;
  path: (string | number)[];
}

export interface RolePermissions {
  statements: PolicyStatement[];
  /**
   * Statements of the stack's policies that name a role by a name that may
   * or may not be this role's (`Roles: [!Ref OtherRoleName]`): they may
   * grant what the role is asked about, they never prove it has it.
   */
  statementsMaybeHeld: PolicyStatement[];
  /** False when some policy the role has, or may have, could not be read: absence proves nothing. */
  complete: boolean;
  /**
   * What says what the role may do: its policies and managed policy ARNs,
   * the documents of the stack's policies it has, and the roles named by
   * the policies that name roles by name (see `RuleFailure.restsOn`).
   */
  restsOn: RestingValues[];
}

export type Answer = 'yes' | 'no' | 'unknown';

const IDENTITY_POLICY_TYPES = [
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
];

/** Statements of a policy document; pushes nothing and returns false when unreadable. */
export function readPolicyDocument(
  document: Value | undefined,
  holder: Resource,
  path: (string | number)[],
  origin: StatementOrigin,
  out: PolicyStatement[],
): boolean {
  if (!isMap(document)) return false;
  const documentOrigin = statementOrigins.get(document) ?? origin;
  const statements = document.Statement;
  if (statements === undefined) return true;
  if (!Array.isArray(statements) && !isMap(statements)) return false;
  const list = Array.isArray(statements) ? statements : [statements];
  let readable = true;
  list.forEach((statement, index) => {
    if (!isMap(statement)) {
      readable = false;
      return;
    }
    out.push(
      readStatement(
        statement,
        holder,
        Array.isArray(statements)
          ? [...path, 'Statement', index]
          : [...path, 'Statement'],
        statementOrigins.get(statement) ?? documentOrigin,
      ),
    );
  });
  return readable;
}

function readStatement(
  statement: ValueMap,
  holder: Resource,
  path: (string | number)[],
  origin: StatementOrigin,
): PolicyStatement {
  const effect =
    statement.Effect === 'Allow' || statement.Effect === 'Deny'
      ? statement.Effect
      : undefined;
  const actionValue = statement.Action ?? statement.NotAction;
  const actionList = asList(actionValue);
  const knownActions = actionList.filter(
    (a): a is string => typeof a === 'string',
  );
  const actions =
    knownActions.length === actionList.length ? knownActions : undefined;
  const resources =
    statement.NotResource !== undefined || statement.Resource === undefined
      ? undefined
      : asList(statement.Resource);
  return {
    effect,
    actions,
    knownActions,
    notAction: statement.NotAction !== undefined,
    resources,
    notResource: statement.NotResource !== undefined,
    ...(statement.NotResource !== undefined
      ? { notResources: asList(statement.NotResource) }
      : {}),
    conditioned: statement.Condition !== undefined,
    origin,
    holder,
    path,
  };
}

/** The role a function runs as: a role of this graph, or undefined when external or unknown. */
export function roleOf(
  graph: ResourceGraph,
  fn: Resource,
): Resource | undefined {
  const role = graph.resolve(fn.properties.Role);
  return role?.type === 'AWS::IAM::Role' ? role : undefined;
}

/** Everything a role of the graph is allowed, with how sure we are. */
export function permissionsOf(
  graph: ResourceGraph,
  role: Resource,
): RolePermissions {
  const perGraph = graph.analysis(
    permissionsOf,
    () => new Map<string, RolePermissions>(),
  );
  const cached = perGraph.get(role.id);
  if (cached) return cached;

  const statements: PolicyStatement[] = [];
  let complete = true;
  asList(role.properties.Policies).forEach((policy, index) => {
    const document = isMap(policy) ? policy.PolicyDocument : undefined;
    if (
      !readPolicyDocument(
        document,
        role,
        ['Policies', index, 'PolicyDocument'],
        'written',
        statements,
      )
    ) {
      complete = false;
    }
  });
  asList(role.properties.ManagedPolicyArns).forEach((arn, index) => {
    if (
      !readManagedPolicy(
        graph,
        arn,
        role,
        ['ManagedPolicyArns', index],
        statements,
      )
    ) {
      complete = false;
    }
  });
  const attached = new Set<Resource>();
  for (const edge of graph.referencesTo(role)) {
    const policy = edge.from;
    if (!IDENTITY_POLICY_TYPES.includes(policy.type)) continue;
    const attachedBy = edge.path[0];
    if (attachedBy !== 'Roles' && attachedBy !== 'RoleName') continue;
    if (attached.has(policy)) continue;
    attached.add(policy);
    if (
      !readPolicyDocument(
        policy.properties.PolicyDocument,
        policy,
        ['PolicyDocument'],
        'written',
        statements,
      )
    ) {
      complete = false;
    }
  }
  // A policy may name the role by its name (a literal, a parameter): what `!Ref` of the role gives. A name the
  // deployment generates (no RoleName) is known to nothing written before it: only references name such a role.
  const roleName = new Ref(role.id);
  const resolve = physicalNameResolver(graph);
  const namedPolicies =
    role.properties.RoleName === undefined
      ? []
      : graph.analysis(policiesNamingRoles, policiesNamingRoles);
  const statementsMaybeHeld: PolicyStatement[] = [];
  for (const { policy, names } of namedPolicies) {
    if (attached.has(policy)) continue;
    const naming = anyAnswer(
      names.map(name => namesRole(name, role, roleName, resolve)),
    );
    if (naming === 'no') continue;
    // One that may name it, or not, may grant what the role is asked about: what it does not grant, the role lacks either way.
    const into = naming === 'yes' ? statements : statementsMaybeHeld;
    if (
      !readPolicyDocument(
        policy.properties.PolicyDocument,
        policy,
        ['PolicyDocument'],
        'written',
        into,
      )
    ) {
      complete = false;
    }
  }
  if (
    role.properties.Policies !== undefined &&
    !Array.isArray(role.properties.Policies)
  ) {
    complete = false;
  }
  const policies = new Set(
    [...statements, ...statementsMaybeHeld].map(statement => statement.holder),
  );
  policies.delete(role);
  const naming = namedPolicies.map(({ policy }) => policy);
  const restsOn = [
    ...['Policies', 'ManagedPolicyArns', 'RoleName'].map(key => ({
      resources: [role],
      path: [key],
    })),
    { resources: [...policies], path: ['PolicyDocument'] },
    ...['Roles', 'RoleName'].map(key => ({ resources: naming, path: [key] })),
  ];
  const permissions = { statements, statementsMaybeHeld, complete, restsOn };
  perGraph.set(role.id, permissions);
  return permissions;
}

/** Whether a name a policy gives is the role's (see {@link sameString}); IAM role names ignore case. */
function namesRole(
  name: Value,
  role: Resource,
  roleName: Ref,
  resolve: ReturnType<typeof physicalNameResolver>,
): Answer {
  const written = role.properties.RoleName;
  if (typeof name === 'string' && typeof written === 'string')
    return name.toLowerCase() === written.toLowerCase() ? 'yes' : 'no';
  return sameString(name, roleName, resolve);
}

/**
 * The identity policies of the graph that name roles (`Roles`, a role
 * policy's `RoleName`) by something other than a reference to a resource,
 * with those names.
 */
function policiesNamingRoles(
  graph: ResourceGraph,
): { policy: Resource; names: Value[] }[] {
  const found: { policy: Resource; names: Value[] }[] = [];
  for (const policy of graph.ofType(...IDENTITY_POLICY_TYPES)) {
    const written = policy.properties.Roles ?? policy.properties.RoleName;
    const names = asList(written).filter(name => !(name instanceof Ref));
    if (names.length > 0) found.push({ policy, names });
  }
  return found;
}

function readManagedPolicy(
  graph: ResourceGraph,
  arn: Value,
  role: Resource,
  path: (string | number)[],
  out: PolicyStatement[],
): boolean {
  const local = graph.resolve(arn);
  if (local?.type === 'AWS::IAM::ManagedPolicy') {
    return readPolicyDocument(
      local.properties.PolicyDocument,
      local,
      ['PolicyDocument'],
      'written',
      out,
    );
  }
  return readAwsManagedPolicy(arn, role, path, out);
}

/**
 * The statements of the AWS managed policy an ARN names (see
 * {@link readManagedPolicy}); false when it names none the data knows.
 */
function readAwsManagedPolicy(
  arn: Value,
  role: Resource,
  path: (string | number)[],
  out: PolicyStatement[],
): boolean {
  const text = awsManagedPolicyArnText(arn);
  const statements = text && awsManagedPolicyStatements(text);
  if (!statements) return false;
  for (const statement of statements) {
    out.push({
      effect: statement.effect,
      actions: statement.actions,
      knownActions: statement.actions,
      notAction: statement.notAction,
      resources: statement.notResource ? undefined : statement.resources,
      notResource: statement.notResource,
      ...(statement.notResource ? { notResources: statement.resources } : {}),
      conditioned: statement.conditioned,
      origin: 'managed',
      holder: role,
      path,
    });
  }
  return true;
}

/**
 * An AWS managed policy ARN as text, also when its partition is not known
 * statically (`${AWS::Partition}`), then read as the `aws` partition's.
 * Undefined for other values.
 */
function awsManagedPolicyArnText(arn: Value): string | undefined {
  if (typeof arn === 'string') return arn;
  if (!(arn instanceof Template)) return undefined;
  // What is not known statically may stand in the partition only.
  const text = arn.parts
    .map(part => (typeof part === 'string' ? part : '\0'))
    .join('');
  const match = /^arn:[^:]*:(iam::aws:policy\/[^\0]*)$/.exec(text);
  return match ? `arn:aws:${match[1]}` : undefined;
}

/** The name of an AWS managed policy from its ARN, for messages. */
export function managedPolicyName(arn: Value): string | undefined {
  const text = awsManagedPolicyArnText(arn);
  return text === undefined ? undefined : awsManagedPolicyName(text);
}

/** Identity-policy statements of the whole graph, each once (several rules read them: read once per graph). */
export function identityStatements(graph: ResourceGraph): PolicyStatement[] {
  return graph.analysis(identityStatements, readIdentityStatements);
}

function readIdentityStatements(graph: ResourceGraph): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const holder of graph.ofType(
    'AWS::IAM::Role',
    'AWS::IAM::User',
    'AWS::IAM::Group',
  )) {
    asList(holder.properties.Policies).forEach((policy, index) => {
      if (isMap(policy)) {
        readPolicyDocument(
          policy.PolicyDocument,
          holder,
          ['Policies', index, 'PolicyDocument'],
          'written',
          out,
        );
      }
    });
    // Users and groups list AWS managed policies as roles do (RULES.md judges theirs too).
    asList(holder.properties.ManagedPolicyArns).forEach((arn, index) => {
      if (!graph.resolve(arn)) {
        readAwsManagedPolicy(arn, holder, ['ManagedPolicyArns', index], out);
      }
    });
  }
  for (const policy of graph.ofType(...IDENTITY_POLICY_TYPES)) {
    if (onlyBoundary(graph, policy)) continue;
    readPolicyDocument(
      policy.properties.PolicyDocument,
      policy,
      ['PolicyDocument'],
      'written',
      out,
    );
  }
  return out;
}

/**
 * A managed policy the stack uses only as a permissions boundary: it grants
 * nothing, it caps what identity policies grant (often with Allow and
 * NotAction). Attached to nothing by its own Roles/Users/Groups, and named
 * by no ManagedPolicyArns.
 */
function onlyBoundary(graph: ResourceGraph, policy: Resource): boolean {
  if (policy.type !== 'AWS::IAM::ManagedPolicy') return false;
  if (
    ['Roles', 'Users', 'Groups'].some(
      key => policy.properties[key] !== undefined,
    )
  )
    return false;
  const uses = graph.referencesTo(policy);
  return (
    uses.length > 0 &&
    uses.every(edge => edge.path[0] === 'PermissionsBoundary')
  );
}

/** Does an IAM action pattern (`sqs:Send*`, `*`) match an action? Case-insensitive, as IAM is. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return wildcardMatches(pattern.toLowerCase(), action.toLowerCase());
}

/**
 * A statement's action patterns lowercased once and grouped by their
 * service: an AWS managed policy lists up to thousands (ReadOnlyAccess),
 * which a rule asks about for each resource a function uses. Patterns
 * whose service part is not literal (`*`, `s3*:Get*`) may match any.
 */
interface ActionIndex {
  byService: Map<string, string[]>;
  anyService: string[];
}

const actionIndexes = new WeakMap<readonly string[], ActionIndex>();

function actionIndex(patterns: readonly string[]): ActionIndex {
  let index = actionIndexes.get(patterns);
  if (index) return index;
  index = { byService: new Map(), anyService: [] };
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    const colon = lower.indexOf(':');
    const service = colon < 0 ? '' : lower.slice(0, colon);
    if (service === '' || service.includes('*') || service.includes('?')) {
      index.anyService.push(lower);
    } else {
      const listed = index.byService.get(service);
      if (listed) listed.push(lower);
      else index.byService.set(service, [lower]);
    }
  }
  actionIndexes.set(patterns, index);
  return index;
}

/**
 * Lists of at most this many patterns are matched one by one: most statements
 * written in a template list a few actions, for which indexing costs more than
 * it saves (a map for each statement of each graph).
 */
const MOST_PATTERNS_NOT_INDEXED = 8;

/**
 * Does one of the patterns match the action ({@link actionMatches})? A
 * pattern with a literal service matches only actions of that service.
 */
export function someActionMatches(
  patterns: readonly string[],
  action: string,
): boolean {
  const lower = action.toLowerCase();
  if (patterns.length <= MOST_PATTERNS_NOT_INDEXED)
    return patterns.some(
      pattern =>
        pattern === '*' || wildcardMatches(pattern.toLowerCase(), lower),
    );
  const { byService, anyService } = actionIndex(patterns);
  const colon = lower.indexOf(':');
  const ofService =
    colon < 0 ? undefined : byService.get(lower.slice(0, colon));
  const matches = (pattern: string) =>
    pattern === '*' || wildcardMatches(pattern, lower);
  return (ofService?.some(matches) ?? false) || anyService.some(matches);
}

/** Physical-name properties, to match a literal ARN against a resource with a fixed name. */
const NAME_PROPERTIES = lookupTable<string>({
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
});

/**
 * The names an ARN written out names resources by (see
 * {@link resourceCovers}; an alias's, see {@link coversQualified}), as
 * values a failure rests on (see `RuleFailure.restsOn`).
 */
export function namesRestOn(resources: readonly Resource[]): RestingValues[] {
  return resources.flatMap(resource => {
    const nameProperty =
      resource.type === 'AWS::Lambda::Alias'
        ? 'Name'
        : NAME_PROPERTIES[resource.type];
    return nameProperty === undefined
      ? []
      : [{ resources: [resource], path: [nameProperty] }];
  });
}

/**
 * Does a `NotResource` list leave the given resource (some resource, when
 * undefined) to its statement? An item takes the resource out only when it
 * is `*` or the resource's ARN itself (not a bucket's: its objects have
 * theirs): a pattern or an ARN built around it (its index) may not.
 */
function leavesResource(
  excluded: readonly Value[],
  target: GrantTarget | undefined,
): Answer {
  let answer: Answer = 'yes';
  for (const value of excluded) {
    const takesOut = excludesResource(value, target);
    if (takesOut === 'yes') return 'no';
    if (takesOut === 'unknown') answer = 'unknown';
  }
  return answer;
}

/** References that are a resource's ARN besides its `Arn` attribute: `''` for its Ref. */
const ARN_REFERENCES = lookupTable<readonly string[]>({
  'AWS::SNS::Topic': ['', 'TopicArn'],
  'AWS::StepFunctions::StateMachine': [''],
});

/**
 * References that are certainly not a resource's ARN, under the names the
 * adapters give them (CloudFormation's, and Terraform's and Pulumi's in
 * PascalCase): `''` for its Ref, which is a queue's URL and a table's,
 * function's or bucket's name. A table's stream has an ARN of its own, and
 * a function's `InvokeArn` is API Gateway's.
 */
const NON_ARN_REFERENCES = lookupTable<readonly string[]>({
  'AWS::SQS::Queue': ['', 'QueueName', 'QueueUrl'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::DynamoDB::Table': ['', 'StreamArn'],
  'AWS::DynamoDB::GlobalTable': ['', 'StreamArn'],
  'AWS::Lambda::Function': ['', 'InvokeArn'],
  'AWS::S3::Bucket': [
    '',
    'DomainName',
    'RegionalDomainName',
    'DualStackDomainName',
    'WebsiteURL',
    'BucketDomainName',
    'BucketRegionalDomainName',
  ],
  'AWS::StepFunctions::StateMachine': ['Name'],
});

/** Is a reference to the target its ARN? `unknown` for an attribute not classified. */
function isArnOf(ref: Ref, target: Resource): Answer {
  const attribute = ref.attribute ?? '';
  if (
    attribute === 'Arn' ||
    (ARN_REFERENCES[target.type]?.includes(attribute) ?? false)
  )
    return 'yes';
  return NON_ARN_REFERENCES[target.type]?.includes(attribute)
    ? 'no'
    : 'unknown';
}

/** A template that is one reference is that reference. */
function loneReference(value: Value): Value {
  return value instanceof Template && value.parts.length === 1
    ? value.parts[0]
    : value;
}

function excludesResource(
  value: Value,
  target: GrantTarget | undefined,
): Answer {
  if (value === '*') return 'yes';
  if (value instanceof Unknown) return 'unknown';
  if (!target) return 'no';
  if (typeof target === 'function')
    return target(value) === 'no' ? 'no' : 'unknown';
  // A bucket's ARN is not its objects' (`arn/*`), which the actions asked about may act on.
  if (target.type === 'AWS::S3::Bucket')
    return resourceCovers(value, target) === 'no' ? 'no' : 'unknown';
  const ref = loneReference(value);
  if (
    ref instanceof Ref &&
    ref.target === target.id &&
    isArnOf(ref, target) === 'yes'
  )
    return 'yes';
  // What may not name the resource leaves it; what may, is not known.
  return resourceCovers(value, target) === 'no' ? 'no' : 'unknown';
}

/**
 * Can a statement's resource value cover the given resource? Only its ARN
 * does, or an ARN built around a reference to it (a SAM policy template
 * builds them from names); its name or URL names nothing IAM knows. For a
 * bucket, what is asked is whether the value covers its objects (rules ask
 * about object actions): the bucket's ARN alone does not, `arn/*` does.
 */
export function resourceCovers(
  value: Value,
  target: Resource | undefined,
): Answer {
  if (value === '*') return 'yes';
  if (!target) return 'yes';
  const bucket = target.type === 'AWS::S3::Bucket';
  const ref = loneReference(value);
  if (ref instanceof Ref) {
    if (ref.target !== target.id) return 'no';
    const arn = isArnOf(ref, target);
    return bucket && arn === 'yes' ? 'no' : arn;
  }
  if (value instanceof Unknown) return 'unknown';
  if (value instanceof Template) {
    if (refersTo(value, target.id)) {
      const whole = referenceIsWholeName(value, target.id);
      if (whole !== 'yes') return whole;
      return bucket ? coversObjects(value, target) : 'yes';
    }
    // An ARN built around another resource of the stack names that resource,
    // whatever its partition, region, account or suffix wildcards.
    if (value.parts.some(p => p instanceof Ref)) return 'no';
    const literal = value.parts.filter(p => typeof p === 'string').join('');
    if (literal.includes('*')) return 'unknown';
    return value.parts.some(p => p instanceof Unknown) ? 'unknown' : 'no';
  }
  if (typeof value !== 'string') return 'unknown';
  if (value.includes('*') || value.includes('?')) return 'unknown';
  const nameProperty = NAME_PROPERTIES[target.type];
  const name = nameProperty
    ? asString(target.properties[nameProperty])
    : undefined;
  if (
    name &&
    (value.includes(`:${name}/`) ||
      (!bucket && (value.endsWith(`:${name}`) || value.endsWith(`/${name}`))))
  ) {
    return 'yes';
  }
  if (nameProperty && target.properties[nameProperty] !== undefined && !name)
    return 'unknown';
  return 'no';
}

/**
 * Is a reference to the target in an ARN the whole name there: the start of
 * the text or a `:` or `/` before it, the end or a `/`, `:` or `*` after it
 * (`${Queue.QueueName}`, `${Bucket.Arn}/*`), rather than part of a longer
 * name (`old-${Queue.QueueName}`, `${Queue.QueueName}-other`: other queues)?
 */
function referenceIsWholeName(value: Template, targetId: string): Answer {
  let answer: Answer = 'no';
  value.parts.forEach((part, index) => {
    if (!(part instanceof Ref) || part.target !== targetId || answer === 'yes')
      return;
    const [before, after] = [value.parts[index - 1], value.parts[index + 1]];
    const starts =
      before === undefined ||
      (typeof before === 'string' && /[:/]$/.test(before));
    const ends =
      after === undefined ||
      (typeof after === 'string' && /^[/:*]/.test(after));
    if (starts && ends) answer = 'yes';
    // A part not known next to it may delimit the name, or go on with it.
    else if (
      (starts || typeof before !== 'string') &&
      (ends || typeof after !== 'string')
    )
      answer = 'unknown';
  });
  return answer;
}

/** Does an ARN built around a bucket go on to its objects (a `/` or `*` after the bucket)? */
function coversObjects(value: Template, bucket: Resource): Answer {
  const last = value.parts.findLastIndex(
    p => p instanceof Ref && p.target === bucket.id,
  );
  const after = value.parts.slice(last + 1);
  if (
    after.some(
      p => typeof p === 'string' && (p.includes('/') || p.includes('*')),
    )
  )
    return 'yes';
  // A part not known, or another resource's value, may hold the `/`.
  return after.some(p => typeof p !== 'string') ? 'unknown' : 'no';
}

/**
 * The attribute of a function that is its qualified ARN, `function:name:version`
 * (Terraform's `qualified_arn`: its latest version, or `$LATEST`): an ARN of
 * the function's version, not the function's own.
 */
export const QUALIFIED_FUNCTION_ARN = 'QualifiedArn';

/**
 * A test of whether a statement's resource covers invoking `fn` through
 * `qualifier`, a version or alias of it, or `fn` itself for its qualified
 * ARN ({@link QUALIFIED_FUNCTION_ARN}): Lambda matches the ARN invoked,
 * `function:name:qualifier`, which `*`, the qualifier's own ARN and the
 * function's followed by `*`, `:*` or `:<alias name>` cover; the function's
 * unqualified ARN alone does not. A version's number is not known
 * statically: only wildcards are known to cover it.
 */
export function coversQualified(
  qualifier: Resource,
  fn: Resource,
): (value: Value) => Answer {
  const ownVersion = qualifier === fn;
  const name =
    qualifier.type === 'AWS::Lambda::Alias'
      ? asString(qualifier.properties.Name)
      : undefined;
  // What the text after the function's name covers (`''` none: the unqualified ARN).
  const afterName = (after: readonly (string | Value)[]): Answer => {
    const [first, ...rest] = after;
    if (first === undefined) return 'no';
    if (typeof first !== 'string') return 'unknown';
    if (first.startsWith('*')) return 'yes';
    if (!first.startsWith(':')) return first === '' ? afterName(rest) : 'no';
    const pattern = first.slice(1);
    if (pattern.startsWith('*')) return 'yes';
    if (
      rest.length > 0 ||
      pattern.includes('*') ||
      pattern.includes('?') ||
      name === undefined
    )
      return 'unknown';
    return pattern === name ? 'yes' : 'no';
  };
  return value => {
    if (value === '*') return 'yes';
    const ref = loneReference(value);
    if (ref instanceof Ref) {
      // The function's qualified ARN is one version's: the one invoked, for its own; not an alias's.
      if (ref.target === fn.id && ref.attribute === QUALIFIED_FUNCTION_ARN)
        return ownVersion ? 'yes' : 'no';
      if (!ownVersion && ref.target === qualifier.id)
        return ref.attribute === undefined || ref.attribute === 'AliasArn'
          ? 'yes'
          : 'unknown';
      // Another resource, or the function's ARN (unqualified) or name.
      return ref.target === fn.id && isArnOf(ref, fn) === 'unknown'
        ? 'unknown'
        : 'no';
    }
    if (value instanceof Template) {
      if (!ownVersion && refersTo(value, qualifier.id))
        return resourceCovers(value, qualifier);
      const whole = resourceCovers(value, fn);
      if (whole === 'no' || !refersTo(value, fn.id))
        return whole === 'no' ? 'no' : 'unknown';
      const last = value.parts.findLastIndex(
        p => p instanceof Ref && p.target === fn.id,
      );
      const covers = afterName(value.parts.slice(last + 1));
      return whole === 'unknown' && covers === 'yes' ? 'unknown' : covers;
    }
    if (typeof value !== 'string') return 'unknown';
    const functionName = asString(fn.properties.FunctionName);
    if (
      functionName !== undefined &&
      !value.includes('*') &&
      !value.includes('?')
    ) {
      const at = value.lastIndexOf(`:${functionName}`);
      if (at >= 0 && /:function$/.test(value.slice(0, at)))
        return afterName([value.slice(at + functionName.length + 1)]);
    }
    // A pattern, matched against the qualified ARN where the function's name is known.
    if (functionName !== undefined) {
      const matched = patternNamesLambdaArn(value, functionName, name);
      if (matched !== 'unknown') return matched;
    }
    // A pattern, or a name not known statically: unknown where it may name the function.
    return resourceCovers(value, fn) === 'no' ? 'no' : 'unknown';
  };
}

/** A part of an ARN not known statically: a run of characters without `:` (a region, an account, a version's number). */
const NOT_KNOWN: unique symbol = Symbol('not known');
type ArnPart = string | typeof NOT_KNOWN;

/**
 * Whether an ARN pattern with wildcards (IAM's: `*` any characters, none
 * too; `?` one; case-sensitive) names the stack's Lambda ARN whose
 * resource part is `function:<functionName>:<qualifier>`, the qualifier
 * not known for a version. Partition, region and account written literally
 * (before any wildcard) are taken as the stack's, as for an ARN without
 * wildcards; others are not known. `yes` when the pattern names the ARN
 * whatever the parts not known, `no` when it names it for none of them.
 */
function patternNamesLambdaArn(
  pattern: string,
  functionName: string,
  qualifier: string | undefined,
): Answer {
  const fields = pattern.split(':');
  // A field is known where the pattern writes it, and every field before, without wildcards.
  const firstWild = fields.findIndex(
    field => field.includes('*') || field.includes('?'),
  );
  const field = (index: number): ArnPart[] =>
    (firstWild < 0 || index < firstWild) && index < fields.length
      ? [...fields[index]]
      : [NOT_KNOWN];
  const qualifierParts: ArnPart[] =
    qualifier === undefined ? [NOT_KNOWN] : [...qualifier];
  const arn: ArnPart[] = [
    ...'arn:',
    ...field(1),
    ':',
    ...'lambda:',
    ...field(3),
    ':',
    ...field(4),
    ':',
    ...`function:${functionName}:`,
    ...qualifierParts,
  ];
  if (matchesArn(pattern, arn, false)) return 'yes';
  return matchesArn(pattern, arn, true) ? 'unknown' : 'no';
}

/**
 * Whether `pattern` matches `arn`: with `loosely`, for some value of its
 * parts not known (matched by anything of the pattern but a `:`); else, for
 * every value (matched by a `*` only).
 */
function matchesArn(
  pattern: string,
  arn: readonly ArnPart[],
  loosely: boolean,
): boolean {
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = i * (arn.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === pattern.length) result = j === arn.length;
    else if (pattern[i] === '*')
      result = match(i + 1, j) || (j < arn.length && match(i, j + 1));
    else if (j === arn.length) result = false;
    else if (arn[j] === NOT_KNOWN) {
      result = false;
      for (
        let k = i + 1;
        loosely && !result && k <= pattern.length && pattern[k - 1] !== ':';
        k++
      )
        result = match(k, j + 1);
    } else
      result =
        (pattern[i] === '?' || pattern[i] === arn[j]) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/**
 * What a grant is asked about: a resource of the graph, or a test of whether
 * a statement's resource may name it, for what the graph may not hold (a
 * function's log group).
 */
export type GrantTarget = Resource | ((value: Value) => Answer);

/**
 * Does the role allow one of `actions` on `target` (any resource when
 * target is undefined)? `unknown` when a relevant statement or policy
 * cannot be read, or only a policy the role may not have, or a statement
 * with a condition, allows it. Deny
 * statements are not subtracted: rules only report a missing grant, and a
 * deny can only make a grant go missing.
 */
export function grants(
  permissions: RolePermissions,
  actions: readonly string[],
  target?: GrantTarget,
): Answer {
  const held = statementsGrant(permissions.statements, actions, target);
  if (held === 'yes') return 'yes';
  const maybeHeld = statementsGrant(
    permissions.statementsMaybeHeld,
    actions,
    target,
  );
  return held === 'unknown' || maybeHeld !== 'no' || !permissions.complete
    ? 'unknown'
    : 'no';
}

/** Does one of the statements allow one of `actions` on `target` (see {@link grants})? */
function statementsGrant(
  statements: readonly PolicyStatement[],
  actions: readonly string[],
  target: GrantTarget | undefined,
): Answer {
  let answer: Answer = 'no';
  for (const statement of statements) {
    if (statement.effect === 'Deny') continue;
    let actionAnswer: Answer = 'unknown';
    if (statement.actions !== undefined) {
      const { actions: listed } = statement;
      const allowed = statement.notAction
        ? actions.some(action => !someActionMatches(listed, action))
        : actions.some(action => someActionMatches(listed, action));
      actionAnswer = allowed ? 'yes' : 'no';
    }
    if (actionAnswer === 'no') continue;
    let resourceAnswer: Answer = 'no';
    if (statement.notResource)
      resourceAnswer = leavesResource(
        statement.notResources ?? [new Unknown('NotResource')],
        target,
      );
    else if (statement.resources === undefined) resourceAnswer = 'unknown';
    else {
      for (const resource of statement.resources) {
        const covers =
          typeof target === 'function'
            ? target(resource)
            : resourceCovers(resource, target);
        if (covers === 'yes') {
          resourceAnswer = 'yes';
          break;
        }
        if (covers === 'unknown') resourceAnswer = 'unknown';
      }
    }
    // A statement whose effect is not known, or that has a condition, may not apply.
    if (
      (statement.effect === undefined || statement.conditioned) &&
      resourceAnswer === 'yes'
    )
      resourceAnswer = 'unknown';
    if (actionAnswer === 'yes' && resourceAnswer === 'yes') return 'yes';
    if (resourceAnswer !== 'no') answer = 'unknown';
  }
  return answer;
}
