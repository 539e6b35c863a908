/** Whether the page is shown: not in a background tab, nor a minimised window. */
export const isPageVisible = () => document.visibilityState === 'visible';

/**
 * Calls `run` after `ms`, or, if the page is hidden by then, once it is
 * shown again: a hidden page asks nothing. Returns what cancels it.
 */
export function setVisibleTimeout(run: () => void, ms: number): () => void {
  const onChange = () => {
    if (!isPageVisible()) return;
    document.removeEventListener('visibilitychange', onChange);
    run();
  };
  const timer = setTimeout(() => {
    if (isPageVisible()) run();
    else document.addEventListener('visibilitychange', onChange);
  }, ms);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onChange);
  };
}
