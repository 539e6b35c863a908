import { Rule } from '../types';
import alm001 from './ALM-001';
import alm002 from './ALM-002';
import alm003 from './ALM-003';

export const alarmsRules: Rule[] = [alm001, alm002, alm003];
