/** The model of the tags and aspects of a CDK app (see TagsModel). */
import {
  CallSite,
  HostObject,
  Instance,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import type { CdkModel } from '../constructs';
import { Unknown, isMap } from '../../../graph/values';
import { ANY_SCOPE, SCOPE_NOT_KNOWN, stackOfPath } from './paths';
import { Resource } from '../../../graph/ResourceGraph';
import { l1TagManagers } from '../l1Types';
import { taggableTypes } from '../../../analysis/taggableTypes';

/**
 * L1s whose own tags (their `tags` prop) no remove undoes (see TagsModel.keepsOwnTags), by the type they deploy,
 * of those OPS-003 judges: ITaggableV2 now (see l1TagManagers), they rendered them as given, with no
 * TagManager, in earlier releases (aws-cdk-lib 2.100 still did, 2.140 no longer). Written by hand: a release's
 * code shows only how it renders them.
 */
const L1_UNMANAGED_TAGS = new Set([
  'AWS::Events::EventBus',
  'AWS::RDS::DBProxy',
]);

/** The type TagManager gives a stack's tags, which `includeResourceTypes` and `excludeResourceTypes` name. */
export const STACK_TAG_TYPE = 'aws:cdk:stack';

/** Which taggables a tag operation reaches, by the props it was given (aws-cdk-lib core/lib/tag-aspect.ts, TagProps). */
interface TagFilter {
  /** Whether it reaches a taggable of a type; undefined when not known statically. */
  reaches: (type: string) => boolean | undefined;
  /** Undefined when not known statically. */
  priority: number | undefined;
}

/** A tag added to or removed from a scope known statically, as a `Tag` or `RemoveTag` aspect does it. */
interface TagOperation extends TagFilter {
  path: string;
  /** A string, or a value not known statically. */
  key: JsValue;
  remove: boolean;
  /**
   * A stack's own tags (its `tags` prop), an L1's (see {@link TagsModel.keepsOwnTags}), or set on their TagManager
   * (see {@link TagsModel.setTag}): set before any aspect runs.
   */
  initial: boolean;
  mayNotRun: boolean;
  /** The priority its aspect runs at; undefined when not known statically. */
  aspectPriority: AspectPriority | undefined;
}

/**
 * The aspect priority of `Tags.of(scope).add` and `remove`: MUTATING (200)
 * under @aws-cdk/core:aspectPrioritiesMutating and in the releases that
 * brought aspect priorities, otherwise DEFAULT (500), which
 * `Aspects.of(scope).add` gives an aspect without one (aws-cdk-lib
 * core/lib/tag-aspect.ts, core/lib/aspect.ts, core/lib/private/aspect-prio.ts).
 * The same for all of an app's.
 */
export const TAGS_OF_ASPECT = 'Tags.of';

const TAGS_OF_ASPECT_PRIORITIES = [200, 500];
const DEFAULT_ASPECT_PRIORITY = 500;
type AspectPriority = number | typeof TAGS_OF_ASPECT;

/**
 * Whether an aspect of priority `later` surely runs on a construct no
 * earlier than one of `earlier`: aspects run by ascending priority (in the
 * releases that have them), those of equal ones as they would without.
 */
function runsNoEarlier(
  later: AspectPriority | undefined,
  earlier: AspectPriority | undefined,
): boolean {
  if (later === undefined || earlier === undefined) return false;
  if (later === earlier) return true;
  const values = (priority: AspectPriority) =>
    priority === TAGS_OF_ASPECT ? TAGS_OF_ASPECT_PRIORITIES : [priority];
  return Math.min(...values(later)) >= Math.max(...values(earlier));
}

/** The priority `Aspects.of(scope).add(aspect, options)` gives the aspect; undefined when not known statically. */
function aspectPriorityOf(options: JsValue): number | undefined {
  if (options !== undefined && !isPlainObject(options)) return undefined;
  const priority = options?.priority ?? DEFAULT_ASPECT_PRIORITY;
  return typeof priority === 'number' ? priority : undefined;
}

const notKnownFilter: TagFilter = {
  reaches: () => undefined,
  priority: undefined,
};

/**
 * The filter of a tag operation's props, as TagManager.applyTagAspectHere
 * reads them: a type excluded, or one not included by a non-empty include
 * list, is left out. `leaveOutStacks`: `Tags.of(scope).add` under
 * explicitStackTags, which excludes stacks unless its props include them.
 */
function tagFilter(
  props: JsValue,
  defaultPriority: number,
  leaveOutStacks: boolean,
): TagFilter {
  if (props !== undefined && !isPlainObject(props)) return notKnownFilter;
  const include = typeList(props?.includeResourceTypes);
  const exclude = typeList(props?.excludeResourceTypes);
  const stacksIncluded =
    include === undefined ? undefined : include.includes(STACK_TAG_TYPE);
  const given = props?.priority ?? defaultPriority;
  const priority = typeof given === 'number' ? given : undefined;
  const reaches = (type: string): boolean | undefined => {
    if (
      exclude?.includes(type) ||
      (include !== undefined && include.length > 0 && !include.includes(type))
    )
      return false;
    if (type === STACK_TAG_TYPE && leaveOutStacks && stacksIncluded !== true)
      return stacksIncluded === false ? false : undefined;
    return include === undefined || exclude === undefined ? undefined : true;
  };
  return { reaches, priority };
}

/** A list of resource types of a tag's props: empty when not given, undefined when not known statically. */
function typeList(types: JsValue): string[] | undefined {
  if (types === undefined) return [];
  return Array.isArray(types) && types.every(type => typeof type === 'string')
    ? (types as string[])
    : undefined;
}

/** The part of CdkModel the tags model uses. */
type Model = Pick<
  CdkModel,
  | 'constructPath'
  | 'l1Handles'
  | 'madeAfterAspects'
  | 'madeAsCfnResource'
  | 'madeAsL1'
  | 'member'
  | 'nestedStackResources'
  | 'notModelled'
  | 'scopePathsOf'
  | 'stacksHolding'
  | 'synthesisSettings'
>;

/**
 * The tags the app adds and removes (`Tags.of(scope)`, a stack's `tags`, an L1's TagManager) and the aspects it adds,
 * and whether a resource ends up with a tag once synth has run the aspects in their order.
 */
export class TagsModel {
  /**
   * The tags added to and removed from scopes, in the order the app's code
   * does it; added to a scope not known, at {@link SCOPE_NOT_KNOWN} or {@link ANY_SCOPE}.
   */
  readonly tagOperations: TagOperation[] = [];

  /** What each `Tag` and `RemoveTag` aspect reaches (see {@link tagAspect}). */
  private readonly tagFilters = new WeakMap<HostObject, TagFilter>();

  /**
   * Construct paths below which an aspect not modelled (a class of the app's
   * implementing IAspect) may change any resource at synthesis; '' for all
   * of them (a scope not known statically).
   */
  readonly changedByAspects = new Set<string>();

  /** Instances of the app's classes extending cdk-nag's (a `NagPack` of its own): aspects that only report. */
  readonly nagPacks = new WeakSet<Instance>();

  constructor(private readonly model: Model) {}

  /**
   * A tag added to (or removed from) a scope: a construct's resources and
   * those below it, a stack's, the app's; added to a scope not known, what
   * may be below one may have it. `tag` is a `Tag` or `RemoveTag` aspect
   * (see {@link tagAspect}), run at `aspectPriority`; undefined for tags not
   * known statically.
   */
  tag(
    scope: JsValue,
    tag?: HostObject,
    mayNotRun = false,
    aspectPriority?: AspectPriority,
  ): void {
    let path = this.model.constructPath(scope);
    const remove = tag?.data.remove === true;
    // A remove on a scope not known may not reach what it would undo.
    if ((typeof path !== 'string' || path === '') && remove) return;
    // A construct of the program in a scope not known (path ''), a construct not modelled or what is surely below
    // one: what may be below one. Any other scope not known (`Stack.of(x)` of an x not known too) may be any scope.
    const belowNotModelled =
      scope instanceof Unknown &&
      ['construct', 'below'].includes(this.model.notModelled.get(scope) ?? '');
    if (path === '' || belowNotModelled) path = SCOPE_NOT_KNOWN;
    else if (typeof path !== 'string') path = ANY_SCOPE;
    const key = tag ? tag.data.key : new Unknown('tags');
    const { reaches, priority } =
      (tag && this.tagFilters.get(tag)) ?? notKnownFilter;
    this.tagOperations.push({
      path,
      key,
      remove,
      reaches,
      priority,
      initial: false,
      mayNotRun: mayNotRun || tag?.data.mayNotRun === true,
      aspectPriority,
    });
  }

  /** `TagManager.of(construct)`: an L1's or a stack's; for anything else, not known. */
  tagManagerOf(construct: JsValue): JsValue {
    if (
      construct instanceof ResourceHandle &&
      this.model.l1Handles.has(construct)
    )
      return this.model.member(construct, 'tags');
    if (
      construct instanceof Instance &&
      construct.fields.get('tags') instanceof HostObject
    )
      return construct.fields.get('tags');
    if (
      construct instanceof HostObject &&
      construct.data.tags instanceof HostObject
    )
      return construct.data.tags;
    return new Unknown('TagManager.of a construct not modelled');
  }

  /**
   * `manager.setTag(key, value, priority = 0)` or `manager.removeTag(key,
   * priority)` on an L1's or a stack's TagManager (see {@link tagManagerOf}):
   * applied when the code runs, before any aspect, on that construct alone
   * (a stack's, as its own tags). A priority not known statically (a removeTag
   * without one removes nothing) undoes nothing.
   */
  setTag(
    manager: HostObject,
    remove: boolean,
    args: JsValue[],
    site: CallSite,
  ): void {
    const [key, second, third] = args;
    // setTag's priority defaults to 0; removeTag's has no default.
    const given = remove ? second : third ?? 0;
    this.tagOperations.push({
      path: manager.data.path as string,
      key,
      remove,
      reaches: manager.data.stack
        ? type => type === STACK_TAG_TYPE
        : () => true,
      priority: typeof given === 'number' ? given : undefined,
      initial: true,
      mayNotRun: site.mayNotRun === true,
      aspectPriority: -Infinity,
    });
  }

  /**
   * `new Tag(key, value, props)` or `new RemoveTag(key, props)`; made by
   * `Tags.of(scope)` (`fromTags`), an add leaves stacks out under
   * explicitStackTags unless its props include them (aws-cdk-lib core/lib/tag-aspect.ts).
   */
  tagAspect(
    remove: boolean,
    key: JsValue,
    props: JsValue,
    mayNotRun: boolean,
    fromTags = false,
  ): HostObject {
    const leaveOutStacks =
      fromTags &&
      !remove &&
      this.model.synthesisSettings.explicitStackTags === true;
    const aspect = new HostObject('tagAspect', { remove, key, mayNotRun });
    this.tagFilters.set(
      aspect,
      tagFilter(props, remove ? 200 : 100, leaveOutStacks),
    );
    return aspect;
  }

  /**
   * `Aspects.of(scope).add(aspect)`: a `Tag` tags what is below the scope;
   * cdk-nag's checks only report; any other aspect may change what is below
   * it at synthesis (see {@link changedByAspects}).
   */
  addAspect(
    scope: JsValue,
    aspect: JsValue,
    options: JsValue,
    site: CallSite,
  ): void {
    if (aspect instanceof HostObject && aspect.kind === 'tagAspect') {
      this.tag(scope, aspect, site.mayNotRun, aspectPriorityOf(options));
    } else if (
      !(aspect instanceof HostObject && aspect.kind === 'nag') &&
      !(aspect instanceof Instance && this.nagPacks.has(aspect))
    ) {
      const path = this.model.constructPath(scope);
      this.changedByAspects.add(typeof path === 'string' ? path : '');
    }
  }

  /**
   * Whether tags reach the resource: its own tags as TagManager is left with
   * them by the tags added and removed, or those of a stack it is in, which
   * CloudFormation gives it, or, for the stack resource of a nested stack,
   * those of the nested stack, copied onto it (aws-cdk-lib core/lib/nested-stack.ts).
   * One in a scope not known may be in any stack given tags.
   */
  isTagged(resource: Resource): boolean {
    // An L1 without a TagManager (a CfnGlobalTable, whose tags are its replicas') is not taggable.
    const taggable =
      !this.model.madeAsCfnResource.has(resource.id) &&
      (!this.model.madeAsL1.has(resource.id) ||
        l1TagManagers()[resource.type] !== undefined);
    const own =
      taggable &&
      !this.model.madeAfterAspects.has(resource.id) &&
      this.keepsTag(resource.type, this.tagScopesOf(resource.id));
    if (stackOfPath(resource.id) === undefined)
      return (
        own ||
        this.tagOperations.some(
          operation => !operation.remove && /^\uE000\d+$/.test(operation.path),
        )
      );
    const nested = this.model.nestedStackResources.get(resource.id);
    const stacks = [
      ...this.model.stacksHolding(resource.id),
      ...(nested === undefined ? [] : [nested]),
    ];
    return (
      own ||
      stacks.some(stack =>
        this.keepsTag(STACK_TAG_TYPE, this.tagScopesOf(stack)),
      )
    );
  }

  /**
   * Whether an L1 keeps any of the tags of its `tags` prop (a CfnUserPool's
   * `userPoolTags`: see taggableTypes): TagManager sets
   * them at priority 50 before any aspect runs, so a `RemoveTag` of their key
   * reaching it removes them as it removes added ones, and left with none it
   * renders none (aws-cdk-lib core/lib/tag-manager.ts, parseExternalTags);
   * an ITaggableV2 L1 sets them last, when rendered, after every aspect ran, so only a remove above priority 50
   * undoes them; one without a TagManager, and those of {@link L1_UNMANAGED_TAGS}, render them as given (see
   * l1TagManagers). Tags not known statically (tokens) it keeps.
   */
  keepsOwnTags(resource: Resource): boolean {
    const tags = resource.properties[taggableTypes()[resource.type] ?? 'Tags'];
    let keys: unknown[] = [];
    if (Array.isArray(tags))
      keys = tags.map(tag => (isMap(tag) ? tag.Key : undefined));
    else if (isMap(tags)) keys = Object.keys(tags);
    const manager = l1TagManagers()[resource.type];
    if (
      keys.length === 0 ||
      keys.some(key => typeof key !== 'string') ||
      manager === undefined ||
      L1_UNMANAGED_TAGS.has(resource.type)
    )
      return true;
    const paths = this.tagScopesOf(resource.id);
    // Set when rendered, after every aspect: none of equal priority undoes them.
    const aspectPriority = manager === 'merged' ? Infinity : -Infinity;
    return keys.some(
      key =>
        !this.surelyUndone(resource.type, paths, {
          path: resource.id,
          key: key as string,
          remove: false,
          reaches: () => true,
          priority: 50,
          initial: true,
          mayNotRun: false,
          aspectPriority,
        }),
    );
  }

  /**
   * Whether a taggable of a type, below the scopes of `paths` (outermost
   * first), keeps a tag: one added that may reach it and that no remove
   * surely reaching it undoes. TagManager keeps, for each key, what the
   * operation of the highest priority did; of equal ones, the last applied:
   * that of the innermost scope, or the last added on one scope, as releases
   * without aspect priorities run them, when its aspect surely runs no
   * earlier in those with them (aws-cdk-lib core/lib/tag-manager.ts, removeTag
   * and _setTag; core/lib/private/synthesis.ts, sortAspectsByPriority).
   */
  private keepsTag(type: string, paths: string[]): boolean {
    return this.tagOperations.some(
      add =>
        !add.remove &&
        paths.includes(add.path) &&
        add.reaches(type) !== false &&
        !this.surelyUndone(type, paths, add),
    );
  }

  /** Whether a remove of those reaching a taggable (see {@link keepsTag}) surely undoes a tag added. */
  private surelyUndone(
    type: string,
    paths: string[],
    add: TagOperation,
  ): boolean {
    const reaching = this.tagOperations.filter(operation =>
      paths.includes(operation.path),
    );
    const order = (operation: TagOperation) =>
      operation.initial ? -1 : paths.indexOf(operation.path);
    const undoes = (remove: TagOperation) =>
      remove.remove &&
      !remove.mayNotRun &&
      remove.reaches(type) === true &&
      typeof add.key === 'string' &&
      remove.key === add.key &&
      add.priority !== undefined &&
      remove.priority !== undefined &&
      (remove.priority > add.priority ||
        (remove.priority === add.priority &&
          runsNoEarlier(remove.aspectPriority, add.aspectPriority) &&
          (order(remove) > order(add) ||
            (order(remove) === order(add) &&
              reaching.indexOf(remove) > reaching.indexOf(add)))));
    return reaching.some(undoes);
  }

  /**
   * The scopes whose tags reach a construct (see {@link scopePathsOf}),
   * outermost first, and last {@link ANY_SCOPE}: a tag on a scope not known
   * may be on the construct itself, applied after those on scopes above it.
   */
  private tagScopesOf(path: string): string[] {
    return [...this.model.scopePathsOf(path), ANY_SCOPE];
  }

  /** The tag CDK adds to what is below a VPC or subnet of the stack's (`Tags.of(this).add(key, …)`, aws-ec2/lib/vpc.ts). */
  tagBelow(path: string, key: string, site: CallSite): void {
    this.tagOperations.push({
      path,
      key,
      remove: false,
      reaches: () => true,
      priority: 100,
      initial: false,
      mayNotRun: site.mayNotRun === true,
      aspectPriority: TAGS_OF_ASPECT,
    });
  }
}
