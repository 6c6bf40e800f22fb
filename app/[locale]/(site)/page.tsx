import { setRequestLocale } from 'next-intl/server';
import { getViewer } from '@/lib/auth/session';
import type { Locale } from '@/lib/people/enums';
import { Home } from './_components/home';

type Props = { params: Promise<{ locale: Locale }> };

export default async function HomePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <Home locale={locale} viewer={await getViewer()} />;
}
