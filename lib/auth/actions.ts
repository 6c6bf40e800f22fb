'use server';

import { headers } from 'next/headers';
import { AuthError } from 'next-auth';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit/mutations';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/people/enums';
import { emailSchema } from '@/lib/people/validation';
import { clientAddressOf } from '@/lib/site-url';
import { defineAction } from './action';
import { signIn, signOut } from './config';
import { ActionError } from './errors';
import { safeCallbackPath } from './locale';
import { oidcSettings } from './proconnect';
import { getViewer } from './session';
import { limitMagicLink } from './sign-in-limits';

const signInSchema = z.object({
  email: emailSchema,
  callbackUrl: z.string().max(2000).optional(),
});

export const signInWithEmailAction = defineAction(
  { anonymous: true, schema: signInSchema },
  async (input) => {
    const locale = (await getLocale()) as Locale;
    // Refused (RateLimitedError): the action answers "try again in N seconds".
    await limitMagicLink(input.email, clientAddressOf(await headers()));
    try {
      // No redirect from Auth.js itself: its verify-request URL is an API route, which
      // a server action cannot navigate to; the localized page is ours.
      await signIn('email', {
        email: input.email,
        redirectTo: safeCallbackPath(input.callbackUrl, locale),
        redirect: false,
      });
    } catch (error) {
      if (error instanceof AuthError) throw new ActionError('signIn.errors.unexpected');
      throw error;
    }
    return redirect({ href: '/sign-in/check-email', locale });
  },
);

export async function signInWithOidcAction(formData: unknown): Promise<void> {
  // Whatever the client sent (a forged call need not send the form): only a text is a path.
  const callbackUrl = formData instanceof FormData ? formData.get('callbackUrl') : null;
  const settings = oidcSettings();
  const locale = (await getLocale()) as Locale;
  if (!settings) {
    return redirect({
      href: { pathname: '/sign-in/error', query: { error: 'Configuration' } },
      locale,
    });
  }
  try {
    await signIn(settings.id, {
      redirectTo: safeCallbackPath(callbackUrl, locale),
    });
  } catch (error) {
    // The identity provider could not be reached (discovery failed): say so, no 500.
    if (error instanceof AuthError) {
      return redirect({
        href: { pathname: '/sign-in/error', query: { error: 'OAuthSignin' } },
        locale,
      });
    }
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  const locale = (await getLocale()) as Locale;
  // Auth.js's adapter does not say whose session it deleted: record it before.
  const viewer = await getViewer();
  if (viewer) {
    await recordAudit(getDb(), {
      actorId: viewer.id,
      action: 'auth.sign_out',
      subjectType: 'user',
      subjectId: viewer.id,
    });
  }
  await signOut({ redirectTo: `/${locale}` });
}
