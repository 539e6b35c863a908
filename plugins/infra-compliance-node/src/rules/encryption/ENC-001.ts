import { LOG_GROUP_TYPE } from '../../analysis/logs';
import { defineRule } from '../types';

/** ENC-001: a log group has no KmsKeyId (a customer-managed key). */
export default defineRule('ENC-001', ({ graph, check, report }) => {
  for (const logGroup of graph.ofType(LOG_GROUP_TYPE)) {
    check(logGroup);
    if (logGroup.properties.KmsKeyId !== undefined) continue;
    report(logGroup, {
      message: `Log group ${logGroup.id} has no ${graph.nameOf(logGroup, 'KmsKeyId')}, so its logs are not encrypted with a KMS key the team controls.`,
    });
  }
});
