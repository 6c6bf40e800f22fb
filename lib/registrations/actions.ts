'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { appOrigin } from '@/lib/site-url';
import { acceptOfferByToken, cancelByToken, register } from './mutations';
import { manageTokenSchema, registrationInputSchema } from './validation';

// Anyone may register (the event decides whether it takes public registrations);
// whoever holds a manage link may act on that registration.

export const registerAction = defineAction(
  { anonymous: true, schema: registrationInputSchema },
  async (input, { viewer }) => {
    const result = await register(input, { origin: await appOrigin(), userId: viewer?.id });
    return result.outcome === 'registered'
      ? { outcome: result.outcome, status: result.status }
      : { outcome: result.outcome };
  },
);

const byToken = z.object({ token: manageTokenSchema });

export const cancelRegistrationAction = defineAction(
  { anonymous: true, schema: byToken },
  async ({ token }) => {
    await cancelByToken(token, { origin: await appOrigin() });
    revalidatePath('/[locale]/registrations/[token]', 'page');
    return null;
  },
);

export const acceptOfferAction = defineAction(
  { anonymous: true, schema: byToken },
  async ({ token }) => {
    await acceptOfferByToken(token, { origin: await appOrigin() });
    revalidatePath('/[locale]/registrations/[token]', 'page');
    return null;
  },
);
