import { getTranslations } from 'next-intl/server';
import type { TimeSeries } from '@/lib/dashboard/geometry';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '@/lib/registrations/enums';
import { BarChart } from './bar-chart';
import { ChartFigure, Legend } from './chart-figure';
import { COLOURS, STATUS_COLOURS } from './colours';
import type { ChartFormat } from './format';
import { TimeChart } from './time-chart';

type OverTimeProps = {
  series: TimeSeries;
  fmt: ChartFormat;
  /** Said under the title: whose time zone the days are counted in. */
  zoneNote: string;
};

/** Registrations received per day (or month) with the running total, and its table. */
export async function RegistrationsOverTime({ series, fmt, zoneNote }: OverTimeProps) {
  const t = await getTranslations('dashboard.overTime');
  const total = series.points.at(-1)?.cumulative ?? 0;
  const first = series.points[0];
  const last = series.points.at(-1);
  const title = t(series.unit === 'day' ? 'titleDay' : 'titleMonth');
  return (
    <ChartFigure
      testId="chart-over-time"
      title={title}
      empty={series.points.length === 0 ? t('empty') : null}
      chart={
        <>
          <p className="fr-text--sm fr-mb-1w">{zoneNote}</p>
          <TimeChart
            label={t('label', {
              total: fmt.number(total),
              from: first ? fmt.period(first.period) : '',
              to: last ? fmt.period(last.period) : '',
            })}
            points={series.points}
            periodLabel={fmt.period}
            countTop={(n) =>
              t(series.unit === 'day' ? 'perDayTop' : 'perMonthTop', { n: fmt.number(n) })
            }
            totalTop={(n) => t('totalTop', { n: fmt.number(n) })}
          />
        </>
      }
      legend={
        <Legend
          items={[
            {
              key: 'count',
              label: t(series.unit === 'day' ? 'perDay' : 'perMonth'),
              colour: COLOURS.main,
            },
            { key: 'total', label: t('cumulative'), colour: COLOURS.line },
          ]}
        />
      }
      table={{
        caption: title,
        head: [t(series.unit === 'day' ? 'day' : 'month'), t('count'), t('cumulative')],
        rows: series.points.map((p) => ({
          key: p.period,
          cells: [fmt.period(p.period), fmt.number(p.count), fmt.number(p.cumulative)],
        })),
      }}
    />
  );
}

/** Registrations per status, one bar each in the status's colour. */
export async function StatusChart({
  counts,
  fmt,
}: {
  counts: Record<RegistrationStatus, number>;
  fmt: ChartFormat;
}) {
  const [t, tStatus] = await Promise.all([
    getTranslations('dashboard.byStatus'),
    getTranslations('registrations.statuses'),
  ]);
  const total = REGISTRATION_STATUSES.reduce((n, s) => n + counts[s], 0);
  const items = REGISTRATION_STATUSES.map((s) => ({
    key: s,
    label: tStatus(s),
    value: counts[s],
    display: fmt.number(counts[s]),
    colour: STATUS_COLOURS[s],
  }));
  return (
    <ChartFigure
      testId="chart-by-status"
      title={t('title')}
      empty={total === 0 ? t('empty') : null}
      chart={<BarChart label={(list) => t('label', { list })} items={items} />}
      table={{
        caption: t('title'),
        head: [t('status'), t('count')],
        rows: [
          ...items.map((i) => ({ key: i.key, cells: [i.label, i.display] })),
          { key: 'total', cells: [t('total'), fmt.number(total)] },
        ],
      }}
    />
  );
}

/** The largest groups by name (organisations, countries), then the others added up. */
export async function TopChart({
  testId,
  title,
  head,
  top,
  fmt,
}: {
  testId: string;
  title: string;
  /** The header of the groups' column. */
  head: string;
  top: {
    shown: { key: string; label: string; value: number }[];
    others: number | null;
    othersCount: number;
  };
  fmt: ChartFormat;
}) {
  const t = await getTranslations('dashboard.top');
  const items = [
    ...top.shown.map((i) => ({ ...i, display: fmt.number(i.value) })),
    ...(top.others === null
      ? []
      : [
          {
            key: '\u0000others',
            label: t('others', { n: top.othersCount }),
            value: top.others,
            display: fmt.number(top.others),
            colour: COLOURS.muted,
          },
        ]),
  ];
  return (
    <ChartFigure
      testId={testId}
      title={title}
      empty={items.length === 0 ? t('empty') : null}
      chart={<BarChart label={(list) => t('label', { title, list })} items={items} />}
      table={{
        caption: title,
        head: [head, t('count')],
        rows: items.map((i) => ({ key: i.key, cells: [i.label, i.display] })),
      }}
    />
  );
}
