import { Resource } from '../../graph/ResourceGraph';
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
    return `the role ${holder.origin ?? 'SAM'} creates for ${holder.generatedBy}`;
  return `${KINDS[holder.type] ?? holder.type} ${holder.id}`;
}

/** The AWS managed policy whose ARN the holder lists at `path`, by name, for messages. */
export function attachedPolicyName(holder: Resource, path: (string | number)[]): string {
  const arn = getPath(holder.properties, path);
  return (arn !== undefined && managedPolicyName(arn)) || 'an AWS managed policy';
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
