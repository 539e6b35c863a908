/** Reading the props the app gives CDK's constructs. */
import { JsValue, isPlainObject } from '../../pulumi/interpreter';
import { cdkEnumValue } from '../enumValues';
import { Unknown, Value } from '../../../graph/values';
import { cdkEnums } from '../enums';
import { lookupTable } from '../../../support/lookupTable';

export type Props = Record<string, JsValue>;

/** Props absent or written as an object: CDK's defaults apply to what they leave out. */
export const defaultsKnown = (props: JsValue): boolean =>
  props === undefined || isPlainObject(props);

/**
 * A member of a CDK enum, as CloudFormation takes it: its value (`KeySpec.RSA_2048` → `RSA_2048`,
 * `AuthorizationType.IAM` → `AWS_IAM`, see enums.ts), but its name where enums of that name in other modules differ
 * in it (`LogLevel.ERROR` of aws-stepfunctions is `ERROR`, of aws-lambda-nodejs `error`): the L2 reading it knows which.
 */
export function enumValue(value: JsValue, enumName: string): JsValue {
  if (typeof value !== 'string' || !value.startsWith(`${enumName}.`))
    return value;
  const member = value.slice(enumName.length + 1);
  const known = cdkEnumValue(enumName, member);
  return known === undefined || known instanceof Unknown ? member : known;
}

/**
 * A retention an L2 (a LogGroup, a function's logRetention) is given, as it writes it: RetentionDays.INFINITE is none
 * (an L1 is given it as it is).
 */
export function retentionOfL2(retention: JsValue): JsValue {
  return retention === cdkEnums().RetentionDays.INFINITE
    ? undefined
    : retention;
}

export const DURATION_SECONDS = lookupTable<number>({
  millis: 0.001,
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
});

/** The values of a construct's props other than those modelled, which are handed on (see CdkModel.escape). */
export function propsOtherThan(props: Props, modelled: string[]): JsValue[] {
  return Object.entries(props)
    .filter(([key]) => !modelled.includes(key))
    .map(([, value]) => value);
}

export function asArray(value: Value | undefined): Value[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
