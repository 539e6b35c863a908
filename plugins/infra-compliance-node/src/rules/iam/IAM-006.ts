import { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Template, Unknown, isUnknown } from '../../graph/values';
import { defineOwnValuesRule } from '../types';
import { lookupTable } from '../../support/lookupTable';

const NAME_PROPERTIES = lookupTable<string>({
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
});

/** How each format but CloudFormation (whose message says more) gives a name that stays unique by itself. */
const UNIQUE_NAMES: Record<Exclude<IacFormat, 'cloudformation'>, string> = {
  cdk: 'without it, CloudFormation generates a unique one',
  terraform: 'name_prefix lets Terraform add a unique suffix',
  pulumi: 'without it, Pulumi adds a unique suffix to the resource name',
};

/** Pseudo parameters that are the same for every copy of a stack in one account. */
const SAME_IN_THE_ACCOUNT = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::URLSuffix',
]);

/** Does a name built from values differ between copies of the stack (a stack name, a region, an input)? */
function variesBetweenCopies(name: Template): boolean {
  return name.parts.some(
    part =>
      typeof part !== 'string' &&
      !(part instanceof Unknown && SAME_IN_THE_ACCOUNT.has(part.reason)),
  );
}

/**
 * IAM-006: an IAM role or managed policy with an explicit name. A name
 * built with unknown parts (`!Sub '${AWS::StackName}-role'`) is still a
 * name; a value that is wholly unknown (a condition not known statically)
 * may be no name at all and is not reported. Resources a format generates
 * (SAM's function roles) never carry a name and are not counted.
 */
export default defineOwnValuesRule(
  'IAM-006',
  ({ graph, check, report, doubt }) => {
    for (const resource of graph.ofType(...Object.keys(NAME_PROPERTIES))) {
      if (resource.generatedBy) continue;
      check(resource);
      const property = NAME_PROPERTIES[resource.type];
      const name = resource.properties[property];
      if (isUnknown(name)) doubt(resource);
      if (name === undefined || isUnknown(name)) continue;
      if (typeof name !== 'string' && !(name instanceof Template)) continue;
      const kind =
        resource.type === 'AWS::IAM::Role' ? 'Role' : 'Managed policy';
      // CAPABILITY_NAMED_IAM and replacement are CloudFormation's; the collision (IAM names
      // are account-wide) is every format's, for a name the same in every copy: one built
      // from the stack's name, its region or an input may well differ between copies.
      const written =
        typeof name === 'string' ||
        (name instanceof Template && !variesBetweenCopies(name));
      let consequence: string;
      const format = graph.format;
      if (format === 'cloudformation') {
        consequence = written
          ? 'deploying needs CAPABILITY_NAMED_IAM and a second copy of the stack collides with it'
          : 'deploying needs CAPABILITY_NAMED_IAM and an update that must replace it fails (CloudFormation cannot replace a resource with a custom name)';
      } else {
        consequence = written
          ? 'a second copy of the stack, in another region or environment of the account, collides with it'
          : `the values it is built from must keep it unique in the account (IAM names are account-wide); ${UNIQUE_NAMES[format]}`;
      }
      report(resource, {
        message: `${kind} ${resource.id} has an explicit ${graph.nameOf(
          resource,
          property,
        )}, so ${consequence}.`,
        path: [property],
      });
    }
  },
);
