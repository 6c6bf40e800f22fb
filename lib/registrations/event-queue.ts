const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after the previous work queued for the same key in this process, one at a
 * time. Not a correctness device (the event row's lock is, across instances): it keeps
 * a burst of registrations for one event from parking every pooled connection in a
 * wait for that lock, so the other requests' queries (rate limits, reads) still run.
 */
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => {});
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
