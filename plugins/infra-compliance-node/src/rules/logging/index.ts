import { Rule } from '../types';

export const loggingRules: Rule[] = [];
