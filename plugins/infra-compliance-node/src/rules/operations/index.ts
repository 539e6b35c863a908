import { Rule } from '../types';

export const operationsRules: Rule[] = [];
