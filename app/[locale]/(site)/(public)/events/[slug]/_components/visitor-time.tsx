'use client';

import { useParams } from 'next/navigation';
import { useEffect, useState } from 'react';

type Props = {
  startsAt: string;
  endsAt: string;
  eventTimeZone: string;
  /** The translated sentence, with {zone} and {range} in it (from the server). */
  template: string;
};

// The visitor's zone is only known in the browser: the server page shows the event's own
// times, and this line adds the visitor's when they read differently. It takes its
// sentence from the server, so the public pages carry no message-formatting runtime.
export function VisitorTime({ startsAt, endsAt, eventTimeZone, template }: Props) {
  const { locale } = useParams<{ locale: string }>();
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
    if (theirs !== range(eventTimeZone)) {
      setText(template.replace('{zone}', zone).replace('{range}', theirs));
    }
  }, [startsAt, endsAt, eventTimeZone, locale, template]);

  return text ? (
    <p className="fr-text--sm fr-mb-0" data-testid="visitor-time">
      {text}
    </p>
  ) : null;
}
