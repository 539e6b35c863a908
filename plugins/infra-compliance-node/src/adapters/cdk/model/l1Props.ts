/** The props of L1 constructs (`Cfn*`), as the CloudFormation properties they write. */
import {
  ValueMap,
  Unknown,
  Value,
  isMap,
  setEntry,
} from '../../../graph/values';
import { l1PropertyNames } from '../l1Types';
import { PropertySpec, convertMap } from '../../pulumi/resourceTypes';
import { withEnumValues } from '../enumValues';
import { copyLines } from '../../../graph/locations';

/**
 * An L1's props, of a resource of `type`, as its CloudFormation properties: each prop, and each of the property
 * types in its value, by the name and reading aws-cdk-lib's converters give it (see l1PropertyNames), else
 * capitalised; maps the user writes (a policy document, variables) keep their keys; the members of aws-cdk-lib's
 * enums in them (of `enumMembersRead`, see withEnumValues) are their values.
 */
export function l1Properties(
  type: string,
  props: ValueMap,
  enumMembersRead: ReadonlyMap<string, ReadonlySet<string>>,
): ValueMap {
  const properties = l1PropertyNames()[type] ?? {};
  const propertyOf = (key: string) =>
    Object.hasOwn(properties, key) ? properties[key] : undefined;
  // A prop is looked up by the prop holding it (`''` for the resource's own), then by itself.
  const specs =
    (holder: string) =>
    (prop: string): PropertySpec => {
      const property = propertyOf(`${holder}.${prop}`) ?? propertyOf(prop);
      if (property === undefined) return { nested: specs(prop) };
      if (typeof property === 'string')
        return { name: property, nested: specs(prop) };
      const { name, read } = property;
      return read === 'eventPattern'
        ? { name, nested: eventPatternKey }
        : { name, read, nested: specs(prop) };
    };
  return convertMap(
    withEnumValues(props, enumMembersRead) as ValueMap,
    specs(''),
  );
}

/** A key of an event pattern as aws-events' converter writes it: as given, but `detailType` as `detail-type`. */
function eventPatternKey(key: string): PropertySpec {
  return { name: key === 'detailType' ? 'detail-type' : key, read: 'verbatim' };
}

/**
 * An override's value, or a CfnResource's properties (`where`), with CloudFormation's functions
 * (`{ Ref: 'Logs1234' }`) not known: they name resources by logical ids this model does not know.
 */
export function withoutIntrinsics(value: Value, where = 'an override'): Value {
  if (Array.isArray(value)) {
    const list = value.map(item => withoutIntrinsics(item, where));
    copyLines(value, list);
    return list;
  }
  if (!isMap(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
    return new Unknown(`${keys[0]} in ${where}`);
  const map: ValueMap = {};
  for (const key of keys)
    setEntry(map, key, withoutIntrinsics(value[key], where));
  copyLines(value, map);
  return map;
}
