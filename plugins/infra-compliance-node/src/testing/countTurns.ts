/**
 * Counts the turns of the event loop from now until `stop`: how tests see
 * that long work lets other callbacks (a request, a health check) run.
 */
export function countTurns(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    turns: () => turns,
    stop: () => {
      running = false;
    },
  };
}
