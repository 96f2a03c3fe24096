/**
 * A whole-list read reused for `forMs`: for small lists read on every request. A write through this
 * process forgets it at once (`forgetAfter`); one made by another server shows within `forMs`.
 */
export function cachedList<T>(read: () => Promise<T[]>, forMs: number, now: () => number = Date.now) {
  let cached: { at: number; list: Promise<T[]> } | undefined;
  return {
    list: (): Promise<T[]> => {
      if (!cached || now() - cached.at > forMs) {
        const list = read();
        cached = { at: now(), list };
        // A failed read is not kept: the next call reads again.
        list.catch(() => (cached = undefined));
      }
      return cached.list;
    },
    forgetAfter: <R>(write: Promise<R>): Promise<R> => write.finally(() => (cached = undefined)),
  };
}
