/**
 * Long synchronous work written as a generator that pauses (`yield`) after
 * each bounded piece (a file parsed, a stack built, a graph evaluated), so
 * that the same code runs straight through for the CLI and tests, or in
 * turns of the event loop for a backend that must keep answering requests
 * while it scans a large tree.
 */
import { performance } from 'node:perf_hooks';

/** Work that pauses between pieces and returns `T` at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Milliseconds of work between two turns of the event loop. */
export const TURN_MS = 20;

/** Resolves after the event loop has run its pending callbacks (I/O, timers). */
export function nextTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}

/** Runs the steps without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, giving the event loop a turn whenever `turnMs` of work
 * has passed since the last one (not after every step: a turn costs a
 * round trip, and most steps take well under a millisecond).
 */
export async function runStepsInTurns<T>(
  steps: Steps<T>,
  turnMs = TURN_MS,
): Promise<T> {
  let turnStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - turnStarted >= turnMs) {
      await nextTurn();
      turnStarted = performance.now();
    }
  }
}
