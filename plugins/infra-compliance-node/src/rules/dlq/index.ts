import dlq001 from './DLQ-001';
import dlq002 from './DLQ-002';
import dlq003 from './DLQ-003';
import dlq004 from './DLQ-004';
import dlq005 from './DLQ-005';
import dlq006 from './DLQ-006';

export const dlqRules = [dlq001, dlq002, dlq003, dlq004, dlq005, dlq006];
