import { cookies } from 'next/headers';
import { forbidden } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { redirect } from '@/lib/i18n/navigation';
import type { GrantedRole, Locale } from '@/lib/people/enums';
import { loadViewer } from '@/lib/people/queries';
import { auth } from './config';
import { SESSION_COOKIES } from './cookies';
import {
  allows,
  grantCovers,
  holdsAnywhere,
  type Permission,
  type Resource,
  type Viewer,
} from './permissions';

/** The signed-in person with their role grants, read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // Without the session cookie there is no session to look up (anonymous visitors and
  // public registrations, most requests, skip Auth.js altogether).
  const jar = await cookies();
  if (!SESSION_COOKIES.some((name) => jar.has(name))) return null;
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadViewer(id);
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

/** For pages: a signed-in viewer without the permission gets the 403 page. */
export async function requirePermission(
  permission: Permission,
  returnTo: string,
  resource?: Resource,
): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!allows(viewer, permission, resource)) forbidden();
  return viewer;
}

/** For pages: a signed-in viewer who does not hold the role (for this scope) gets the 403 page. */
export async function requireRole(
  role: GrantedRole,
  returnTo: string,
  resource?: Resource,
): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!viewer.grants.some((g) => g.role === role && grantCovers(g, resource))) forbidden();
  return viewer;
}

/** For pages listing what a viewer may act on: 403 unless they hold the permission somewhere. */
export async function requireHolder(permission: Permission, returnTo: string): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!holdsAnywhere(viewer, permission)) forbidden();
  return viewer;
}
