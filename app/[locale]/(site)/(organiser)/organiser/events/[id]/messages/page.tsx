import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AutoRefresh } from '@/app/_components/auto-refresh';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DataTable } from '@/app/_components/data-table';
import { countryName, formatDateTime, listOf } from '@/lib/events/format';
import { listMailings, segmentOptions } from '@/lib/mailings/queries';
import type { Locale } from '@/lib/people/enums';
import { REGISTRATION_STATUSES } from '@/lib/registrations/enums';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { MailingForm } from './_components/mailing-form';

type Props = { params: Promise<{ locale: Locale; id: string }> };

/** While mails are being queued or sent, the list follows them. */
const REFRESH_SECONDS = 3;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'mailings' });
  return { title: t('title') };
}

export default async function EventMessagesPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/messages`,
  );
  const [options, past, t, tList, tStatus] = await Promise.all([
    segmentOptions(viewer, id, locale),
    listMailings(viewer, id, locale),
    getTranslations('mailings'),
    getTranslations('registrations.organiser'),
    getTranslations('registrations.statuses'),
  ]);
  const sessionTitle = new Map(options.sessions.map((s) => [s.value, s.label]));
  const summary = (s: (typeof past)[number]['segment']) =>
    [
      t('segmentSummary.statuses', {
        list: listOf(
          s.statuses.map((x) => tStatus(x as (typeof REGISTRATION_STATUSES)[number])),
          locale,
        ),
      }),
      s.sessionId
        ? t('segmentSummary.session', { title: sessionTitle.get(s.sessionId) ?? '?' })
        : null,
      s.organisation ? t('segmentSummary.organisation', { name: s.organisation }) : null,
      s.country ? t('segmentSummary.country', { name: countryName(s.country, locale) }) : null,
      s.attendance !== 'any' ? t(`segmentSummary.${s.attendance}`) : null,
    ].filter((x): x is string => x !== null);
  return (
    <>
      {past.some((m) => m.inProgress) ? <AutoRefresh seconds={REFRESH_SECONDS} /> : null}
      <Breadcrumb
        parents={[
          { label: tList('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${id}` },
        ]}
        current={t('title')}
      />
      <h1>{t('heading', { title: event.title })}</h1>
      <p>{t('intro')}</p>

      <section className="fr-mb-6w" aria-labelledby="compose-title">
        <h2 id="compose-title">{t('composeTitle')}</h2>
        <MailingForm
          eventId={id}
          statuses={REGISTRATION_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
          sessions={options.sessions}
          organisations={options.organisations}
          countries={options.countries}
        />
      </section>

      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('pastTitle')}</h2>
        {past.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable caption={t('tableCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('columns.date')}</th>
                <th scope="col">{t('columns.sentBy')}</th>
                <th scope="col">{t('columns.subject')}</th>
                <th scope="col">{t('columns.segment')}</th>
                <th scope="col">{t('columns.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {past.map((m) => (
                <tr key={m.id} data-testid="mailing-row">
                  <td>{formatDateTime(m.createdAt, event.timeZone, locale)}</td>
                  <td>{m.sentBy ?? ''}</td>
                  <td>{m.subject}</td>
                  <td>
                    {summary(m.segment).map((line) => (
                      <span key={line} className="fr-text--sm">
                        {line}
                        <br />
                      </span>
                    ))}
                  </td>
                  <td data-testid="mailing-progress">
                    {t('progress', { sent: m.sent, total: m.recipientCount })}
                    <br />
                    <span className="fr-text--xs">
                      {m.queuedAt
                        ? t('progressDetail', { queued: m.queued, failed: m.failed })
                        : t('preparing')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </>
  );
}
