import { performance } from 'node:perf_hooks';
import { countTurns } from '../testing/countTurns';
import { Steps, runSteps, runStepsInTurns } from './steps';

/** `count` steps, each busy for `busyMs`, returning how many ran. */
function* busySteps(count: number, busyMs: number): Steps<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + busyMs;
    while (performance.now() < until) {
      // the work of one step
    }
    yield;
  }
  return count;
}

describe('runSteps', () => {
  it('runs every step and returns the result, without giving the event loop a turn', () => {
    const counter = countTurns();
    expect(runSteps(busySteps(5, 1))).toBe(5);
    expect(counter.turns()).toBe(0);
    counter.stop();
  });
});

describe('runStepsInTurns', () => {
  it('gives the event loop a turn whenever a turn of work has passed', async () => {
    const counter = countTurns();
    // 12 steps of 5 ms with 10 ms turns: a turn after every second step at least.
    expect(await runStepsInTurns(busySteps(12, 5), 10)).toBe(12);
    counter.stop();
    expect(counter.turns()).toBeGreaterThanOrEqual(6);
    expect(counter.turns()).toBeLessThanOrEqual(12);
  });

  it('does not give a turn after every quick step', async () => {
    const counter = countTurns();
    expect(await runStepsInTurns(busySteps(1000, 0), 1000)).toBe(1000);
    counter.stop();
    expect(counter.turns()).toBe(0);
  });

  it('passes on an error a step throws', async () => {
    function* failing(): Steps<void> {
      yield;
      throw new Error('the second step failed');
    }
    await expect(runStepsInTurns(failing())).rejects.toThrow(
      'the second step failed',
    );
  });
});
