/**
 * A minimal sequential step runner: each step has a time limit, a failed step
 * is reported and later steps still run (each one starts from the app's
 * catalog page, so they do not depend on one another's success), and the run
 * ends with the plain `N passed, N failed` line CI recognises.
 */
export type Step = {
  name: string;
  run: () => Promise<void>;
  timeoutMs: number;
};

export type StepResults = { passed: number; failed: number; skipped: string[] };

async function withTimeout(
  name: string,
  timeoutMs: number,
  run: () => Promise<void>,
) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`step "${name}" exceeded ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runSteps(
  steps: Step[],
  results: StepResults,
  onFailure?: (name: string) => Promise<void>,
): Promise<void> {
  for (const step of steps) {
    const started = Date.now();
    try {
      await withTimeout(step.name, step.timeoutMs, step.run);
      results.passed += 1;
      console.log(`  ✓ ${step.name} (${seconds(started)})`);
    } catch (error) {
      results.failed += 1;
      console.log(`  ✗ ${step.name} (${seconds(started)})`);
      console.log(indent(String((error as Error)?.stack ?? error)));
      await onFailure?.(step.name).catch(() => {});
    }
  }
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map(line => `      ${line}`)
    .join('\n');
}
