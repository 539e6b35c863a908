import enc001 from './ENC-001';
import enc002 from './ENC-002';
import enc003 from './ENC-003';
import enc004 from './ENC-004';
import enc005 from './ENC-005';
import enc006 from './ENC-006';
import enc007 from './ENC-007';

export const encryptionRules = [
  enc001,
  enc002,
  enc003,
  enc004,
  enc005,
  enc006,
  enc007,
];
