/**
 * Templates `cdk synth` wrote to `cdk.out/`: read as CloudFormation, then
 * each resource is named by its construct path (Metadata `aws:cdk:path`,
 * below the stack, without the trailing `/Resource`) instead of the
 * generated logical id, which says little (`OrderFunction1A2B3C4D`).
 */
import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import { Ref } from '../../graph/values';
import { loadTemplates } from '../cloudformation';
import { LoadResult, SourceFile } from '../types';
import { Renaming, renamed } from './rename';
import { uniqueId } from './uniqueIds';

export const SYNTHESIZED_TEMPLATE =
  /(^|\/)cdk\.out\/(?:[^/]+\/)*[^/]+\.template\.json$/;

/**
 * How many parts of its resources' paths name the stack a template is of: one for a stack of the app, more for
 * one in a stage (`Prod/App/...`) or a nested stack (`App/Queues/...`). Read from a resource whose logical id is
 * the one CDK makes of its path below that many parts (see uniqueId); one where none is (ids all overridden).
 */
function stackPathLength(paths: [string, string[]][]): number {
  for (const [logicalId, parts] of paths) {
    for (let length = 1; length < parts.length; length++) {
      if (uniqueId(parts.slice(length)) === logicalId) return length;
    }
  }
  return 1;
}

/** Logical id → construct path below the stack, from the template's metadata. */
function constructPaths(text: string): Map<string, string> {
  const paths = new Map<string, string>();
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch {
    return paths; // the CloudFormation reader reports it
  }
  const resources = (
    template as {
      Resources?: Record<string, { Metadata?: Record<string, unknown> }>;
    }
  )?.Resources;
  if (!resources || typeof resources !== 'object') return paths;
  const withPaths: [string, string[]][] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const path = resource?.Metadata?.['aws:cdk:path'];
    if (typeof path === 'string') withPaths.push([logicalId, path.split('/')]);
  }
  const stackParts = stackPathLength(withPaths);
  const used = new Set<string>();
  for (const [logicalId, parts] of withPaths) {
    const below =
      parts
        .slice(stackParts)
        .join('/')
        .replace(/\/Resource$/, '') || logicalId;
    const id = used.has(below) ? `${below} (${logicalId})` : below;
    used.add(id);
    paths.set(logicalId, id);
  }
  return paths;
}

/** References to logical ids renamed to construct paths. */
function byPath(ids: Map<string, string>): Renaming {
  return {
    ref: ref =>
      ids.has(ref.target) ? new Ref(ids.get(ref.target)!, ref.attribute) : ref,
  };
}

/** Loads synthesized templates as CDK graphs whose resources are named by construct path. */
export function loadSynthesized(files: SourceFile[]): LoadResult {
  const loaded = loadTemplates(files, undefined, { emptyStacks: true });
  const texts = new Map(files.map(file => [file.path, file.text]));
  const graphs = loaded.graphs.map(graph => {
    const ids = constructPaths(texts.get(graph.file) ?? '');
    const resources: Resource[] = [...graph.resources].map(resource => ({
      ...resource,
      id: ids.get(resource.id) ?? resource.id,
      properties: renamed(
        resource.properties,
        byPath(ids),
      ) as Resource['properties'],
      ...(resource.generatedBy && {
        generatedBy: ids.get(resource.generatedBy) ?? resource.generatedBy,
      }),
    }));
    return new ResourceGraph({
      file: graph.file,
      format: 'cdk',
      resources,
      outputs: graph.outputs.map(output => ({
        ...output,
        value: renamed(output.value, byPath(ids)),
      })),
      hasDefaultTags: graph.hasDefaultTags,
      writtenText: graph.writtenText,
    });
  });
  return {
    graphs,
    errors: loaded.errors.map(error => ({ ...error, format: 'cdk' as const })),
    files: loaded.files.map(file => ({ ...file, format: 'cdk' as const })),
    skipped: loaded.skipped,
  };
}
