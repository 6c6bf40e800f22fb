import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { NotFoundError } from '@/lib/auth/errors';
import { formatDateTime } from '@/lib/events/format';
import { outputsOverview } from '@/lib/outputs/queries';
import type { Locale } from '@/lib/people/enums';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { SendCertificatesButton } from './_components/send-certificates-button';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'badges.page' });
  return { title: t('title') };
}

/** Badges to print and certificates to send, for one event's organisers. */
export default async function OutputsPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/outputs`,
  );
  const overview = await outputsOverview(viewer, id, locale).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [t, tCert, tList, tLevel] = await Promise.all([
    getTranslations('badges.page'),
    getTranslations('certificates.organiser'),
    getTranslations('registrations.organiser'),
    getTranslations('confidentiality'),
  ]);
  const when = (d: Date) => formatDateTime(d, overview.timeZone, locale);
  const { mailing, attendees } = overview.certificates;
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tList('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${id}` },
        ]}
        current={t('title')}
      />
      <h1>{t('title')}</h1>

      <section className="fr-mb-6w" aria-labelledby="badges-title">
        <h2 id="badges-title">{t('badgesTitle')}</h2>
        <p>{t('badgesHint')}</p>
        <p data-testid="badge-organisation">
          {overview.confidentiality === 'public'
            ? t('organisationShown')
            : t('organisationHidden', { level: tLevel(overview.confidentiality) })}
        </p>
        <p data-testid="badge-count">{t('confirmed', { count: overview.confirmed })}</p>
        {overview.confirmed > 0 ? (
          <form method="get" action={`/api/events/${id}/badges`}>
            <input type="hidden" name="lang" value={locale} />
            {overview.sessions.length > 0 ? (
              <div className="fr-select-group">
                <label className="fr-label" htmlFor="badge-session">
                  {t('sessionLabel')}
                </label>
                <select className="fr-select" id="badge-session" name="session" defaultValue="">
                  <option value="">{t('everyone')}</option>
                  {overview.sessions
                    .filter((s) => s.booked > 0)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {t('sessionOption', { title: s.title })}
                      </option>
                    ))}
                </select>
              </div>
            ) : null}
            <button
              type="submit"
              className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            >
              {t('download')}
            </button>
          </form>
        ) : null}
        <p className="fr-text--sm fr-mt-2w">{t('singleHint')}</p>
      </section>

      <section className="fr-mb-6w" aria-labelledby="certificates-title">
        <h2 id="certificates-title">{tCert('title')}</h2>
        <p>{tCert('hint')}</p>
        <p data-testid="attendee-count">{tCert('attendees', { count: attendees })}</p>
        {mailing ? (
          <div className="fr-callout" data-testid="certificates-sent">
            <p className="fr-callout__text">
              {mailing.by
                ? tCert('sent', { date: when(mailing.requestedAt), name: mailing.by })
                : tCert('sentBySomeone', { date: when(mailing.requestedAt) })}{' '}
              {tCert('progress', { count: mailing.sent })}
            </p>
          </div>
        ) : !overview.ended ? (
          <p className="fr-text--sm" data-testid="certificates-not-yet">
            {tCert('notYet', { end: when(overview.endsAt) })}
          </p>
        ) : (
          <SendCertificatesButton eventId={id} label={tCert('send')} success={tCert('queued')} />
        )}
      </section>
    </>
  );
}
