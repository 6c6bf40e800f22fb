import { getTranslations } from 'next-intl/server';
import { BarChart } from '@/app/_components/charts/bar-chart';
import { ChartFigure } from '@/app/_components/charts/chart-figure';
import type { ChartFormat } from '@/app/_components/charts/format';
import type { EventDashboard } from '@/lib/dashboard/queries';

type Props = {
  nominations: NonNullable<EventDashboard['nominations']>;
  groups: EventDashboard['groupQuotas'];
  fmt: ChartFormat;
};

/** Places given against each organisation's quota, then against each country's or group's. */
export async function Nominations({ nominations, groups, fmt }: Props) {
  const t = await getTranslations('dashboard.nominations');
  const used = (given: number, quota: number) =>
    t('used', { given: fmt.number(given), quota: fmt.number(quota) });
  return (
    <section className="fr-mb-4w" aria-labelledby="nominations-title">
      <h2 id="nominations-title">{t('title')}</h2>
      <ChartFigure
        testId="chart-quotas"
        title={t('byOrganisation')}
        empty={nominations.organisations.length === 0 ? t('empty') : null}
        chart={
          <BarChart
            label={(list) => t('label', { list })}
            items={nominations.organisations.map((o) => ({
              key: o.key,
              label: o.label,
              value: o.given / o.quota,
              display: used(o.given, o.quota),
            }))}
            max={1}
            track
          />
        }
        table={{
          caption: t('byOrganisation'),
          head: [t('organisation'), t('quota'), t('given'), t('reserve'), t('pending')],
          rows: nominations.organisations.map((o) => ({
            key: o.key,
            cells: [
              o.label,
              fmt.number(o.quota),
              fmt.number(o.given),
              fmt.number(o.reserve),
              fmt.number(o.pending),
            ],
          })),
        }}
      />
      {groups.length > 0 ? (
        <ChartFigure
          testId="chart-group-quotas"
          title={t('byGroup')}
          chart={
            <BarChart
              label={(list) => t('label', { list })}
              items={groups.map((g) => ({
                key: g.key,
                label: g.name,
                value: g.accepted / g.quota,
                display: used(g.accepted, g.quota),
              }))}
              max={1}
              track
            />
          }
          table={{
            caption: t('byGroup'),
            head: [t('group'), t('kind'), t('quota'), t('given')],
            rows: groups.map((g) => ({
              key: g.key,
              cells: [g.name, t(`kinds.${g.kind}`), fmt.number(g.quota), fmt.number(g.accepted)],
            })),
          }}
        />
      ) : null}
    </section>
  );
}
