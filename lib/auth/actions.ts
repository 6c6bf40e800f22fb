'use server';

import { AuthError } from 'next-auth';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import type { Locale } from '@/lib/people/enums';
import { emailSchema } from '@/lib/people/validation';
import { defineAction } from './action';
import { signIn, signOut } from './config';
import { ActionError } from './errors';
import { safeCallbackPath } from './locale';
import { oidcSettings } from './proconnect';

const signInSchema = z.object({
  email: emailSchema,
  callbackUrl: z.string().max(2000).optional(),
});

export const signInWithEmailAction = defineAction(
  { anonymous: true, schema: signInSchema },
  async (input) => {
    const locale = (await getLocale()) as Locale;
    try {
      await signIn('email', {
        email: input.email,
        redirectTo: safeCallbackPath(input.callbackUrl, locale),
      });
    } catch (error) {
      if (error instanceof AuthError) throw new ActionError('signIn.errors.unexpected');
      throw error;
    }
    return null;
  },
);

export async function signInWithOidcAction(formData: FormData): Promise<void> {
  const settings = oidcSettings();
  const locale = (await getLocale()) as Locale;
  if (!settings) throw new ActionError('signIn.errors.unexpected');
  await signIn(settings.id, {
    redirectTo: safeCallbackPath(formData.get('callbackUrl'), locale),
  });
}

export async function signOutAction(): Promise<void> {
  const locale = (await getLocale()) as Locale;
  await signOut({ redirectTo: `/${locale}` });
}
