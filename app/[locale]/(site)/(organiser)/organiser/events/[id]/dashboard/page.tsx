import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { BarChart } from '@/app/_components/charts/bar-chart';
import { ChartFigure } from '@/app/_components/charts/chart-figure';
import { chartFormat } from '@/app/_components/charts/format';
import { KeyFigures } from '@/app/_components/charts/key-figures';
import {
  RegistrationsOverTime,
  StatusChart,
  TopChart,
} from '@/app/_components/charts/registration-charts';
import { NotFoundError } from '@/lib/auth/errors';
import { requirePermission } from '@/lib/auth/session';
import { eventDashboard } from '@/lib/dashboard/queries';
import { isUuid } from '@/lib/events/validation';
import type { Locale } from '@/lib/people/enums';
import { Nominations } from './_components/nominations';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'dashboard' });
  return { title: t('eventTitle') };
}

async function load(locale: Locale, id: string) {
  if (!isUuid(id)) notFound();
  const viewer = await requirePermission(
    'events.manage',
    `/${locale}/organiser/events/${id}/dashboard`,
    {
      eventId: id,
    },
  );
  try {
    return await eventDashboard(viewer, id, locale);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function EventDashboardPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const data = await load(locale, id);
  const [t, tEditor, fmt] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('eventEditor'),
    chartFormat(),
  ]);
  const entrance = data.attendance[0];
  const counts = Object.fromEntries(data.byStatus.map((s) => [s.status, s.count])) as Parameters<
    typeof StatusChart
  >[0]['counts'];
  // Sessions nobody books ahead (plenaries) have nobody expected: no rate to give.
  const doors = data.attendance
    .filter((d) => d.id === null || d.expected > 0)
    .map((d) => ({ ...d, name: d.title ?? t('attendance.entrance') }));
  const unbooked = data.attendance.length - doors.length;
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tEditor('allEvents'), href: '/organiser/events' },
          { label: data.title, href: `/organiser/events/${id}` },
        ]}
        current={t('eventTitle')}
      />
      <h1>{t('heading', { title: data.title })}</h1>
      <KeyFigures
        label={t('figures.label')}
        figures={[
          { key: 'total', label: t('figures.total'), value: fmt.number(data.total) },
          {
            key: 'fill',
            label: t('figures.fill'),
            value: fmt.percent(data.fillRate),
            detail:
              data.capacity === null
                ? t('figures.noCapacity', { seats: fmt.number(data.seats) })
                : t('figures.seats', {
                    seats: fmt.number(data.seats),
                    capacity: fmt.number(data.capacity),
                  }),
          },
          {
            key: 'attendance',
            label: t('figures.attendance'),
            value: data.started ? fmt.percent(entrance?.rate ?? null) : t('figures.notStarted'),
            detail: t('figures.came', {
              came: fmt.number(entrance?.came ?? 0),
              expected: fmt.number(entrance?.expected ?? 0),
            }),
          },
        ]}
      />

      <section className="fr-mb-4w" aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t('registrationsTitle')}</h2>
        <RegistrationsOverTime
          series={data.series}
          fmt={fmt}
          zoneNote={t('overTime.zone', { zone: data.timeZone })}
        />
        <StatusChart counts={counts} fmt={fmt} />
        <p className="fr-text--sm">{t('top.note')}</p>
        <TopChart
          testId="chart-by-organisation"
          title={t('top.organisations')}
          head={t('top.organisation')}
          top={data.byOrganisation}
          fmt={fmt}
        />
        <TopChart
          testId="chart-by-country"
          title={t('top.countries')}
          head={t('top.country')}
          top={data.byCountry}
          fmt={fmt}
        />
      </section>

      {data.nominations ? (
        <Nominations nominations={data.nominations} groups={data.groupQuotas} fmt={fmt} />
      ) : null}

      <section aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('attendance.title')}</h2>
        {unbooked > 0 ? (
          <p className="fr-text--sm">{t('attendance.unbooked', { n: unbooked })}</p>
        ) : null}
        <ChartFigure
          testId="chart-attendance"
          title={t('attendance.chart')}
          empty={doors.every((d) => d.expected === 0) ? t('attendance.empty') : null}
          chart={
            <BarChart
              label={(list) => t('attendance.label', { list })}
              items={doors.map((d) => ({
                key: d.id ?? 'entrance',
                label: d.name,
                value: d.rate ?? 0,
                display: t('attendance.value', {
                  rate: fmt.percent(d.rate),
                  came: fmt.number(d.came),
                  expected: fmt.number(d.expected),
                }),
              }))}
              max={1}
              track
            />
          }
          table={{
            caption: t('attendance.chart'),
            head: [
              t('attendance.door'),
              t('attendance.expected'),
              t('attendance.came'),
              t('attendance.rate'),
            ],
            rows: doors.map((d) => ({
              key: d.id ?? 'entrance',
              cells: [d.name, fmt.number(d.expected), fmt.number(d.came), fmt.percent(d.rate)],
            })),
          }}
        />
      </section>
    </>
  );
}
