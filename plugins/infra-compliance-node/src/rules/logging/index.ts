import log001 from './LOG-001';
import log002 from './LOG-002';
import log003 from './LOG-003';
import log004 from './LOG-004';

export const loggingRules = [log001, log002, log003, log004];
