import type { events } from '@/db/schema';
import { formatDateTimeRange } from '@/lib/events/format';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/people/enums';

/** Tells someone, in their language, that they keep an event's doors, and where the desk is. */
export function composeCheckinStaffMail(
  person: { email: string; name: string | null; locale: Locale },
  e: Pick<
    typeof events.$inferSelect,
    'id' | 'titleFr' | 'titleEn' | 'startsAt' | 'endsAt' | 'timeZone'
  >,
  origin: string,
): OutgoingMail {
  const locale = person.locale;
  const t = translator(locale, 'attendanceMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  const desk = `/${locale}/checkin/${e.id}`;
  return {
    to: person.email,
    locale,
    subject: t('staff.subject', { title }),
    text: [
      person.name ? t('greeting', { name: person.name }) : t('greetingAnonymous'),
      t('staff.body', {
        title,
        dates: formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale),
      }),
      t('staff.link', {
        url: `${origin}/${locale}/sign-in?callbackUrl=${encodeURIComponent(desk)}`,
        email: person.email,
      }),
      t('signature'),
    ].join('\n\n'),
  };
}
