import type { ReactNode } from 'react';
import { SiteChrome } from '@/app/_components/site-chrome';
import { getViewer } from '@/lib/auth/session';
import type { Locale } from '@/lib/people/enums';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// Every page rendered for its visitor, signed in or not.
export default async function SiteLayout({ children, params }: Props) {
  const [{ locale }, viewer] = await Promise.all([params, getViewer()]);
  return (
    <SiteChrome locale={locale as Locale} viewer={viewer}>
      {children}
    </SiteChrome>
  );
}
