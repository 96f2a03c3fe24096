/**
 * Runs `run` once after `firstAfterMs` and then every `intervalMinutes`, never two at once in this process
 * (a run still going when the next is due is not started again). `stop()` waits for a run under way.
 */
export function startRecurring(run: () => Promise<void>, opts: { firstAfterMs: number; intervalMinutes: number }): { stop(): Promise<void> } {
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current) return;
    current = run().finally(() => (current = undefined));
  };
  const first = setTimeout(tick, opts.firstAfterMs);
  const timer = setInterval(tick, opts.intervalMinutes * 60_000);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
