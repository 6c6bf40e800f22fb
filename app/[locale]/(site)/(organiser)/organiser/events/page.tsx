import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { allows } from '@/lib/auth/permissions';
import { requireHolder } from '@/lib/auth/session';
import { listManagedEvents } from '@/lib/events/queries';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('organiserEvents');

export default async function OrganiserEventsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireHolder('events.manage', `/${locale}/organiser/events`);
  const [t, tDashboard, tStatus, format, list] = await Promise.all([
    getTranslations('organiserEvents'),
    getTranslations('dashboard'),
    getTranslations('eventStatuses'),
    getFormatter(),
    listManagedEvents(viewer, locale),
  ]);
  return (
    <>
      <h1>{t('title')}</h1>
      {allows(viewer, 'events.create') ? (
        <p>
          <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" href="/organiser/events/new">
            {t('create')}
          </Link>
        </p>
      ) : null}
      {list.length > 0 ? (
        <p>
          <Link
            className="fr-link fr-icon-line-chart-line fr-link--icon-left"
            href="/organiser/dashboard"
          >
            {tDashboard('overviewLink')}
          </Link>
        </p>
      ) : null}
      {list.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <DataTable caption={t('caption')}>
          <thead>
            <tr>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colStart')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{tDashboard('link')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.id}>
                {/* Long titles wrap, so that the dashboard's column stays in view. */}
                <th
                  scope="row"
                  id={`event-${e.id}`}
                  style={{ whiteSpace: 'normal', minWidth: '12rem' }}
                >
                  <Link href={`/organiser/events/${e.id}`}>{e.title}</Link>
                </th>
                <td>
                  {format.dateTime(e.startsAt, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone: e.timeZone,
                  })}
                </td>
                <td>
                  <span className="fr-badge fr-badge--sm">{tStatus(e.status)}</span>
                </td>
                <td>
                  {/* Named like every row's, told apart by the event's name (the row's header). */}
                  <Link
                    href={`/organiser/events/${e.id}/dashboard`}
                    aria-describedby={`event-${e.id}`}
                  >
                    {tDashboard('link')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
