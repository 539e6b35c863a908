import { Rule } from '../types';
import ops001 from './OPS-001';
import ops002 from './OPS-002';
import ops003 from './OPS-003';
import ops004 from './OPS-004';
import ops005 from './OPS-005';
import ops006 from './OPS-006';
import ops007 from './OPS-007';

export const operationsRules: Rule[] = [
  ops001,
  ops002,
  ops003,
  ops004,
  ops005,
  ops006,
  ops007,
];
