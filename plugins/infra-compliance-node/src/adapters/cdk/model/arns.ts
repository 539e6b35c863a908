/** References to resources and ARNs, as CDK writes them in a template. */
import { Ref, Unknown, Value, concat } from '../../../graph/values';
import { ResourceHandle } from '../../pulumi/interpreter';

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

/** A construct used as a value: a reference to it. */
export function ref(resource: ResourceHandle): Value {
  return new Ref(resource.id);
}
