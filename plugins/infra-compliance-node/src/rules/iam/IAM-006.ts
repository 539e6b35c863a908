import { Template, isUnknown } from '../../graph/values';
import { defineRule } from '../types';

const NAME_PROPERTIES: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
};

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
    report(resource, {
      message: `${kind} ${resource.id} has an explicit ${property}, so deploying needs CAPABILITY_NAMED_IAM and a second copy of the stack collides with it.`,
      path: [property],
    });
  }
});
