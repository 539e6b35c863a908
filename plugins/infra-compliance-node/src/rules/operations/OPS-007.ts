import { describeExportable, stackExports } from '../../analysis/outputs';
import { defineRule } from '../types';

/**
 * OPS-007 (added by this project, from seed 001's "incomplete output
 * registration"): a stack that exports some of its APIs, tables, queues and
 * topics leaves others out. A stack that exports none is OPS-006's. One
 * check per such resource; a finding on each one not exported.
 */
export default defineRule('OPS-007', ({ graph, check, report, doubt }) => {
  const { candidates, exported, mayBeExported, unknown } = stackExports(graph);
  // That the stack exports some must hold whatever its conditions: one it may not export proves nothing.
  if (unknown || exported.size === 0) return;
  for (const resource of candidates) {
    check(resource);
    if (exported.has(resource.id)) continue;
    // An output under a condition not known statically may export it, or not.
    if (mayBeExported.has(resource.id)) {
      doubt(resource);
      continue;
    }
    report(resource, {
      message: `The stack exports some of its resources but not its ${describeExportable(
        resource,
      )}: tests, other stacks and people must look up its URL, name or ARN by hand.`,
    });
  }
});
