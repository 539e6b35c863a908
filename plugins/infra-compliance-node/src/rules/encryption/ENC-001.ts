import { LOG_GROUP_TYPE, describeLogGroup } from '../../analysis/logs';
import { defineOwnValuesRule } from '../types';

/**
 * ENC-001: a log group has no KmsKeyId (a customer-managed key). A log
 * group a format makes for a function (CDK's logRetention) cannot take a
 * key: the function needs a log group of its own.
 */
export default defineOwnValuesRule('ENC-001', ({ graph, check, report }) => {
  for (const logGroup of graph.ofType(LOG_GROUP_TYPE)) {
    check(logGroup);
    if (logGroup.properties.KmsKeyId !== undefined) continue;
    const consequence =
      'so its logs are not encrypted with a KMS key the team controls';
    report(logGroup, {
      message: logGroup.generatedBy
        ? `${describeLogGroup(
            logGroup,
          )} has no KMS key, ${consequence}, and cannot be given one: give ${
            logGroup.generatedBy
          } a log group of its own, created with a key.`
        : `Log group ${logGroup.id} has no ${graph.nameOf(
            logGroup,
            'KmsKeyId',
          )}, ${consequence}.`,
    });
  }
});
