/**
 * SAM `Globals`: a section's properties apply to every resource of that
 * type. As in SAM, the resource's own value wins for scalars, maps merge
 * key by key, and lists are concatenated (globals first).
 */
import { recordMergedLines } from '../../../graph/locations';
import { setEntry } from '../../../graph/values';
import { lookupTable } from '../../../support/lookupTable';

const SECTION_BY_TYPE = lookupTable<string>({
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
});

type RawMap = Record<string, unknown>;
const isRawMap = (value: unknown): value is RawMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The resource's raw properties with its Globals section merged in. */
export function mergeGlobals(
  globals: RawMap,
  type: string,
  properties: RawMap,
): RawMap {
  const section = globals[SECTION_BY_TYPE[type]];
  return isRawMap(section)
    ? (merge(section, properties) as RawMap)
    : properties;
}

function merge(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (Array.isArray(global) && Array.isArray(local))
    return [...global, ...local];
  if (!isRawMap(global) || !isRawMap(local)) return local;
  // An intrinsic (`{ Ref: X }`) replaces rather than merges. (for-in rather than Object.keys and entries: no arrays.)
  for (const key in local) {
    if (
      (key === 'Ref' || key.startsWith('Fn::')) &&
      Object.prototype.hasOwnProperty.call(local, key)
    )
      return local;
  }
  const merged: RawMap = { ...global };
  for (const key in local) {
    if (Object.prototype.hasOwnProperty.call(local, key))
      setEntry(merged, key, merge(global[key], local[key]));
  }
  recordMergedLines(merged, [global, local]);
  return merged;
}
