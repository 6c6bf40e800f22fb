import { getTranslations } from 'next-intl/server';
import { formatDay, formatTime, formatTimeRange, zoneLabel } from '@/lib/events/format';
import type { EventPageDto, SessionDto } from '@/lib/events/queries';
import { buildTimetable, type TimeSlot } from '@/lib/events/timetable';
import type { Locale } from '@/lib/people/enums';
import { CalendarLink } from './calendar-link';

type Props = { event: EventPageDto; locale: Locale };

// The programme reads in order for a screen reader: one section per day (with its heading),
// an ordered list of time slots, and in each slot the list of its sessions. Parallel sessions
// sit side by side from the md breakpoint and stack on a phone (DSFR grid, no JavaScript).
export async function Timetable({ event, locale }: Props) {
  const t = await getTranslations('eventPage');
  const days = buildTimetable(event.sessions, event.timeZone);
  return (
    <section aria-labelledby="programme-title" className="fr-mt-6w">
      <h2 id="programme-title">{t('programme')}</h2>
      {days.length === 0 ? (
        <p>{t('noProgramme')}</p>
      ) : (
        <>
          <p className="fr-text--sm">
            {t('programmeTimes', { zone: zoneLabel(event.startsAt, event.timeZone, locale) })}
          </p>
          {days.map((day) => (
            <section
              key={day.day}
              aria-labelledby={`day-${day.day}`}
              className="fr-mb-4w"
              data-testid="timetable-day"
            >
              <h3 id={`day-${day.day}`} className="fr-h4">
                {formatDay(day.day, locale)}
              </h3>
              <ol className="fr-raw-list">
                {day.slots.map((slot) => (
                  <Slot
                    key={slot.startsAt.toISOString()}
                    slot={slot}
                    event={event}
                    locale={locale}
                  />
                ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

async function Slot({
  slot,
  event,
  locale,
}: {
  slot: TimeSlot<SessionDto>;
  event: EventPageDto;
  locale: Locale;
}) {
  const t = await getTranslations('eventPage');
  const zone = event.timeZone;
  const times = (
    <>
      <time dateTime={slot.startsAt.toISOString()}>{formatTime(slot.startsAt, zone, locale)}</time>
      {' – '}
      <time dateTime={slot.endsAt.toISOString()}>{formatTime(slot.endsAt, zone, locale)}</time>
    </>
  );
  const onlyBreaks = slot.sessions.every((s) => s.type === 'break');
  if (onlyBreaks) {
    return (
      <li className="fr-mb-3w">
        <p className="fr-text--sm fr-mb-0 fr-px-2w fr-py-1w" data-testid="timetable-break">
          {times}
          {slot.sessions.map((s) => (
            <span key={s.id}>
              {' · '}
              {s.title}
              {s.room ? ` (${s.room})` : ''}
            </span>
          ))}
        </p>
      </li>
    );
  }
  const parallel = slot.sessions.length > 1;
  return (
    <li className="fr-mb-3w" data-testid="timetable-slot">
      <p className="fr-text--bold fr-mb-1w">
        {times}
        {parallel ? ` · ${t('parallel', { count: slot.sessions.length })}` : ''}
      </p>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {slot.sessions.map((session) => (
          <li key={session.id} className="fr-col-12 fr-col-md">
            <SessionCard session={session} slot={slot} event={event} locale={locale} />
          </li>
        ))}
      </ul>
    </li>
  );
}

async function SessionCard({
  session,
  slot,
  event,
  locale,
}: {
  session: SessionDto;
  slot: TimeSlot<SessionDto>;
  event: EventPageDto;
  locale: Locale;
}) {
  const [t, tTypes, tKinds] = await Promise.all([
    getTranslations('eventPage'),
    getTranslations('sessionTypes'),
    getTranslations('organisationKinds'),
  ]);
  const access =
    session.access === 'organisation_kinds' && session.accessOrganisationKinds.length > 0
      ? t('accessKinds', {
          kinds: session.accessOrganisationKinds
            .map((k) => tKinds(k as Parameters<typeof tKinds>[0]))
            .join(', '),
        })
      : session.access === 'invitation'
        ? t('accessInvitation')
        : null;
  // The slot's heading already gives the times its sessions share.
  const ownTimes =
    session.startsAt.getTime() !== slot.startsAt.getTime() ||
    session.endsAt.getTime() !== slot.endsAt.getTime();
  return (
    // A plain DSFR card frame, without its four wrapper levels: the programme of a large
    // colloquium has dozens of sessions, and each element costs twice (HTML and RSC data).
    <article className="fr-card fr-card--sm fr-p-2w" data-testid="session">
      <h4 className="fr-h6 fr-mb-1w">{session.title}</h4>
      <ul className="fr-badges-group">
        <li>
          <p className="fr-badge fr-badge--sm fr-badge--no-icon">{tTypes(session.type)}</p>
        </li>
        {access ? (
          <li>
            <p className="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">{access}</p>
          </li>
        ) : null}
        {session.chathamHouse ? (
          <li>
            <p className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
              {t('chathamBadge')}
            </p>
          </li>
        ) : null}
      </ul>
      {session.description ? <p className="fr-text--sm fr-mb-1w">{session.description}</p> : null}
      {session.speakers.length > 0 ? (
        <>
          <p className="fr-text--sm fr-text--bold fr-mb-0">{t('speakers')}</p>
          <ul className="fr-text--sm fr-mb-1w">
            {session.speakers.map((sp) => (
              <li key={`${sp.name}-${sp.organisation ?? ''}`}>
                {[sp.name, sp.function, sp.organisation].filter(Boolean).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {ownTimes ? (
        <p className="fr-card__detail fr-icon-time-line">
          <span className="fr-sr-only">{`${t('sessionTime')} `}</span>
          {formatTimeRange(session.startsAt, session.endsAt, event.timeZone, locale)}
        </p>
      ) : null}
      {session.room ? (
        <p className="fr-card__detail fr-icon-map-pin-2-line">
          <span className="fr-sr-only">{`${t('room')} `}</span>
          {session.room}
        </p>
      ) : null}
      {session.capacity !== null ? (
        <p className="fr-card__detail fr-icon-team-line">
          {t('seats', { count: session.capacity })}
        </p>
      ) : null}
      <p className="fr-mt-1w fr-mb-0">
        <CalendarLink
          href={`/api/events/${encodeURIComponent(event.slug)}/sessions/${session.id}/ics?lang=${locale}`}
          label={t('addToCalendar')}
          context={session.title}
          small
        />
      </p>
    </article>
  );
}
