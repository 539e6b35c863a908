/**
 * Templates `cdk synth` wrote to `cdk.out/`: read as CloudFormation, then
 * each resource is named by its construct path (Metadata `aws:cdk:path`,
 * below the stack, without the trailing `/Resource`) instead of the
 * generated logical id, which says little (`OrderFunction1A2B3C4D`).
 */
import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import { Ref, Template, isMap } from '../../graph/values';
import { LOG_GROUP_TYPE } from '../../analysis/logs';
import { loadTemplates } from '../cloudformation';
import { LoadError, LoadResult, ReadCompanionFile, SourceFile } from '../types';
import { DocumentParseError, parseYaml } from '../../documents/parseYaml';
import { folderOf } from '../../support/paths';
import { Renaming, renamed } from './rename';
import { uniqueId } from './uniqueIds';

/**
 * How many parts of its resources' paths name the stack a template is of: one for a stack of the app, more for
 * one in a stage (`Prod/App/...`) or a nested stack (`App/Queues/...`). Read from the resources whose logical ids
 * are the ones CDK makes of their paths below that many parts (see uniqueId): the fewest parts any is, as an id
 * overridden to the construct's own (`Legacy` of `App/Svc/Legacy`) reads as one made below more; one where none
 * is (ids all overridden).
 */
function stackPathLength(paths: [string, string[]][]): number {
  let fewest: number | undefined;
  for (const [logicalId, parts] of paths) {
    const longest = Math.min(parts.length, fewest ?? parts.length);
    for (let length = 1; length < longest; length++) {
      if (uniqueId(parts.slice(length)) === logicalId) {
        fewest = length;
        break;
      }
    }
    if (fewest === 1) break;
  }
  return fewest ?? 1;
}

/** Each resource's logical id and construct path (Metadata `aws:cdk:path`), in parts, where it has one. */
function resourcePaths(text: string): [string, string[]][] {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch {
    return []; // the CloudFormation reader reports it
  }
  const resources = (
    template as {
      Resources?: Record<string, { Metadata?: Record<string, unknown> }>;
    }
  )?.Resources;
  if (!resources || typeof resources !== 'object') return [];
  const withPaths: [string, string[]][] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const path = resource?.Metadata?.['aws:cdk:path'];
    if (typeof path === 'string') withPaths.push([logicalId, path.split('/')]);
  }
  return withPaths;
}

/** Logical id → construct path below the stack. */
function constructPaths(withPaths: [string, string[]][]): Map<string, string> {
  const paths = new Map<string, string>();
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

interface StackArtifact {
  type?: unknown;
  displayName?: unknown;
  properties?: { templateFile?: unknown; tags?: unknown };
}

interface CloudAssemblyManifest {
  artifacts?: Record<string, StackArtifact>;
}

/**
 * The cloud assembly manifests beside templates, each read once: one that cannot be parsed is reported (PARSE-001,
 * as a template is) and read as none: its stacks are read as without tags of their own.
 */
function manifestReader(
  errors: LoadError[],
  readFile?: ReadCompanionFile,
): (file: string) => CloudAssemblyManifest | undefined {
  const read = new Map<string, CloudAssemblyManifest | undefined>();
  return file => {
    const folder = folderOf(file);
    const path = folder ? `${folder}/manifest.json` : 'manifest.json';
    if (read.has(path)) return read.get(path);
    const text = readFile?.(path);
    let manifest: CloudAssemblyManifest | undefined;
    try {
      manifest =
        text === undefined
          ? undefined
          : (parseYaml(text) as CloudAssemblyManifest | undefined);
    } catch (error) {
      if (!(error instanceof DocumentParseError)) throw error;
      errors.push({
        file: path,
        line: error.line,
        message: error.message,
        format: 'cdk',
      });
    }
    read.set(path, manifest);
    return manifest;
  };
}

/**
 * Whether the stack a template is of has tags of its own (its `tags` prop, `Tags.of(stack)`): synth writes them
 * in the cloud assembly's `manifest.json`, beside the template, not in it, and CloudFormation applies them to
 * every resource of the stack and of its nested stacks. A nested stack's template is not in the manifest: its
 * stack is the one whose path (`displayName`) its resources are below.
 */
function hasStackTags(
  file: string,
  withPaths: [string, string[]][],
  manifest: CloudAssemblyManifest | undefined,
): boolean {
  const folder = folderOf(file);
  const stacks = Object.values(manifest?.artifacts ?? {}).filter(
    artifact => artifact?.type === 'aws:cloudformation:stack',
  );
  const templateFile = file.slice(folder ? folder.length + 1 : 0);
  const below = (artifact: StackArtifact) =>
    typeof artifact.displayName === 'string' &&
    withPaths.length > 0 &&
    withPaths.every(([, parts]) =>
      parts.join('/').startsWith(`${artifact.displayName}/`),
    );
  const stack =
    stacks.find(
      artifact => artifact.properties?.templateFile === templateFile,
    ) ??
    stacks
      .filter(below)
      .sort(
        (a, b) => String(b.displayName).length - String(a.displayName).length,
      )[0];
  const tags = stack?.properties?.tags;
  return isMap(tags) && Object.keys(tags).length > 0;
}

/** References to logical ids renamed to construct paths. */
function byPath(ids: Map<string, string>): Renaming {
  return {
    ref: ref =>
      ids.has(ref.target) ? new Ref(ids.get(ref.target)!, ref.attribute) : ref,
  };
}

/** The custom resource a function's `logRetention` makes (aws-logs/lib/log-retention.ts). */
const LOG_RETENTION = 'Custom::LogRetention';

/**
 * A `logRetention`'s custom resource as the log group it sets the retention of, which Lambda creates, as the
 * sources' reading has it: of the function whose log group it names (`/aws/lambda/` and the function's name), with
 * the retention it sets (none for RetentionDays.INFINITE).
 */
function retainedLogGroup(retention: Resource): Resource {
  const { LogGroupName, RetentionInDays } = retention.properties;
  const [prefix, fn] =
    LogGroupName instanceof Template ? LogGroupName.parts : [];
  const owner =
    prefix === '/aws/lambda/' && fn instanceof Ref && !fn.attribute
      ? fn.target
      : undefined;
  return {
    ...retention,
    type: LOG_GROUP_TYPE,
    sourceType: LOG_RETENTION,
    properties: { LogGroupName, RetentionInDays },
    ...(owner && { generatedBy: owner, origin: 'logRetention' }),
  };
}

/** Loads synthesized templates as CDK graphs whose resources are named by construct path. */
export function loadSynthesized(
  files: SourceFile[],
  readFile?: ReadCompanionFile,
): LoadResult {
  const loaded = loadTemplates(files, undefined, { emptyStacks: true });
  const manifestErrors: LoadError[] = [];
  const manifestOf = manifestReader(manifestErrors, readFile);
  const texts = new Map(files.map(file => [file.path, file.text]));
  const graphs = loaded.graphs.map(graph => {
    const withPaths = resourcePaths(texts.get(graph.file) ?? '');
    const ids = constructPaths(withPaths);
    const resources: Resource[] = [...graph.resources].map(resource => {
      const named: Resource = {
        ...resource,
        id: ids.get(resource.id) ?? resource.id,
        properties: renamed(
          resource.properties,
          byPath(ids),
        ) as Resource['properties'],
        ...(resource.generatedBy && {
          generatedBy: ids.get(resource.generatedBy) ?? resource.generatedBy,
        }),
      };
      return named.type === LOG_RETENTION ? retainedLogGroup(named) : named;
    });
    return new ResourceGraph({
      file: graph.file,
      format: 'cdk',
      resources,
      outputs: graph.outputs.map(output => ({
        ...output,
        value: renamed(output.value, byPath(ids)),
      })),
      hasDefaultTags:
        graph.hasDefaultTags ||
        hasStackTags(graph.file, withPaths, manifestOf(graph.file)),
      writtenText: graph.writtenText,
    });
  });
  return {
    graphs,
    errors: [
      ...loaded.errors.map(error => ({ ...error, format: 'cdk' as const })),
      ...manifestErrors,
    ],
    files: loaded.files.map(file => ({ ...file, format: 'cdk' as const })),
    skipped: loaded.skipped,
  };
}
