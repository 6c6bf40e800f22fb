import 'server-only';
import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { getViewer } from '@/lib/auth/session';
import type { Locale } from '@/lib/people/enums';
import { appOriginOf } from '@/lib/site-url';
import { countryName } from './format';
import { buildCalendar, type IcsEvent } from './ics';
import { type EventPageDto, getEventPage } from './queries';

// The .ics downloads answer exactly as the event page does: whoever cannot see the page
// gets a 404 here (a sign-in redirect makes no sense for a calendar file).

function notFound(): Response {
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
  });
}

async function eventLocation(event: EventPageDto, locale: Locale): Promise<string> {
  const t = await getTranslations({ locale, namespace: 'eventPage' });
  if (event.mode === 'online') return t('online');
  const place = [
    event.venueName,
    event.venueAddress,
    event.country ? countryName(event.country, locale) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return event.mode === 'hybrid' ? t('hybridLocation', { place }) : place;
}

export async function calendarResponse(
  request: NextRequest,
  slug: string,
  sessionId?: string,
): Promise<Response> {
  const locale: Locale = request.nextUrl.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const { access, event } = await getEventPage(slug, await getViewer(), locale);
  if (access !== 'ok' || !event) return notFound();
  const url = `${appOriginOf(request)}/${locale}/events/${encodeURIComponent(event.slug)}`;
  const location = await eventLocation(event, locale);
  const cancelled = event.status === 'cancelled';

  let entry: IcsEvent;
  let filename: string;
  if (sessionId === undefined) {
    entry = {
      uid: `${event.id}@passerelle`,
      start: event.startsAt,
      end: event.endsAt,
      summary: event.title,
      description: [event.summary, url].filter(Boolean).join('\n\n'),
      location,
      url,
      cancelled,
    };
    filename = `${event.slug}.ics`;
  } else {
    const index = event.sessions.findIndex((s) => s.id === sessionId);
    const session = event.sessions[index];
    if (!session) return notFound();
    entry = {
      uid: `${session.id}@passerelle`,
      start: session.startsAt,
      end: session.endsAt,
      summary: `${session.title} — ${event.title}`,
      description: [session.description, event.title, url].filter(Boolean).join('\n\n'),
      location: [session.room, location].filter(Boolean).join(', '),
      url,
      cancelled,
    };
    filename = `${event.slug}-session-${index + 1}.ics`;
  }
  return new Response(buildCalendar([entry]), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      // Restricted events depend on who asks.
      'Cache-Control': 'private, no-store',
    },
  });
}
