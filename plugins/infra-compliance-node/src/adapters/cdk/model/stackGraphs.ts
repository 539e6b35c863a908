/** The graphs of a CDK app's stacks (see StackGraphs). */
import { Resource, StackOutput } from '../../../graph/ResourceGraph';
import { HostObject, JsValue, isPlainObject } from '../../pulumi/interpreter';
import type { CdkModel } from '../constructs';
import { Renaming, renamed } from '../rename';
import { Ref, Unknown, ValueMap, isMap } from '../../../graph/values';
import { WrittenOnL1, recordWrittenAs } from '../propertyNames';
import { IntrinsicEvaluator } from '../../cloudformation/intrinsics';
import { STACK_MARKERS, stackOfPath, stackPath } from './paths';

/** A stack of the app, as its graph is made of (see {@link CdkModel.finish}). */
export interface CdkStack {
  resources: Resource[];
  outputs: StackOutput[];
  /** See {@link ResourceGraph.hasUnknownOfType}. */
  unknownTypes: Set<string>;
  /** See {@link ResourceGraphInit.conditionsMayHoldTogether}: the stack's `CfnCondition`s, by id; unset when it has none. */
  conditionsMayHoldTogether?: (first: string, second: string) => boolean;
}

/**
 * What findings are fingerprinted by the id of, in its graph (see
 * {@link StackGraphs.fingerprintIds}): a resource, an output, or a construct of
 * the app's own class that a comment is written on (SUP-001's).
 */
interface Declared {
  /** Its construct path; an output's: its stack's path and its name. */
  path: string;
  /** Its id in its graph, after `prefix`. */
  name: string;
  /** `Outputs.` for an output, whose fingerprints are apart from resources' (see outputAsResource). */
  prefix: string;
  file: string;
  line: number;
}

/**
 * A `CfnParameter`'s declaration in the template, from its props: its type
 * (`String` unless given) and allowed values. Undefined when the props are
 * not known statically, nor then what the parameter may be.
 */
function parameterDeclaration(
  props: JsValue,
): Record<string, unknown> | undefined {
  if (props === undefined) return { Type: 'String' };
  if (
    !isPlainObject(props) ||
    (props.type !== undefined && typeof props.type !== 'string')
  )
    return undefined;
  const allowed = props.allowedValues;
  const known =
    Array.isArray(allowed) && allowed.every(value => typeof value === 'string');
  if (allowed !== undefined && !known) return undefined;
  return {
    Type: props.type ?? 'String',
    ...(known && { AllowedValues: allowed }),
  };
}

/** The part of CdkModel the stacks' graphs are made from. */
type Model = Pick<
  CdkModel,
  | 'byId'
  | 'conditions'
  | 'constructSuppressions'
  | 'handedAcross'
  | 'l1OverridesModel'
  | 'outputs'
  | 'parameterOfValue'
  | 'resources'
  | 'setOnL1'
  | 'stackList'
  | 'stacksHolding'
  | 'unknownTypes'
  | 'writtenAs'
>;

/**
 * The app's resources and outputs split into a graph per stack once the app has run: each resource by its path below
 * its stack, references across stacks as the exports and imports synth writes, the stacks' conditions, and the
 * fingerprint ids of what the graphs hold.
 */
export class StackGraphs {
  constructor(private readonly model: Model) {}

  stacks(): CdkStack[] {
    const stacks: CdkStack[] = Array.from(
      { length: this.model.stackList.length + 1 },
      (_, n) => ({
        resources: [],
        outputs: [],
        // Types not known of a scope not known may be any stack's.
        unknownTypes: new Set([
          ...(this.model.unknownTypes.get(n === 0 ? undefined : n) ?? []),
          ...(this.model.unknownTypes.get(undefined) ?? []),
        ]),
      }),
    );
    // Each graph's CfnConditions, by their ids in it.
    const conditionsByGraph: Map<string, HostObject>[] = [];
    for (const [path, condition] of this.model.conditions) {
      const n = this.graphOfPath(path);
      const conditions = (conditionsByGraph[n] ??= new Map());
      conditions.set(this.textInGraph(n, path), condition);
      stacks[n].conditionsMayHoldTogether ??= (first, second) =>
        this.conditionEvaluator(n, conditions).conditionsMayHoldTogether(
          first,
          second,
        );
    }
    const ids = this.idsInGraphs();
    const { resourceIds, outputIds, constructIds } =
      this.allFingerprintIds(ids);
    const exported = stacks.map(() => new Set<string>());
    const renaming = (n: number, importer?: Resource): Renaming => ({
      text: written => this.textInGraph(n, written),
      ref: reference => {
        const home = this.graphOfPath(reference.target);
        const id =
          ids.get(reference.target) ?? this.textInGraph(home, reference.target);
        if (home === n) return new Ref(id, reference.attribute);
        // A parent passes its values to its nested stacks as parameters: it outputs nothing for them.
        if (!this.isParentOf(home, n)) {
          this.exportFrom(
            stacks[home],
            exported[home],
            new Ref(id, reference.attribute),
            this.model.byId.get(reference.target)?.line ?? 1,
            n === 0 || home === 0,
          );
        }
        if (importer) stacks[home].unknownTypes.add(importer.type);
        return new Unknown(
          `${this.textInGraph(n, reference.target)}${
            reference.attribute ? `.${reference.attribute}` : ''
          }, imported from another stack`,
        );
      },
    });
    for (const resource of this.model.resources) {
      const n = this.graphOfPath(resource.id);
      const text = (written: string) => this.textInGraph(n, written);
      const made: Resource = {
        ...resource,
        id: ids.get(resource.id)!,
        ...(resourceIds.has(resource.id) && {
          fingerprintId: resourceIds.get(resource.id),
        }),
        properties: renamed(
          resource.properties,
          renaming(n, resource),
        ) as ValueMap,
        suppressions: resource.suppressions.map(
          ({ writtenOn, ...suppression }) => ({
            ...suppression,
            ...(writtenOn && {
              writtenOn: ids.get(writtenOn) ?? text(writtenOn),
            }),
            ...(writtenOn &&
              constructIds.has(writtenOn) && {
                fingerprintId: constructIds.get(writtenOn),
              }),
            // On a construct of the app's class that made a nested stack: reviewed in the construct's own template.
            ...(writtenOn &&
              this.graphOfPath(writtenOn) !== n && {
                reviewedInAnotherGraph: true as const,
              }),
          }),
        ),
        ...(resource.generatedBy && {
          generatedBy:
            ids.get(resource.generatedBy) ?? text(resource.generatedBy),
        }),
        ...(resource.origin && { origin: text(resource.origin) }),
        ...(resource.variantOf && {
          variantOf: ids.get(resource.variantOf) ?? text(resource.variantOf),
        }),
        ...(resource.deployedIf && { deployedIf: text(resource.deployedIf) }),
      };
      const writtenAs = this.model.writtenAs.get(resource.id);
      if (writtenAs)
        recordWrittenAs(made, writtenAs, this.writtenOnL1(resource.id));
      stacks[n].resources.push(made);
    }
    for (const { stack, output } of this.model.outputs) {
      const n = this.graphOf(stack);
      stacks[n].outputs.push({
        ...output,
        name: this.textInGraph(n, output.name),
        value: renamed(output.value, renaming(n)),
        ...(outputIds.has(output) && { fingerprintId: outputIds.get(output) }),
      });
    }
    // What code not modelled may import (see handedOn), after what is known to be.
    for (const handed of this.model.handedAcross) {
      const home = this.graphOfPath(handed.target);
      this.exportFrom(
        stacks[home],
        exported[home],
        new Ref(ids.get(handed.target)!, handed.attribute),
        this.model.byId.get(handed.target)!.line,
        true,
      );
    }
    const [unplaced, ...placed] = stacks;
    // Graph 0 only when it holds something, or when the app has no stack the model knows.
    return placed.length === 0 ||
      unplaced.resources.length > 0 ||
      unplaced.outputs.length > 0
      ? [...placed, unplaced]
      : placed;
  }

  /**
   * Graph `n`'s conditions as the template CDK synthesizes writes them, with
   * the parameters they compare: CloudFormation's evaluator decides which
   * of them may hold together (see IntrinsicEvaluator.conditionsMayHoldTogether).
   */
  private conditionEvaluator(
    n: number,
    conditions: Map<string, HostObject>,
  ): IntrinsicEvaluator {
    const Parameters: Record<string, unknown> = {};
    const expression = (value: JsValue): unknown => {
      if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      )
        return value;
      if (value instanceof HostObject && value.kind === 'conditionFunction') {
        return {
          [value.data.intrinsic as string]: (
            value.data.operands as JsValue[]
          ).map(expression),
        };
      }
      const path =
        value instanceof HostObject && value.kind === 'condition'
          ? (value.data.path as string)
          : undefined;
      if (path !== undefined && this.graphOfPath(path) === n)
        return { Condition: this.textInGraph(n, path) };
      const parameter =
        value instanceof Unknown
          ? this.model.parameterOfValue.get(value)
          : undefined;
      const declaration =
        parameter && parameterDeclaration(parameter.data.props);
      if (
        parameter &&
        declaration &&
        this.graphOfPath(parameter.data.path as string) === n
      ) {
        const name = this.textInGraph(n, parameter.data.path as string);
        Parameters[name] = declaration;
        return { Ref: name };
      }
      // Not known statically: the evaluator decides nothing on it.
      return null;
    };
    const Conditions = Object.fromEntries(
      [...conditions].map(([id, condition]) => [
        id,
        expression(condition.data.expression),
      ]),
    );
    return new IntrinsicEvaluator({ Parameters, Conditions }, new Set());
  }

  /** Whether graph `parent` is that of a stack that holds stack `n` nested in it, directly or not. */
  private isParentOf(parent: number, n: number): boolean {
    for (
      let inParent = this.model.stackList[n - 1]?.pathInParent;
      inParent !== undefined;

    ) {
      const stack = stackOfPath(inParent)!;
      if (stack === parent) return true;
      inParent = this.model.stackList[stack - 1].pathInParent;
    }
    return false;
  }

  /**
   * The graph of a stack, by number: its own. A construct in a scope not
   * known statically is in the app's one stack if it has one (CDK puts every
   * resource in a stack); of several, which one is not known: such
   * constructs form a graph of their own, 0, rather than be judged with
   * the wrong stack's.
   */
  graphOf(stack: number | undefined): number {
    return stack ?? (this.model.stackList.length === 1 ? 1 : 0);
  }

  graphOfPath(path: string): number {
    return this.graphOf(stackOfPath(path));
  }

  /**
   * A text made from ids, as graph `n` reads it: paths below its stack, those
   * of other stacks after their stack's id (a nested stack's: after its path
   * in its parent, as graph `n` reads that).
   */
  private textInGraph(n: number, text: string): string {
    if (!text.includes('\uE000')) return text;
    return text.replace(STACK_MARKERS, (_, stack: string) => {
      if (Number(stack) === n) return '';
      const { name, pathInParent } = this.model.stackList[Number(stack) - 1];
      // A nested stack's constructs read as paths below it, where it is in its parent.
      return `${
        pathInParent === undefined ? name : this.textInGraph(n, pathInParent)
      }/`;
    });
  }

  /**
   * Each resource's id in its graph. CDK refuses two constructs of one path
   * in a stack, but one in a scope not known may take a path of the stack's.
   */
  private idsInGraphs(): Map<string, string> {
    const ids = new Map<string, string>();
    const taken = new Set<string>();
    for (const resource of this.model.resources) {
      const n = this.graphOfPath(resource.id);
      const base = this.textInGraph(n, resource.id);
      let unique = base;
      for (let k = 2; taken.has(`${n}\u0000${unique}`); k++)
        unique = `${base}${k}`;
      taken.add(`${n}\u0000${unique}`);
      ids.set(resource.id, unique);
    }
    return ids;
  }

  /**
   * The ids findings are fingerprinted by where an id in its graph is not enough (see
   * {@link Resource.fingerprintId}), of resources, of outputs, and of the constructs of the app's own classes
   * that comments are written on (see {@link InlineSuppression.fingerprintId}). Those of constructs are taken
   * after those of the resources that hold comments of their own, which SUP-001 fingerprints alike.
   */
  private allFingerprintIds(ids: Map<string, string>): {
    resourceIds: Map<string, string>;
    outputIds: Map<StackOutput, string>;
    constructIds: Map<string, string>;
  } {
    const resources = new Map<Declared, string>();
    for (const resource of this.model.resources) {
      resources.set(
        {
          path: resource.id,
          name: ids.get(resource.id)!,
          prefix: '',
          file: resource.file,
          line: resource.line,
        },
        resource.id,
      );
    }
    const outputs = new Map<Declared, StackOutput>();
    for (const { stack, output } of this.model.outputs) {
      const path =
        stack === undefined
          ? output.name
          : `${stackPath(stack)}/${output.name}`;
      outputs.set(
        {
          path,
          name: this.textInGraph(this.graphOf(stack), output.name),
          prefix: 'Outputs.',
          file: output.file!,
          line: output.line,
        },
        output,
      );
    }
    const taken = this.fingerprintIds([...resources.keys(), ...outputs.keys()]);
    const resourceIds = new Map<string, string>();
    const outputIds = new Map<StackOutput, string>();
    for (const [declared, fingerprintId] of taken) {
      const resource = resources.get(declared);
      if (resource === undefined)
        outputIds.set(outputs.get(declared)!, fingerprintId);
      else resourceIds.set(resource, fingerprintId);
    }
    // Those of the resources SUP-001 reviews comments on, for the constructs to take others.
    const commentedIds = new Set<string>();
    for (const [declared, path] of resources) {
      if (this.model.constructSuppressions.has(path))
        commentedIds.add(
          `${declared.file}\u0000${resourceIds.get(path) ?? declared.name}`,
        );
    }
    const constructs = new Map<Declared, string>();
    for (const [path, suppressions] of this.model.constructSuppressions) {
      const construct = suppressions[0].writtenOnConstruct;
      if (construct === undefined) continue;
      const line = Math.min(
        ...suppressions.map(suppression => suppression.line),
      );
      constructs.set(
        {
          path,
          name: this.textInGraph(this.graphOfPath(path), path),
          prefix: '',
          file: construct.file,
          line,
        },
        path,
      );
    }
    const constructIds = new Map<string, string>();
    for (const [declared, fingerprintId] of this.fingerprintIds(
      [...constructs.keys()],
      commentedIds,
    ))
      constructIds.set(constructs.get(declared)!, fingerprintId);
    return { resourceIds, outputIds, constructIds };
  }

  /**
   * The ids findings on `declared` are fingerprinted by, where not their ids in their graphs. Ids are paths below
   * a stack, and one file may declare things of one id in several stacks: the same construct in each stack its
   * code makes alike (at one line, one finding, as the copies of a top-level stack's own resources), or others
   * (two stacks' `Queue`, what two nested stacks of one id in different scopes hold), whose findings would share a
   * fingerprint, and a history by fingerprint keeps one. Of those, the one whose id is its path below its
   * top-level stack (else the first by line) keeps its id, where not `taken` (`file` NUL `id`); each other is
   * fingerprinted by that path, as cdk synth names a nested stack's resources, or, where another has that path
   * too, by its path from the app, with its top-level stack's id, and with the stage it is in where another has
   * that path too. One that another declaration of the file still has is numbered (`#2`) after it.
   */
  private fingerprintIds(
    declared: readonly Declared[],
    taken: ReadonlySet<string> = new Set(),
  ): Map<Declared, string> {
    // The places that declare things of each id in each file: a path below a top-level stack and a line.
    type Place = {
      id: string;
      below: string;
      line: number;
      declared: Declared[];
    };
    const places = new Map<string, Place[]>();
    for (const one of declared) {
      const id = `${one.prefix}${one.name}`;
      const below = `${one.prefix}${this.pathBelowTopStack(
        one.path,
        one.name,
      )}`;
      const key = `${one.file}\u0000${id}`;
      const inFile = places.get(key) ?? [];
      places.set(key, inFile);
      const place = inFile.find(
        other => other.below === below && other.line === one.line,
      );
      if (place) place.declared.push(one);
      else inFile.push({ id, below, line: one.line, declared: [one] });
    }
    const fromApp = (place: Place, withScope: boolean) => {
      const [{ path, prefix }] = place.declared;
      return `${prefix}${this.pathFromApp(
        path,
        place.below.slice(prefix.length),
        withScope,
      )}`;
    };
    // Each place's fingerprint id, the keepers' first.
    const chosen: { place: Place; fingerprintId: string; file: string }[] = [];
    const others: typeof chosen = [];
    for (const [key, inFile] of places) {
      const file = key.slice(0, key.indexOf('\u0000'));
      const { id } = inFile[0];
      const byLine = [...inFile].sort((a, b) => a.line - b.line);
      const keeper = taken.has(key)
        ? undefined
        : byLine.find(place => place.below === id) ?? byLine[0];
      if (keeper) chosen.push({ place: keeper, fingerprintId: id, file });
      for (const place of byLine) {
        if (place === keeper) continue;
        const shares = (other: Place) =>
          other !== place && other.below === place.below;
        let fingerprintId = place.below;
        if (place.below === id || inFile.some(shares)) {
          fingerprintId = fromApp(place, false);
          if (
            inFile.some(
              other =>
                shares(other) &&
                other !== keeper &&
                fromApp(other, false) === fingerprintId,
            )
          )
            fingerprintId = fromApp(place, true);
        }
        others.push({ place, fingerprintId, file });
      }
    }
    const used = new Set(taken);
    const fingerprintIds = new Map<Declared, string>();
    for (const { place, fingerprintId, file } of [
      ...chosen,
      ...others.sort((a, b) => a.place.line - b.place.line),
    ]) {
      let unique = fingerprintId;
      for (let n = 2; used.has(`${file}\u0000${unique}`); n++)
        unique = `${fingerprintId}#${n}`;
      used.add(`${file}\u0000${unique}`);
      if (unique !== place.id)
        for (const one of place.declared) fingerprintIds.set(one, unique);
    }
    return fingerprintIds;
  }

  /** The path of a construct (of `id` in its graph) below its top-level stack: for a nested stack's, after the nested stack's path there. */
  private pathBelowTopStack(path: string, id: string): string {
    const stack = stackOfPath(path);
    const inParent =
      stack === undefined
        ? undefined
        : this.model.stackList[stack - 1].pathInParent;
    if (inParent === undefined) return id;
    const top = stackOfPath(this.model.stacksHolding(path).at(-1)!)!;
    return `${this.textInGraph(top, inParent)}/${id}`;
  }

  /**
   * The path from the app of a construct whose path below its top-level stack is `below`: after that stack's id,
   * and `withScope`, after the path of the stage that holds that stack, where known.
   */
  private pathFromApp(path: string, below: string, withScope: boolean): string {
    const holding = this.model.stacksHolding(path);
    if (holding.length === 0) return below;
    const { name, scopePath: stage } =
      this.model.stackList[stackOfPath(holding.at(-1)!)! - 1];
    return withScope && stage !== undefined
      ? `${stage}/${name}/${below}`
      : `${name}/${below}`;
  }

  /**
   * The output CDK adds to a stack for a value another stack imports
   * (`ExportsOutputRefQueue…`; from a nested stack, an output its parent
   * reads, named otherwise), once per value; `conditional` when one of the
   * two is the graph of a scope not known, which may be the same stack (no
   * export, then).
   */
  private exportFrom(
    stack: CdkStack,
    exported: Set<string>,
    value: Ref,
    line: number,
    conditional: boolean,
  ): void {
    const key = `${value.target}\u0000${value.attribute ?? ''}`;
    if (exported.has(key)) return;
    exported.add(key);
    const name = `ExportsOutput${
      value.attribute ? 'FnGetAtt' : 'Ref'
    }${value.target.replace(/[^A-Za-z0-9]/g, '')}${value.attribute ?? ''}`;
    stack.outputs.push({
      name,
      value,
      line,
      ...(conditional && { conditional }),
    });
  }

  /**
   * The app's stacks, each its own graph as CDK synthesizes a template per
   * stack, its resources named by their paths below it. A reference to
   * another graph's resource is an import, not known statically, as CDK
   * makes it (its stack exports the value); and the resource that makes it
   * may be what a rule looks for there (an alarm on a function of the other
   * stack): its type is among that graph's types not known.
   */
  /** The properties of a resource the code wrote on its L1 (see {@link WrittenOnL1}): an override last, as CDK merges it. */
  private writtenOnL1(id: string): WrittenOnL1 | undefined {
    const overridden =
      this.model.l1OverridesModel.overrides.get(id)?.Properties;
    const written = new Map<string, 'l1' | 'cloudformation'>(
      [...(this.model.setOnL1.get(id) ?? [])].map(property => [property, 'l1']),
    );
    for (const property of isMap(overridden) ? Object.keys(overridden) : [])
      written.set(property, 'cloudformation');
    return written.size > 0 ? written : undefined;
  }
}
