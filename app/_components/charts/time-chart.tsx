import { type Point, timeChart } from '@/lib/dashboard/geometry';
import { COLOURS } from './colours';

type Props = {
  label: string;
  points: Point[];
  /** Each period's name as shown (a day or a month, in the locale). */
  periodLabel: (period: string) => string;
  /** The top of the left scale (per period) and of the right one (running total), as shown. */
  countTop: (max: number) => string;
  totalTop: (max: number) => string;
};

const HEIGHT = 180;
const TOP = 24;
const BOTTOM = 28;

/**
 * Columns per period with the running total as a line over them. The plot is a nested
 * SVG stretched to the width (its strokes unscaled); the text outside it stays in pixels.
 */
export function TimeChart({ label, points, periodLabel, countTop, totalTop }: Props) {
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const { columns, line, countMax, totalMax } = timeChart(points, 1000, 100);
  const first = points[0];
  const last = points.at(-1);
  return (
    <svg
      role="img"
      aria-label={label}
      width="100%"
      height={HEIGHT}
      style={{ display: 'block', fontSize: '0.8125rem' }}
    >
      <text x="0" y="14" style={{ fill: COLOURS.text }}>
        {countTop(countMax)}
      </text>
      <text x="100%" y="14" textAnchor="end" style={{ fill: COLOURS.line, fontWeight: 700 }}>
        {totalTop(totalMax)}
      </text>
      {/* The plot is part of the outer image, which carries the label. */}
      <svg
        aria-hidden="true"
        x="0"
        y={TOP}
        width="100%"
        height={plotHeight}
        viewBox="0 0 1000 100"
        preserveAspectRatio="none"
        style={{ overflow: 'visible' }}
      >
        {[0, 50, 100].map((y) => (
          <line
            key={y}
            x1="0"
            x2="1000"
            y1={y}
            y2={y}
            vectorEffect="non-scaling-stroke"
            style={{ stroke: COLOURS.grid, strokeWidth: 1 }}
          />
        ))}
        {columns.map((c, i) => (
          <rect
            key={points[i]?.period}
            x={c.x}
            y={c.y}
            width={c.width}
            height={c.height}
            style={{ fill: COLOURS.main }}
          />
        ))}
        <polyline
          points={line}
          vectorEffect="non-scaling-stroke"
          style={{ fill: 'none', stroke: COLOURS.line, strokeWidth: 3 }}
        />
      </svg>
      {first ? (
        <text x="0" y={HEIGHT - 8} style={{ fill: COLOURS.text }}>
          {periodLabel(first.period)}
        </text>
      ) : null}
      {last && last !== first ? (
        <text x="100%" y={HEIGHT - 8} textAnchor="end" style={{ fill: COLOURS.text }}>
          {periodLabel(last.period)}
        </text>
      ) : null}
    </svg>
  );
}
