import { Resource } from '../../graph/ResourceGraph';
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
