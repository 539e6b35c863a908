import {
  Value,
  asBoolean,
  asList,
  getPath,
  isUnknown,
} from '../../graph/values';
import { defineOwnValuesRule } from '../types';

const TABLE_TYPE = 'AWS::DynamoDB::Table';
const GLOBAL_TABLE_TYPE = 'AWS::DynamoDB::GlobalTable';
const PITR = 'PointInTimeRecoverySpecification';
const ENABLED = 'PointInTimeRecoveryEnabled';

/** 'on', 'off', or 'unknown' for a PointInTimeRecoverySpecification value. */
function pitrState(spec: Value | undefined): 'on' | 'off' | 'unknown' {
  if (spec === undefined) return 'off';
  const enabled = getPath(spec, [ENABLED]);
  if (enabled === undefined) return 'off';
  const flag = asBoolean(enabled);
  if (flag === undefined) return 'unknown';
  return flag ? 'on' : 'off';
}

/**
 * OPS-004: a DynamoDB table has no point-in-time recovery
 * (`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true`; for
 * a global table, on every replica).
 */
export default defineOwnValuesRule(
  'OPS-004',
  ({ graph, check, report, doubt }) => {
    for (const table of graph.ofType(TABLE_TYPE)) {
      check(table);
      const spec = table.properties[PITR];
      const state = pitrState(spec);
      if (state === 'unknown') doubt(table);
      if (state !== 'off') continue;
      const name = table.generatedBy ?? table.id;
      report(table, {
        message:
          spec === undefined
            ? `DynamoDB table ${name} has no point-in-time recovery, so deleted or overwritten items cannot be restored.`
            : `DynamoDB table ${name} has point-in-time recovery disabled, so deleted or overwritten items cannot be restored.`,
        ...(spec === undefined
          ? {}
          : {
              path:
                getPath(spec, [ENABLED]) === undefined
                  ? [PITR]
                  : [PITR, ENABLED],
            }),
      });
    }

    for (const table of graph.ofType(GLOBAL_TABLE_TYPE)) {
      check(table);
      const replicas = table.properties.Replicas;
      if (replicas === undefined || isUnknown(replicas)) continue;
      asList(replicas).forEach((replica, index) => {
        const spec = getPath(replica, [PITR]);
        if (isUnknown(replica) || pitrState(spec) !== 'off') return;
        const region = getPath(replica, ['Region']);
        const where = typeof region === 'string' ? ` in ${region}` : '';
        report(table, {
          message: `DynamoDB global table ${
            table.generatedBy ?? table.id
          } has no point-in-time recovery on its replica${where}, so deleted or overwritten items cannot be restored.`,
          path:
            spec === undefined
              ? ['Replicas', index]
              : ['Replicas', index, PITR],
        });
      });
    }
  },
);
