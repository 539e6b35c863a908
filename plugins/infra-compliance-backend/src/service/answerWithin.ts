import { ServiceUnavailableError } from '@backstage/errors';

/**
 * What `answer` gives, or a ServiceUnavailableError (503) once `timeoutMs`
 * pass without it: a request waits that long for a dependency that does
 * not answer, not forever. The answer that comes later is ignored.
 */
export async function answerWithin<T>(
  answer: Promise<T>,
  timeoutMs: number,
  dependency: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceUnavailableError(
            `${dependency} did not answer within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The catalog's answer, awaited for `timeoutMs` at most (then 503). */
export function fromCatalog<T>(
  answer: Promise<T>,
  timeoutMs: number,
): Promise<T> {
  return answerWithin(answer, timeoutMs, 'The catalog');
}
