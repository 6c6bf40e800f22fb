'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { kickWorker } from '@/lib/jobs/worker';
import { requestCertificateMailing } from './certificate-mailing';

const id = z.uuid({ error: 'invalidChoice' });

/** Sends the event's certificates of attendance to everyone who came (once). */
export const sendCertificatesAction = defineAction(
  { permission: 'events.manage', schema: z.object({ eventId: id }) },
  async ({ eventId }, { viewer }) => {
    await requestCertificateMailing(viewer, eventId);
    kickWorker();
    revalidatePath('/[locale]/organiser/events/[id]/outputs', 'page');
    return null;
  },
);
