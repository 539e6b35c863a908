/** ARNs as CDK writes them in a template. */
import { Unknown, Value, concat } from '../../../graph/values';

/** `stack.formatArn` of a resource of `service` in the stack's partition, region and account (see formatArn). */
export function stackArn(service: string, resource: Value[]): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    `:${service}:`,
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':',
    ...resource,
  ]);
}
