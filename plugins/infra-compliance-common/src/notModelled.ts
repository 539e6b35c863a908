import { IacFormat } from './types';

/**
 * How many of a type a program creates that the engine does not model, in
 * words: `2 constructs` of a CDK app, `3 resources` of a Pulumi program.
 * Reports and the UI write it so, not as `×2`, which a screen reader reads
 * as "times 2".
 */
export function notModelledCount(format: IacFormat, count: number): string {
  // A CDK app creates constructs, a Pulumi program resources.
  const noun = format === 'cdk' ? 'construct' : 'resource';
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
