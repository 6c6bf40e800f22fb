import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { eventEditorOptions } from '@/lib/events/editor-queries';
import { zonedLocalToUtc } from '@/lib/events/time';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { EventForm } from '../_components/event-form';
import { loadManagedEvent } from '../_components/load-managed-event';
import { EMPTY_SESSION, SessionForm } from '../_components/session-form';
import {
  CancelForm,
  DeleteSessionButton,
  DuplicateForm,
  StatusButtons,
} from '../_components/status-panel';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'eventEditor' });
  return { title: t('editTitle') };
}

export default async function EditEventPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { event } = await loadManagedEvent(locale, id, `/${locale}/organiser/events/${id}`);
  const [t, tRegistrations, tStatus, tTypes, format, options] = await Promise.all([
    getTranslations('eventEditor'),
    getTranslations('registrations.organiser'),
    getTranslations('eventStatuses'),
    getTranslations('sessionTypes'),
    getFormatter(),
    eventEditorOptions(locale),
  ]);
  const tInvitations = await getTranslations('registrations.invitations');
  const tNominations = await getTranslations('nominations.organiser');
  const tDesk = await getTranslations('attendance.desk');
  const tMailings = await getTranslations('mailings');
  const tBadges = await getTranslations('badges.page');
  const tDashboard = await getTranslations('dashboard');
  const base = `/organiser/events/${event.id}`;
  const when = (local: string) =>
    format.dateTime(zonedLocalToUtc(local, event.timeZone), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: event.timeZone,
    });
  return (
    <>
      <Breadcrumb
        parents={[{ label: t('allEvents'), href: '/organiser/events' }]}
        current={event.title}
      />
      <h1>{event.title}</h1>
      <p>
        <span className="fr-badge">{tStatus(event.status)}</span>
      </p>
      {/* Everything about this event that lives on its own page. */}
      <nav aria-label={t('eventPages')} className="fr-mb-4w">
        <ul
          className="fr-raw-list"
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem' }}
        >
          {(
            [
              event.status !== 'draft' && [`/events/${event.slug}`, t('viewPublic')],
              [`${base}/registrations`, tRegistrations('manageLink')],
              [`${base}/form`, t('formLink')],
              [`${base}/dashboard`, tDashboard('link')],
              [`/checkin/${event.id}`, tDesk('manageLink')],
              [`${base}/messages`, tMailings('manageLink')],
              [`${base}/outputs`, tBadges('manageLink')],
              event.values.registrationMode === 'nomination' && [
                `${base}/nominations`,
                tNominations('manageLink'),
              ],
              event.values.registrationMode === 'invitation' && [
                `${base}/invitations`,
                tInvitations('manageLink'),
              ],
            ] as const
          )
            .filter((link) => link !== false)
            .map(([href, label]) => (
              <li key={href}>
                <Link className="fr-link" href={href}>
                  {label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>

      <section className="fr-mb-6w" aria-labelledby="status-title">
        <h2 id="status-title">{t('statusTitle')}</h2>
        <StatusButtons eventId={event.id} status={event.status} />
        {event.status === 'draft' || event.status === 'published' ? (
          <details className="fr-mt-2w">
            <summary>{t('cancelTitle')}</summary>
            <CancelForm eventId={event.id} />
          </details>
        ) : null}
        <details className="fr-mt-2w">
          <summary>{t('duplicateTitle')}</summary>
          <DuplicateForm eventId={event.id} />
        </details>
      </section>

      <section className="fr-mb-6w" aria-labelledby="programme-title">
        <h2 id="programme-title">{t('programmeTitle')}</h2>
        {event.sessions.length === 0 ? <p>{t('noSessions')}</p> : null}
        <ul className="fr-raw-list">
          {event.sessions.map((s) => (
            <li key={s.id} className="fr-mb-2w" data-testid="programme-session">
              <strong>{s.title}</strong> — {when(s.values.startsAt)} → {when(s.values.endsAt)}
              {s.values.room ? ` — ${s.values.room}` : ''} ({tTypes(s.values.type)}){' '}
              <Link
                className="fr-link fr-ml-1w"
                href={`/organiser/events/${event.id}/sessions/${s.id}`}
              >
                {t('editSessionLink', { title: s.title })}
              </Link>{' '}
              <DeleteSessionButton
                sessionId={s.id}
                label={t('deleteSessionLabel', { title: s.title })}
              />
            </li>
          ))}
        </ul>
        <details className="fr-mt-3w">
          <summary>{t('addSession')}</summary>
          <SessionForm eventId={event.id} defaultValues={EMPTY_SESSION} timeZone={event.timeZone} />
        </details>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('detailsTitle')}</h2>
        <EventForm eventId={event.id} defaultValues={event.values} options={options} />
      </section>
    </>
  );
}
