import { Rule } from '../types';
import iam001 from './IAM-001';
import iam002 from './IAM-002';
import iam003 from './IAM-003';
import iam004 from './IAM-004';
import iam005 from './IAM-005';
import iam006 from './IAM-006';
import iam007 from './IAM-007';
import iam008 from './IAM-008';
import iam009 from './IAM-009';
import iam010 from './IAM-010';

export const iamRules: Rule[] = [
  iam001,
  iam002,
  iam003,
  iam004,
  iam005,
  iam006,
  iam007,
  iam008,
  iam009,
  iam010,
];
