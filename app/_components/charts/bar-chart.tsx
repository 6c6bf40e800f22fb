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
  /** What the image says, read by screen readers in place of the drawing, given each bar's name and value. */
  label: (list: string) => string;
  items: BarItem[];
  /** The value that fills the width (a quota, a capacity, 1 for rates); the largest value by default. */
  max?: number;
  /** Draw the whole of `max` as a light track behind each bar. */
  track?: boolean;
};

const BAR = 14;

/**
 * Horizontal bars, one per row: the name and the value written above the bar (they
 * wrap on a phone instead of being cut), the bar an SVG as wide as the column. The
 * whole is one image with a text label; the table under it holds the same numbers.
 */
export function BarChart({ label, items, max, track = false }: Props) {
  const bars = horizontalBars(items, max);
  return (
    <div
      role="img"
      aria-label={label(items.map((i) => `${i.label} ${i.display}`).join(', '))}
      className="fr-mb-1w"
      // A name and its value stay close enough to be read together on a wide screen.
      style={{ maxWidth: '48rem' }}
    >
      {bars.map((b) => (
        <div key={b.key} className="fr-mb-1w">
          <div
            className="fr-text--sm fr-mb-1v"
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              justifyContent: 'space-between',
              gap: '0 1rem',
            }}
          >
            <span>{b.label}</span>
            <strong>{b.display}</strong>
          </div>
          <svg aria-hidden="true" width="100%" height={BAR} style={{ display: 'block' }}>
            {track ? (
              <rect x="0" y="0" width="100%" height={BAR} style={{ fill: COLOURS.track }} />
            ) : null}
            <rect
              x="0"
              y="0"
              width={`${b.widthPct}%`}
              height={BAR}
              style={{ fill: b.colour ?? COLOURS.main }}
            />
          </svg>
        </div>
      ))}
    </div>
  );
}
