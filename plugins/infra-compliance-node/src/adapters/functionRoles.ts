/** Functions that run as the role another function of the stack runs as, in Terraform and Pulumi. */
import { Resource } from '../graph/ResourceGraph';
import { Ref, Value } from '../graph/values';
import { FUNCTION_TYPE } from '../analysis/lambda';

/**
 * Gives each function whose role is another function's (`role =
 * aws_lambda_function.first.role`, Pulumi's `role: first.role`: the ARN of
 * the role that one runs as) that function's Role as it is written: a role
 * of the stack (`aws_iam_role.shared.arn`) then reads as that role, for
 * IAM-001 and every rule that follows a function to its role; one not known
 * stays not known. Through a chain of such functions, the first's. A
 * function whose role is not given, or a chain back to itself (Terraform
 * refuses the cycle), leaves the reference as it is.
 */
export function resolveRolesOfOtherFunctions(
  resources: readonly Resource[],
): void {
  const functions = new Map(
    resources
      .filter(resource => resource.type === FUNCTION_TYPE)
      .map(fn => [fn.id, fn]),
  );
  const roleOf = (fn: Resource, seen: Set<string>): Value | undefined => {
    const role = fn.properties.Role;
    const other =
      role instanceof Ref && role.attribute === 'Role'
        ? functions.get(role.target)
        : undefined;
    if (!other) return role;
    if (seen.has(other.id)) return undefined;
    seen.add(other.id);
    return roleOf(other, seen);
  };
  for (const fn of functions.values()) {
    const role = roleOf(fn, new Set([fn.id]));
    if (role !== undefined) fn.properties.Role = role;
  }
}
