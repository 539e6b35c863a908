import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import {
  Template,
  Unknown,
  Value,
  describeValue,
  exportNameImported,
} from '../../graph/values';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { roleOf } from '../../analysis/iam';
import { textWithPartsNotKnown } from '../../analysis/strings';
import { defineRule } from '../types';

/** Pseudo parameters that are the same for every resource of one stack. */
const SAME_IN_THE_STACK = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/**
 * Reasons of values not known statically that name one input of the stack,
 * the same wherever it is read: a CloudFormation (or CDK `CfnParameter`)
 * parameter, a Terraform root module's variable, a Pulumi config key read
 * whole with its namespace (`config demo:roleArn`). Not a variable of a type
 * not read (a module's, which each instance of the module sets apart), nor
 * a config key whose namespace is not known, nor an object in config (its
 * members are read as the object).
 */
const STACK_INPUT =
  /^(?:parameter \S+|variable [\w-]+(?: \(set in [^)]+\))?|config [^\s:]+:\S+)$/;

function sameInTheStack(part: string | Value): boolean {
  return (
    typeof part === 'string' ||
    (part instanceof Unknown &&
      (SAME_IN_THE_STACK.has(part.reason) ||
        STACK_INPUT.test(part.reason) ||
        part.isOneValue))
  );
}

/**
 * A value not known statically read whole that names one role wherever the
 * stack reads it: a stack input, or any other one value (an import by a
 * written export name, a Terraform `aws_iam_role` data source, a Pulumi
 * `getRole` by a written name). Not a pseudo parameter, which is no role.
 */
function namesOneRole(value: Unknown): boolean {
  return (
    STACK_INPUT.test(value.reason) ||
    (value.isOneValue && !SAME_IN_THE_STACK.has(value.reason))
  );
}

/**
 * A role outside the stack as one key for every function naming that role,
 * and how messages name it: its ARN written out, or built only from parts
 * the same throughout the stack (`!Sub arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}-x`,
 * a parameter or an import giving its name), or a stack input or another
 * one value read whole (`!Ref RoleArn`, `!ImportValue platform-role-arn`,
 * `data.aws_iam_role.platform.arn`): whatever role it names, every function
 * reading it has that one. Undefined for any other value (an import by a
 * name built from a value not known, a condition, an attribute).
 */
function roleOutsideStack(
  value: Value | undefined,
): { key: string; named: string } | undefined {
  // `!Sub '${RoleArn}'` reads it whole too.
  const whole =
    value instanceof Template && value.parts.length === 1
      ? value.parts[0]
      : value;
  if (whole instanceof Unknown) {
    if (!namesOneRole(whole)) return undefined;
    // An input or an import names the role; another value is its ARN (`ARN of the IAM role named platform`).
    const names =
      STACK_INPUT.test(whole.reason) || exportNameImported(whole) !== undefined;
    return {
      key: describeValue(whole),
      named: names ? `(the one ${whole.reason} names)` : `(${whole.reason})`,
    };
  }
  if (
    typeof value !== 'string' &&
    !(value instanceof Template && value.parts.every(sameInTheStack))
  )
    return undefined;
  const text = textWithPartsNotKnown(value);
  if (!/^arn:[^:]*:iam::[^:]*:role\/./.test(text)) return undefined;
  // A stack deploys in one partition: a role written `arn:aws:` there is the one written `arn:${AWS::Partition}:`.
  const key = describeValue(value).replace(
    /^arn:(?:[^:<]*|<AWS::Partition>):/,
    'arn:<partition>:',
  );
  return { key, named: describeValue(value) };
}

/**
 * How many copies of `resource` there are to each copy of `other`: those
 * made apart from it (copies of a module instance that holds both are
 * theirs alike; with no `other`, a role outside the stack, all are).
 * Undefined when none are; a count not known statically is not given.
 */
function copiesApart(
  resource: Resource,
  other: Resource | undefined,
): { count?: number } | undefined {
  const shared = new Set(other?.copies?.map(copies => copies.by));
  const apart = resource.copies?.filter(copies => !shared.has(copies.by)) ?? [];
  if (apart.length === 0) return undefined;
  let count: number | undefined = 1;
  for (const copies of apart)
    count =
      count !== undefined && copies.count !== undefined
        ? count * copies.count
        : undefined;
  return count === undefined ? {} : { count };
}

/** Most functions a message names; it counts the others. */
const MOST_NAMED = 10;

/** A function a message names as sharing a role: what it stands for. */
interface Sharer {
  /** Its id, or the declaration's address where every instance of the declaration shares the role. */
  name: string;
  /** The declaration its instances are of, if it is one. */
  declaration?: string;
  /** What it is deployed as (one of its variants). */
  deployed: string;
}

/** The functions that share one role, as messages name them. */
function sharersOf(
  graph: ResourceGraph,
  functions: readonly Resource[],
  deployed: (fn: Resource) => string,
): Sharer[] {
  const instances = new Map<string, number>();
  for (const fn of functions)
    if (fn.instanceOf !== undefined)
      instances.set(fn.instanceOf, (instances.get(fn.instanceOf) ?? 0) + 1);
  const byName = new Map<string, Sharer>();
  for (const fn of functions) {
    const all =
      fn.instanceOf !== undefined &&
      instances.get(fn.instanceOf) === graph.instancesOf(fn.instanceOf);
    const name = all ? fn.instanceOf! : fn.id;
    if (!byName.has(name))
      byName.set(name, {
        name,
        declaration: fn.instanceOf,
        deployed: deployed(fn),
      });
  }
  return [...byName.values()];
}

/**
 * IAM-001: one execution role used by more than one function of the stack.
 * Reported once per function that shares it, at its `Role`; a declaration
 * that deploys several copies of a function (Terraform `count`, `for_each`,
 * on it or on a module call, its instances where they are known) shares
 * the role among them, unless each copy of a module instance has its own.
 * A role outside the stack is one role where functions name it by the same
 * ARN text (up to its partition), or by the same stack input, import or
 * data source read whole: which role that is is not known, that they share
 * it is. An import by a name not known statically or a condition proves
 * nothing and is skipped, and so is a role with copies
 * but one apart from the function (which copy the function takes is not
 * known), and a function declared again in a branch that may not run.
 * Functions under conditions that never hold together are never deployed
 * together.
 */
export default defineRule('IAM-001', ({ graph, check, report, doubt }) => {
  // By the role's id in the stack, or for a role outside it its ARN or the input naming it; the role itself where the stack declares it.
  const functionsByRole = new Map<
    string,
    { named: string; role?: Resource; functions: Resource[] }
  >();
  // A function whose role is not known (`!If [IsProd, !GetAtt Role.Arn, …]`) may share any other's.
  let roleNotKnown = false;
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const role = roleOf(graph, fn);
    const shared = role
      ? { key: role.id, named: role.id }
      : roleOutsideStack(fn.properties.Role);
    if (!shared) {
      if (fn.properties.Role !== undefined) roleNotKnown = true;
      continue;
    }
    // A role with several copies, or as many as are not known: which copy each function takes is not known.
    const roleCopies = role && copiesApart(role, fn);
    if (roleCopies && roleCopies.count !== 1) continue;
    check(fn);
    const sharing = functionsByRole.get(shared.key);
    if (sharing) sharing.functions.push(fn);
    else
      functionsByRole.set(shared.key, {
        named: shared.named,
        role,
        functions: [fn],
      });
  }
  if (roleNotKnown)
    for (const { functions } of functionsByRole.values())
      functions.forEach(fn => doubt(fn));
  // Declarations of one function in exclusive branches (variants) are never deployed together.
  const deployed = (fn: Resource) => fn.variantOf ?? fn.id;
  for (const {
    named: roleNamed,
    role,
    functions,
  } of functionsByRole.values()) {
    const sharers = sharersOf(graph, functions, deployed);
    // The copies of each declaration that share the role: its instances, and their copies apart from the role
    // (undefined where some are as many as are not known).
    const copiesOf = new Map<string, number | undefined>();
    const instancesSharing = new Map<string, number>();
    for (const fn of functions) {
      if (fn.instanceOf !== undefined)
        instancesSharing.set(
          fn.instanceOf,
          (instancesSharing.get(fn.instanceOf) ?? 0) + 1,
        );
      const declaration = fn.instanceOf ?? fn.id;
      const apart = copiesApart(fn, role);
      const these = apart ? apart.count : 1;
      const earlier = copiesOf.has(declaration) ? copiesOf.get(declaration) : 0;
      copiesOf.set(
        declaration,
        earlier === undefined || these === undefined
          ? undefined
          : earlier + these,
      );
    }
    // That they share it rests on each one's Role: one a default gives (`!Ref RoleArn`) a deployment may change.
    const restsOn = [{ resources: functions, path: ['Role'] }];
    for (const fn of functions) {
      // Functions under conditions that never hold together (a prod and a dev variant) never share it.
      const together = functions.filter(other =>
        graph.mayBeDeployedTogether(fn, other),
      );
      const others = (
        together.length === functions.length
          ? sharers
          : sharersOf(graph, together, deployed)
      )
        .filter(
          sharer =>
            sharer.deployed !== deployed(fn) &&
            !(
              fn.instanceOf !== undefined &&
              sharer.declaration === fn.instanceOf
            ),
        )
        .map(sharer => sharer.name);
      const copies = copiesOf.get(fn.instanceOf ?? fn.id);
      // As many copies as are not known: shared among them only where it has two instances at least.
      const several =
        copies === undefined
          ? (instancesSharing.get(fn.instanceOf ?? '') ?? 0) > 1
          : copies >= 2;
      if (others.length === 0 && !several) continue;
      let copiesNamed = '';
      if (several)
        copiesNamed =
          copies === undefined
            ? 'its other copies (count or for_each)'
            : `its other ${copies - 1} ${
                copies === 2 ? 'copy' : 'copies'
              } (count or for_each)`;
      // A message names a few of many.
      const unnamed = others.length - MOST_NAMED;
      const named =
        unnamed > 0
          ? [
              ...others.slice(0, MOST_NAMED),
              `${unnamed} other function${unnamed === 1 ? '' : 's'}`,
            ]
          : others;
      const sharedWith = [...(copiesNamed ? [copiesNamed] : []), ...named];
      report(fn, {
        message: `Function ${
          fn.id
        } shares its execution role ${roleNamed} with ${sharedWith.join(
          ', ',
        )}, so each holds the permissions of all of them.`,
        path: ['Role'],
        restsOn,
      });
    }
  }
});
