// Pure geometry of the dashboard's hand-drawn charts: scales, bars, time series. No
// React and no database here, so that the unit tests can pin every number.

/** A part of a whole, 0 to 1 (it may pass 1); null when there is no whole to measure against. */
export function ratio(part: number, whole: number | null | undefined): number | null {
  if (!whole || whole <= 0) return null;
  return part / whole;
}

export type Datum = { key: string; label: string; value: number };
export type HorizontalBar<T extends Datum = Datum> = T & {
  /** The bar's length as a percentage of the plot's width, 0 to 100. */
  widthPct: number;
};

/**
 * Bars of one scale: the longest value (or `max`, a quota or a capacity) fills the plot.
 * A value of zero keeps a zero-length bar; a value over `max` is drawn to the edge.
 */
export function horizontalBars<T extends Datum>(items: T[], max?: number): HorizontalBar<T>[] {
  const top = max ?? Math.max(0, ...items.map((i) => i.value));
  return items.map((item) => ({
    ...item,
    widthPct: top > 0 ? Math.min(100, (Math.max(0, item.value) / top) * 100) : 0,
  }));
}

/**
 * The `n` largest items (ties by label, in the order given), and what the others add
 * up to (null when nothing is left out).
 */
export function topWithOthers<T extends Datum>(
  items: T[],
  n: number,
): { shown: T[]; others: number | null; othersCount: number } {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  if (sorted.length <= n) return { shown: sorted, others: null, othersCount: 0 };
  const rest = sorted.slice(n);
  return {
    shown: sorted.slice(0, n),
    others: rest.reduce((sum, i) => sum + i.value, 0),
    othersCount: rest.length,
  };
}

const DAY_MS = 86_400_000;
/** Past this many days, a time series is counted per month rather than per day. */
export const MAX_DAILY_SPAN = 92;

export type Point = { period: string; count: number; cumulative: number };
export type TimeSeries = { unit: 'day' | 'month'; points: Point[] };

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Counts per calendar day ('YYYY-MM-DD', already in the event's time zone), every day
 * from the first to the last filled in with zeros, with the running total. Over
 * MAX_DAILY_SPAN days the counts are summed per month ('YYYY-MM').
 */
export function timeSeries(rows: { day: string; count: number }[]): TimeSeries {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.day, (counts.get(r.day) ?? 0) + r.count);
  const days = [...counts.keys()].sort();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return { unit: 'day', points: [] };
  const span = dayNumber(last) - dayNumber(first) + 1;
  const unit = span > MAX_DAILY_SPAN ? 'month' : 'day';
  const periods = new Map<string, number>();
  if (unit === 'day') {
    for (let d = dayNumber(first); d <= dayNumber(last); d++) {
      const day = dayString(d);
      periods.set(day, counts.get(day) ?? 0);
    }
  } else {
    let [year, month] = first.split('-').map(Number) as [number, number];
    const end = last.slice(0, 7);
    for (;;) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      periods.set(key, 0);
      if (key >= end) break;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    for (const [day, n] of counts) {
      const key = day.slice(0, 7);
      periods.set(key, (periods.get(key) ?? 0) + n);
    }
  }
  let total = 0;
  return {
    unit,
    points: [...periods].map(([period, count]) => {
      total += count;
      return { period, count, cumulative: total };
    }),
  };
}

export type ColumnGeometry = { x: number; y: number; width: number; height: number };

/**
 * The columns and the running-total line of a time series, in a plot of `width` by
 * `height` units (an SVG viewBox): each period gets an equal slot, the column takes
 * `fill` of it. The busiest period's column and the final total reach the top (each
 * scale at least 1), so that the top of the plot reads as those two numbers.
 */
export function timeChart(
  points: Point[],
  width = 1000,
  height = 100,
  fill = 0.7,
): { columns: ColumnGeometry[]; line: string; countMax: number; totalMax: number } {
  const countMax = Math.max(1, ...points.map((p) => p.count));
  const totalMax = Math.max(1, points.at(-1)?.cumulative ?? 0);
  if (points.length === 0) return { columns: [], line: '', countMax, totalMax };
  const slot = width / points.length;
  const round = (n: number) => Math.round(n * 100) / 100;
  const columns = points.map((p, i) => {
    const h = (p.count / countMax) * height;
    return {
      x: round(i * slot + (slot * (1 - fill)) / 2),
      y: round(height - h),
      width: round(slot * fill),
      height: round(h),
    };
  });
  const line = points
    .map(
      (p, i) =>
        `${round(i * slot + slot / 2)},${round(height - (p.cumulative / totalMax) * height)}`,
    )
    .join(' ');
  return { columns, line, countMax, totalMax };
}
