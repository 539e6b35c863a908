import { describeExportable, stackExports } from '../../analysis/outputs';
import { defineStackRule } from '../types';

/**
 * OPS-006: a stack that creates an API, a table, a queue or a topic exports
 * none of their identifiers as outputs. One finding (and one check) per
 * stack, on its first such resource.
 */
export default defineStackRule('OPS-006', ({ graph, check, report }) => {
  const { candidates, exported, mayBeExported, unknown } = stackExports(graph);
  if (candidates.length === 0) return;
  const first = candidates[0];
  check(first);
  if (unknown || exported.size > 0 || mayBeExported.size > 0) return;

  const names = candidates.map(describeExportable);
  const listed =
    names.length > 6
      ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
      : names.join(', ').replace(/, ([^,]*)$/, ' and $1');
  const identifiers = `${
    names.length === 1 ? 'its' : 'their'
  } URL, name or ARN by hand.`;
  report(first, {
    message:
      graph.outputs.length === 0
        ? `The stack has no outputs, so it exports nothing about its ${listed}: consumers must look up ${identifiers}`
        : `None of the stack's outputs refers to its ${listed}, so consumers must look up ${identifiers}`,
  });
});
