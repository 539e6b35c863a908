/** The model of aws-iam's roles, policies, statements and principals (see IamModel). */
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../../pulumi/interpreter';
import { Props } from '../props';
import {
  Ref,
  Unknown,
  Value,
  concat,
  containsUnknown,
  getPath,
  ValueMap,
  isMap,
} from '../../../../graph/values';
import { lookupTable } from '../../../../support/lookupTable';
import { LAMBDA_TRUST, accountRoot, isImportedRole } from './documents';
import { ref } from '../arns';
import type { CdkModel } from '../../constructs';
import { Resource } from '../../../../graph/ResourceGraph';
import { ANY_SCOPE } from '../paths';
import { QUEUE } from '../resourceTypes';
import {
  copyLines,
  lineOfPath,
  recordKeyLinesOnly,
  recordLines,
} from '../../../../graph/locations';

/** `PolicyStatement` methods that add to one of its lists, and the prop that holds the list. */
const STATEMENT_LISTS = lookupTable<string>({
  addActions: 'actions',
  addResources: 'resources',
  addAllResources: 'resources',
  addNotActions: 'notActions',
  addNotResources: 'notResources',
});

/** The principal each `PolicyStatement.add…Principal` method adds, from its first argument. */
const STATEMENT_PRINCIPALS = lookupTable<(value: JsValue) => Props>({
  addServicePrincipal: service => ({ Service: service }),
  addAnyPrincipal: () => ({ AWS: '*' }),
  addArnPrincipal: arn => ({ AWS: arn }),
  addAwsAccountPrincipal: account => ({
    AWS: accountRoot(toGraphValue(account, ref)),
  }),
  addAccountRootPrincipal: () => ({
    AWS: accountRoot(Unknown.oneValue('AWS::AccountId')),
  }),
  addCanonicalUserPrincipal: id => ({ CanonicalUser: id }),
  addFederatedPrincipal: federated => ({ Federated: federated }),
});

/** The condition each `PolicyStatement` method that adds one of CDK's adds, from its argument. */
const STATEMENT_CONDITIONS = lookupTable<(value: JsValue) => Props>({
  addAccountCondition: account => ({
    StringEquals: { 'sts:ExternalId': account },
  }),
  addSourceAccountCondition: account => ({
    StringEquals: { 'aws:SourceAccount': account },
  }),
  addSourceArnCondition: arn => ({ ArnEquals: { 'aws:SourceArn': arn } }),
});

/**
 * The resource policy CDK makes below a bucket or a queue on the first statement added to it (`<owner>/Policy`,
 * aws-s3/lib/bucket.ts and aws-sqs/lib/queue-base.ts, addToResourcePolicy), by the owner's type: the policy's type
 * and how it names its owner.
 */
const RESOURCE_POLICIES = lookupTable<{
  type: string;
  owner: (id: string) => Props;
}>({
  'AWS::S3::Bucket': {
    type: 'AWS::S3::BucketPolicy',
    owner: id => ({ Bucket: new Ref(id) }),
  },
  [QUEUE]: {
    type: 'AWS::SQS::QueuePolicy',
    owner: id => ({ Queues: [new Ref(id)] }),
  },
});

/**
 * The policies aws-sqs's QueuePolicy and aws-sns's TopicPolicy make (aws-sqs/lib/policy.ts, aws-sns/lib/policy.ts),
 * by construct: the policy's type, the prop that lists what it is of and the property that names them (a queue by
 * its URL, a topic by its ARN), and whether its own document gives each statement without a Sid its index
 * (`new PolicyDocument({ assignSids: true })`).
 */
const POLICY_CONSTRUCTS = lookupTable<{
  type: string;
  ofProp: string;
  ofProperty: string;
  namedBy: 'URL' | 'ARN';
  assignSids: boolean;
}>({
  'aws-sqs.QueuePolicy': {
    type: 'AWS::SQS::QueuePolicy',
    ofProp: 'queues',
    ofProperty: 'Queues',
    namedBy: 'URL',
    assignSids: false,
  },
  'aws-sns.TopicPolicy': {
    type: 'AWS::SNS::TopicPolicy',
    ofProp: 'topics',
    ofProperty: 'Topics',
    namedBy: 'ARN',
    assignSids: true,
  },
});

/** A resource's property that holds a policy document: the resource's id and the property's path. */
interface DocumentUse {
  id: string;
  path: (string | number)[];
}

/**
 * Whether a statement (as the graph holds it) is written where those of texts `known` are, which it then joins: CDK
 * writes a document's statement once (aws-iam's PostProcessPolicyDocument). Statements with parts not known
 * statically may differ: only known ones are merged.
 */
function writtenOnce(known: Set<string>, statement: Value): boolean {
  if (containsUnknown(statement)) return true;
  const text = JSON.stringify(statement);
  if (known.has(text)) return false;
  known.add(text);
  return true;
}

/**
 * Principals as a statement's `Principal` (or `NotPrincipal`) holds them:
 * values by kind (`{ AWS: [...], Service: [...] }`); undefined when one of
 * them is not known statically.
 */
function principalJson(
  principals: JsValue[],
): Record<string, JsValue[]> | undefined {
  const json: Record<string, JsValue[]> = {};
  for (const item of principals) {
    // One of conditions (a conditionedPrincipal), whose statement would hold them, is not modelled.
    if (!(item instanceof HostObject && item.kind === 'principal'))
      return undefined;
    for (const [kind, value] of Object.entries(item.data))
      json[kind] = [...(json[kind] ?? []), value];
  }
  return json;
}

/**
 * What a method of a `PolicyStatement` (holding `data`) changes in it:
 * lists it adds to, principals (with the conditions a principal brings:
 * `addServicePrincipal(service, { conditions })`), principals it excludes
 * (`addNotPrincipals`: the statement's NotPrincipal), conditions. Undefined
 * for a method not modelled.
 */
function statementChange(
  data: Props,
  name: string,
  args: JsValue[],
): Props | undefined {
  const [first, second] = args;
  const list = STATEMENT_LISTS[name];
  if (list)
    return {
      [list]: appended(data[list], name === 'addAllResources' ? ['*'] : args),
    };
  if (name === 'addPrincipals')
    return { principals: appended(data.principals, args) };
  if (name === 'addNotPrincipals')
    return { notPrincipals: appended(data.notPrincipals, args) };
  const change: Props = {};
  let conditions: JsValue;
  if (STATEMENT_PRINCIPALS[name]) {
    change.principals = appended(data.principals, [
      new HostObject('principal', STATEMENT_PRINCIPALS[name](first)),
    ]);
    if (name === 'addServicePrincipal')
      conditions = isPlainObject(second) ? second.conditions : second;
    if (name === 'addFederatedPrincipal') conditions = second;
  } else if (STATEMENT_CONDITIONS[name])
    conditions = STATEMENT_CONDITIONS[name](first);
  else if (name === 'addCondition')
    conditions =
      typeof first === 'string'
        ? { [first]: second }
        : new Unknown('condition operator');
  else if (name === 'addConditions') conditions = first;
  else return undefined;
  // An operator not known statically (`ctx ? 'BoolIfExists' : 'Bool'`) makes the conditions not known.
  if (conditions !== undefined)
    change.conditions = isPlainObject(conditions)
      ? withConditions(data.conditions, conditions)
      : new Unknown('conditions');
  return change;
}

/** A JSON policy's `Principal` as the principals of a `PolicyStatement`: one per kind and value. */
function principalsFromJson(principal: JsValue): JsValue[] {
  if (principal === '*') return [new HostObject('principal', { AWS: '*' })];
  if (!isPlainObject(principal)) return [new Unknown('principal')];
  return Object.entries(principal).flatMap(([kind, values]) =>
    (Array.isArray(values) ? values : [values]).map(
      value => new HostObject('principal', { [kind]: value }),
    ),
  );
}

/** A statement's list with items added; one not known statically stays so. */
function appended(list: JsValue, items: JsValue[]): JsValue {
  if (list === undefined) return items;
  return Array.isArray(list) ? [...list, ...items] : list;
}

/**
 * A statement's conditions with more added, as `addCondition` adds them: the
 * keys of an operator already there join its others.
 */
function withConditions(
  current: JsValue,
  added: Record<string, JsValue>,
): JsValue {
  if (current !== undefined && !isPlainObject(current)) return current;
  const conditions: Record<string, JsValue> = isPlainObject(current)
    ? { ...current }
    : {};
  for (const [operator, keys] of Object.entries(added)) {
    const existing = conditions[operator];
    if (existing === undefined) conditions[operator] = keys;
    else
      conditions[operator] =
        isPlainObject(existing) && isPlainObject(keys)
          ? { ...existing, ...keys }
          : new Unknown('conditions');
  }
  return conditions;
}

/** The part of CdkModel the IAM model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'constructPath'
  | 'graphValue'
  | 'importsModel'
  | 'linesOfFile'
  | 'madeAfterAspects'
  | 'pathOf'
  | 'ref'
  | 'resources'
  | 'scopePathsOf'
>;

/**
 * `PermissionsBoundary.of(scope).apply(policy)` (or `.clear()`, policy undefined): an aspect that sets (or deletes)
 * the PermissionsBoundary of every role and user below the scope (aws-iam/lib/permissions-boundary.ts). `surely`:
 * false when the code may not run or the scope is not known statically.
 */
interface BoundaryAspect {
  path: string;
  policy: JsValue;
  surely: boolean;
}

/** The prop of `new PolicyStatement(props)` that sets each key of the statement CloudFormation writes. */
const STATEMENT_PROPS: Readonly<Record<string, string>> = {
  Effect: 'effect',
  Action: 'actions',
  NotAction: 'notActions',
  Resource: 'resources',
  NotResource: 'notResources',
  Condition: 'conditions',
  Principal: 'principals',
  NotPrincipal: 'notPrincipals',
  Sid: 'sid',
};

/** The key of `PolicyStatement.fromJson(json)`'s JSON that sets each key of the statement: its own. */
const JSON_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(STATEMENT_PROPS).map(key => [key, key]),
);

/** Where a statement's keys are written: the props of `new PolicyStatement(props)`, or `fromJson`'s JSON. */
interface StatementSource {
  written: Props;
  /** The key of `written` that sets each key of the statement CloudFormation writes. */
  keyOf: Readonly<Record<string, string>>;
  /** What the statement held when made: a method (`addResources`) that changes a list leaves it written elsewhere. */
  made: Props;
}

/** The property of its default policy that attaches it to each type of principal that has one (aws-iam's Role, User, Group). */
const DEFAULT_POLICY_HOLDERS = lookupTable<string>({
  'AWS::IAM::Role': 'Roles',
  'AWS::IAM::User': 'Users',
  'AWS::IAM::Group': 'Groups',
});

/**
 * The methods that import a user or a group, and the policy CDK makes below the import for what is added to its
 * policy, attached by the import's name (aws-iam/lib/user.ts, fromUserAttributes; group.ts, GroupBase).
 */
const IDENTITY_IMPORTS = lookupTable<{
  attachedBy: 'Users' | 'Groups';
  policy: string;
  /** Its third argument: the identity's name, its ARN, or attributes naming its ARN. */
  given: 'name' | 'arn' | 'attributes';
}>({
  'aws-iam.User.fromUserName': {
    attachedBy: 'Users',
    policy: 'Policy',
    given: 'name',
  },
  'aws-iam.User.fromUserArn': {
    attachedBy: 'Users',
    policy: 'Policy',
    given: 'arn',
  },
  'aws-iam.User.fromUserAttributes': {
    attachedBy: 'Users',
    policy: 'Policy',
    given: 'attributes',
  },
  'aws-iam.Group.fromGroupName': {
    attachedBy: 'Groups',
    policy: 'DefaultPolicy',
    given: 'name',
  },
  'aws-iam.Group.fromGroupArn': {
    attachedBy: 'Groups',
    policy: 'DefaultPolicy',
    given: 'arn',
  },
});

/** A user or group imported (see IDENTITY_IMPORTS): the policy CDK makes for it, and the name that policy names. */
interface ImportedIdentity {
  attachedBy: 'Users' | 'Groups';
  policyId: string;
  name: Value;
  file: string;
  line: number;
}

/**
 * What aws-iam constructs synthesize: roles, users, groups and policies with their documents, the statements grants
 * and `addToPolicy` add to a role's (user's, group's) default policy (or to a policy of their own, for a role
 * imported), principals, and roles imported.
 */
export class IamModel {
  /** The default policies of roles, users and groups (`<role>/DefaultPolicy`), created on the first statement. */
  readonly defaultPolicies = new Map<
    string,
    { statements: Value[]; lines: number[]; written: Set<string> }
  >();

  /** The role each function (and version or alias of one) and state machine runs as, by their id (undefined: one outside the stack). */
  readonly principalRoles = new Map<string, string | undefined>();

  /** The role outside the stack (`Role.fromRoleArn`) each function (and version or alias of one) and state machine given one runs as. */
  readonly importedRoles = new Map<string, HostObject>();

  /** The users and groups imported (`User.fromUserName`, `Group.fromGroupArn`…), by what stands for each. */
  readonly importedIdentities = new WeakMap<Unknown, ImportedIdentity>();

  /** Where each `new PolicyStatement(...)` is written: a statement passed in props sits there. */
  readonly statementSites = new WeakMap<HostObject, CallSite>();

  /** Where each statement's keys are written (see recordStatementLines). */
  private readonly statementSources = new WeakMap<
    HostObject,
    StatementSource
  >();

  /** The document of each QueuePolicy and TopicPolicy, by id: `policy.document`, which statements are added to. */
  readonly policyDocuments = new Map<string, HostObject>();

  /** Where documents that give each statement without a Sid its index are written (see assignSids). */
  private readonly documentsAssigningSids: DocumentUse[] = [];

  /** Where each `PolicyDocument` was written into a resource: statements added to it later join it there. */
  private readonly documentUses = new WeakMap<HostObject, DocumentUse[]>();

  /** Where each `PolicyStatement` was written into a resource: CDK renders it at synthesis, with what its methods add later. */
  private readonly statementUses = new WeakMap<HostObject, DocumentUse[]>();

  /**
   * Each `new iam.Policy` not known to be attached to a role, user or group, by id: CDK synthesizes one only once
   * attached, forced (`force: true`) or referenced (`policy.policyName`; aws-iam/lib/policy.ts,
   * CfnPolicyConditional's shouldSynthesize). `mayBeAttached`: code not modelled, or code that may not run, may attach it.
   */
  readonly policiesNotAttached = new Map<string, { mayBeAttached: boolean }>();

  /** Whether a policy not known statically was attached: it may be any of policiesNotAttached. */
  anyPolicyMayBeAttached = false;

  /** The permissions boundaries applied and cleared by scope, in the order the app's code does it. */
  private readonly boundaryAspects: BoundaryAspect[] = [];

  /** The account of each account's principal (see accountPrincipal). */
  readonly principalAccounts = new WeakMap<HostObject, Value>();

  /** What CDK writes of each principal where known (`toString()`: `ServicePrincipal(sns.amazonaws.com)`), which names the permissions grantInvoke adds. */
  private readonly principalTexts = new WeakMap<HostObject, string>();

  constructor(private readonly model: Model) {}

  role(id: string, p: Props, site: CallSite): ResourceHandle {
    const trust =
      p.assumedBy instanceof HostObject && p.assumedBy.kind === 'principal'
        ? {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: p.assumedBy.data,
                Action: 'sts:AssumeRole',
              },
            ],
          }
        : LAMBDA_TRUST;
    const inline = isPlainObject(p.inlinePolicies)
      ? Object.entries(p.inlinePolicies).map(([name, doc], index) => ({
          PolicyName: name,
          PolicyDocument:
            doc instanceof HostObject
              ? this.document(
                  doc,
                  { id, path: ['Policies', index, 'PolicyDocument'] },
                  site.file,
                )
              : new Unknown('policy'),
        }))
      : undefined;
    return this.model.add(id, 'AWS::IAM::Role', site, {
      RoleName: p.roleName,
      AssumeRolePolicyDocument: trust,
      ManagedPolicyArns: p.managedPolicies,
      Policies: inline,
      // A managed policy only a boundary caps permissions with grants nothing (it is not judged).
      PermissionsBoundary: p.permissionsBoundary,
    });
  }

  /**
   * `new iam.User` / `new iam.Group`: the managed policies they are given
   * (`managedPolicies`, then `addManagedPolicy`); what `addToPolicy` and
   * grants add goes to their default policy (see addStatements).
   */
  userOrGroup(
    id: string,
    type: 'AWS::IAM::User' | 'AWS::IAM::Group',
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    return this.model.add(id, type, site, {
      ...(type === 'AWS::IAM::User'
        ? { UserName: p.userName, Groups: p.groups }
        : { GroupName: p.groupName }),
      Path: p.path,
      ManagedPolicyArns: p.managedPolicies,
      // A user's, as a role's (groups take none).
      PermissionsBoundary: p.permissionsBoundary,
    });
  }

  /** `PermissionsBoundary.of(scope).apply(policy)`, or `.clear()` (policy undefined): see applyPermissionsBoundaries. */
  permissionsBoundary(scope: JsValue, policy: JsValue, site: CallSite): void {
    const path = this.model.constructPath(scope);
    const known = typeof path === 'string' && path !== '';
    this.boundaryAspects.push({
      path: known ? path : ANY_SCOPE,
      policy,
      surely: known && !site.mayNotRun,
    });
  }

  /**
   * Runs the aspects of `PermissionsBoundary.of` on the roles and users below their scopes, after the app's
   * overrides, as CDK's aspects override them: those of outer scopes first, then in the order they were added; the
   * last wins. One that may not reach a role (code that may not run, a scope not known) still gives the boundary to
   * a role left with none: a boundary grants nothing whether or not it is there, and what reads it leaves a policy
   * used only as a boundary unjudged. Resources CDK makes after the aspects ran are not reached.
   */
  applyPermissionsBoundaries(): void {
    if (this.boundaryAspects.length === 0) return;
    for (const resource of this.model.resources) {
      if (
        (resource.type !== 'AWS::IAM::Role' &&
          resource.type !== 'AWS::IAM::User') ||
        this.model.madeAfterAspects.has(resource.id)
      )
        continue;
      const scopes = [...this.model.scopePathsOf(resource.id), ANY_SCOPE];
      const reaching = this.boundaryAspects
        .filter(aspect => scopes.includes(aspect.path))
        .sort((a, b) => scopes.indexOf(a.path) - scopes.indexOf(b.path));
      for (const { policy, surely } of reaching) {
        const boundary = this.model.ref(policy);
        if (surely && boundary === undefined)
          delete resource.properties.PermissionsBoundary;
        else if (
          boundary !== undefined &&
          (surely || resource.properties.PermissionsBoundary === undefined)
        )
          resource.properties.PermissionsBoundary = boundary;
      }
    }
  }

  /** `new iam.Policy` / `new iam.ManagedPolicy`: its statements (or document) and the roles it is attached to. */
  policy(id: string, type: string, p: Props, site: CallSite): ResourceHandle {
    const nameKey =
      type === 'AWS::IAM::Policy' ? 'PolicyName' : 'ManagedPolicyName';
    const document =
      p.document instanceof HostObject
        ? this.document(p.document, { id, path: ['PolicyDocument'] }, site.file)
        : undefined;
    const handle = this.model.add(id, type, site, {
      [nameKey]:
        type === 'AWS::IAM::Policy'
          ? p.policyName ?? `${id}Policy`
          : p.managedPolicyName,
      PolicyDocument:
        document ??
        (p.document === undefined
          ? { Version: '2012-10-17', Statement: [] }
          : new Unknown('policy document')),
      Roles: Array.isArray(p.roles)
        ? p.roles.map(role =>
            isImportedRole(role)
              ? toGraphValue(role.data.roleName, ref)
              : this.model.ref(role),
          )
        : p.roles,
    });
    const resource = this.model.byId.get(id)!;
    if (type === 'AWS::IAM::Policy') this.notePolicyAttachment(id, p);
    if (Array.isArray(p.statements))
      this.addPolicyStatements(resource, p.statements, site);
    else if (p.statements !== undefined)
      resource.properties.PolicyDocument = new Unknown('policy statements');
    return handle;
  }

  /** Notes whether a policy's props attach it (see policiesNotAttached): lists of principals not known statically may. */
  private notePolicyAttachment(id: string, p: Props): void {
    const lists = [p.roles, p.users, p.groups];
    if (p.force === true || lists.some(l => Array.isArray(l) && l.length > 0))
      return;
    const known =
      (p.force === undefined || p.force === false) &&
      lists.every(l => l === undefined || Array.isArray(l));
    this.policiesNotAttached.set(id, { mayBeAttached: !known });
  }

  /** `policy.attachToRole(role)` and the like: CDK synthesizes the policy; in code that may not run, it may. */
  policyAttached(id: string, site: CallSite): void {
    if (site.mayNotRun) this.policyMayBeAttached(id);
    else this.policiesNotAttached.delete(id);
  }

  /** A policy handed to code not modelled, which may attach it. */
  policyMayBeAttached(id: string): void {
    const policy = this.policiesNotAttached.get(id);
    if (policy) policy.mayBeAttached = true;
  }

  /** `policy.policyName`: CDK synthesizes a policy referenced (and fails to synthesize one then attached to nothing). */
  policyReferenced(id: string): void {
    this.policiesNotAttached.delete(id);
  }

  /**
   * `new sqs.QueuePolicy(scope, id, { queues })` or `new sns.TopicPolicy(scope, id, { topics, policyDocument,
   * enforceSSL })` (see POLICY_CONSTRUCTS): the policy of the queues (by their URLs, their Ref) or the topics (by
   * their ARNs), of its own document, which `policy.document.addStatements(...)` adds to, or of a topic policy's
   * `policyDocument`; `enforceSSL` adds for each topic the statement that denies publishing to it but over HTTPS.
   */
  constructPolicy(
    id: string,
    construct: string,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    const { type, ofProp, ofProperty, namedBy, assignSids } =
      POLICY_CONSTRUCTS[construct];
    // One of the stack's by its Ref (a queue's URL, a topic's ARN); one imported by the ARN it is given.
    const nameOf = (owner: JsValue): Value => {
      if (owner instanceof ResourceHandle) return new Ref(owner.id);
      return namedBy === 'ARN'
        ? this.model.importsModel.arnOf(owner)
        : new Unknown('URL of a queue not known statically');
    };
    const document =
      p.policyDocument ??
      new HostObject('document', { statements: [], assignSids });
    if (document instanceof HostObject) this.policyDocuments.set(id, document);
    const owners = p[ofProp];
    const handle = this.model.add(id, type, site, {
      [ofProperty]: Array.isArray(owners) ? owners.map(nameOf) : owners,
      PolicyDocument:
        document instanceof HostObject
          ? this.document(document, { id, path: ['PolicyDocument'] }, site.file)
          : new Unknown('policy document'),
    });
    if (p.enforceSSL === true && Array.isArray(owners))
      this.addPolicyStatements(
        this.model.byId.get(id)!,
        owners.map(topic => ({
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Effect: 'Deny',
          Principal: '*',
          Resource: nameOf(topic),
          Sid: 'AllowPublishThroughSSLOnly',
        })),
        site,
      );
    return handle;
  }

  /**
   * Gives each statement without a Sid of a document that assigns them (see documentsAssigningSids) its index, as
   * synth writes it (aws-iam's PostProcessPolicyDocument), once the app has added what it adds.
   */
  assignSids(): void {
    for (const { id, path } of this.documentsAssigningSids) {
      const statements = getPath(this.model.byId.get(id)?.properties, [
        ...path,
        'Statement',
      ]);
      if (!Array.isArray(statements)) continue;
      statements.forEach((statement, index) => {
        if (isMap(statement) && statement.Sid === undefined)
          statement.Sid = String(index);
      });
    }
  }

  /** Whether `addResourcePolicyStatements` writes the policy of a resource of this type. */
  hasResourcePolicy(type: string | undefined): boolean {
    return type !== undefined && RESOURCE_POLICIES[type] !== undefined;
  }

  /**
   * Statements added to the resource policy of a bucket or a queue of the stack (see RESOURCE_POLICIES), which the
   * first makes, at `site` (else at the owner's line): see addPolicyStatements.
   */
  addResourcePolicyStatements(
    owner: ResourceHandle,
    statements: JsValue[],
    site?: CallSite,
  ) {
    const resource = this.model.byId.get(owner.id)!;
    const at = site ?? { file: resource.file, line: resource.line };
    const policyId = `${owner.id}/Policy`;
    if (!this.model.byId.has(policyId)) {
      const policy = RESOURCE_POLICIES[resource.type];
      this.model.add(policyId, policy.type, at, {
        ...policy.owner(owner.id),
        PolicyDocument: { Version: '2012-10-17', Statement: [] },
      });
    }
    this.addPolicyStatements(this.model.byId.get(policyId)!, statements, at);
  }

  /**
   * Adds statements (a `PolicyStatement`, or as CloudFormation writes them) to a policy's document (a key's:
   * `KeyPolicy`), each on the line of its `new PolicyStatement`, else of `site`. A statement already there is not
   * added again: CDK writes a document's statement once (aws-iam's PostProcessPolicyDocument).
   */
  addPolicyStatements(
    policy: Resource,
    statements: JsValue[],
    site: CallSite,
    property = 'PolicyDocument',
  ): void {
    const document = policy.properties[property];
    if (!isMap(document) || !Array.isArray(document.Statement)) return;
    const list = document.Statement;
    const lines = list.map((_, index) =>
      lineOfPath(list, [index], policy.line),
    );
    const known = new Set<string>();
    for (const written of list) writtenOnce(known, written);
    for (const statement of statements) {
      const value = this.model.graphValue(
        this.statementValue(statement, policy.file),
        policy.file,
      );
      if (!writtenOnce(known, value)) continue;
      this.writtenAt(statement, {
        id: policy.id,
        path: [property, 'Statement', list.length],
      });
      list.push(value);
      const written =
        statement instanceof HostObject
          ? this.statementSites.get(statement)
          : undefined;
      // A line of another file than the policy's would point at the wrong code: the policy's own stands for it.
      const where = written && written.file === policy.file ? written : site;
      lines.push(where.file === policy.file ? where.line : policy.line);
    }
    recordLines(list, policy.line, { items: lines });
  }

  /**
   * Adds statements (a `PolicyStatement`, or as CloudFormation writes them)
   * to the default policy of a grantee's role (a function's
   * or a role's), each on the line of the
   * call that adds it (`site`; the role's line for what CDK adds itself).
   * A statement already there is not added again: CDK merges duplicates.
   * No statement makes no policy: CDK makes one on the first.
   */
  addStatements(grantee: JsValue, statements: JsValue[], site?: CallSite) {
    if (statements.length === 0) return;
    let imported = isImportedRole(grantee) ? grantee : undefined;
    if (grantee instanceof ResourceHandle)
      imported = this.importedRoles.get(grantee.id);
    if (imported) {
      this.addImportedRoleStatements(imported, statements, site);
      return;
    }
    const identity =
      grantee instanceof Unknown
        ? this.importedIdentities.get(grantee)
        : undefined;
    if (identity) {
      this.addToPolicy(
        identity.policyId,
        {
          id: identity.policyId,
          name: new Unknown('policy name CDK generates'),
          attachedBy: identity.attachedBy,
          principal: identity.name,
          file: identity.file,
          line: identity.line,
        },
        statements,
        site,
      );
      return;
    }
    if (!(grantee instanceof ResourceHandle)) return;
    const principalId = this.principalRoles.has(grantee.id)
      ? this.principalRoles.get(grantee.id)
      : grantee.id;
    const principal = principalId
      ? this.model.byId.get(principalId)
      : undefined;
    const attachedBy = principal && DEFAULT_POLICY_HOLDERS[principal.type];
    if (!principal || !attachedBy) return;
    const policyId = `${principal.id}/DefaultPolicy`;
    this.addToPolicy(
      principal.id,
      {
        id: policyId,
        name: `${principal.id}DefaultPolicy`,
        attachedBy,
        principal: new Ref(principal.id),
        file: principal.file,
        line: principal.line,
      },
      statements,
      site,
    );
  }

  /**
   * What is added to the policy of a role outside the stack: unless imported
   * with `mutable: false`, CDK attaches a policy of its own to it by name
   * (`<import>/Policy`, aws-iam/lib/role.ts, fromRoleArn's addToPrincipalPolicy).
   */
  private addImportedRoleStatements(
    imported: HostObject,
    statements: JsValue[],
    site?: CallSite,
  ) {
    const { mutable, path, roleName, file, line } = imported.data;
    if (mutable === false) return;
    const policyId = `${String(path)}/Policy`;
    // Whether the import is mutable is not known: the policy may not be there, so what it grants is not known.
    const added =
      mutable === true
        ? statements
        : statements.map(
            () =>
              new Unknown(
                'statement of a role imported with mutable not known',
              ),
          );
    this.addToPolicy(
      policyId,
      {
        id: policyId,
        name: new Unknown('policy name CDK generates'),
        attachedBy: 'Roles',
        principal: toGraphValue(roleName, ref),
        file: String(file),
        line: Number(line),
      },
      added,
      site,
    );
  }

  /**
   * Adds statements to the policy CDK makes for a principal (`key`), created
   * on the first: the default policy of a role, user or group (attached by
   * its `Roles`, `Users` or `Groups`), or one attached to a role imported.
   */
  private addToPolicy(
    key: string,
    made: {
      id: string;
      name: Value;
      attachedBy: string;
      principal: Value;
      file: string;
      line: number;
    },
    statements: JsValue[],
    site?: CallSite,
  ) {
    let policy = this.defaultPolicies.get(key);
    if (!policy) {
      policy = { statements: [], lines: [], written: new Set() };
      this.defaultPolicies.set(key, policy);
      const resource: Resource = {
        id: made.id,
        type: 'AWS::IAM::Policy',
        properties: {
          PolicyName: made.name,
          [made.attachedBy]: [made.principal],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: policy.statements,
          },
        },
        file: made.file,
        line: made.line,
        suppressions: [],
      };
      this.model.resources.push(resource);
      this.model.byId.set(resource.id, resource);
    }
    for (const statement of statements) {
      const value = this.model.graphValue(
        this.statementValue(statement, made.file),
        made.file,
      );
      if (!writtenOnce(policy.written, value)) continue;
      this.writtenAt(statement, {
        id: made.id,
        path: ['PolicyDocument', 'Statement', policy.statements.length],
      });
      policy.statements.push(value);
      // A line of another file than the policy's would point at the wrong code.
      policy.lines.push(
        site && site.file === made.file ? site.line : made.line,
      );
    }
    recordLines(policy.statements, made.line, { items: policy.lines });
  }

  /** A `PolicyStatement` as CloudFormation writes it, for a resource in `file` (see recordStatementLines). */
  private statement(statement: JsValue, file: string): JsValue {
    if (
      !(statement instanceof HostObject) ||
      statement.kind !== 'statement' ||
      statement.data.notKnown
    )
      return new Unknown('policy statement');
    const d = statement.data;
    const resources = (list: JsValue) =>
      Array.isArray(list) ? list.map(r => this.model.ref(r)) : list;
    let effect: JsValue = new Unknown('effect');
    if (d.effect === undefined || d.effect === 'Effect.ALLOW') effect = 'Allow';
    else if (d.effect === 'Effect.DENY') effect = 'Deny';
    const out: Record<string, JsValue> = { Effect: effect };
    if (d.notActions !== undefined) out.NotAction = d.notActions;
    else out.Action = d.actions;
    if (d.notResources !== undefined)
      out.NotResource = resources(d.notResources);
    else out.Resource = resources(d.resources);
    // CDK leaves out conditions none of which is set.
    if (
      d.conditions !== undefined &&
      !(isPlainObject(d.conditions) && Object.keys(d.conditions).length === 0)
    )
      out.Condition = d.conditions;
    for (const [list, key] of [
      [d.principals, 'Principal'],
      [d.notPrincipals, 'NotPrincipal'],
    ] as const) {
      if (!Array.isArray(list)) continue;
      const principal = principalJson(list);
      if (principal === undefined) return new Unknown('principal');
      out[key] = principal;
    }
    if (d.sid !== undefined) out.Sid = d.sid;
    this.recordStatementLines(statement, out, file);
    return out;
  }

  /**
   * The statement `iam.Grant`'s methods make of their options (aws-iam/lib/grant.ts): the actions on the ARNs of
   * `resourcesKey` (resourceArns; for a resource's policy, resourceSelfArns where given), with the conditions and
   * the principals given; each key on the line of its option, the statement on the call's.
   */
  grantStatement(
    options: Props,
    resourcesKey: 'resourceArns' | 'resourceSelfArns',
    site: CallSite,
    principals?: JsValue[],
  ): HostObject {
    const data: Props = {
      actions: options.actions,
      resources: options[resourcesKey],
      conditions: options.conditions,
      principals,
    };
    const statement = new HostObject('statement', data);
    this.statementSites.set(statement, site);
    this.statementSources.set(statement, {
      written: options,
      keyOf: {
        Action: 'actions',
        Resource: resourcesKey,
        Condition: 'conditions',
      },
      made: { ...data },
    });
    return statement;
  }

  /**
   * What a grantee's grantPrincipal is as a principal of a resource's policy: a role's, user's or group's ARN (a
   * function's role's), an imported role's, or the principal itself (`new ServicePrincipal(…)`).
   */
  granteePrincipal(grantee: JsValue): JsValue {
    if (grantee instanceof HostObject && grantee.kind === 'principal')
      return grantee;
    let imported = isImportedRole(grantee) ? grantee : undefined;
    if (grantee instanceof ResourceHandle)
      imported = this.importedRoles.get(grantee.id);
    if (imported)
      return new HostObject('principal', { AWS: imported.data.roleArn });
    if (!(grantee instanceof ResourceHandle))
      return new Unknown('principal of a grantee');
    const principalId = this.principalRoles.has(grantee.id)
      ? this.principalRoles.get(grantee.id)
      : grantee.id;
    const principal = principalId && this.model.byId.get(principalId);
    return principal && DEFAULT_POLICY_HOLDERS[principal.type]
      ? new HostObject('principal', { AWS: new Ref(principal.id, 'Arn') })
      : new Unknown('principal of a grantee');
  }

  /** Notes the props of `new PolicyStatement(props)`: where the statement's keys are written. */
  statementMadeOf(statement: HostObject, props: Props): void {
    this.statementSources.set(statement, {
      written: props,
      keyOf: STATEMENT_PROPS,
      made: { ...statement.data },
    });
  }

  /**
   * Gives each key of a statement written (`out`) the line of the key of its props (or JSON) that sets it, where
   * `file` writes them and the statement still holds what they set (not a list `addResources` made), and its
   * resources the lines of their elements; other keys fall back to the line the statement is written on.
   */
  private recordStatementLines(
    statement: HostObject,
    out: Record<string, JsValue>,
    file: string,
  ): void {
    const source = this.statementSources.get(statement);
    if (!source) return;
    const lines = this.model.linesOfFile(file);
    const written = lines.written(source.written);
    const assigned = written ? undefined : lines.assigned(source.written);
    const keys: Record<string, number> = {};
    for (const key of Object.keys(out)) {
      const prop = STATEMENT_PROPS[key];
      const writtenKey = source.keyOf[key];
      if (!prop || !writtenKey || source.made[prop] !== statement.data[prop])
        continue;
      const line = written
        ? lineOfPath(source.written as ValueMap, [writtenKey], -1)
        : assigned?.[writtenKey] ?? -1;
      if (line >= 0) keys[key] = line;
    }
    if (Object.keys(keys).length > 0) recordKeyLinesOnly(out, keys);
    // Resources are rewritten (a construct's ARN for it): the list written keeps the lines of its elements.
    for (const [key, list] of [
      ['Resource', statement.data.resources],
      ['NotResource', statement.data.notResources],
    ] as const) {
      const rewritten = out[key];
      if (
        Array.isArray(list) &&
        Array.isArray(rewritten) &&
        lines.written(list)
      )
        copyLines(list, rewritten);
    }
  }

  /** A statement as CloudFormation writes it: a `PolicyStatement` rendered, anything else (what CDK adds itself) as it is. */
  statementValue(statement: JsValue, file: string): JsValue {
    return statement instanceof HostObject
      ? this.statement(statement, file)
      : statement;
  }

  /** Notes where a `PolicyStatement` is written: its index in a resource's list of statements. */
  writtenAt(statement: JsValue, use: DocumentUse): void {
    if (statement instanceof HostObject)
      this.statementUses.set(statement, [
        ...(this.statementUses.get(statement) ?? []),
        use,
      ]);
  }

  /**
   * `statement.addActions(...)` and the other methods that add to a
   * statement (see {@link statementChange}); others (`toJSON`) change nothing.
   */
  statementMethod(
    statement: HostObject,
    name: string,
    args: JsValue[],
    site: CallSite,
  ): JsValue {
    if (name.startsWith('add'))
      this.changeStatement(
        statement,
        statementChange(statement.data, name, args),
        site,
      );
    return new Unknown(`${name}()`);
  }

  /**
   * Changes a statement (undefined: in a way not modelled, after which it is
   * not known), also where it is already written: CDK renders statements at
   * synthesis. A change in code that may not run leaves it not known too.
   */
  changeStatement(
    statement: HostObject,
    change: Props | undefined,
    site: CallSite,
  ): void {
    if (change && !site.mayNotRun) Object.assign(statement.data, change);
    else statement.data.notKnown = true;
    this.writeStatementAgain(statement);
  }

  /** Writes a statement again where it is written, as it is now. */
  writeStatementAgain(statement: HostObject): void {
    for (const { id, path } of this.statementUses.get(statement) ?? []) {
      const resource = this.model.byId.get(id);
      const list = getPath(resource?.properties, path.slice(0, -1));
      if (resource && Array.isArray(list))
        list[path.at(-1) as number] = this.model.graphValue(
          this.statement(statement, resource.file),
          resource.file,
        );
    }
  }

  /**
   * A policy document as the property at `use` (of the resource about to be added, in `file`) holds it, each
   * statement once (see writtenOnce).
   */
  document(document: HostObject, use: DocumentUse, file: string): JsValue {
    const statements = document.data.statements ?? []; // `new PolicyDocument()` starts empty
    this.documentUses.set(document, [
      ...(this.documentUses.get(document) ?? []),
      use,
    ]);
    if (document.data.assignSids === true)
      this.documentsAssigningSids.push(use);
    if (!Array.isArray(statements))
      return { Version: '2012-10-17', Statement: new Unknown('statements') };
    const written: JsValue[] = [];
    const known = new Set<string>();
    for (const statement of statements) {
      const value = this.statement(statement, file);
      if (!writtenOnce(known, this.model.graphValue(value, file))) continue;
      this.writtenAt(statement, {
        id: use.id,
        path: [...use.path, 'Statement', written.length],
      });
      written.push(value);
    }
    return { Version: '2012-10-17', Statement: written };
  }

  /**
   * `document.addStatements(...)`: the document has them, and so has every resource already made from it, each once
   * (see writtenOnce).
   */
  addToDocument(document: HostObject, statements: JsValue[]): void {
    const current = document.data.statements ?? [];
    if (!Array.isArray(current)) return;
    document.data.statements = [...current, ...statements];
    for (const { id, path } of this.documentUses.get(document) ?? []) {
      const resource = this.model.byId.get(id);
      const written = getPath(resource?.properties, [...path, 'Statement']);
      if (!resource || !Array.isArray(written)) continue;
      const known = new Set<string>();
      for (const statement of written) writtenOnce(known, statement);
      for (const statement of statements) {
        const value = this.model.graphValue(
          this.statement(statement, resource.file),
          resource.file,
        );
        if (!writtenOnce(known, value)) continue;
        this.writtenAt(statement, {
          id,
          path: [...path, 'Statement', written.length],
        });
        written.push(value);
      }
    }
  }

  /** `PolicyStatement.fromJson(json)`: the statement the JSON writes, as `new PolicyStatement` would hold it. */
  statementFromJson(json: JsValue, site: CallSite): JsValue {
    if (
      !isPlainObject(json) ||
      (json.Effect !== undefined &&
        json.Effect !== 'Allow' &&
        json.Effect !== 'Deny')
    ) {
      return new Unknown('policy statement');
    }
    const data: Record<string, JsValue> = {
      effect: json.Effect === 'Deny' ? 'Effect.DENY' : 'Effect.ALLOW',
    };
    if (json.Action !== undefined) data.actions = json.Action;
    if (json.NotAction !== undefined) data.notActions = json.NotAction;
    if (json.Resource !== undefined) data.resources = json.Resource;
    if (json.NotResource !== undefined) data.notResources = json.NotResource;
    if (json.Principal !== undefined)
      data.principals = principalsFromJson(json.Principal);
    if (json.NotPrincipal !== undefined)
      data.notPrincipals = principalsFromJson(json.NotPrincipal);
    if (json.Sid !== undefined) data.sid = json.Sid;
    if (json.Condition !== undefined) data.conditions = json.Condition;
    const statement = new HostObject('statement', data);
    this.statementSites.set(statement, site);
    this.statementSources.set(statement, {
      written: json,
      keyOf: JSON_KEYS,
      made: { ...data },
    });
    return statement;
  }

  /** A principal of `data` (a statement's `Principal` of it), of `text` as CDK writes it where known. */
  principal(data: Props, text: string | undefined): HostObject {
    const principal = new HostObject('principal', data);
    if (text !== undefined) this.principalTexts.set(principal, text);
    return principal;
  }

  /** An account's principal: its root in a policy's statements, the account itself in a function's permission. */
  accountPrincipal(account: Value, text: string | undefined): HostObject {
    const principal = this.principal({ AWS: accountRoot(account) }, text);
    this.principalAccounts.set(principal, account);
    return principal;
  }

  /**
   * `principal` of `conditions` more (aws-iam/lib/principals.ts, PrincipalWithConditions, which CDK writes as the
   * principal it wraps), whose statements are not modelled: what a function's permission reads of it (see permissionPrincipal).
   */
  conditionedPrincipal(
    principal: HostObject,
    conditions: JsValue,
    text = this.principalText(principal),
  ): HostObject {
    const [wrapped, current] =
      principal.kind === 'principal'
        ? [principal, undefined]
        : [principal.data.principal, principal.data.conditions];
    const merged = isPlainObject(conditions)
      ? withConditions(current, conditions)
      : new Unknown('conditions');
    return new HostObject('conditionedPrincipal', {
      principal: wrapped,
      conditions: merged,
      text,
    });
  }

  /** What CDK writes of a principal (see principalTexts), where known. */
  principalText(principal: HostObject): string | undefined {
    return principal.kind === 'principal'
      ? this.principalTexts.get(principal)
      : (principal.data.text as string | undefined);
  }

  /**
   * Notes a user or group imported (`method`: `aws-iam.User.fromUserName`…; `imported`, what stands for it): what
   * is added to its policy, and granted it, goes to a policy CDK makes below it (see IDENTITY_IMPORTS).
   */
  importIdentity(
    method: string,
    [scope, id, given]: JsValue[],
    imported: Unknown,
    site: CallSite,
  ): void {
    const spec = IDENTITY_IMPORTS[method];
    if (!spec) return;
    const arn =
      spec.given === 'attributes' && isPlainObject(given)
        ? given.userArn
        : given;
    // Its name is what follows the last slash of its ARN.
    let name: Value = new Unknown('name of an imported user or group');
    if (spec.given === 'name') name = toGraphValue(given, ref);
    else if (typeof arn === 'string') name = arn.split('/').pop()!;
    const policyId = `${this.model.pathOf(scope, id, site)}/${spec.policy}`;
    this.importedIdentities.set(imported, {
      attachedBy: spec.attachedBy,
      policyId,
      name,
      file: site.file,
      line: site.line,
    });
  }

  /**
   * `Role.fromRoleArn(scope, id, arn, options)` or `Role.fromRoleName(scope, id, name, options)`:
   * a role outside the stack, by the ARN CDK gives it (fromRoleName: formatArn in the stack's account).
   */
  importRole(
    method: string,
    [scope, id, arnOrName, options]: JsValue[],
    site: CallSite,
  ): HostObject {
    let roleArn: JsValue =
      method === 'fromRoleArn' ? arnOrName : new Unknown('imported role');
    if (method === 'fromRoleName' && typeof arnOrName === 'string') {
      roleArn = concat([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':iam::',
        Unknown.oneValue('AWS::AccountId'),
        ':role/',
        arnOrName,
      ]);
    }
    // Its name is what follows the last slash of the ARN (aws-iam/lib/role.ts, fromRoleArn).
    let roleName: JsValue = new Unknown('name of an imported role');
    if (method === 'fromRoleName' && typeof arnOrName === 'string')
      roleName = arnOrName;
    else if (typeof roleArn === 'string') roleName = roleArn.split('/').pop();
    // Mutable unless its options say `mutable: false` (undefined: not known statically).
    const given =
      options === undefined || isPlainObject(options)
        ? options?.mutable
        : new Unknown('options');
    let mutable: boolean | undefined = given !== false;
    if (given !== undefined && typeof given !== 'boolean') mutable = undefined;
    // An ARN naming an account: CDK makes the role immutable when the stack's account, often the deploying
    // one (CDK_DEFAULT_ACCOUNT), is another, which is not known statically.
    if (
      mutable &&
      typeof roleArn === 'string' &&
      /^arn:[^:]*:iam::\d{12}:/.test(roleArn)
    )
      mutable = undefined;
    return new HostObject('importedRole', {
      roleArn: roleArn ?? new Unknown('imported role'),
      roleName,
      mutable,
      path: this.model.pathOf(scope, id, site),
      file: site.file,
      line: site.line,
    });
  }

  /** The ARN of a role given to a construct: one of the stack's, or one imported (`Role.fromRoleArn`). */
  roleArnOf(role: JsValue): Value | undefined {
    if (isImportedRole(role)) return this.model.ref(role.data.roleArn);
    return this.model.ref(role, 'Arn');
  }
}
