import { asString, getPath } from '../../graph/values';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { grants, permissionsOf, roleOf } from '../../analysis/iam';
import { defineRule } from '../types';

/**
 * IAM-005: a function with active X-Ray tracing whose role (of the stack)
 * grants no xray:PutTraceSegments. SAM's `Tracing: Active` adds
 * AWSXrayWriteOnlyAccess to the role it creates (modelled by the expansion).
 */
export default defineRule('IAM-005', ({ graph, check, report, doubt }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    if (
      asString(getPath(fn.properties, ['TracingConfig', 'Mode'])) !== 'Active'
    )
      continue;
    const role = roleOf(graph, fn);
    if (!role) continue;
    check(fn);
    const permissions = permissionsOf(graph, role);
    const granted = grants(permissions, ['xray:PutTraceSegments']);
    if (granted === 'unknown') doubt(fn);
    if (granted !== 'no') continue;
    report(fn, {
      message: `Function ${fn.id} has active tracing but its role ${role.id} grants no xray:PutTraceSegments, so its traces are rejected.`,
      path: ['TracingConfig', 'Mode'],
      // Which role the function has, and what that role may do.
      restsOn: [{ resources: [fn], path: ['Role'] }, ...permissions.restsOn],
    });
  }
});
