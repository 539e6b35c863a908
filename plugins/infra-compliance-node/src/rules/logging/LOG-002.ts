import { asNumber } from '../../graph/values';
import { LOG_GROUP_TYPE, describeLogGroup } from '../../analysis/logs';
import { wholeNumber } from '../options';
import { defineOwnValuesRule } from '../types';

/**
 * LOG-002: a log group has no RetentionInDays. Option `minRetentionDays`:
 * a retention shorter than that fails too. The AWS provider of Terraform
 * and Pulumi reads a retention of 0 days as never expire, where
 * CloudFormation refuses it. A group of the DELIVERY class keeps its logs
 * a day or two whatever its retention (the AWS provider ignores it and
 * sets 2 days): without one, or with 0, it does not keep them forever,
 * and a retention shorter than `minRetentionDays` is not its own.
 * Where the class is not known statically, it may be DELIVERY.
 */
export default defineOwnValuesRule(
  'LOG-002',
  ({ graph, options, check, report, doubt }) => {
    const minDays = options.minRetentionDays as number | undefined;
    const zeroKeepsForever =
      graph.format === 'terraform' || graph.format === 'pulumi';
    for (const logGroup of graph.ofType(LOG_GROUP_TYPE)) {
      check(logGroup);
      const retention = logGroup.properties.RetentionInDays;
      const logGroupClass = logGroup.properties.LogGroupClass;
      const mayBeDelivery =
        logGroupClass !== undefined &&
        (typeof logGroupClass !== 'string' || logGroupClass === 'DELIVERY');
      if (retention === undefined) {
        if (mayBeDelivery && logGroupClass !== 'DELIVERY') doubt(logGroup);
        if (mayBeDelivery) continue;
        report(logGroup, {
          message: `${describeLogGroup(logGroup)} has no ${
            logGroup.generatedBy
              ? 'retention'
              : graph.nameOf(logGroup, 'RetentionInDays')
          }, so its logs are kept forever.`,
        });
        continue;
      }
      const days = asNumber(retention);
      // A retention, or a class, not known statically may be one that fails.
      if (days === undefined || (mayBeDelivery && logGroupClass !== 'DELIVERY'))
        doubt(logGroup);
      if (days === 0 && zeroKeepsForever) {
        if (mayBeDelivery) continue;
        report(logGroup, {
          message: `${describeLogGroup(logGroup)} sets ${graph.nameOf(
            logGroup,
            'RetentionInDays',
          )} to 0, which never expires its logs: they are kept forever.`,
          path: ['RetentionInDays'],
        });
        continue;
      }
      // AWS keeps a DELIVERY group's logs as long as it sets, whatever its retention says: the code chose no shorter one.
      if (
        minDays !== undefined &&
        days !== undefined &&
        days < minDays &&
        !mayBeDelivery
      ) {
        report(logGroup, {
          message: `${describeLogGroup(
            logGroup,
          )} keeps its logs ${days} days, less than the ${minDays} days required (minRetentionDays).`,
          path: ['RetentionInDays'],
        });
      }
    }
  },
  {
    // CloudWatch Logs keeps logs whole days, at most 3653 (10 years): a longer minimum would fail every group for good.
    minRetentionDays: wholeNumber('days', {
      minimum: 1,
      maximum: 3653,
      why: 'the retentions CloudWatch Logs takes',
    }),
  },
);
