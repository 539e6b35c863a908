import {
  ALIAS_TYPE,
  KEY_TYPE,
  isLogsServicePrincipal,
  keyPolicyAllowsService,
  kmsKeyOf,
} from '../../analysis/kms';
import { LOG_GROUP_TYPE } from '../../analysis/logs';
import { Resource } from '../../graph/ResourceGraph';
import { defineRule } from '../types';
import { addToList } from '../../support/multiMap';

/**
 * ENC-002: a KMS key of the stack used by a log group must let the
 * CloudWatch Logs service principal use it, or the log group fails to create.
 */
export default defineRule('ENC-002', ({ graph, check, report, doubt }) => {
  const usedBy = new Map<Resource, Resource[]>();
  for (const logGroup of graph.ofType(LOG_GROUP_TYPE)) {
    const key = kmsKeyOf(graph, logGroup.properties.KmsKeyId);
    if (key?.type !== KEY_TYPE) continue;
    addToList(usedBy, key, logGroup);
  }
  // Which key a log group uses rests on its KmsKeyId, and on the aliases it may name the key by.
  const aliases = graph.ofType(ALIAS_TYPE);
  const aliasesRestOn = ['AliasName', 'TargetKeyId'].map(key => ({
    resources: aliases,
    path: [key],
  }));
  for (const [key, logGroups] of usedBy) {
    check(key);
    const allowed = keyPolicyAllowsService(key, isLogsServicePrincipal);
    if (allowed === 'unknown') doubt(key);
    if (allowed !== 'no') continue;
    const groups = logGroups.map(g => g.id).join(', ');
    const policy =
      key.properties.KeyPolicy === undefined
        ? `has no ${graph.nameOf(
            key,
            'KeyPolicy',
          )} (the default policy allows only the account)`
        : 'has a key policy with no statement allowing the CloudWatch Logs service principal (logs.<region>.amazonaws.com) to use it';
    report(key, {
      message: `KMS key ${key.id} encrypts log group${
        logGroups.length > 1 ? 's' : ''
      } ${groups} but ${policy}: creating the log group fails.`,
      path: ['KeyPolicy'],
      restsOn: [{ resources: logGroups, path: ['KmsKeyId'] }, ...aliasesRestOn],
    });
  }
});
