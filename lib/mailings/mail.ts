import type { registrations } from '@/db/schema';
import { formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/people/enums';
import type { InvitationMailEvent } from '@/lib/registrations/invitation-mail';
import { type PlaceholderValues, renderTemplate } from './template';
import type { MailingTemplate } from './validation';

/** What a message says of its event: as an invitation does, less the link and the deadline. */
export type MailingEvent = Omit<InvitationMailEvent, 'slug' | 'registrationClosesAt'>;

export type MailingPerson = Pick<
  typeof registrations.$inferSelect,
  'email' | 'firstName' | 'lastName' | 'locale'
>;

/** What the placeholders say for one person, in their language. */
export function placeholderValues(
  person: MailingPerson,
  e: MailingEvent,
  manageLink: string,
): PlaceholderValues {
  const locale = person.locale;
  const venue = [e.venueName, e.venueAddress, e.city].filter(Boolean).join(', ');
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    eventTitle: localized(locale, e.titleFr, e.titleEn),
    eventDates: `${formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale)}, ${zoneLabel(e.startsAt, e.timeZone, locale)}`,
    eventPlace: e.mode === 'online' || !venue ? translator(locale, 'mailingMail')('online') : venue,
    manageLink,
  };
}

/** One person's mail: the template of their language, filled in for them, to them only. */
export function composeMailingMail(
  person: MailingPerson,
  e: MailingEvent,
  template: MailingTemplate,
  manageLink: string,
  options: { to?: string; test?: boolean } = {},
): OutgoingMail {
  const locale: Locale = person.locale;
  const values = placeholderValues(person, e, manageLink);
  const subject = renderTemplate(localized(locale, template.subjectFr, template.subjectEn), values);
  return {
    to: options.to ?? person.email,
    locale,
    // The outbox takes subjects of 300 characters at most: long names are cut, not refused.
    subject: (options.test
      ? translator(locale, 'mailingMail')('testSubject', { subject })
      : subject
    ).slice(0, 300),
    text: renderTemplate(localized(locale, template.bodyFr, template.bodyEn), values),
  };
}
