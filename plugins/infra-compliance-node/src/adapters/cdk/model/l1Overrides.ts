/** The model of the overrides of L1 constructs (see L1OverridesModel). */
import {
  Template,
  Unknown,
  Value,
  ValueMap,
  isMap,
  setEntry,
} from '../../../graph/values';
import {
  copyLines,
  lineOfPath,
  recordAssignedKeyLines,
} from '../../../graph/locations';
import type { CdkModel } from '../constructs';
import {
  CallSite,
  JsValue,
  ResourceHandle,
  toGraphValue,
} from '../../pulumi/interpreter';
import { ref } from './arns';
import { withEnumValues } from '../enumValues';
import { withoutIntrinsics } from './l1Props';

/** What overrides set, path by path; `undefined` deletes (see L1OverridesModel.override). */
type Overrides = { [key: string]: Value | undefined | Overrides };

/**
 * The segments of an override's path, split as CDK splits it (at each `.`
 * not escaped as `\.`); of a path not known statically, those before the
 * part not known, and `complete` false.
 */
function overridePath(path: Value): { segments: string[]; complete: boolean } {
  const complete = typeof path === 'string';
  let text = '';
  if (complete) text = path;
  else if (path instanceof Template && typeof path.parts[0] === 'string')
    text = path.parts[0];
  const segments = [''];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length)
      segments[segments.length - 1] += text[++i];
    else if (text[i] === '.') segments.push('');
    else segments[segments.length - 1] += text[i];
  }
  // The last segment of an incomplete path goes on in the part not known.
  return { segments: complete ? segments : segments.slice(0, -1), complete };
}

/**
 * Merges overrides into properties as CDK merges them into the resource it
 * synthesized: a map into what is there key by key (into a list by index),
 * `undefined` deleting, a map left empty removed. What merges into a value
 * not known statically is not known either. Maps are copied before they
 * change: values may be shared.
 */
export function mergeOverrides(
  target: ValueMap | Value[],
  overrides: Overrides,
): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (Array.isArray(target) && !/^\d+$/.test(key)) continue;
    const index = Number(key);
    const at = (written: Value) =>
      Array.isArray(target)
        ? (target[index] = written)
        : setEntry(target, key, written);
    const current = Array.isArray(target) ? target[index] : target[key];
    if (isMap(value)) {
      if (current instanceof Unknown) continue;
      const into: ValueMap | Value[] = Array.isArray(current)
        ? [...current]
        : { ...(isMap(current) ? current : {}) };
      if (isMap(current) || Array.isArray(current)) copyLines(current, into);
      mergeOverrides(into, value);
      if (Object.keys(into).length > 0) at(into);
      else if (!Array.isArray(target)) delete target[key];
    } else if (value === undefined) {
      if (!Array.isArray(target)) delete target[key];
    } else at(value as Value);
    const line = lineOfPath(overrides as ValueMap, [key], -1);
    if (!Array.isArray(target) && line >= 0)
      recordAssignedKeyLines(target, { [key]: line });
  }
}

/** The part of CdkModel the L1 overrides model uses. */
type Model = Pick<CdkModel, 'byId' | 'enumMembersRead' | 'graphValue'>;

/**
 * The overrides the app adds to L1s (`addOverride`, `addPropertyOverride`, the deletion overrides), collected as CDK
 * collects them, to be merged into their resources' properties at synthesis.
 */
export class L1OverridesModel {
  /**
   * Each resource's overrides (`addPropertyOverride`), collected as CDK
   * collects them and merged into its properties at synthesis (see finish).
   */
  readonly overrides = new Map<string, Overrides>();

  /** Resources an override whose path is not known statically may have set any property of. */
  readonly overriddenNotKnown = new Set<string>();

  constructor(private readonly model: Model) {}

  /**
   * `l1.addOverride(path, value)` (`addPropertyOverride`, and the deletion
   * overrides with no value): noted in the resource's overrides as CDK notes
   * them, the members of enums in the value as their values (see withEnumValues).
   * A value set in code that may not run is not known; so is what a path not
   * known statically reaches.
   */
  override(
    l1: ResourceHandle,
    path: JsValue,
    value: JsValue,
    site: CallSite,
  ): void {
    const resource = this.model.byId.get(l1.id);
    if (!resource) return;
    const { segments, complete } = overridePath(toGraphValue(path, ref));
    // DeletionPolicy, DependsOn, Metadata: not properties.
    if (segments.length > 0 && segments[0] !== 'Properties') return;
    if (segments.length < (complete ? 1 : 2)) {
      this.overriddenNotKnown.add(resource.id);
      return;
    }
    let written: Value | undefined;
    if (site.mayNotRun || !complete)
      written = new Unknown(
        'overridden in code that may not run, or at a path not known statically',
      );
    else if (value !== undefined)
      written = withEnumValues(
        withoutIntrinsics(this.model.graphValue(value, resource.file)),
        this.model.enumMembersRead,
      );
    let node = this.overrides.get(resource.id) ?? {};
    this.overrides.set(resource.id, node);
    for (const key of segments.slice(0, -1)) {
      // As CDK does: what is not a map on the way is replaced by one.
      const next = node[key];
      node = isMap(next) ? next : (node[key] = {});
    }
    const last = segments[segments.length - 1];
    node[last] = written;
    recordAssignedKeyLines(node, {
      [last]: site.file === resource.file ? site.line : resource.line,
    });
  }
}
