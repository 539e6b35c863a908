import { getPath } from '../../graph/values';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { defineOwnValuesRule } from '../types';

/** LOG-003: a function does not have active X-Ray tracing (TracingConfig.Mode: Active). */
export default defineOwnValuesRule(
  'LOG-003',
  ({ graph, check, report, doubt }) => {
    for (const fn of graph.ofType(FUNCTION_TYPE)) {
      check(fn);
      const config = fn.properties.TracingConfig;
      const mode = getPath(config, ['Mode']);
      if (mode === 'Active') continue;
      if (mode !== undefined && typeof mode !== 'string') {
        doubt(fn); // not known statically
        continue;
      }
      if (config === undefined) {
        // Where the call that made it cannot set it (a Pulumi inline handler), say where the author can.
        const fix = graph.settingsElsewhere(fn)
          ? ` Set mode Active in ${graph.nameOf(fn, 'TracingConfig')}.`
          : '';
        report(fn, {
          // Said without a property name: SAM writes `Tracing`, Terraform `tracing_config`, CDK `tracing`.
          message: `Function ${fn.id} does not turn on X-Ray tracing, so its requests leave no trace.${fix}`,
        });
      } else {
        report(fn, {
          message: `Function ${fn.id} sets tracing mode ${
            mode ?? '(unset)'
          } instead of Active, so its requests leave no X-Ray trace.`,
          path:
            mode === undefined ? ['TracingConfig'] : ['TracingConfig', 'Mode'],
        });
      }
    }
  },
);
