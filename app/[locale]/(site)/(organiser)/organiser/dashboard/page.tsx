import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { BarChart } from '@/app/_components/charts/bar-chart';
import { ChartFigure } from '@/app/_components/charts/chart-figure';
import { chartFormat } from '@/app/_components/charts/format';
import { KeyFigures } from '@/app/_components/charts/key-figures';
import { RegistrationsOverTime, StatusChart } from '@/app/_components/charts/registration-charts';
import { DataTable } from '@/app/_components/data-table';
import { requireHolder } from '@/lib/auth/session';
import { eventsDashboard } from '@/lib/dashboard/queries';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('dashboard');

export default async function DashboardPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireHolder('events.manage', `/${locale}/organiser/dashboard`);
  const [t, tStatus, format, fmt, data] = await Promise.all([
    getTranslations('dashboard'),
    getTranslations('registrations.statuses'),
    getFormatter(),
    chartFormat(),
    eventsDashboard(viewer, locale),
  ]);
  const { totals } = data;
  return (
    <>
      <h1>{t('title')}</h1>
      <p>
        <Link className="fr-link" href="/organiser/events">
          {t('allEvents')}
        </Link>
      </p>
      {data.events.length === 0 ? (
        <p data-testid="dashboard-empty">{t('noEvents')}</p>
      ) : (
        <>
          <KeyFigures
            label={t('figures.label')}
            figures={[
              {
                key: 'total',
                label: t('figures.totalAcross', { events: data.events.length }),
                value: fmt.number(totals.total),
              },
              {
                key: 'fill',
                label: t('figures.fill'),
                value: fmt.percent(totals.fillRate),
                detail: t('figures.seats', {
                  seats: fmt.number(totals.seats),
                  capacity: fmt.number(totals.capacity),
                }),
              },
              {
                key: 'attendance',
                label: t('figures.attendanceAcross'),
                value: fmt.percent(totals.attendanceRate),
                detail: t('figures.came', {
                  came: fmt.number(totals.came),
                  expected: fmt.number(totals.expected),
                }),
              },
            ]}
          />
          <section className="fr-mb-6w" aria-labelledby="events-title">
            <h2 id="events-title">{t('events.title')}</h2>
            <DataTable caption={t('events.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('events.event')}</th>
                  <th scope="col">{t('events.start')}</th>
                  <th scope="col">{t('events.total')}</th>
                  <th scope="col">{tStatus('confirmed')}</th>
                  <th scope="col">{tStatus('pending')}</th>
                  <th scope="col">{tStatus('waitlisted')}</th>
                  <th scope="col">{tStatus('offered')}</th>
                  <th scope="col">{t('events.ended')}</th>
                  <th scope="col">{t('events.fill')}</th>
                  <th scope="col">{t('events.attendance')}</th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((e) => (
                  <tr key={e.id} data-testid="dashboard-event">
                    {/* Long titles wrap, so that a phone shows the numbers beside them. */}
                    <th scope="row" style={{ whiteSpace: 'normal', minWidth: '12rem' }}>
                      <Link href={`/organiser/events/${e.id}/dashboard`}>{e.title}</Link>
                    </th>
                    <td>
                      {format.dateTime(e.startsAt, { dateStyle: 'medium', timeZone: e.timeZone })}
                    </td>
                    <td>{fmt.number(e.total)}</td>
                    <td>{fmt.number(e.byStatus.confirmed)}</td>
                    <td>{fmt.number(e.byStatus.pending)}</td>
                    <td>{fmt.number(e.byStatus.waitlisted)}</td>
                    <td>{fmt.number(e.byStatus.offered)}</td>
                    <td>
                      {fmt.number(e.byStatus.cancelled + e.byStatus.rejected + e.byStatus.expired)}
                    </td>
                    <td>
                      {e.capacity === null
                        ? t('events.noCapacity')
                        : t('events.fillValue', {
                            rate: fmt.percent(e.fillRate),
                            seats: fmt.number(e.seats),
                            capacity: fmt.number(e.capacity),
                          })}
                    </td>
                    <td>
                      {e.started
                        ? t('events.attendanceValue', {
                            rate: fmt.percent(e.attendanceRate),
                            came: fmt.number(e.came),
                            expected: fmt.number(e.expected),
                          })
                        : t('figures.notStarted')}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="dashboard-totals">
                  <th scope="row">{t('events.totals')}</th>
                  <td />
                  <td>{fmt.number(totals.total)}</td>
                  <td>{fmt.number(totals.byStatus.confirmed)}</td>
                  <td>{fmt.number(totals.byStatus.pending)}</td>
                  <td>{fmt.number(totals.byStatus.waitlisted)}</td>
                  <td>{fmt.number(totals.byStatus.offered)}</td>
                  <td>
                    {fmt.number(
                      totals.byStatus.cancelled +
                        totals.byStatus.rejected +
                        totals.byStatus.expired,
                    )}
                  </td>
                  <td>
                    {t('events.fillValue', {
                      rate: fmt.percent(totals.fillRate),
                      seats: fmt.number(totals.seats),
                      capacity: fmt.number(totals.capacity),
                    })}
                  </td>
                  <td>
                    {t('events.attendanceValue', {
                      rate: fmt.percent(totals.attendanceRate),
                      came: fmt.number(totals.came),
                      expected: fmt.number(totals.expected),
                    })}
                  </td>
                </tr>
              </tfoot>
            </DataTable>
          </section>
          <section aria-labelledby="charts-title">
            <h2 id="charts-title">{t('acrossTitle')}</h2>
            <RegistrationsOverTime series={data.series} fmt={fmt} zoneNote={t('overTime.zones')} />
            <StatusChart counts={totals.byStatus} fmt={fmt} />
            <ChartFigure
              testId="chart-fill"
              title={t('events.fillChart')}
              empty={data.events.every((e) => e.capacity === null) ? t('events.noFill') : null}
              chart={
                <BarChart
                  label={(list) => t('events.fillLabel', { list })}
                  items={data.events
                    .filter((e) => e.capacity !== null)
                    .map((e) => ({
                      key: e.id,
                      label: e.title,
                      value: e.fillRate ?? 0,
                      display: fmt.percent(e.fillRate),
                    }))}
                  max={1}
                  track
                />
              }
              table={{
                caption: t('events.fillChart'),
                head: [
                  t('events.event'),
                  t('events.seats'),
                  t('events.capacity'),
                  t('events.fill'),
                ],
                rows: data.events
                  .filter((e) => e.capacity !== null)
                  .map((e) => ({
                    key: e.id,
                    cells: [
                      e.title,
                      fmt.number(e.seats),
                      fmt.number(e.capacity ?? 0),
                      fmt.percent(e.fillRate),
                    ],
                  })),
              }}
            />
          </section>
        </>
      )}
    </>
  );
}
