/**
 * Which of a stack's resources its outputs export: the APIs, tables,
 * queues and topics other stacks, tests and people need to find (OPS-006,
 * OPS-007).
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import {
  Template,
  Unknown,
  Value,
  collectRefs,
  isMap,
  resourcesReferredTo,
} from '../graph/values';
import { lookupTable } from '../support/lookupTable';

/** What a stack's consumers need to find, by canonical type. */
export const EXPORTABLE = lookupTable<string>({
  'AWS::ApiGateway::RestApi': 'API',
  'AWS::ApiGatewayV2::Api': 'API',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
});

const EXPORTABLE_TYPES = Object.keys(EXPORTABLE);

/** Stages (and deployments) identify the API they belong to. */
const API_CHILDREN = lookupTable<string>({
  'AWS::ApiGateway::Stage': 'RestApiId',
  'AWS::ApiGateway::Deployment': 'RestApiId',
  'AWS::ApiGatewayV2::Stage': 'ApiId',
});

/**
 * The start of the reason of a value that a construct the adapter does not model gives (a CDK
 * AppSync `EventApi`'s `httpDns`): what it makes is not in the graph, and may be an API, a table, a queue or a
 * topic that the value identifies.
 */
export const OF_CONSTRUCT_NOT_MODELLED = 'of a construct not modelled: ';

/**
 * True when an output's value was lost to something not known statically
 * that may hide a reference (an `Fn::If` on an unknown condition, an
 * intrinsic the adapter does not evaluate, a construct not modelled). Pseudo parameters, parameters
 * and imports name no resource of the stack; what a Terraform function not
 * evaluated made of references names those alone (see resourcesReferredTo).
 */
function mayHideReference(value: Value | undefined): boolean {
  if (value instanceof Unknown) {
    return (
      value.reason.startsWith('condition ') ||
      value.reason.startsWith('Fn::') ||
      value.reason.startsWith(OF_CONSTRUCT_NOT_MODELLED)
    );
  }
  if (value instanceof Template) return value.parts.some(mayHideReference);
  if (Array.isArray(value)) return value.some(mayHideReference);
  if (isMap(value)) return Object.values(value).some(mayHideReference);
  return false;
}

/** `https://${DomainParameter}/...`: a URL whose host is not known statically and names no resource. */
function isUrlFromParameters(value: Value): boolean {
  if (!(value instanceof Template)) return false;
  const [first, second] = value.parts;
  return (
    typeof first === 'string' &&
    /^https?:\/\/$/.test(first) &&
    second instanceof Unknown
  );
}

export interface StackExports {
  /** The stack's exportable resources, by line. */
  candidates: Resource[];
  /** Ids of the candidates some output refers to (directly, or through an API's stage). */
  exported: Set<string>;
  /** Ids of the candidates only outputs under a condition not known statically refer to: they may be exported. */
  mayBeExported: Set<string>;
  /** An output is not known statically and may refer to anything: nothing can be proven missing. */
  unknown: boolean;
}

/** The stack's exportable resources and which of them its outputs export (OPS-006 and OPS-007 read them: read once per graph). */
export function stackExports(graph: ResourceGraph): StackExports {
  return graph.analysis(stackExports, readStackExports);
}

function readStackExports(graph: ResourceGraph): StackExports {
  // A copy: the list ofType gives may be the graph's own.
  const candidates = graph.ofType(...EXPORTABLE_TYPES).slice();
  // In the order written; those of one line (made in a loop) in the order the graph has them, which is the order
  // they are made in, as synth writes them (by id, `Audit` came before `Orders` made first). A CDK app's all in
  // the order it makes them, as synth writes them: a queue a construct class written above the stack makes is
  // not first for that, nor one a construct of another file makes for its line there.
  // (A resource whose id another of the graph repeats is not among its resources: after them.)
  // The graph's order is read only where there is something to sort: most stacks have one candidate or none.
  if (candidates.length > 1) {
    const order = new Map<Resource, number>();
    for (const resource of graph.resources) order.set(resource, order.size);
    const position = (resource: Resource) => order.get(resource) ?? order.size;
    const byLine = graph.format !== 'cdk';
    candidates.sort(
      (a, b) => (byLine ? a.line - b.line : 0) || position(a) - position(b),
    );
  }
  const ids = new Set(candidates.map(c => c.id));
  const exported = new Set<string>();
  const mayBeExported = new Set<string>();
  for (const output of graph.outputs) {
    // An output the stack may not export at all can only add what is exported.
    const exportedBy = output.conditional ? mayBeExported : exported;
    for (const id of resourcesReferredTo([output.value])) {
      if (ids.has(id)) exportedBy.add(id);
      const target = graph.get(id);
      const parentProperty = target ? API_CHILDREN[target.type] : undefined;
      if (!target || !parentProperty) continue;
      for (const parent of collectRefs(target.properties[parentProperty])) {
        if (ids.has(parent.ref.target)) exportedBy.add(parent.ref.target);
      }
    }
  }
  // A URL built from parameters (a custom domain) may well be an API's URL.
  for (const output of graph.outputs) {
    if (!isUrlFromParameters(output.value)) continue;
    for (const candidate of candidates) {
      if (EXPORTABLE[candidate.type] === 'API')
        (output.conditional ? mayBeExported : exported).add(candidate.id);
    }
  }
  for (const id of exported) mayBeExported.delete(id);
  return {
    candidates,
    exported,
    mayBeExported,
    unknown: graph.outputs.some(output => mayHideReference(output.value)),
  };
}

/** `queue Dlq`, or `queue FnEventInvokeConfigOnFailureQueue (created by SAM for Fn)`. */
export function describeExportable(resource: Resource): string {
  const what = `${EXPORTABLE[resource.type]} ${resource.id}`;
  return resource.generatedBy
    ? `${what} (created by SAM for ${resource.generatedBy})`
    : what;
}
