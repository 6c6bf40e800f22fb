import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientIntl } from '@/app/_components/client-intl';
import { formatDateTime, formatDateTimeRange } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { ACTIVE_STATUSES } from '@/lib/registrations/enums';
import { registrationByToken } from '@/lib/registrations/queries';
import { ManageActions } from './_components/manage-actions';

type Props = { params: Promise<{ locale: Locale; token: string }> };

// The link is the key: keep it out of Referer headers and search engines.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.manage' });
  return { title: t('title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

const BADGE: Record<string, string> = {
  confirmed: 'fr-badge--success',
  pending: 'fr-badge--info',
  waitlisted: 'fr-badge--warning',
  offered: 'fr-badge--new',
  expired: 'fr-badge--error',
  rejected: 'fr-badge--error',
  cancelled: 'fr-badge--error',
};

export default async function ManageRegistrationPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const registration = await registrationByToken(token, locale);
  if (!registration) notFound();
  const [t, tStatus] = await Promise.all([
    getTranslations('registrations.manage'),
    getTranslations('registrations.statuses'),
  ]);
  const { event } = registration;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t('title')}</h1>
        {event.cancelled ? (
          <div className="fr-alert fr-alert--error fr-mb-3w" data-testid="event-cancelled">
            <h2 className="fr-alert__title">{t('eventCancelled')}</h2>
            {event.cancellationReason ? <p>{event.cancellationReason}</p> : null}
          </div>
        ) : null}
        <dl className="fr-raw-list">
          <dt className="fr-text--bold">{t('event')}</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            <Link href={`/events/${event.slug}`}>{event.title}</Link>
            <br />
            {formatDateTimeRange(event.startsAt, event.endsAt, event.timeZone, locale)}
          </dd>
          <dt className="fr-text--bold">{t('name')}</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            {registration.firstName} {registration.lastName} — {registration.organisation}
          </dd>
          <dt className="fr-text--bold">{t('status')}</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            <p className={`fr-badge ${BADGE[registration.status] ?? ''}`} data-testid="status">
              {tStatus(registration.status)}
            </p>
            {registration.position ? (
              <p className="fr-mt-1w fr-mb-0" data-testid="position">
                {t('position', { position: registration.position })}
              </p>
            ) : null}
            {registration.status === 'offered' && registration.offerExpiresAt ? (
              <p className="fr-mt-1w fr-mb-0">
                {t('offerUntil', {
                  until: formatDateTime(registration.offerExpiresAt, event.timeZone, locale),
                })}
              </p>
            ) : null}
          </dd>
        </dl>
        {ACTIVE_STATUSES.includes(registration.status) ? (
          <ClientIntl>
            <ManageActions token={token} offered={registration.status === 'offered'} />
          </ClientIntl>
        ) : null}
      </div>
    </div>
  );
}
