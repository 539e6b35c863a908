/**
 * Lambda wiring read from the graph: how a function is triggered, where its
 * failures go, which queues it consumes and which queues are dead-letter
 * targets. Computed once per graph and shared by the rules.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asBoolean,
  asList,
  concat,
  asString,
  getPath,
  isMap,
} from '../graph/values';
import { addToList } from '../support/multiMap';
import { lookupTable } from '../support/lookupTable';
import { parseJsonText } from '../graph/jsonText';
import {
  QUALIFIED_FUNCTION_ARN,
  actionMatches,
  permissionsOf,
  resourceCovers,
} from './iam';
import {
  effectOf,
  policyStatements,
  principalIncludesService,
} from './policies';
import { textWithPartsNotKnown } from './strings';
import { RestingValues } from '../rules/types';

export const FUNCTION_TYPE = 'AWS::Lambda::Function';
export const QUEUE_TYPE = 'AWS::SQS::Queue';
export const MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/** How a trigger invokes a function. */
export type InvocationKind = 'sync' | 'poll' | 'async';

export interface Trigger {
  kind: InvocationKind;
  /**
   * The resource that declares the trigger (mapping, permission, rule, subscription...), or a caller
   * the program makes that no resource declares (see {@link Resource.callersElsewhere}).
   */
  via: Pick<Resource, 'id' | 'type' | 'generatedBy' | 'origin'>;
}

/** Principals that invoke Lambda synchronously, waiting for the result. */
const SYNC_PRINCIPALS = new Set([
  'apigateway.amazonaws.com',
  'elasticloadbalancing.amazonaws.com',
  'cognito-idp.amazonaws.com',
  'alexa-appkit.amazon.com',
  'lex.amazonaws.com',
  'appsync.amazonaws.com',
  'states.amazonaws.com',
  'secretsmanager.amazonaws.com', // secret rotation
  'firehose.amazonaws.com', // record transformation
  'bedrock.amazonaws.com', // agents' action groups, gateway tools
  'cloudfront.amazonaws.com', // function URLs behind a distribution
  'vpc-lattice.amazonaws.com',
]);

/**
 * Services whose events reach functions only through event source mappings,
 * which poll with the function's role: a permission for one lets it invoke
 * nothing, and declares no trigger (@pulumi/aws's queue, table and stream
 * subscriptions grant one beside their mapping).
 */
const POLLED_PRINCIPALS = new Set([
  'sqs.amazonaws.com',
  'dynamodb.amazonaws.com',
  'kinesis.amazonaws.com',
]);

/** Actions of a permission that are always synchronous, whoever the principal. */
const SYNC_ACTIONS = new Set(['lambda:InvokeFunctionUrl']);

const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';

/**
 * Resources that call the functions they refer to synchronously, waiting
 * for the result: state machine tasks (when the definition is not known
 * here: a string, a file in S3), authorizers, resolvers, user pool
 * triggers, record transformations, Object Lambda, Lambda@Edge, secret
 * rotation, agents' action groups.
 */
const SYNC_CALLERS = new Set([
  STATE_MACHINE_TYPE,
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::AppSync::DataSource',
  'AWS::Cognito::UserPool',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::CloudFront::Distribution',
  'AWS::SecretsManager::RotationSchedule',
  'AWS::Bedrock::Agent',
]);

/**
 * Resources that hand events to the functions they refer to without waiting:
 * IoT rules, log subscriptions, Config rules, Transfer Family workflow steps,
 * CodeCommit triggers.
 */
const ASYNC_CALLERS = new Set([
  'AWS::IoT::TopicRule',
  'AWS::Logs::SubscriptionFilter',
  'AWS::Config::ConfigRule',
  'AWS::Transfer::Workflow',
  'AWS::CodeCommit::Repository',
]);

/**
 * Services that invoke functions asynchronously with a role of the stack:
 * EventBridge Scheduler runs its schedules (also those created at run time)
 * with the role they name.
 */
const ASYNC_ROLE_PRINCIPALS = new Set(['scheduler.amazonaws.com']);

/** Versions and aliases stand for their function (Lambda@Edge names a version). */
export const FUNCTION_QUALIFIERS = new Set([
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
]);

interface LambdaIndex {
  triggers: Map<string, Trigger[]>;
  mappings: Map<string, Resource[]>;
  invokeConfigs: Map<string, Resource[]>;
  /** By queue id, who uses it as a dead-letter queue, and the property of the user that names it. */
  deadLetterQueues: Map<
    string,
    { queue: Resource; usedBy: Resource; property: string }[]
  >;
}

/**
 * A function named in an ARN's text: `arn:aws:lambda:…:function:orders`.
 * Not after a literal account: that may be another account's function; not
 * when a part not known statically continues the name (`orders${Suffix}`).
 */
const FUNCTION_IN_ARN =
  /(?<!\d{12}):function:([A-Za-z0-9_-]+)(?![A-Za-z0-9_\uE001-])/g;

/**
 * The graph's functions a text or template names, by ARN or, for a
 * property that takes a function's name (`nameProperty`), by name, possibly
 * qualified (`orders:live`).
 */
function functionsNamedInText(
  value: string | Template,
  byName: Map<string, Resource>,
  nameProperty: boolean,
  found: Resource[],
): void {
  const text = textWithPartsNotKnown(value);
  if (text.includes(':function:')) {
    for (const match of text.matchAll(FUNCTION_IN_ARN)) {
      const fn = byName.get(match[1]);
      if (fn && !found.includes(fn)) found.push(fn);
    }
  } else if (nameProperty && !text.startsWith('arn:')) {
    // The name, before a qualifier that may not be known statically (`orders:${Alias}`).
    const name = /^[A-Za-z0-9_-]+(?=:|$)/.exec(text)?.[0];
    const fn = name === undefined ? undefined : byName.get(name);
    if (fn && !found.includes(fn)) found.push(fn);
  }
}

/**
 * The function a value names when it is a function of the graph: by
 * reference, or by the text of its ARN; with `nameProperty` (a property
 * that takes a function's name) also by the name the stack gives it.
 */
function functionIn(
  graph: ResourceGraph,
  value: Value | undefined,
  nameProperty = false,
  throughQualifier = true,
): Resource | undefined {
  let refs: Ref[] = [];
  if (value instanceof Ref) refs = [value];
  else if (value instanceof Template)
    refs = value.parts.filter((p): p is Ref => p instanceof Ref);
  for (const ref of refs) {
    const target = graph.get(ref.target);
    if (target?.type === FUNCTION_TYPE) return target;
    // Invoking a version or an alias invokes its function (one step: a qualifier names its function).
    if (throughQualifier && target && FUNCTION_QUALIFIERS.has(target.type)) {
      const fn = functionIn(graph, target.properties.FunctionName, true, false);
      if (fn) return fn;
    }
  }
  if (typeof value !== 'string' && !(value instanceof Template))
    return undefined;
  const byName = graph.analysis(functionsByName, functionsByName);
  if (byName.size === 0) return undefined;
  const found: Resource[] = [];
  functionsNamedInText(value, byName, nameProperty, found);
  return found[0];
}

/** The graph's functions whose names the stack writes (`FunctionName: orders`). */
function functionsByName(graph: ResourceGraph): Map<string, Resource> {
  const byName = new Map<string, Resource>();
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const name = asString(fn.properties.FunctionName);
    if (name) byName.set(name, fn);
  }
  return byName;
}

/** Functions a value names by ARN or name rather than by reference (a state machine's tasks). */
function functionsNamedIn(
  value: Value | undefined,
  byName: Map<string, Resource>,
  found: Resource[] = [],
  nameProperty = false,
): Resource[] {
  if (typeof value === 'string' || value instanceof Template) {
    functionsNamedInText(value, byName, nameProperty, found);
  } else if (Array.isArray(value)) {
    for (const item of value) functionsNamedIn(item, byName, found);
  } else if (isMap(value)) {
    // A task's `FunctionName` may be the bare name.
    for (const key of Object.keys(value))
      functionsNamedIn(value[key], byName, found, key === 'FunctionName');
  }
  return found;
}

/** A state machine's definition, written as a value or as JSON text (`DefinitionString`, possibly a `!Sub`). */
function stateMachineDefinition(properties: ValueMap): ValueMap | undefined {
  if (isMap(properties.Definition)) return properties.Definition;
  const text = properties.DefinitionString;
  if (typeof text !== 'string' && !(text instanceof Template)) return undefined;
  const parsed = parseJsonText(text);
  return isMap(parsed) ? parsed : undefined;
}

/** The Task states of a state machine definition, in parallel branches and maps too. */
function* taskStates(definition: ValueMap): Generator<ValueMap> {
  const states = definition.States;
  if (!isMap(states)) return;
  for (const name of Object.keys(states)) {
    const state = states[name];
    if (!isMap(state)) continue;
    if (state.Type === 'Task') yield state;
    for (const branch of asList(state.Branches))
      if (isMap(branch)) yield* taskStates(branch);
    for (const nested of [state.Iterator, state.ItemProcessor])
      if (isMap(nested)) yield* taskStates(nested);
  }
}

/** A Task's literal text, with `${Name}` placeholders replaced by what `substitutions` gives them. */
function substituted(
  value: Value | undefined,
  substitutions: Value | undefined,
): Value | undefined {
  if (
    typeof value !== 'string' ||
    !isMap(substitutions) ||
    !value.includes('${')
  )
    return value;
  return concat(
    value
      .split(/\$\{([^}]*)\}/)
      .map((piece, index) =>
        index % 2 === 0 ? piece : substitutions[piece] ?? new Unknown(piece),
      ),
  );
}

/** Step Functions' Lambda integrations, optimised or through the SDK. */
const LAMBDA_INVOKE_INTEGRATION = /:states:::(?:aws-sdk:)?lambda:invoke/;

/**
 * The functions a Task calls and how: its `Resource` is a function's ARN
 * (a synchronous call), or the `lambda:invoke` integration whose
 * `FunctionName` names one (asynchronous with `InvocationType: Event`).
 */
function taskCall(
  graph: ResourceGraph,
  task: ValueMap,
  substitutions: Value | undefined,
  byName: Map<string, Resource>,
): { kind: InvocationKind; functions: Resource[] } {
  const resource = substituted(task.Resource, substitutions);
  const integration =
    resource instanceof Template
      ? resource.parts.filter(part => typeof part === 'string').join('')
      : resource;
  let target = resource;
  let kind: InvocationKind = 'sync';
  if (
    typeof integration === 'string' &&
    LAMBDA_INVOKE_INTEGRATION.test(integration)
  ) {
    // JSONPath tasks write Parameters, JSONata ones Arguments.
    const parameters = [task.Parameters, task.Arguments].find(isMap) ?? {};
    target = substituted(parameters.FunctionName, substitutions);
    if (parameters.InvocationType === 'Event') kind = 'async';
  }
  const functions: Resource[] = [];
  const referenced = functionIn(graph, target);
  if (referenced) functions.push(referenced);
  functionsNamedIn({ FunctionName: target ?? null }, byName, functions);
  return { kind, functions };
}

/** The functions a resource refers to, or names by ARN or name. */
function functionsReferencedBy(
  graph: ResourceGraph,
  resource: Resource,
  byName: Map<string, Resource>,
): Resource[] {
  const found: Resource[] = [];
  for (const edge of graph.referencesFrom(resource)) {
    const fn = functionBehind(graph, edge.to);
    if (fn) found.push(fn);
  }
  if (byName.size > 0) functionsNamedIn(resource.properties, byName, found);
  return found;
}

/**
 * Attributes of a version or alias that name nothing to invoke: a
 * version's number, an alias's name or the version it points to
 * (Terraform `aws_lambda_alias.live.name`, `.function_version`).
 */
const NOT_INVOCABLE = lookupTable<readonly string[]>({
  'AWS::Lambda::Version': ['Version'],
  'AWS::Lambda::Alias': ['Name', 'FunctionVersion'],
});

/** Whether a reference to `resource` (of `attribute`) hands a version or alias only by a part that names nothing to invoke. */
export function namesNothingToInvoke(
  resource: Resource,
  attribute: string | undefined,
): boolean {
  return (
    attribute !== undefined &&
    NOT_INVOCABLE[resource.type]?.includes(attribute) === true
  );
}

/** Whether a reference to `resource` (of `attribute`) is a function's qualified ARN: its version's, invoked qualified. */
export function namesOwnVersion(
  resource: Resource,
  attribute: string | undefined,
): boolean {
  return (
    resource.type === FUNCTION_TYPE && attribute === QUALIFIED_FUNCTION_ARN
  );
}

/** The function a resource is, or is a version or alias of. */
export function functionBehind(
  graph: ResourceGraph,
  resource: Resource,
): Resource | undefined {
  if (resource.type === FUNCTION_TYPE) return resource;
  return FUNCTION_QUALIFIERS.has(resource.type)
    ? functionIn(graph, resource.properties.FunctionName, true)
    : undefined;
}

/**
 * The functions a role lets an asynchronous service invoke (see
 * {@link ASYNC_ROLE_PRINCIPALS}): those a statement allowing
 * `lambda:InvokeFunction` names. A grant on `*` or a wildcard ARN names
 * none in particular.
 */
function functionsInvokedWithRole(
  graph: ResourceGraph,
  role: Resource,
): Resource[] {
  const trust = policyStatements(role.properties.AssumeRolePolicyDocument);
  const trusted = trust?.statements.some(
    ({ statement }) =>
      effectOf(statement) === 'Allow' &&
      principalIncludesService(statement.Principal, service =>
        typeof service === 'string' && ASYNC_ROLE_PRINCIPALS.has(service)
          ? 'yes'
          : 'no',
      ) === 'yes',
  );
  if (!trusted) return [];
  const functions = graph.ofType(FUNCTION_TYPE);
  const invoked: Resource[] = [];
  for (const statement of permissionsOf(graph, role).statements) {
    if (statement.effect !== 'Allow' || statement.notAction) continue;
    if (
      !statement.actions?.some(action =>
        actionMatches(action, 'lambda:InvokeFunction'),
      )
    )
      continue;
    for (const resource of statement.resources ?? []) {
      if (resource === '*') continue;
      for (const fn of functions) {
        if (!invoked.includes(fn) && resourceCovers(resource, fn) === 'yes')
          invoked.push(fn);
      }
    }
  }
  return invoked;
}

/**
 * How an API Gateway integration with these request parameters calls
 * Lambda: asynchronously where a non-proxy integration asks for it
 * (`X-Amz-Invocation-Type: 'Event'`; header names ignore case).
 */
function asksForEventCall(parameters: Value | undefined): InvocationKind {
  if (!isMap(parameters)) return 'sync';
  const header = Object.keys(parameters).find(
    key =>
      key.toLowerCase() === 'integration.request.header.x-amz-invocation-type',
  );
  return header !== undefined && parameters[header] === "'Event'"
    ? 'async'
    : 'sync';
}

/**
 * Whether an AppSync request mapping template asks for an asynchronous invocation of a Lambda data source's function
 * (`"invocationType": "Event"`, the Lambda resolver's mapping template reference); a part not known statically is no
 * such literal.
 */
export function asksForEventInvocation(template: Value | undefined): boolean {
  if (typeof template !== 'string' && !(template instanceof Template))
    return false;
  return /"invocationType"\s*:\s*"Event"/.test(textWithPartsNotKnown(template));
}

/**
 * The Lambda data source of the stack a resolver names (`DataSourceName`): by a reference to it (`!GetAtt
 * Source.Name`), or by its name, of the resolver's API where both name theirs by a reference; none where that is
 * not one data source.
 */
function lambdaDataSourceOf(
  graph: ResourceGraph,
  name: Value | undefined,
  apiId: Value | undefined,
): Resource | undefined {
  let sources: Resource[] = [];
  if (name instanceof Ref)
    sources = [graph.get(name.target)].filter(
      (source): source is Resource =>
        source?.type === 'AWS::AppSync::DataSource',
    );
  else if (typeof name === 'string') {
    sources = graph.ofType('AWS::AppSync::DataSource').filter(source => {
      const sourceApi = source.properties.ApiId;
      const otherApi =
        apiId instanceof Ref &&
        sourceApi instanceof Ref &&
        apiId.target !== sourceApi.target;
      return source.properties.Name === name && !otherApi;
    });
  }
  return sources.length === 1 && sources[0].properties.Type === 'AWS_LAMBDA'
    ? sources[0]
    : undefined;
}

/** The `x-amazon-apigateway-integration` of each operation of an OpenAPI body. */
function openApiIntegrations(body: Value | undefined): ValueMap[] {
  const integrations: ValueMap[] = [];
  const paths = getPath(body, ['paths']);
  if (!isMap(paths)) return integrations;
  for (const operations of Object.values(paths)) {
    if (!isMap(operations)) continue;
    for (const operation of Object.values(operations)) {
      const integration = getPath(operation, [
        'x-amazon-apigateway-integration',
      ]);
      if (isMap(integration)) integrations.push(integration);
    }
  }
  return integrations;
}

function buildIndex(graph: ResourceGraph): LambdaIndex {
  const index: LambdaIndex = {
    triggers: new Map(),
    mappings: new Map(),
    invokeConfigs: new Map(),
    deadLetterQueues: new Map(),
  };
  let byName: Map<string, Resource> | undefined;
  const trigger = (
    fn: Resource | undefined,
    kind: InvocationKind,
    via: Trigger['via'],
  ) => {
    if (fn) addToList(index.triggers, fn.id, { kind, via });
  };
  for (const resource of graph.resources) {
    const p = resource.properties;
    // Callers the program makes that the template does not declare as resources (a CDK task in a Parallel's branch,
    // a Terraform event target of a rule elsewhere), of a function or of a version or alias of it.
    for (const caller of resource.callersElsewhere ?? [])
      trigger(functionBehind(graph, resource), caller.kind, {
        id: caller.id,
        type: caller.type,
      });
    switch (resource.type) {
      case MAPPING_TYPE: {
        const fn = functionIn(graph, p.FunctionName, true);
        if (fn) {
          addToList(index.mappings, fn.id, resource);
          trigger(fn, 'poll', resource);
        }
        break;
      }
      case 'AWS::Lambda::Permission': {
        const principal = asString(p.Principal);
        if (principal !== undefined && POLLED_PRINCIPALS.has(principal)) break;
        const action = asString(p.Action);
        // A principal not known statically (a module input) may be a caller that waits: not known to call asynchronously.
        // InvokedViaFunctionUrl limits the permission to calls through the function URL (a public URL needs it beside
        // lambda:InvokeFunctionUrl since October 2025); true, or not known statically, is no asynchronous caller.
        const sync =
          (action !== undefined && SYNC_ACTIONS.has(action)) ||
          (p.InvokedViaFunctionUrl !== undefined &&
            asBoolean(p.InvokedViaFunctionUrl) !== false) ||
          principal === undefined ||
          SYNC_PRINCIPALS.has(principal);
        trigger(
          functionIn(graph, p.FunctionName, true),
          sync ? 'sync' : 'async',
          resource,
        );
        break;
      }
      case 'AWS::Lambda::Url':
        trigger(functionIn(graph, p.TargetFunctionArn, true), 'sync', resource);
        break;
      case 'AWS::Lambda::EventInvokeConfig': {
        const fn = functionIn(graph, p.FunctionName, true);
        if (fn) addToList(index.invokeConfigs, fn.id, resource);
        // A function as the destination of another's outcome is invoked asynchronously.
        for (const outcome of ['OnSuccess', 'OnFailure']) {
          trigger(
            functionIn(
              graph,
              getPath(p.DestinationConfig, [outcome, 'Destination']),
            ),
            'async',
            resource,
          );
        }
        break;
      }
      case 'AWS::SNS::Subscription':
        trigger(functionIn(graph, p.Endpoint), 'async', resource);
        break;
      case 'AWS::SNS::Topic':
        for (const subscription of asList(p.Subscription)) {
          trigger(
            functionIn(graph, getPath(subscription, ['Endpoint'])),
            'async',
            resource,
          );
        }
        break;
      case 'AWS::Events::Rule':
        for (const target of asList(p.Targets)) {
          trigger(
            functionIn(graph, getPath(target, ['Arn'])),
            'async',
            resource,
          );
        }
        break;
      case 'AWS::Scheduler::Schedule':
        trigger(
          functionIn(graph, getPath(p.Target, ['Arn'])),
          'async',
          resource,
        );
        break;
      case 'AWS::S3::Bucket':
        for (const config of asList(
          getPath(p.NotificationConfiguration, ['LambdaConfigurations']),
        )) {
          trigger(
            functionIn(graph, getPath(config, ['Function'])),
            'async',
            resource,
          );
        }
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        for (const target of asList(p.Targets)) {
          trigger(functionIn(graph, getPath(target, ['Id'])), 'sync', resource);
        }
        break;
      case 'AWS::ApiGateway::Method':
        trigger(
          functionIn(graph, getPath(p.Integration, ['Uri'])),
          asksForEventCall(getPath(p.Integration, ['RequestParameters'])),
          resource,
        );
        break;
      case 'AWS::ApiGateway::RestApi':
      case 'AWS::ApiGatewayV2::Api':
        // An OpenAPI body's integrations; those it calls synchronously have their permissions (triggers above).
        for (const integration of openApiIntegrations(p.Body)) {
          if (asksForEventCall(integration.requestParameters) === 'async')
            trigger(functionIn(graph, integration.uri), 'async', resource);
        }
        break;
      case 'AWS::SES::ReceiptRule':
        // SES invokes asynchronously unless the action asks for RequestResponse.
        for (const action of asList(getPath(p.Rule, ['Actions']))) {
          const lambda = getPath(action, ['LambdaAction']);
          const kind =
            getPath(lambda, ['InvocationType']) === 'RequestResponse'
              ? 'sync'
              : 'async';
          trigger(
            functionIn(graph, getPath(lambda, ['FunctionArn'])),
            kind,
            resource,
          );
        }
        break;
      case 'AWS::ApiGatewayV2::Integration':
        trigger(
          functionIn(graph, p.IntegrationUri),
          asksForEventCall(p.RequestParameters),
          resource,
        );
        break;
      case 'AWS::AppSync::Resolver':
      case 'AWS::AppSync::FunctionConfiguration': {
        // A Lambda data source invokes its function synchronously (SYNC_CALLERS), unless a resolver's request is
        // known to ask for an Event invocation: code, or a template in S3, is not read.
        if (
          p.Code !== undefined ||
          p.CodeS3Location !== undefined ||
          !asksForEventInvocation(p.RequestMappingTemplate)
        )
          break;
        const source = lambdaDataSourceOf(graph, p.DataSourceName, p.ApiId);
        if (source)
          trigger(
            functionIn(
              graph,
              getPath(source.properties.LambdaConfig, ['LambdaFunctionArn']),
            ),
            'async',
            resource,
          );
        break;
      }
      case 'AWS::Pipes::Pipe': {
        // The enrichment is always awaited; the target is unless the pipe fires and forgets.
        trigger(functionIn(graph, p.Enrichment), 'sync', resource);
        const invocation = getPath(p.TargetParameters, [
          'LambdaFunctionParameters',
          'InvocationType',
        ]);
        trigger(
          functionIn(graph, p.Target),
          invocation === 'FIRE_AND_FORGET' ? 'async' : 'sync',
          resource,
        );
        break;
      }
      case 'AWS::IAM::Role':
        for (const fn of functionsInvokedWithRole(graph, resource))
          trigger(fn, 'async', resource);
        break;
      case FUNCTION_TYPE:
        // A function that is handed another function, or a version or alias of it (an environment variable), may invoke it asynchronously.
        for (const edge of graph.referencesFrom(resource)) {
          if (
            edge.path[0] !== 'Environment' ||
            namesNothingToInvoke(edge.to, edge.attribute)
          )
            continue;
          const handed = functionBehind(graph, edge.to);
          if (handed && handed !== resource) trigger(handed, 'async', resource);
        }
        break;
      default:
        if (SYNC_CALLERS.has(resource.type)) {
          byName ??= graph.analysis(functionsByName, functionsByName);
          const called = new Set<Resource>();
          const definition =
            resource.type === STATE_MACHINE_TYPE
              ? stateMachineDefinition(p)
              : undefined;
          if (definition) {
            // The definition is known: its tasks say which functions it calls, and how.
            for (const task of taskStates(definition)) {
              const call = taskCall(
                graph,
                task,
                p.DefinitionSubstitutions,
                byName,
              );
              for (const fn of call.functions) {
                trigger(fn, call.kind, resource);
                called.add(fn);
              }
            }
          }
          // Any other function it names may be called (a state machine's SDK
          // integration, a JSONata expression), and is not known to be called asynchronously.
          for (const fn of functionsReferencedBy(graph, resource, byName)) {
            if (!called.has(fn)) trigger(fn, 'sync', resource);
          }
        } else if (ASYNC_CALLERS.has(resource.type)) {
          for (const edge of graph.referencesFrom(resource))
            trigger(functionBehind(graph, edge.to), 'async', resource);
        } else if (
          resource.type.startsWith('Custom::') ||
          resource.type === 'AWS::CloudFormation::CustomResource'
        ) {
          // CloudFormation invokes a custom resource's function asynchronously.
          trigger(functionIn(graph, p.ServiceToken), 'async', resource);
          // CDK's trigger (aws-cdk-lib/triggers) has that function invoke the function of its HandlerArn, waiting
          // for it unless its InvocationType asks for an Event invocation.
          if (resource.type === 'Custom::Trigger')
            trigger(
              functionIn(graph, p.HandlerArn),
              asString(p.InvocationType) === 'Event' ? 'async' : 'sync',
              resource,
            );
        }
        break;
    }
  }
  // Dead-letter targets: function DLQs, on-failure destinations, queue redrive policies.
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const target = graph.resolve(
      getPath(fn.properties, ['DeadLetterConfig', 'TargetArn']),
    );
    if (target?.type === QUEUE_TYPE)
      addToList(index.deadLetterQueues, target.id, {
        queue: target,
        usedBy: fn,
        property: 'DeadLetterConfig',
      });
  }
  for (const config of graph.ofType(
    'AWS::Lambda::EventInvokeConfig',
    MAPPING_TYPE,
  )) {
    const target = graph.resolve(
      getPath(config.properties, [
        'DestinationConfig',
        'OnFailure',
        'Destination',
      ]),
    );
    if (target?.type === QUEUE_TYPE)
      addToList(index.deadLetterQueues, target.id, {
        queue: target,
        usedBy: config,
        property: 'DestinationConfig',
      });
  }
  for (const queue of graph.ofType(QUEUE_TYPE)) {
    const target = graph.resolve(
      getPath(redrivePolicy(queue), ['deadLetterTargetArn']),
    );
    if (target?.type === QUEUE_TYPE)
      addToList(index.deadLetterQueues, target.id, {
        queue: target,
        usedBy: queue,
        property: 'RedrivePolicy',
      });
  }
  // Where services that deliver events put what they could not deliver.
  const deliveryDeadLetter = (
    arn: Value | undefined,
    sender: Resource,
    property: string,
  ) => {
    const target = graph.resolve(arn);
    if (target?.type === QUEUE_TYPE)
      addToList(index.deadLetterQueues, target.id, {
        queue: target,
        usedBy: sender,
        property,
      });
  };
  for (const rule of graph.ofType('AWS::Events::Rule')) {
    for (const target of asList(rule.properties.Targets))
      deliveryDeadLetter(
        getPath(target, ['DeadLetterConfig', 'Arn']),
        rule,
        'Targets',
      );
  }
  for (const schedule of graph.ofType('AWS::Scheduler::Schedule')) {
    deliveryDeadLetter(
      getPath(schedule.properties.Target, ['DeadLetterConfig', 'Arn']),
      schedule,
      'Target',
    );
  }
  for (const subscription of graph.ofType('AWS::SNS::Subscription')) {
    deliveryDeadLetter(
      getPath(redrivePolicy(subscription), ['deadLetterTargetArn']),
      subscription,
      'RedrivePolicy',
    );
  }
  for (const pipe of graph.ofType('AWS::Pipes::Pipe')) {
    for (const source of [
      'DynamoDBStreamParameters',
      'KinesisStreamParameters',
    ]) {
      deliveryDeadLetter(
        getPath(pipe.properties.SourceParameters, [
          source,
          'DeadLetterConfig',
          'Arn',
        ]),
        pipe,
        'SourceParameters',
      );
    }
  }
  return index;
}

function lambdaIndex(graph: ResourceGraph): LambdaIndex {
  return graph.analysis(lambdaIndex, buildIndex);
}

/** Every trigger the stack declares for a function. */
export function triggersOf(
  graph: ResourceGraph,
  fn: Resource,
): readonly Trigger[] {
  return lambdaIndex(graph).triggers.get(fn.id) ?? [];
}

/** Event source mappings that feed a function. */
export function eventSourceMappingsOf(
  graph: ResourceGraph,
  fn: Resource,
): readonly Resource[] {
  return lambdaIndex(graph).mappings.get(fn.id) ?? [];
}

/** EventInvokeConfig resources of a function. */
export function invokeConfigsOf(
  graph: ResourceGraph,
  fn: Resource,
): readonly Resource[] {
  return lambdaIndex(graph).invokeConfigs.get(fn.id) ?? [];
}

/** Resources that use a dead-letter queue for the events they fail to deliver to their targets. */
const EVENT_DELIVERY_TYPES = new Set([
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
  'AWS::SNS::Subscription',
  'AWS::Pipes::Pipe',
]);

/**
 * Queues of the graph used as dead-letter targets, with who uses each:
 * functions (their dead-letter queues and on-failure destinations, and
 * their event source mappings'), queues (redrive policies), and unless
 * `users` is `functions and queues`, the services that deliver events
 * (EventBridge rules and schedules, SNS subscriptions, pipes). With what
 * makes it a dead-letter queue, as values a failure rests on (see
 * `RuleFailure.restsOn`): where each user names it, and the name an ARN
 * written out may name it by.
 */
export function deadLetterQueues(
  graph: ResourceGraph,
  users: 'all' | 'functions and queues' = 'all',
): { queue: Resource; usedBy: Resource[]; restsOn: RestingValues[] }[] {
  const found: {
    queue: Resource;
    usedBy: Resource[];
    restsOn: RestingValues[];
  }[] = [];
  for (const uses of lambdaIndex(graph).deadLetterQueues.values()) {
    const counted =
      users === 'all'
        ? uses
        : uses.filter(use => !EVENT_DELIVERY_TYPES.has(use.usedBy.type));
    if (counted.length === 0) continue;
    const { queue } = counted[0];
    found.push({
      queue,
      usedBy: counted.map(use => use.usedBy),
      restsOn: [
        ...counted.map(use => ({
          resources: [use.usedBy],
          path: [use.property],
        })),
        { resources: [queue], path: ['QueueName'] },
      ],
    });
  }
  return found;
}

/** The SQS queue an event source mapping reads, when it is in the graph. */
export function queueOfMapping(
  graph: ResourceGraph,
  mapping: Resource,
): Resource | undefined {
  const source = graph.resolve(mapping.properties.EventSourceArn);
  return source?.type === QUEUE_TYPE ? source : undefined;
}

/**
 * True when a mapping reads SQS: a queue of the graph, or an SQS ARN
 * written out (`!Sub arn:${AWS::Partition}:sqs:…`).
 */
export function isSqsMapping(graph: ResourceGraph, mapping: Resource): boolean {
  if (queueOfMapping(graph, mapping)) return true;
  const arn = mapping.properties.EventSourceArn;
  const text =
    arn instanceof Template ? textWithPartsNotKnown(arn) : asString(arn);
  return text !== undefined && /^arn:[^:]+:sqs:/.test(text);
}

/**
 * What makes functions a queue's consumers (see {@link consumersOf}), as
 * values a failure rests on (see `RuleFailure.restsOn`): the mappings'
 * `EventSourceArn` and `FunctionName`, and the names those may give the
 * queue and the functions by.
 */
export function consumptionRestsOn(
  queue: Resource,
  consumers: readonly { fn: Resource; mapping: Resource }[],
): RestingValues[] {
  const mappings = consumers.map(consumer => consumer.mapping);
  return [
    ...['EventSourceArn', 'FunctionName'].map(key => ({
      resources: mappings,
      path: [key],
    })),
    {
      resources: consumers.map(consumer => consumer.fn),
      path: ['FunctionName'],
    },
    { resources: [queue], path: ['QueueName'] },
  ];
}

/** A queue's or an SNS subscription's redrive policy; undefined for text adapters could not read as JSON. */
export function redrivePolicy(resource: Resource): Value | undefined {
  const policy = resource.properties.RedrivePolicy;
  return typeof policy === 'string' || policy instanceof Template
    ? undefined
    : policy;
}

/**
 * The graph's functions reading this queue through an event source
 * mapping: one that refers to it, or names it in its ARN by its fixed name.
 */
export function consumersOf(
  graph: ResourceGraph,
  queue: Resource,
): { fn: Resource; mapping: Resource }[] {
  const out: { fn: Resource; mapping: Resource }[] = [];
  const mappings = new Set<Resource>();
  for (const edge of graph.referencesTo(queue)) {
    if (edge.from.type === MAPPING_TYPE && edge.path[0] === 'EventSourceArn')
      mappings.add(edge.from);
  }
  for (const mapping of graph.ofType(MAPPING_TYPE)) {
    if (!mappings.has(mapping) && queueOfMapping(graph, mapping) === queue)
      mappings.add(mapping);
  }
  for (const mapping of mappings) {
    const fn = functionIn(graph, mapping.properties.FunctionName, true);
    if (fn) out.push({ fn, mapping });
  }
  return out;
}
