/**
 * Members of aws-cdk-lib's enums as `cdk synth` writes them. The CDK model holds a member as its enum's name and
 * its own (`StartingPosition.LATEST`, see CdkModel.namespaceMember), which its L2s read; an L1 is given its value.
 */
import { copyLines } from '../../graph/locations';
import { Unknown, Value, isMap } from '../../graph/values';
import { cdkEnumValuesByModule, cdkEnums } from './enums';

const MEMBER = /^([A-Z][A-Za-z0-9]*)\.([A-Z][A-Z0-9_]*)$/;

/**
 * The value of a member of an enum of aws-cdk-lib (`AuroraCapacityUnit`, `ACU_4`): its name unless the enum gives
 * it another (see enums.ts); undefined for no enum. Where enums of that name differ in it, that of the enum of the
 * module it is read of, when one of `modules`; else not known.
 */
export function cdkEnumValue(
  name: string,
  member: string,
  modules: ReadonlySet<string> = new Set(),
): string | number | Unknown | undefined {
  const values = cdkEnums()[name];
  if (values === undefined) return undefined;
  if (!Object.hasOwn(values, member)) return member;
  const value = values[member];
  if (value !== null) return value;
  const [module, ...others] = modules;
  const ofModule =
    module === undefined || others.length > 0
      ? undefined
      : cdkEnumValuesByModule()[`${name}.${member}`]?.[module];
  return (
    ofModule ??
    new Unknown(`${name}.${member}, of more than one enum of aws-cdk-lib`)
  );
}

/**
 * A value given to an L1 with each enum member in it as synth writes it: `AuroraCapacityUnit.ACU_4` is 4. A member
 * is a text of `membersRead`, those the program reads, with the modules it reads each of: the same text the code
 * writes itself (`'Effect.ALLOW'` in a parameter) is not one unless it also reads that member.
 */
export function withEnumValues(
  value: Value,
  membersRead: ReadonlyMap<string, ReadonlySet<string>>,
): Value {
  if (typeof value === 'string') {
    const [, name, member] = MEMBER.exec(value) ?? [];
    const modules = membersRead.get(value);
    return (
      (name === undefined || modules === undefined
        ? undefined
        : cdkEnumValue(name, member, modules)) ?? value
    );
  }
  let copy: Value;
  if (Array.isArray(value))
    copy = value.map(item => withEnumValues(item, membersRead));
  else if (isMap(value))
    copy = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        withEnumValues(item, membersRead),
      ]),
    );
  else return value;
  copyLines(value, copy as object);
  return copy;
}
