import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import { getPath } from '../../graph/values';
import { managedPolicyName } from '../../analysis/iam';
import { lookupTable } from '../../support/lookupTable';

const KINDS = lookupTable<string>({
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::Policy': 'policy',
  'AWS::IAM::RolePolicy': 'policy',
  'AWS::IAM::UserPolicy': 'policy',
  'AWS::IAM::GroupPolicy': 'policy',
  'AWS::IAM::ManagedPolicy': 'managed policy',
});

/** How messages name a policy holder: generated roles (SAM's, a Pulumi CallbackFunction's) by the function they belong to. */
export function describeHolder(holder: Resource): string {
  if (holder.generatedBy)
    return `the role ${holder.origin ?? 'SAM'} creates for ${
      holder.generatedBy
    }`;
  return `${KINDS[holder.type] ?? holder.type} ${holder.id}`;
}

/**
 * Where to narrow what the function a generated role is for may do, when
 * the function's settings are set elsewhere than where it is declared (see
 * {@link ResourceGraph.settingsElsewhere}): there, the policies its role is
 * made with (`Policies`, as SAM names them; @pulumi/aws's CallbackFunction
 * `policies`, which replace its broad defaults), or a role of its own.
 * Empty for every other holder.
 */
export function narrowPoliciesHint(
  graph: ResourceGraph,
  holder: Resource,
): string {
  const fn =
    holder.generatedBy === undefined
      ? undefined
      : graph.get(holder.generatedBy);
  if (!fn || !graph.settingsElsewhere(fn)) return '';
  return ` Set ${graph.nameOf(
    fn,
    'Policies',
  )} to ones that grant only the actions it uses, or give that function a role of its own.`;
}

/**
 * "Role X has the AWS managed policy Y attached", for messages about the
 * AWS managed policy whose ARN the holder lists at `path`.
 */
export function attachedManagedPolicy(
  holder: Resource,
  path: (string | number)[],
): string {
  const arn = getPath(holder.properties, path);
  const name =
    (arn !== undefined && managedPolicyName(arn)) || 'an AWS managed policy';
  return `${capitalize(
    describeHolder(holder),
  )} has the AWS managed policy ${name} attached`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
