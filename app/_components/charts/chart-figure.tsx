import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DataTable } from '@/app/_components/data-table';

export type ChartTable = {
  caption: string;
  /** The column headers; the first column heads the rows. */
  head: string[];
  rows: { key: string; cells: string[] }[];
};

type Props = {
  /** A short heading of the chart (the section's own heading stays the page's). */
  title: string;
  chart: ReactNode;
  legend?: ReactNode;
  table: ChartTable;
  /** Shown instead of the chart and its table when there is nothing to draw. */
  empty?: string | null;
  testId?: string;
};

/**
 * A chart with its data: the drawing (an image with a text label), then the same
 * numbers as a table behind a disclosure, the table being the source of truth for
 * screen readers and keyboard users.
 */
export async function ChartFigure({ title, chart, legend, table, empty, testId }: Props) {
  const t = await getTranslations('dashboard.chart');
  return (
    <figure className="fr-mb-6w fr-mx-0" data-testid={testId}>
      <figcaption className="fr-text--lg fr-text--bold fr-mb-1w">{title}</figcaption>
      {empty ? (
        <p className="fr-text--sm fr-mb-0" data-testid="chart-empty">
          {empty}
        </p>
      ) : (
        <>
          {chart}
          {legend}
          <details className="fr-mt-1w">
            <summary>{t('showTable', { title })}</summary>
            <DataTable caption={table.caption}>
              <thead>
                <tr>
                  {table.head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.key}>
                    {r.cells.map((c, i) =>
                      i === 0 ? (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row keep their order
                        <th key={i} scope="row">
                          {c}
                        </th>
                      ) : (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row keep their order
                        <td key={i}>{c}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </details>
        </>
      )}
    </figure>
  );
}

/** Coloured squares naming the series of a chart (the colours alone never carry the data). */
export function Legend({ items }: { items: { key: string; label: string; colour: string }[] }) {
  return (
    <ul
      className="fr-raw-list fr-text--sm fr-mb-0"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem' }}
    >
      {items.map((i) => (
        <li key={i.key}>
          <span
            aria-hidden="true"
            style={{
              display: 'inline-block',
              width: '0.75rem',
              height: '0.75rem',
              marginRight: '0.375rem',
              background: i.colour,
              verticalAlign: 'middle',
            }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
