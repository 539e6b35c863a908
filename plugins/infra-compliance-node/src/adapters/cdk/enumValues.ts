/**
 * Members of aws-cdk-lib's enums as `cdk synth` writes them. The CDK model holds a member as its enum's name and
 * its own (`StartingPosition.LATEST`, see CdkModel.namespaceMember), which its L2s read; an L1 is given its value.
 */
import { copyLines } from '../../graph/locations';
import { Unknown, Value, isMap } from '../../graph/values';
import { CDK_ENUMS } from './enums';

const MEMBER = /^([A-Z][A-Za-z0-9]*)\.([A-Z][A-Z0-9_]*)$/;

/**
 * The value of a member of an enum of aws-cdk-lib (`AuroraCapacityUnit`, `ACU_4`): its name unless the enum gives
 * it another (see enums.ts); undefined for no enum, not known where enums of that name differ in it.
 */
export function cdkEnumValue(name: string, member: string): string | number | Unknown | undefined {
  const values = CDK_ENUMS[name];
  if (values === undefined) return undefined;
  if (!Object.hasOwn(values, member)) return member;
  return values[member] ?? new Unknown(`${name}.${member}, of more than one enum of aws-cdk-lib`);
}

/**
 * A value given to an L1 with each enum member in it as synth writes it: `AuroraCapacityUnit.ACU_4` is 4. A member
 * is a text of `membersRead`, those the program reads: the same text the code writes itself (`'Effect.ALLOW'` in a
 * parameter) is not one unless it also reads that member.
 */
export function withEnumValues(value: Value, membersRead: ReadonlySet<string>): Value {
  if (typeof value === 'string') {
    const [, name, member] = MEMBER.exec(value) ?? [];
    return (name === undefined || !membersRead.has(value) ? undefined : cdkEnumValue(name, member)) ?? value;
  }
  let copy: Value;
  if (Array.isArray(value)) copy = value.map(item => withEnumValues(item, membersRead));
  else if (isMap(value)) copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withEnumValues(item, membersRead)]));
  else return value;
  copyLines(value, copy as object);
  return copy;
}
