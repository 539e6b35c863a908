import { Value, asList, getPath, isMap, isUnknown } from '../../graph/values';
import { Resource } from '../../graph/ResourceGraph';
import { defineOwnValuesRule } from '../types';
import { lookupTable } from '../../support/lookupTable';
import { taggableTypes } from '../../analysis/taggableTypes';

/**
 * Types whose tags are on each of their replicas, each a resource of its own
 * once deployed, with the property that holds the replicas.
 */
const REPLICATED_TYPES = lookupTable<string>({
  'AWS::DynamoDB::GlobalTable': 'Replicas',
});

/** Whether tags are missing or empty (a value not known statically may be tags). */
function tagsState(tags: Value | undefined): 'missing' | 'empty' | 'present' {
  if (tags === undefined) return 'missing';
  const empty =
    tags === null ||
    (Array.isArray(tags) && tags.length === 0) ||
    (isMap(tags) && Object.keys(tags).length === 0);
  return empty ? 'empty' : 'present';
}

/**
 * The property a resource keeps its tags in, where it takes any: where the
 * format it is written in decides, as it says (Terraform), else as its type
 * says.
 */
function tagsPropertyOf(resource: Resource): string | undefined {
  if (resource.tagsProperty === undefined)
    return taggableTypes()[resource.type];
  return resource.tagsProperty ?? undefined;
}

/**
 * OPS-003: a taggable resource (one the format it is written in can tag:
 * see Resource.tagsProperty, else taggableTypes by its type) has no tags at
 * all (missing, empty list or empty map); a
 * global table, on any of its replicas. Stack-level default
 * tags (Terraform default_tags, Pulumi defaultTags, CDK's Tags.of) count for
 * every resource they reach; SAM Globals Tags only for the resources of
 * their section, which carry them. Resources a format generates (SAM's
 * roles, stages, ...) are not judged: the resource that declared them is.
 */
export default defineOwnValuesRule(
  'OPS-003',
  ({ graph, check, report, doubt }) => {
    const consequence =
      'so it cannot be attributed to a team, service or environment.';
    for (const resource of graph.resources) {
      const replicasProperty = REPLICATED_TYPES[resource.type];
      const property = replicasProperty ? 'Tags' : tagsPropertyOf(resource);
      if (
        !property ||
        resource.generatedBy ||
        (resource.defaultTags ?? graph.hasDefaultTags)
      )
        continue;
      check(resource);
      const kind = resource.sourceType ?? resource.type;
      if (replicasProperty) {
        const replicas = resource.properties[replicasProperty];
        // Replicas not known statically may be tagged.
        if (isUnknown(replicas)) doubt(resource);
        if (replicas === undefined || isUnknown(replicas)) continue;
        asList(replicas).forEach((replica, index) => {
          const tags = getPath(replica, [property]);
          const state = tagsState(tags);
          if (isUnknown(replica) || state === 'present') return;
          const region = getPath(replica, ['Region']);
          const where = `on its replica${
            typeof region === 'string' ? ` in ${region}` : ''
          }`;
          const path = `${replicasProperty}[${index}].${property}`;
          report(resource, {
            message:
              state === 'missing'
                ? `${kind} ${resource.id} has no tags ${where}, ${consequence}`
                : `${kind} ${resource.id} has no tags ${where}: ${graph.nameOf(
                    resource,
                    path,
                  )} is empty, ${consequence}`,
            path:
              state === 'missing'
                ? [replicasProperty, index]
                : [replicasProperty, index, property],
          });
        });
        continue;
      }
      const tags = resource.properties[property];
      const state = tagsState(tags);
      if (isUnknown(tags)) doubt(resource);
      if (state === 'present') continue; // tags, or a value not known statically
      // Where the call that made it cannot set them (a Pulumi inline handler), say where the author can.
      const fix = graph.settingsElsewhere(resource)
        ? ` Set ${graph.nameOf(resource, property)}.`
        : '';
      report(resource, {
        message:
          state === 'missing'
            ? `${kind} ${resource.id} has no tags, ${consequence}${fix}`
            : `${kind} ${resource.id} has no tags: ${graph.nameOf(
                resource,
                property,
              )} is empty, ${consequence}`,
        ...(state === 'missing' ? {} : { path: [property] }),
      });
    }
  },
);
