import { Resource } from '../../graph/ResourceGraph';
import { Template, Unknown, Value, collectRefs, isMap } from '../../graph/values';
import { defineRule } from '../types';

/** What a stack's consumers need to find, by canonical type. */
const EXPORTABLE: Readonly<Record<string, string>> = {
  'AWS::ApiGateway::RestApi': 'API',
  'AWS::ApiGatewayV2::Api': 'API',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
};

/** Stages (and custom-domain mappings) identify the API they belong to. */
const API_CHILDREN: Readonly<Record<string, string>> = {
  'AWS::ApiGateway::Stage': 'RestApiId',
  'AWS::ApiGateway::Deployment': 'RestApiId',
  'AWS::ApiGatewayV2::Stage': 'ApiId',
};

/**
 * True when an output's value was lost to something not known statically
 * that may hide a reference (an `Fn::If` on an unknown condition, an
 * intrinsic the adapter does not evaluate). Pseudo parameters, parameters
 * and imports name no resource of the stack.
 */
function mayHideReference(value: Value | undefined): boolean {
  if (value instanceof Unknown) {
    return value.reason.startsWith('condition ') || value.reason.startsWith('Fn::');
  }
  if (Array.isArray(value)) return value.some(mayHideReference);
  if (isMap(value)) return Object.values(value).some(mayHideReference);
  return false;
}

/** `https://${DomainParameter}/...`: a URL whose host is not known statically and names no resource. */
function isUrlFromParameters(value: Value): boolean {
  if (!(value instanceof Template)) return false;
  const [first, second] = value.parts;
  return typeof first === 'string' && /^https?:\/\/$/.test(first) && second instanceof Unknown;
}

/**
 * OPS-006: a stack that creates an API, a table, a queue or a topic exports
 * none of their identifiers as outputs. One finding (and one check) per
 * stack, on its first such resource.
 */
export default defineRule('OPS-006', ({ graph, check, report }) => {
  const candidates: Resource[] = [];
  for (const resource of graph.resources) {
    if (EXPORTABLE[resource.type]) candidates.push(resource);
  }
  if (candidates.length === 0) return;
  candidates.sort((a, b) => a.line - b.line || (a.id < b.id ? -1 : 1));
  const first = candidates[0];
  check(first);

  if (graph.outputs.some(output => mayHideReference(output.value))) return;
  const ids = new Set(candidates.map(c => c.id));
  const exported = graph.outputs.some(output =>
    collectRefs(output.value).some(({ ref }) => {
      if (ids.has(ref.target)) return true;
      const target = graph.get(ref.target);
      const parentProperty = target ? API_CHILDREN[target.type] : undefined;
      if (!target || !parentProperty) return false;
      return collectRefs(target.properties[parentProperty]).some(parent => ids.has(parent.ref.target));
    }),
  );
  if (exported) return;
  // A URL built from parameters (a custom domain) may well be the API's URL.
  const hasApi = candidates.some(c => EXPORTABLE[c.type] === 'API');
  if (hasApi && graph.outputs.some(output => isUrlFromParameters(output.value))) return;

  const names = candidates.map(c => `${EXPORTABLE[c.type]} ${c.generatedBy ? `${c.id} (created by SAM for ${c.generatedBy})` : c.id}`);
  const listed = names.length > 6
    ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
    : names.join(', ').replace(/, ([^,]*)$/, ' and $1');
  report(first, {
    message: graph.outputs.length === 0
      ? `The stack has no outputs, so it exports nothing about its ${listed}: consumers must look up their URL, name or ARN by hand.`
      : `None of the stack's outputs refers to its ${listed}, so consumers must look up their URL, name or ARN by hand.`,
  });
});
