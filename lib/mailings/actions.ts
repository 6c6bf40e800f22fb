'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import type { Viewer } from '@/lib/auth/permissions';
import { kickWorker } from '@/lib/jobs/worker';
import { appOrigin } from '@/lib/site-url';
import { previewMailing, sendMailing, sendTestMailing } from './mutations';
import { mailingInputSchema } from './validation';

// The messages page's actions: the gate admits whoever manages some event; each
// mutation checks this very event.

const PAGE = '/[locale]/organiser/events/[id]/messages';
const withEvent = mailingInputSchema.extend({ eventId: z.uuid({ error: 'invalidChoice' }) });

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
  return viewer;
}

export const previewMailingAction = defineAction(
  { permission: 'events.manage', schema: withEvent },
  async ({ eventId, ...input }, { viewer }) =>
    previewMailing(signedIn(viewer), eventId, input, { origin: await appOrigin() }),
);

export const testMailingAction = defineAction(
  { permission: 'events.manage', schema: withEvent },
  async ({ eventId, ...input }, { viewer }) => {
    const sent = await sendTestMailing(signedIn(viewer), eventId, input, {
      origin: await appOrigin(),
    });
    kickWorker();
    return sent;
  },
);

export const sendMailingAction = defineAction(
  {
    permission: 'events.manage',
    schema: withEvent.extend({
      /** The sending form's key, so that a send clicked twice makes one mailing. */
      clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'invalidChoice' }),
      /** How many people the organiser was shown: a send to another number is refused. */
      expectedCount: z.coerce.number().int().min(0).max(1_000_000).optional(),
    }),
  },
  async ({ eventId, clientKey, expectedCount, ...input }, { viewer }) => {
    const sent = await sendMailing(signedIn(viewer), eventId, input, {
      origin: await appOrigin(),
      clientKey,
      expectedCount,
    });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return sent;
  },
);
