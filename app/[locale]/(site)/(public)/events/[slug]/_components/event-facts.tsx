import { getTranslations } from 'next-intl/server';
import {
  countryName,
  formatDateTime,
  formatDateTimeRange,
  languageName,
  listOf,
  zoneLabel,
} from '@/lib/events/format';
import type { EventPageDto } from '@/lib/events/queries';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { registrationPhase, takesPublicRegistrations } from '@/lib/registrations/window';
import { CalendarLink } from './calendar-link';
import { VisitorTime } from './visitor-time';

type Props = { event: EventPageDto; locale: Locale; now: Date };

const TAKE_PART = {
  open: 'takePartOpen',
  approval: 'takePartApproval',
  nomination: 'takePartNomination',
  invitation: 'takePartInvitation',
} as const;

/** The practical information: when (in the event's zone), where, languages, seats, how to come. */
export async function EventFacts({ event, locale, now }: Props) {
  const [t, tFormats, tRegistration] = await Promise.all([
    getTranslations('eventPage'),
    getTranslations('eventFormats'),
    getTranslations('registrationModes'),
  ]);
  const zone = event.timeZone;
  const languages = (codes: string[]) =>
    listOf(
      codes.map((c) => languageName(c, locale)),
      locale,
    );
  const opens = event.registrationOpensAt;
  const closes = event.registrationClosesAt;
  const registrationWindow =
    opens && closes
      ? t('registrationWindow', {
          from: formatDateTime(opens, zone, locale),
          to: formatDateTime(closes, zone, locale),
        })
      : opens
        ? t('registrationFrom', { from: formatDateTime(opens, zone, locale) })
        : closes
          ? t('registrationUntil', { to: formatDateTime(closes, zone, locale) })
          : null;
  const window = registrationPhase(event, now);
  const registrationState =
    window === 'open'
      ? 'registrationOpen'
      : window === 'not_yet'
        ? 'registrationNotYet'
        : 'registrationClosed';
  const canRegister = window === 'open' && takesPublicRegistrations(event.registrationMode);
  const city =
    event.city && event.country
      ? `${event.city}, ${countryName(event.country, locale)}`
      : (event.city ?? (event.country ? countryName(event.country, locale) : null));

  return (
    <section className="fr-callout fr-mb-0" aria-labelledby="practical-title">
      <h2 id="practical-title" className="fr-h5">
        {t('practical')}
      </h2>
      <dl className="fr-raw-list">
        <dt className="fr-text--bold">{t('dates')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          <p className="fr-mb-0" data-testid="event-dates">
            {formatDateTimeRange(event.startsAt, event.endsAt, zone, locale)}
          </p>
          <p className="fr-text--sm fr-mb-0">
            {t('eventTimeZone', { zone: zoneLabel(event.startsAt, zone, locale) })}
          </p>
          <VisitorTime
            startsAt={event.startsAt.toISOString()}
            endsAt={event.endsAt.toISOString()}
            eventTimeZone={zone}
            template={t.raw('yourTime') as string}
          />
        </dd>
        <dt className="fr-text--bold">{t('venue')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          {event.mode === 'online' ? (
            <>
              <p className="fr-mb-0">{t('online')}</p>
              <p className="fr-text--sm fr-mb-0">{t('onlineNote')}</p>
            </>
          ) : (
            <>
              {event.venueName ? <p className="fr-mb-0">{event.venueName}</p> : null}
              {event.venueAddress ? <p className="fr-mb-0">{event.venueAddress}</p> : null}
              {city ? <p className="fr-mb-0">{city}</p> : null}
              {event.mode === 'hybrid' ? (
                <p className="fr-text--sm fr-mb-0">{t('hybridNote')}</p>
              ) : null}
            </>
          )}
        </dd>
        <dt className="fr-text--bold">{t('format')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">{tFormats(event.format)}</dd>
        {event.networkName ? (
          <>
            <dt className="fr-text--bold">{t('network')}</dt>
            <dd className="fr-ml-0 fr-mb-2w">
              {event.networkAcronym && event.networkAcronym !== event.networkName
                ? `${event.networkName} (${event.networkAcronym})`
                : event.networkName}
            </dd>
          </>
        ) : null}
        {event.workingGroupName ? (
          <>
            <dt className="fr-text--bold">{t('workingGroup')}</dt>
            <dd className="fr-ml-0 fr-mb-2w">{event.workingGroupName}</dd>
          </>
        ) : null}
        <dt className="fr-text--bold">{t('languages')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">{languages(event.workingLanguages)}</dd>
        <dt className="fr-text--bold">{t('interpretation')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          {event.interpretationLanguages.length > 0
            ? languages(event.interpretationLanguages)
            : t('noInterpretation')}
        </dd>
        <dt className="fr-text--bold">{t('capacity')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          {event.capacity === null ? t('noLimit') : t('seats', { count: event.capacity })}
        </dd>
        <dt className="fr-text--bold">{t('takePart')}</dt>
        <dd className="fr-ml-0 fr-mb-2w">
          <p className="fr-mb-0 fr-text--bold">{tRegistration(event.registrationMode)}</p>
          <p className="fr-mb-0">{t(TAKE_PART[event.registrationMode])}</p>
        </dd>
        {event.registrationMode !== 'invitation' ? (
          <>
            <dt className="fr-text--bold">{t('registration')}</dt>
            <dd className="fr-ml-0 fr-mb-2w">
              {registrationWindow ? <p className="fr-mb-0">{registrationWindow}</p> : null}
              <p className="fr-mb-0">{t(registrationState)}</p>
              {canRegister ? (
                <p className="fr-mt-2w fr-mb-0">
                  <Link className="fr-btn" href={`/events/${event.slug}/register`}>
                    {t('registerCta')}
                  </Link>
                </p>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <CalendarLink
        href={`/api/events/${encodeURIComponent(event.slug)}/ics?lang=${locale}`}
        label={t('addToCalendar')}
        context={event.title}
      />
    </section>
  );
}
