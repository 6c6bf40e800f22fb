import type { events } from '@/db/schema';
import { formatDateTime, formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/people/enums';

export type InvitationMailKind = 'invitation' | 'reminder';

/** The personal link of an invitation: the event's registration form, prefilled. */
export function invitationUrl(origin: string, locale: Locale, slug: string, token: string) {
  return `${origin}/${locale}/events/${encodeURIComponent(slug)}/register?invitation=${token}`;
}

export type InvitationMailEvent = Pick<
  typeof events.$inferSelect,
  | 'slug'
  | 'titleFr'
  | 'titleEn'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'mode'
  | 'venueName'
  | 'venueAddress'
  | 'city'
  | 'registrationClosesAt'
>;

type Person = { email: string; firstName: string; locale: Locale };

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The invitation, or its reminder, in the invitee's language: what, when, where, until
 * when, and the personal link. A plain text part and the same in HTML (every text
 * escaped), so that the link is a button-like link in mail clients that show HTML.
 */
export function composeInvitationMail(
  person: Person,
  e: InvitationMailEvent,
  kind: InvitationMailKind,
  token: string,
  origin: string,
): OutgoingMail {
  const locale = person.locale;
  const t = translator(locale, 'invitationMail');
  const common = translator(locale, 'registrationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  const venue = [e.venueName, e.venueAddress, e.city].filter(Boolean).join(', ');
  const url = invitationUrl(origin, locale, e.slug, token);
  const paragraphs = [
    common('greeting', { name: person.firstName }),
    t(`${kind}.body`, { title }),
    [
      common('when', {
        dates: formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale),
        zone: zoneLabel(e.startsAt, e.timeZone, locale),
      }),
      e.mode === 'online' ? common('online') : common('where', { venue }),
      ...(e.registrationClosesAt
        ? [t('deadline', { date: formatDateTime(e.registrationClosesAt, e.timeZone, locale) })]
        : []),
    ].join('\n'),
  ];
  const signature = common('signature');
  const html = [
    `<!doctype html><html lang="${locale}"><body>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`),
    `<p>${escapeHtml(t('linkIntro'))}<br><a href="${escapeHtml(url)}">${escapeHtml(t('linkLabel', { title }))}</a></p>`,
    `<p>${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    to: person.email,
    locale,
    subject: t(`${kind}.subject`, { title }),
    text: [...paragraphs, `${t('linkIntro')}\n${url}`, signature].join('\n\n'),
    html,
  };
}
