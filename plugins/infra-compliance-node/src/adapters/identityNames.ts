/** The IAM identities of a stack (roles, users, groups) a policy attachment names. */
import { Resource } from '../graph/ResourceGraph';
import { Value } from '../graph/values';
import { lookupTable } from '../support/lookupTable';

/** The name property and the kind of each type of IAM identity an attachment names. */
export const IDENTITIES = lookupTable<{ nameProperty: string; kind: string }>({
  'AWS::IAM::Role': { nameProperty: 'RoleName', kind: 'role' },
  'AWS::IAM::User': { nameProperty: 'UserName', kind: 'user' },
  'AWS::IAM::Group': { nameProperty: 'GroupName', kind: 'group' },
});

/**
 * The identities (roles, users or groups: `type`) of the stack an
 * attachment's value names: the one it refers to, or those whose literal
 * name a literal is (IAM names ignore case);
 * and those it may name: ones with a name not known statically, or every
 * one with a name for a value not known. One given no name may be named
 * only where `generatedNameMayBeWritten`: a name Terraform generates is
 * known to nothing written before it, while Pulumi's (its logical name and
 * a random suffix) may be written once deployed.
 */
export function identitiesNamed(
  resources: Resource[],
  type: string,
  name: Value | undefined,
  referenced: Resource | undefined,
  generatedNameMayBeWritten: boolean,
): { identities: Resource[]; mayBe: Resource[] } {
  if (referenced) return { identities: [referenced], mayBe: [] };
  const { nameProperty } = IDENTITIES[type]!;
  const nameOf = (identity: Resource) => identity.properties[nameProperty];
  const candidates = resources.filter(
    resource =>
      resource.type === type &&
      (generatedNameMayBeWritten || nameOf(resource) !== undefined),
  );
  if (typeof name !== 'string') return { identities: [], mayBe: candidates };
  const literal = (identity: Resource) => typeof nameOf(identity) === 'string';
  return {
    identities: candidates.filter(
      identity =>
        literal(identity) &&
        (nameOf(identity) as string).toLowerCase() === name.toLowerCase(),
    ),
    mayBe: candidates.filter(identity => !literal(identity)),
  };
}
