import { cookies } from 'next/headers';
import { forbidden } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { redirect } from '@/lib/i18n/navigation';
import type { GrantedRole, Locale } from '@/lib/people/enums';
import { loadSessionViewer } from '@/lib/second-factor/queries';
import { auth } from './config';
import { SESSION_COOKIES } from './cookies';
import {
  allows,
  grantCovers,
  holdsAnywhere,
  type Permission,
  type Resource,
  secondFactorWouldAllow,
  type Viewer,
} from './permissions';

/** The session token from the cookie (the database session's key), if any. */
export async function sessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}

/** The signed-in person with their role grants, read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // Without the session cookie there is no session to look up (anonymous visitors and
  // public registrations, most requests, skip Auth.js altogether).
  const jar = await cookies();
  if (!SESSION_COOKIES.some((name) => jar.has(name))) return null;
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadSessionViewer(id, await sessionToken());
});

/** For pages: sends anonymous visitors to sign-in, then back here. */
export async function requireUser(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  return redirectToSignIn(returnTo, (await getLocale()) as Locale);
}

/** To the sign-in page, then back to `returnTo`. */
export function redirectToSignIn(returnTo: string, locale: Locale): never {
  return redirect({ href: { pathname: '/sign-in', query: { callbackUrl: returnTo } }, locale });
}

/** To the second-factor page (enrol or enter a code), then back to `returnTo`. */
export function redirectToSecondFactor(returnTo: string, locale: Locale): never {
  return redirect({
    href: { pathname: '/second-factor', query: { callbackUrl: returnTo } },
    locale,
  });
}

/**
 * A page's refusal: when the check would pass once this session passed the second factor,
 * to that step (and back); otherwise the 403 page.
 */
async function refuse(
  viewer: Viewer,
  returnTo: string,
  check: (unlocked: Viewer) => boolean,
): Promise<never> {
  if (secondFactorWouldAllow(viewer, check)) {
    return redirectToSecondFactor(returnTo, (await getLocale()) as Locale);
  }
  return forbidden();
}

/** For pages: a signed-in viewer without the permission gets the 403 page. */
export async function requirePermission(
  permission: Permission,
  returnTo: string,
  resource?: Resource,
): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!allows(viewer, permission, resource)) {
    return refuse(viewer, returnTo, (v) => allows(v, permission, resource));
  }
  return viewer;
}

/** For pages: a signed-in viewer who does not hold the role (for this scope) gets the 403 page. */
export async function requireRole(
  role: GrantedRole,
  returnTo: string,
  resource?: Resource,
): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  const holds = (v: Viewer) => v.grants.some((g) => g.role === role && grantCovers(g, resource));
  if (!holds(viewer)) return refuse(viewer, returnTo, holds);
  return viewer;
}

/** For pages listing what a viewer may act on: 403 unless they hold the permission somewhere. */
export async function requireHolder(permission: Permission, returnTo: string): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!holdsAnywhere(viewer, permission)) {
    return refuse(viewer, returnTo, (v) => holdsAnywhere(v, permission));
  }
  return viewer;
}
