import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { isUuid } from '@/lib/events/validation';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { loadManagedEvent } from '../../../_components/load-managed-event';
import { SessionForm } from '../../../_components/session-form';

type Props = { params: Promise<{ locale: Locale; id: string; sessionId: string }> };

export const generateMetadata = pageTitle('eventEditor', 'editSessionTitle');

export default async function EditSessionPage({ params }: Props) {
  const { locale, id, sessionId } = await params;
  setRequestLocale(locale);
  if (!isUuid(sessionId)) notFound();
  const { event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/sessions/${sessionId}`,
  );
  const session = event.sessions.find((s) => s.id === sessionId);
  if (!session) notFound();
  const t = await getTranslations('eventEditor');
  return (
    <>
      <Breadcrumb
        parents={[
          { label: t('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${event.id}` },
        ]}
        current={session.title}
      />
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
