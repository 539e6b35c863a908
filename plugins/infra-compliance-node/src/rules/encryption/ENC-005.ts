import { asBoolean, getPath } from '../../graph/values';
import { defineOwnValuesRule } from '../types';

/** ENC-005: a DynamoDB table (or global table) has no SSESpecification.SSEEnabled: true. */
export default defineOwnValuesRule(
  'ENC-005',
  ({ graph, check, report, doubt }) => {
    for (const table of graph.ofType(
      'AWS::DynamoDB::Table',
      'AWS::DynamoDB::GlobalTable',
    )) {
      check(table);
      const spec = table.properties.SSESpecification;
      const enabled = getPath(spec, ['SSEEnabled']);
      if (enabled !== undefined && asBoolean(enabled) === undefined)
        doubt(table);
      if (enabled !== undefined && asBoolean(enabled) !== false) continue; // true, or not known statically
      const what =
        table.type === 'AWS::DynamoDB::GlobalTable' ? 'Global table' : 'Table';
      // "does not set": "has no encryption" would read as unencrypted, for CDK's prop.
      if (spec === undefined) {
        report(table, {
          message: `${what} ${table.id} does not set ${graph.nameOf(
            table,
            'SSESpecification',
          )}, so it is encrypted only with an AWS-owned key.`,
        });
      } else {
        const setTo = (value: boolean) =>
          `${graph.nameOf(
            table,
            'SSESpecification.SSEEnabled',
          )} to ${graph.valueOf(table, 'SSESpecification.SSEEnabled', value)}`;
        const setting =
          enabled === undefined
            ? `does not set ${setTo(true)}`
            : `sets ${setTo(false)}`;
        report(table, {
          message: `${what} ${table.id} ${setting}, so it is encrypted only with an AWS-owned key.`,
          path:
            enabled === undefined
              ? ['SSESpecification']
              : ['SSESpecification', 'SSEEnabled'],
        });
      }
    }
  },
);
