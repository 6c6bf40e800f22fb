import createMiddleware from 'next-intl/middleware';
import { routing } from '@/lib/i18n/routing';

// The proxy only sets the locale; who may see what is checked next to the data.
export const proxy = createMiddleware(routing);

export const config = {
  matcher: ['/((?!api|_next|_vercel|dsfr|.*\\..*).*)'],
};
