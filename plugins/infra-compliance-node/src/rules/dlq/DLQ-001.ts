import { Resource } from '../../graph/ResourceGraph';
import { getPath } from '../../graph/values';
import {
  FUNCTION_TYPE,
  Trigger,
  invokeConfigsOf,
  triggersOf,
} from '../../analysis/lambda';
import { defineRule } from '../types';

const ROLE_TYPE = 'AWS::IAM::Role';

/**
 * A trigger as its author wrote it: `its S3 event Upload` for one SAM
 * generated from the function, `Main's EventInvokeConfig` from another.
 */
function callerName(via: Trigger['via'], fn: Resource): string {
  if (!via.generatedBy) return via.origin ?? via.id;
  const what = via.origin ?? `${via.type} ${via.id}`;
  return via.generatedBy === (fn.generatedBy ?? fn.id)
    ? `its ${what}`
    : `${via.generatedBy}'s ${what}`;
}

/**
 * DLQ-001: a function that may be invoked asynchronously needs a dead-letter
 * target or an on-failure destination. Exempt only when every trigger the
 * stack declares is synchronous or a poll-based event source mapping.
 */
export default defineRule('DLQ-001', ({ graph, check, report }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const triggers = triggersOf(graph, fn);
    if (triggers.length > 0 && triggers.every(t => t.kind !== 'async'))
      continue;
    check(fn);
    if (getPath(fn.properties, ['DeadLetterConfig', 'TargetArn']) !== undefined)
      continue;
    const hasOnFailure = invokeConfigsOf(graph, fn).some(
      config =>
        getPath(config.properties, [
          'DestinationConfig',
          'OnFailure',
          'Destination',
        ]) !== undefined,
    );
    if (hasOnFailure) continue;
    // A trigger the stack declares says more than a role that may invoke it; one the function's own declaration
    // made (its event, its subscription) says what its author wrote, more than the source it wires (a bucket).
    const asyncTriggers = triggers.filter(
      t => t.kind === 'async' && t.via.type !== ROLE_TYPE,
    );
    const asyncTrigger =
      asyncTriggers.find(
        t => t.via.generatedBy === (fn.generatedBy ?? fn.id),
      ) ??
      asyncTriggers[0] ??
      triggers.find(t => t.kind === 'async');
    const untied =
      triggers.length === 0 &&
      !fn.handedToCodeNotModelled &&
      fn.wiredAsOneOfAlternatives === true;
    let why =
      'has no trigger in the stack, so it may be invoked asynchronously';
    if (fn.handedToCodeNotModelled)
      why =
        'is handed to code the scanner does not read, which may invoke it asynchronously,';
    else if (untied)
      why =
        'has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously';
    // Another function that is handed it may call it either way: nothing proves the call waits.
    if (asyncTrigger?.via.type === FUNCTION_TYPE)
      why = `may be invoked asynchronously (by ${callerName(
        asyncTrigger.via,
        fn,
      )}, whose environment names it)`;
    else if (asyncTrigger?.via.type === ROLE_TYPE)
      why = `may be invoked asynchronously (by EventBridge Scheduler, whose role ${callerName(
        asyncTrigger.via,
        fn,
      )} may invoke it)`;
    else if (asyncTrigger)
      why = `is invoked asynchronously (by ${callerName(
        asyncTrigger.via,
        fn,
      )})`;
    // Where the call that made it cannot set one (a Pulumi inline handler), say where the author can.
    const fix = graph.settingsElsewhere(fn)
      ? ` Set ${graph.nameOf(fn, 'DeadLetterConfig')}.`
      : '';
    // Code not read may give it only synchronous triggers, which would exempt it: as for an untied one, not proven.
    const handedOnly = fn.handedToCodeNotModelled === true && !asyncTrigger;
    report(fn, {
      message: `Function ${fn.id} ${why} but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.${fix}`,
      ...((untied || handedOnly) && { confidence: 'partial' as const }),
    });
  }
});
