import { horizontalBars } from '@/lib/dashboard/geometry';
import { COLOURS } from './colours';

export type BarItem = {
  key: string;
  label: string;
  value: number;
  /** The value as shown (formatted for the locale, maybe "3 / 5"). */
  display: string;
  colour?: string;
};

type Props = {
  /** What the image says, read by screen readers in place of the drawing. */
  label: string;
  items: BarItem[];
  /** The value that fills the plot (a quota, a capacity, 1 for rates); the largest value by default. */
  max?: number;
  /** Draw the whole of `max` as a light track behind each bar. */
  track?: boolean;
};

const ROW = 46;
const BAR = 16;
/** The bars take this share of the width, the rest is left to the value written after them. */
const PLOT = 78;

/**
 * Horizontal bars, one per row with its name above it: lengths in percentages of the
 * width and text in pixels, so that it reads at the same size on a phone and a desktop.
 */
export function BarChart({ label, items, max, track = false }: Props) {
  const bars = horizontalBars(items, max);
  return (
    <svg
      role="img"
      aria-label={label}
      width="100%"
      height={bars.length * ROW}
      style={{ display: 'block', overflow: 'visible', fontSize: '0.875rem' }}
    >
      {bars.map((b, i) => {
        const top = i * ROW;
        const length = (b.widthPct * PLOT) / 100;
        return (
          <g key={b.key}>
            <text x="0" y={top + 15} style={{ fill: COLOURS.text }}>
              {b.label}
            </text>
            {track ? (
              <rect
                x="0"
                y={top + 22}
                width={`${PLOT}%`}
                height={BAR}
                style={{ fill: COLOURS.track }}
              />
            ) : null}
            <rect
              x="0"
              y={top + 22}
              width={`${length}%`}
              height={BAR}
              style={{ fill: b.colour ?? COLOURS.main }}
            />
            <text
              x={`${track ? PLOT : length}%`}
              dx="6"
              y={top + 35}
              style={{ fill: COLOURS.text, fontWeight: 700 }}
            >
              {b.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
