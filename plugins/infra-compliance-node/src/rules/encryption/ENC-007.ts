import { asBoolean, asString } from '../../graph/values';
import { KEY_TYPE } from '../../analysis/kms';
import { defineOwnValuesRule } from '../types';

/** Key material KMS does not generate cannot be rotated automatically. */
const NOT_ROTATABLE_ORIGINS = new Set(['EXTERNAL', 'EXTERNAL_KEY_STORE']);

/** ENC-007: a customer-managed symmetric KMS key has no EnableKeyRotation: true. */
export default defineOwnValuesRule(
  'ENC-007',
  ({ graph, check, report, doubt }) => {
    for (const key of graph.ofType(KEY_TYPE)) {
      const p = key.properties;
      const spec = p.KeySpec;
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') continue; // asymmetric, HMAC, or not known
      const origin = p.Origin;
      if (
        origin !== undefined &&
        (asString(origin) === undefined ||
          NOT_ROTATABLE_ORIGINS.has(asString(origin)!))
      )
        continue;
      check(key);
      const rotation = p.EnableKeyRotation;
      if (rotation !== undefined && asBoolean(rotation) === undefined)
        doubt(key);
      if (rotation !== undefined && asBoolean(rotation) !== false) continue; // true, or not known statically
      const name = graph.nameOf(key, 'EnableKeyRotation');
      report(key, {
        message:
          rotation === undefined
            ? `KMS key ${key.id} is a symmetric customer-managed key that does not set ${name} to true, so its key material never rotates.`
            : `KMS key ${key.id} sets ${name} to false, so its key material never rotates.`,
        ...(rotation === undefined ? {} : { path: ['EnableKeyRotation'] }),
      });
    }
  },
);
