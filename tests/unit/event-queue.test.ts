import { describe, expect, it } from 'vitest';
import { BATCH_MAX, inBatch, type Settled } from '@/lib/registrations/event-queue';

/** A batch runner that records the batches it was given and doubles each number. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  let running = 0;
  let overlapping = false;
  const run = async (items: number[]): Promise<Settled<number>[]> => {
    batches.push(items);
    running++;
    if (running > 1) overlapping = true;
    await new Promise((r) => setTimeout(r, 5));
    running--;
    if (fail(items)) throw new Error(`batch ${items.join(',')} failed`);
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 2 },
    );
  };
  return { batches, run, overlapping: () => overlapping };
}

describe('inBatch (group commit)', () => {
  it('runs the first item at once and groups those arriving meanwhile, one batch at a time, in order', async () => {
    const { batches, run, overlapping } = recorder();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => inBatch('k', n, run)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
    expect(overlapping()).toBe(false);
  });

  it('keeps keys apart and never makes a batch bigger than BATCH_MAX', async () => {
    const { batches, run } = recorder();
    const many = Array.from({ length: BATCH_MAX * 2 + 1 }, (_, i) => i);
    await Promise.all([...many.map((n) => inBatch('a', n, run)), inBatch('b', 1000, run)]);
    expect(batches.map((b) => b.length)).toEqual([1, 1, BATCH_MAX, BATCH_MAX]);
    expect(batches.flat().sort((x, y) => x - y)).toEqual([...many, 1000]);
  });

  it('settles a refused item on its own, the others of its batch going through', async () => {
    const { run } = recorder();
    const results = await Promise.allSettled([1, -2, 3].map((n) => inBatch('r', n, run)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused -2');
  });

  it('runs each item of a failing batch alone, so only the culprit fails', async () => {
    // A batch fails whenever it holds 13; 13 alone fails with its own error.
    const { batches, run } = recorder((items) => items.includes(13));
    const results = await Promise.allSettled([1, 2, 13, 4].map((n) => inBatch('f', n, run)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('batch 13 failed');
    expect(batches).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
    // The line is free again afterwards.
    expect(await inBatch('f', 5, run)).toBe(10);
  });
});
