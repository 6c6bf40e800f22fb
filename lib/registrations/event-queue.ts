/** What a batch gives back for each of its items, in order. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

type Entry<T, R> = {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
};

type Line<T, R> = {
  waiting: Entry<T, R>[];
  running: boolean;
  run: (items: T[]) => Promise<Settled<R>[]>;
};

const lines = new Map<string, Line<never, never>>();

/** The most items one batch takes; the others wait for the next. */
export const BATCH_MAX = 64;

/**
 * Group commit. Runs `item` with the other items queued under the same key in this
 * process: one batch at a time per key, and the items that arrive while a batch runs
 * form the next one (no waiting when nothing else is queued). `run` settles every item
 * of its batch, in order. Should it throw instead (a database error, an item that
 * fails the whole transaction), each item of that batch is run again on its own, so
 * that one item's failure stays its own.
 *
 * Not a correctness device (the event row's lock is, across instances): it keeps a
 * burst of registrations for one event from taking the lock, and a pooled connection,
 * once per person, so that the lock is held for a few statements per batch.
 */
export function inBatch<T, R>(
  key: string,
  item: T,
  run: (items: T[]) => Promise<Settled<R>[]>,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let line = lines.get(key) as Line<T, R> | undefined;
    if (!line) {
      line = { waiting: [], running: false, run };
      lines.set(key, line as unknown as Line<never, never>);
    }
    line.waiting.push({ item, resolve, reject });
    if (!line.running) void drain(key, line);
  });
}

async function drain<T, R>(key: string, line: Line<T, R>) {
  line.running = true;
  while (line.waiting.length > 0) {
    const batch = line.waiting.splice(0, BATCH_MAX);
    await runBatch(line.run, batch);
  }
  line.running = false;
  lines.delete(key);
}

async function runBatch<T, R>(
  run: (items: T[]) => Promise<Settled<R>[]>,
  batch: Entry<T, R>[],
): Promise<void> {
  let settled: Settled<R>[];
  try {
    settled = await run(batch.map((e) => e.item));
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    for (const entry of batch) await runBatch(run, [entry]);
    return;
  }
  batch.forEach((entry, i) => {
    const s = settled[i];
    if (!s) entry.reject(new Error('batch settled fewer items than it took'));
    else if (s.ok) entry.resolve(s.value);
    else entry.reject(s.error);
  });
}
