import type { Metadata } from 'next';
import { setRequestLocale } from 'next-intl/server';
import {
  EventView,
  eventMetadata,
} from '@/app/[locale]/(site)/(public)/events/[slug]/_components/event-view';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale; slug: string }> };

// Rendered on the first anonymous request for each event, then served from the cache;
// an organiser's change refreshes it at once (lib/events/public-cache.ts), the passing of
// time (registration opening and closing, the event becoming past) within a minute.
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return eventMetadata({ ...(await params), audience: 'anonymous' });
}

export default async function CachedEventPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  return <EventView slug={slug} locale={locale} audience="anonymous" />;
}
