import { defineOwnValuesRule } from '../types';

/** ENC-004: an SNS topic has no KmsMasterKeyId. */
export default defineOwnValuesRule('ENC-004', ({ graph, check, report }) => {
  for (const topic of graph.ofType('AWS::SNS::Topic')) {
    check(topic);
    if (topic.properties.KmsMasterKeyId !== undefined) continue;
    const generated = topic.generatedBy
      ? ` (created by SAM for ${topic.generatedBy})`
      : '';
    report(topic, {
      message: `SNS topic ${topic.id}${generated} has no ${graph.nameOf(
        topic,
        'KmsMasterKeyId',
      )}, so its messages are not encrypted with a KMS key.`,
    });
  }
});
