import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { getViewer, redirectToSignIn } from '@/lib/auth/session';
import { getEventPage } from '@/lib/events/queries';
import type { Locale } from '@/lib/people/enums';
import { MarkdownText } from '@/lib/text/markdown';
import { EventFacts } from './event-facts';
import { Timetable } from './timetable';

type Props = { slug: string; locale: Locale };

// Read once per render, by the metadata and by the page; signed-in people may see drafts
// and restricted events.
const loadEvent = cache(async (slug: string, locale: Locale) =>
  getEventPage(slug, await getViewer(), locale),
);

export async function eventMetadata({ slug, locale }: Props): Promise<Metadata> {
  const { event } = await loadEvent(slug, locale);
  return event ? { title: event.title, description: event.summary || undefined } : {};
}

export async function EventView({ slug, locale }: Props) {
  const { access, event } = await loadEvent(slug, locale);
  if (access === 'sign_in')
    redirectToSignIn(`/${locale}/events/${encodeURIComponent(slug)}`, locale);
  if (access !== 'ok' || !event) notFound();

  const [t, tFormats, tConfidentiality] = await Promise.all([
    getTranslations('eventPage'),
    getTranslations('eventFormats'),
    getTranslations('confidentiality'),
  ]);
  const cancelled = event.status === 'cancelled';
  const chathamEvent = event.confidentiality === 'chatham_house';
  const chathamSessions = !chathamEvent && event.sessions.some((s) => s.chathamHouse);

  return (
    <>
      <Breadcrumb parents={[{ label: t('catalogue'), href: '/events' }]} current={event.title} />

      <ul className="fr-badges-group fr-mb-1w">
        {cancelled ? (
          <li>
            <p className="fr-badge fr-badge--error">{t('cancelledTitle')}</p>
          </li>
        ) : null}
        <li>
          <p className="fr-badge fr-badge--blue-cumulus fr-badge--no-icon">
            {tFormats(event.format)}
          </p>
        </li>
        {event.networkAcronym ? (
          <li>
            <p className="fr-badge fr-badge--no-icon">{event.networkAcronym}</p>
          </li>
        ) : null}
        {event.confidentiality !== 'public' ? (
          <li>
            <p className="fr-badge fr-badge--info fr-badge--no-icon">
              {tConfidentiality(event.confidentiality)}
            </p>
          </li>
        ) : null}
      </ul>
      <h1>{event.title}</h1>
      {event.summary ? <p className="fr-text--lead">{event.summary}</p> : null}

      {event.status === 'draft' ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{t('draftNotice')}</p>
        </div>
      ) : null}
      {cancelled ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" data-testid="cancelled-banner">
          <h2 className="fr-alert__title">{t('cancelledTitle')}</h2>
          <p>{t('cancelledBody')}</p>
          {event.cancellationReason ? (
            <p>{t('cancelledReason', { reason: event.cancellationReason })}</p>
          ) : null}
        </div>
      ) : null}
      {event.confidentiality === 'restricted' ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{t('restrictedNotice')}</p>
        </div>
      ) : null}
      {chathamEvent ? (
        <div className="fr-alert fr-alert--info fr-mb-3w" data-testid="chatham-banner">
          <h2 className="fr-alert__title">{t('chathamTitle')}</h2>
          <p>{t('chathamBody')}</p>
        </div>
      ) : null}
      {chathamSessions ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{t('chathamSessionsBody')}</p>
        </div>
      ) : null}

      {event.description ? (
        <div className="fr-grid-row fr-grid-row--gutters">
          <section className="fr-col-12 fr-col-md-7 fr-col-lg-8" aria-labelledby="about-title">
            <h2 id="about-title">{t('about')}</h2>
            <MarkdownText text={event.description} />
          </section>
          <div className="fr-col-12 fr-col-md-5 fr-col-lg-4">
            <EventFacts event={event} locale={locale} now={new Date()} />
          </div>
        </div>
      ) : (
        <div className="fr-grid-row">
          <div className="fr-col-12 fr-col-md-8">
            <EventFacts event={event} locale={locale} now={new Date()} />
          </div>
        </div>
      )}

      <Timetable event={event} locale={locale} />
    </>
  );
}
