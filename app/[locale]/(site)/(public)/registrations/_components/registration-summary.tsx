import { getTranslations } from 'next-intl/server';
import { formatDateTime, formatDateTimeRange } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import type { ManagedRegistration } from '@/lib/registrations/queries';

const BADGE: Record<string, string> = {
  confirmed: 'fr-badge--success',
  pending: 'fr-badge--info',
  waitlisted: 'fr-badge--warning',
  offered: 'fr-badge--new',
  expired: 'fr-badge--error',
  rejected: 'fr-badge--error',
  cancelled: 'fr-badge--error',
};

/** A registration as its person sees it: the event, who, the status and what it means. */
export async function RegistrationSummary({
  registration,
  locale,
}: {
  registration: ManagedRegistration;
  locale: Locale;
}) {
  const [t, tStatus] = await Promise.all([
    getTranslations('registrations.manage'),
    getTranslations('registrations.statuses'),
  ]);
  const { event } = registration;
  return (
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
      {registration.sessions.length > 0 ? (
        <>
          <dt className="fr-text--bold">{t('sessionsChosen')}</dt>
          <dd className="fr-ml-0 fr-mb-2w">
            <ul data-testid="sessions-chosen">
              {registration.sessions.map((s) => (
                <li key={s.id}>
                  {s.title} — {formatDateTimeRange(s.startsAt, s.endsAt, event.timeZone, locale)}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
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
  );
}
