import { Rule } from '../types';

export const encryptionRules: Rule[] = [];
