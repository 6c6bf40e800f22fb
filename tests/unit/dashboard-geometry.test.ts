import { describe, expect, it } from 'vitest';
import {
  horizontalBars,
  MAX_DAILY_SPAN,
  ratio,
  timeChart,
  timeSeries,
  topWithOthers,
} from '@/lib/dashboard/geometry';

const datum = (key: string, value: number) => ({ key, label: key.toUpperCase(), value });

describe('rates', () => {
  it('gives a rate only against a whole greater than zero', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(5, 4)).toBe(1.25);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
  });
});

describe('bars', () => {
  it('makes the longest bar fill the plot, the others in proportion', () => {
    const bars = horizontalBars([datum('a', 10), datum('b', 5), datum('c', 0)]);
    expect(bars.map((b) => b.widthPct)).toEqual([100, 50, 0]);
    expect(bars[0]).toMatchObject({ key: 'a', label: 'A', value: 10 });
  });

  it('measures against a given maximum (a quota), never past the edge', () => {
    expect(horizontalBars([datum('a', 1), datum('b', 3)], 2).map((b) => b.widthPct)).toEqual([
      50, 100,
    ]);
  });

  it('draws zero-length bars when every value is zero, and nothing without data', () => {
    expect(horizontalBars([datum('a', 0)]).map((b) => b.widthPct)).toEqual([0]);
    expect(horizontalBars([])).toEqual([]);
  });

  it('keeps the n largest and adds up the rest as others', () => {
    const top = topWithOthers([datum('a', 1), datum('b', 9), datum('c', 4), datum('d', 2)], 2);
    expect(top.shown.map((i) => i.key)).toEqual(['b', 'c']);
    expect(top).toMatchObject({ others: 3, othersCount: 2 });
    expect(topWithOthers([datum('a', 1)], 2)).toEqual({
      shown: [datum('a', 1)],
      others: null,
      othersCount: 0,
    });
  });
});

describe('time series', () => {
  it('fills the days without registrations and keeps a running total', () => {
    const series = timeSeries([
      { day: '2030-02-27', count: 2 },
      { day: '2030-03-02', count: 3 },
      { day: '2030-02-27', count: 1 },
    ]);
    expect(series.unit).toBe('day');
    expect(series.points).toEqual([
      { period: '2030-02-27', count: 3, cumulative: 3 },
      { period: '2030-02-28', count: 0, cumulative: 3 },
      { period: '2030-03-01', count: 0, cumulative: 3 },
      { period: '2030-03-02', count: 3, cumulative: 6 },
    ]);
  });

  it('counts per month past the daily span, across a new year', () => {
    const series = timeSeries([
      { day: '2029-11-30', count: 1 },
      { day: '2030-03-01', count: 4 },
      { day: '2030-03-31', count: 1 },
    ]);
    expect(series.unit).toBe('month');
    expect(series.points).toEqual([
      { period: '2029-11', count: 1, cumulative: 1 },
      { period: '2029-12', count: 0, cumulative: 1 },
      { period: '2030-01', count: 0, cumulative: 1 },
      { period: '2030-02', count: 0, cumulative: 1 },
      { period: '2030-03', count: 5, cumulative: 6 },
    ]);
  });

  it('switches to months just past the daily span', () => {
    const days = (span: number) =>
      timeSeries([
        { day: '2030-01-01', count: 1 },
        { day: new Date(Date.UTC(2030, 0, span)).toISOString().slice(0, 10), count: 1 },
      ]);
    expect(days(MAX_DAILY_SPAN).unit).toBe('day');
    expect(days(MAX_DAILY_SPAN).points).toHaveLength(MAX_DAILY_SPAN);
    expect(days(MAX_DAILY_SPAN + 1).unit).toBe('month');
  });

  it('is empty without registrations, and so is its chart', () => {
    expect(timeSeries([])).toEqual({ unit: 'day', points: [] });
    expect(timeChart([])).toEqual({ columns: [], line: '', countMax: 1, totalMax: 1 });
  });

  it('places columns in equal slots, the busiest period and the final total at the top', () => {
    const { points } = timeSeries([
      { day: '2030-01-01', count: 2 },
      { day: '2030-01-02', count: 1 },
    ]);
    const chart = timeChart(points, 1000, 100, 0.5);
    expect(chart.countMax).toBe(2);
    expect(chart.totalMax).toBe(3);
    expect(chart.columns).toEqual([
      { x: 125, y: 0, width: 250, height: 100 },
      { x: 625, y: 50, width: 250, height: 50 },
    ]);
    expect(chart.line).toBe('250,33.33 750,0');
  });
});
