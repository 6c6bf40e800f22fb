import 'server-only';
import { redirect as nextRedirect } from 'next/navigation';
import type { Locale } from '@/lib/people/enums';
import { type Href, localizedHref } from './paths';

/** Server-side redirect to a path given without the locale prefix. */
export function redirect({ href, locale }: { href: Href; locale: Locale }): never {
  nextRedirect(localizedHref(locale, href));
}
