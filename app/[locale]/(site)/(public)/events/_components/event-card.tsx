import { getTranslations } from 'next-intl/server';
import { countryName, formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import type { CatalogueItem } from '@/lib/events/queries';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';

type Props = { event: CatalogueItem; locale: Locale };

/** One catalogue result: a DSFR card whose title links to the event page. */
export async function EventCard({ event, locale }: Props) {
  const [t, tFormats, tModes, tRegistration] = await Promise.all([
    getTranslations('catalogue'),
    getTranslations('eventFormats'),
    getTranslations('eventModes'),
    getTranslations('registrationModes'),
  ]);
  const place =
    event.mode === 'online' || !event.city
      ? t('online')
      : event.country
        ? t('place', { city: event.city, country: countryName(event.country, locale) })
        : event.city;
  const cancelled = event.status === 'cancelled';
  return (
    <div className="fr-card fr-enlarge-link">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title">
            <Link href={`/events/${event.slug}`}>{event.title}</Link>
          </h3>
          {event.summary ? <p className="fr-card__desc">{event.summary}</p> : null}
          <div className="fr-card__start">
            <ul className="fr-badges-group">
              {cancelled ? (
                <li>
                  <p className="fr-badge fr-badge--error">{t('cancelled')}</p>
                </li>
              ) : null}
              <li>
                <p className="fr-badge fr-badge--blue-cumulus fr-badge--no-icon">
                  {tFormats(event.format)}
                </p>
              </li>
            </ul>
            {event.networkAcronym ? (
              <p className="fr-card__detail">
                {event.workingGroupName
                  ? `${event.networkAcronym} — ${event.workingGroupName}`
                  : event.networkAcronym}
              </p>
            ) : null}
          </div>
          <div className="fr-card__end">
            <p className="fr-card__detail fr-icon-calendar-line">
              <span className="fr-sr-only">{t('when')} </span>
              {formatDateTimeRange(event.startsAt, event.endsAt, event.timeZone, locale)} —{' '}
              {zoneLabel(event.startsAt, event.timeZone, locale)}
            </p>
            <p className="fr-card__detail fr-icon-map-pin-2-line">
              <span className="fr-sr-only">{t('where')} </span>
              {place}
              {event.mode === 'hybrid' ? ` · ${tModes('hybrid')}` : ''}
            </p>
            <p className="fr-card__detail fr-icon-team-line">
              <span className="fr-sr-only">{t('howToTakePart')} </span>
              {tRegistration(event.registrationMode)}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}
