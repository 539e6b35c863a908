/**
 * What the REST API and the actions for AI assistants both accept as input:
 * the forms of rule ids and entity names, and the checks every text goes
 * through, with the same reasons on both.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CATEGORIES,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { normalizeEntityRef } from '../scanning/targets';

export const CATEGORY_IDS = CATEGORIES.map(category => category.id) as [
  string,
  ...string[],
];
export const SEVERITY_IDS = [...SEVERITIES] as [string, ...string[]];
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/**
 * A rule id in any case, as the actions and the REST API take it
 * (`dlq-001`): the actions' input schemas and openapi.yaml publish this
 * pattern, which a client may check arguments against before the id is
 * upper-cased.
 */
export const RULE_ID_ANY_CASE = /^[A-Za-z]{2,8}-\d{3}$/;
export const NAME_PART = /^[A-Za-z0-9._:-]{1,253}$/;

/**
 * The path of the first string in `value` (a query, a body, an action's
 * input) that holds a NUL character, which no text column of PostgreSQL
 * can store or compare. Walked with a stack of its own: a body may nest
 * deeper than the call stack (100kb of JSON holds 50,000 arrays one in
 * another), which was a 500 when each level was a call.
 */
function pathOfNul(value: unknown): string[] | undefined {
  type Step = { value: unknown; key?: string; parent?: Step };
  const pending: Step[] = [{ value }];
  while (pending.length) {
    const step = pending.pop()!;
    if (typeof step.value === 'string') {
      if (!step.value.includes('\0')) continue;
      const path: string[] = [];
      for (let at: Step | undefined = step; at?.parent; at = at.parent)
        path.push(at.key!);
      return path.reverse();
    }
    if (step.value && typeof step.value === 'object') {
      // Last pushed, first walked: the first key is looked at first.
      const entries = Object.entries(step.value);
      for (let i = entries.length - 1; i >= 0; i--) {
        pending.push({
          value: entries[i][1],
          key: entries[i][0],
          parent: step,
        });
      }
    }
  }
  return undefined;
}

/** An InputError naming the text of `value` (`what`: query, body, input) that holds a NUL character. */
export function rejectNul(value: unknown, what: string): void {
  const nul = pathOfNul(value);
  if (nul) {
    throw new InputError(
      `Invalid ${what}: ${
        nul.length ? nul.join('.') : what
      }: must not contain a NUL character`,
    );
  }
}

/** An entity's ref, as stored, from its kind, namespace and name; a 400 for a part no entity can have. */
export function entityRefFromParts(parts: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const { kind, namespace, name } = parts;
  for (const [label, value] of Object.entries({ kind, namespace, name })) {
    if (!NAME_PART.test(value))
      throw new InputError(`Invalid entity ${label} "${value}"`);
  }
  return normalizeEntityRef(`${kind}:${namespace}/${name}`);
}

/**
 * An entity reference given as text, as stored; a malformed one is a 400.
 * Without `defaultKind` the reference must name its kind.
 */
export function entityRefParam(value: string, defaultKind?: string): string {
  try {
    return normalizeEntityRef(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch (error) {
    throw new InputError(
      `Invalid ${defaultKind ?? 'entity'} reference "${value}": ${
        (error as Error).message
      }`,
    );
  }
}
