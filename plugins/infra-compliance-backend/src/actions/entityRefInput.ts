import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { ComplianceOperations } from '../service/ComplianceOperations';

/** The `entityRef` input of the actions about one entity. */
export function entityRefInput(zod: typeof z) {
  return zod
    .string()
    .trim()
    .min(1)
    .max(800)
    .describe(
      'The catalog entity, as an entity reference kind:namespace/name, e.g. component:default/orders. The kind may be left out for a Component (orders), the namespace for the default one.',
    );
}

/**
 * The entity an action's `entityRef` names, as stored: a 400 with the
 * reason for a malformed one; for a kind Infra Compliance does not scan, as
 * the REST API answers (reads: not found; a scan: 400).
 */
export function scopedEntityRefOf(
  operations: ComplianceOperations,
  entityRef: string,
  write = false,
): string {
  let parts;
  try {
    parts = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid entityRef "${entityRef}": ${
        (error as Error).message
      }; give kind:namespace/name, e.g. component:default/orders`,
    );
  }
  return operations.scopedEntityRef(parts, write);
}
