/**
 * `method` answering only once `release()` is called, as over a slow network:
 * for what a component shows while an answer is on its way, or when it comes
 * late.
 */
export function holdAnswers<Args extends unknown[], Answer>(
  method: (...args: Args) => Promise<Answer>,
): { held(...args: Args): Promise<Answer>; release(): void } {
  let release!: () => void;
  const released = new Promise<void>(resolve => {
    release = resolve;
  });
  return {
    async held(...args) {
      await released;
      return method(...args);
    },
    release,
  };
}
