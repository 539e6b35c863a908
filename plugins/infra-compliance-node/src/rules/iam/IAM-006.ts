import { Template, isUnknown } from '../../graph/values';
import { defineRule } from '../types';
import { lookupTable } from '../../support/lookupTable';

const NAME_PROPERTIES = lookupTable<string>({
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
});

/**
 * IAM-006: an IAM role or managed policy with an explicit name. A name
 * built with unknown parts (`!Sub '${AWS::StackName}-role'`) is still a
 * name; a value that is wholly unknown (a condition not known statically)
 * may be no name at all and is not reported. Resources a format generates
 * (SAM's function roles) never carry a name and are not counted.
 */
export default defineRule('IAM-006', ({ graph, check, report }) => {
  for (const resource of graph.ofType(...Object.keys(NAME_PROPERTIES))) {
    if (resource.generatedBy) continue;
    check(resource);
    const property = NAME_PROPERTIES[resource.type];
    const name = resource.properties[property];
    if (name === undefined || isUnknown(name)) continue;
    if (typeof name !== 'string' && !(name instanceof Template)) continue;
    const kind = resource.type === 'AWS::IAM::Role' ? 'Role' : 'Managed policy';
    // CAPABILITY_NAMED_IAM is CloudFormation's; the collision (IAM names are account-wide) is every format's.
    const consequence = graph.format === 'cloudformation'
      ? 'deploying needs CAPABILITY_NAMED_IAM and a second copy of the stack collides with it'
      : 'a second copy of the stack, in another region or environment of the account, collides with it';
    report(resource, {
      message: `${kind} ${resource.id} has an explicit ${property}, so ${consequence}.`,
      path: [property],
    });
  }
});
