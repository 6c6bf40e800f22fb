import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requirePermission } from '@/lib/auth/session';
import { eventEditorOptions, NEW_EVENT_DEFAULTS } from '@/lib/events/editor-queries';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { EventForm } from '../_components/event-form';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('eventEditor', 'newTitle');

export default async function NewEventPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission('events.create', `/${locale}/organiser/events/new`);
  const [t, options] = await Promise.all([
    getTranslations('eventEditor'),
    eventEditorOptions(locale),
  ]);
  return (
    <>
      <h1>{t('newTitle')}</h1>
      <p>{t('newLead')}</p>
      <EventForm defaultValues={NEW_EVENT_DEFAULTS} options={options} />
    </>
  );
}
