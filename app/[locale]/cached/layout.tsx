import { setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteChrome } from '@/app/_components/site-chrome';
import type { Locale } from '@/lib/people/enums';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// The pages as anonymous visitors see them, rendered once and kept in Next's cache.
// proxy.ts sends requests here (/fr/events/x → /fr/cached/events/x) when they carry no
// session cookie and no query string; nothing under this layout may read the request.
export default async function CachedLayout({ children, params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  return (
    <SiteChrome locale={locale as Locale} viewer={null}>
      {children}
    </SiteChrome>
  );
}
