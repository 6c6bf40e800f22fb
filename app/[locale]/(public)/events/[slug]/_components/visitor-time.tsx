'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

type Props = { startsAt: string; endsAt: string; eventTimeZone: string };

// The visitor's zone is only known in the browser: the server page shows the event's own
// times, and this line adds the visitor's when they read differently.
export function VisitorTime({ startsAt, endsAt, eventTimeZone }: Props) {
  const t = useTranslations('eventPage');
  const locale = useLocale();
  const [text, setText] = useState<string | null>(null);

  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === eventTimeZone) return;
    const range = (timeZone: string) =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        dateStyle: 'long',
        timeStyle: 'short',
      }).formatRange(new Date(startsAt), new Date(endsAt));
    const theirs = range(zone);
    if (theirs !== range(eventTimeZone)) setText(t('yourTime', { zone, range: theirs }));
  }, [startsAt, endsAt, eventTimeZone, locale, t]);

  return text ? (
    <p className="fr-text--sm fr-mb-0" data-testid="visitor-time">
      {text}
    </p>
  ) : null;
}
