import type { ReactNode } from 'react';
import type { Viewer } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/people/enums';
import { SiteHeader } from './site-header';

/** The header (which knows who is signed in) and the main landmark of every page. */
export function SiteChrome({
  locale,
  viewer,
  children,
}: {
  locale: Locale;
  viewer: Viewer | null;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader locale={locale} viewer={viewer} />
      <main id="content" tabIndex={-1} className="fr-container fr-my-6w">
        {children}
      </main>
    </>
  );
}
