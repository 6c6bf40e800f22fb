import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SearchForm } from '@/app/_components/search-form';
import { checkinDesk, doorCounts, findAtDesk, staffOf } from '@/lib/attendance/queries';
import { NotFoundError } from '@/lib/auth/errors';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTimeRange } from '@/lib/events/format';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { enforce, limitOn, RATE_LIMITED_MESSAGE, RateLimitedError } from '@/lib/rate-limit';
import { CheckinDesk } from './_components/checkin-desk';
import { StaffForm } from './_components/staff-form';

type Props = {
  params: Promise<{ locale: Locale; eventId: string }>;
  searchParams: Promise<{ door?: string | string[]; q?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'attendance.desk' });
  return { title: t('title') };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/**
 * The check-in desk of one event, for its organisers and its check-in staff (who see
 * nothing else): a door (the entrance or a session), its count, the scan form and the
 * search by name.
 */
export default async function CheckinPage({ params, searchParams }: Props) {
  const { locale, eventId } = await params;
  setRequestLocale(locale);
  if (!isUuid(eventId)) notFound();
  const viewer = await requirePermission('checkin.scan', `/${locale}/checkin/${eventId}`, {
    eventId,
  });
  const query = await searchParams;
  const desk = await checkinDesk(viewer, eventId, locale).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const door = desk.sessions.find((s) => s.id === one(query.door)) ?? null;
  const q = one(query.q).slice(0, 100);
  // Its organisers also see who keeps the doors, and invite more.
  const organiser = allows(viewer, 'events.manage', { eventId });
  const [counts, people, staff, t, tStaff, tBadges] = await Promise.all([
    doorCounts(viewer, eventId),
    q ? searchAtDesk(viewer, eventId, door?.id ?? null, q) : Promise.resolve(null),
    organiser ? staffOf(viewer, eventId) : Promise.resolve(null),
    getTranslations('attendance.desk'),
    getTranslations('attendance.staff'),
    getTranslations('badges.page'),
  ]);
  const count = door ? (counts.sessions[door.id] ?? { expected: 0, present: 0 }) : counts.entrance;
  return (
    <>
      <h1>{t('heading', { title: desk.title })}</h1>
      <p>{formatDateTimeRange(desk.startsAt, desk.endsAt, desk.timeZone, locale)}</p>
      <form method="get" className="fr-mb-2w" aria-label={t('doorForm')}>
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="door">
            {t('door')}
          </label>
          <select className="fr-select" id="door" name="door" defaultValue={door?.id ?? ''}>
            <option value="">{t('entrance')}</option>
            {desk.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateTimeRange(s.startsAt, s.endsAt, desk.timeZone, locale)} — {s.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm">
          {t('changeDoor')}
        </button>
      </form>
      <p>
        <Link href={`/checkin/${eventId}/attendance`}>{t('liveLink')}</Link>
        {/* The door's badges, to print one on the spot. */}
        <a
          className="fr-link fr-ml-2w"
          href={`/api/events/${eventId}/badges${door ? `?session=${door.id}` : ''}`}
        >
          {tBadges('download')}
        </a>
      </p>
      {people && 'refused' in people ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{people.refused}</p>
        </div>
      ) : null}
      <CheckinDesk
        eventId={eventId}
        sessionId={door?.id ?? null}
        doorLabel={door ? door.title : t('entrance')}
        count={count}
        timeZone={desk.timeZone}
        search={
          <SearchForm
            id="desk-search"
            name="q"
            label={t('search')}
            button={t('searchButton')}
            defaultValue={q}
            keep={{ door: door?.id }}
            className="fr-mb-4w"
          />
        }
        people={
          people && !('refused' in people)
            ? people.map((p) => ({ ...p, inSince: p.inSince ? p.inSince.toISOString() : null }))
            : null
        }
      />
      {staff ? (
        <section className="fr-mt-6w" aria-labelledby="staff-title">
          <h2 id="staff-title">{tStaff('title')}</h2>
          <StaffForm eventId={eventId} staff={staff} />
        </section>
      ) : null}
    </>
  );
}

/** The desk's name search, rate-limited per member of staff (refused: the message). */
async function searchAtDesk(viewer: Viewer, eventId: string, sessionId: string | null, q: string) {
  try {
    await enforce(limitOn('deskSearchUser', viewer.id));
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const t = await getTranslations();
    return { refused: t(RATE_LIMITED_MESSAGE, { seconds: error.retryAfter }) };
  }
  return findAtDesk(viewer, eventId, sessionId, q);
}
