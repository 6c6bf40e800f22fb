import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NotFoundError } from '@/lib/auth/errors';
import { requirePermission } from '@/lib/auth/session';
import { getEventForEdit } from '@/lib/events/editor-queries';
import { pageTitle } from '@/lib/i18n/metadata';
import { Link } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/people/enums';
import { SessionForm } from '../../../_components/session-form';

type Props = { params: Promise<{ locale: Locale; id: string; sessionId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const generateMetadata = pageTitle('eventEditor', 'editSessionTitle');

export default async function EditSessionPage({ params }: Props) {
  const { locale, id, sessionId } = await params;
  setRequestLocale(locale);
  if (!UUID.test(id) || !UUID.test(sessionId)) notFound();
  const viewer = await requirePermission(
    'events.manage',
    `/${locale}/organiser/events/${id}/sessions/${sessionId}`,
    { eventId: id },
  );
  let event: Awaited<ReturnType<typeof getEventForEdit>>;
  try {
    event = await getEventForEdit(viewer, id, locale);
  } catch (error) {
    if (error instanceof NotFoundError || (error as Error).name === 'ForbiddenError') notFound();
    throw error;
  }
  const session = event.sessions.find((s) => s.id === sessionId);
  if (!session) notFound();
  const t = await getTranslations('eventEditor');
  return (
    <>
      <nav className="fr-breadcrumb" aria-label={t('breadcrumb')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" href="/organiser/events">
              {t('allEvents')}
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" href={`/organiser/events/${event.id}`}>
              {event.title}
            </Link>
          </li>
          <li>
            <span className="fr-breadcrumb__link" aria-current="page">
              {session.title}
            </span>
          </li>
        </ol>
      </nav>
      <h1>{t('editSessionTitle')}</h1>
      <SessionForm
        eventId={event.id}
        sessionId={session.id}
        defaultValues={session.values}
        timeZone={event.timeZone}
      />
    </>
  );
}
