'use client';

import NextLink from 'next/link';
import {
  usePathname as useNextPathname,
  useRouter as useNextRouter,
  useParams,
} from 'next/navigation';
import { type ComponentProps, useMemo } from 'react';
import type { Locale } from '@/lib/people/enums';
import { type Href, localeOr, localizedHref, withoutLocale } from './paths';

type Props = Omit<ComponentProps<typeof NextLink>, 'href'> & { href: Href };

function useCurrentLocale(): Locale {
  return localeOr(useParams<{ locale?: string }>()?.locale, 'fr');
}

// Links, the current path and the router in the visitor's language, from the [locale]
// segment. These replace next-intl's client navigation: theirs reads the locale from
// next-intl's client provider, which would send its message-formatting runtime (12 KB
// gzipped) with every page, when only the forms translate in the browser.
export function Link({ href, ...props }: Props) {
  return <NextLink href={localizedHref(useCurrentLocale(), href)} {...props} />;
}

/** The current path without its locale prefix: `/fr/events` → `/events`. */
export function usePathname(): string {
  return withoutLocale(useNextPathname() ?? '/');
}

/** Next's router, with paths given without the locale prefix. */
export function useRouter() {
  const router = useNextRouter();
  const locale = useCurrentLocale();
  return useMemo(
    () => ({ ...router, push: (href: Href) => router.push(localizedHref(locale, href)) }),
    [router, locale],
  );
}
