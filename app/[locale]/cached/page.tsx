import { setRequestLocale } from 'next-intl/server';
import { Home } from '@/app/[locale]/(site)/_components/home';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

// The home page as anonymous visitors see it (it lists the networks).
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

export default async function CachedHomePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <Home locale={locale} viewer={null} />;
}
