import 'server-only';
import { getTranslations } from 'next-intl/server';
import { formatDateTimeRange } from '@/lib/events/format';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import type { FormDefinition } from '@/lib/registrations/form';
import type { SessionText } from './registration-form';

/** How each session on offer reads in the form: title, time in the event's zone, seats. */
export async function sessionTexts(
  form: FormDefinition,
  timeZone: string,
  locale: Locale,
): Promise<Record<string, SessionText>> {
  const [t, tKinds] = await Promise.all([
    getTranslations('registrations.form'),
    getTranslations('organisationKinds'),
  ]);
  return Object.fromEntries(
    form.sessions.map((s) => {
      const notes = [
        s.room,
        s.seatsLeft === null
          ? null
          : s.seatsLeft > 0
            ? t('seatsLeft', { count: s.seatsLeft })
            : t('sessionFull'),
        s.organisationKinds.length > 0
          ? t('reservedTo', { kinds: s.organisationKinds.map((k) => tKinds(k)).join(', ') })
          : null,
      ].filter(Boolean);
      return [
        s.id,
        {
          title: localized(locale, s.titleFr, s.titleEn),
          when: formatDateTimeRange(new Date(s.startsAt), new Date(s.endsAt), timeZone, locale),
          note: notes.join(' · ') || null,
        },
      ];
    }),
  );
}
