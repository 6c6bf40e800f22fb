import { describe, expect, it } from 'vitest';
import { backoffSeconds } from '@/lib/jobs/queue';

describe('backoffSeconds', () => {
  it('doubles from 10 seconds after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffSeconds)).toEqual([
      10, 20, 40, 80, 160, 320, 640, 1280, 2560,
    ]);
  });

  it('is capped at one hour', () => {
    expect(backoffSeconds(10)).toBe(3600);
    expect(backoffSeconds(20)).toBe(3600);
    expect(backoffSeconds(1000)).toBe(3600);
  });

  it('never waits less than 10 seconds', () => {
    expect(backoffSeconds(0)).toBe(10);
    expect(backoffSeconds(-3)).toBe(10);
  });
});
