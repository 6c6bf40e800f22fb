import type { Metadata } from 'next';
import CataloguePage, {
  generateMetadata as catalogueMetadata,
} from '@/app/[locale]/(site)/(public)/events/page';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

// The catalogue without filters, as anonymous visitors see it (filtered URLs are
// rendered per request). Refreshed like the event pages.
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

const noFilters = Promise.resolve({});

export function generateMetadata({ params }: Props): Promise<Metadata> {
  return catalogueMetadata({ params, searchParams: noFilters });
}

export default function CachedCataloguePage({ params }: Props) {
  return <CataloguePage params={params} searchParams={noFilters} />;
}
