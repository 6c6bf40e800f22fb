'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { appOrigin } from '@/lib/site-url';
import {
  addSession,
  archiveEvent,
  cancelEvent,
  createEvent,
  deleteSession,
  duplicateEvent,
  publishEvent,
  updateEvent,
  updateSession,
} from './mutations';
import {
  cancelEventSchema,
  duplicateEventSchema,
  eventInputSchema,
  sessionInputSchema,
} from './validation';

// Pages that show events: the organiser's lists, the public catalogue and pages.
function refreshEventPages() {
  revalidatePath('/[locale]/organiser/events', 'layout');
  revalidatePath('/[locale]/events', 'layout');
}

const eventId = z.uuid({ error: 'invalidChoice' });

export const createEventAction = defineAction(
  { permission: 'events.create', schema: eventInputSchema },
  async (input, { viewer }) => {
    const created = await createEvent(viewer, input);
    refreshEventPages();
    return created;
  },
);

export const updateEventAction = defineAction(
  { permission: 'events.manage', schema: eventInputSchema.and(z.object({ eventId })) },
  async (input, { viewer }) => {
    await updateEvent(viewer, input.eventId, input, { origin: await appOrigin() });
    refreshEventPages();
    return { id: input.eventId, slug: input.slug };
  },
);

const statusSchema = z.object({ eventId, to: z.enum(['published', 'archived']) });

export const changeEventStatusAction = defineAction(
  { permission: 'events.manage', schema: statusSchema },
  async (input, { viewer }) => {
    if (input.to === 'published') await publishEvent(viewer, input.eventId);
    else await archiveEvent(viewer, input.eventId);
    refreshEventPages();
    return { id: input.eventId };
  },
);

export const cancelEventAction = defineAction(
  { permission: 'events.manage', schema: cancelEventSchema.extend({ eventId }) },
  async (input, { viewer }) => {
    await cancelEvent(viewer, input.eventId, input, { origin: await appOrigin() });
    refreshEventPages();
    return { id: input.eventId };
  },
);

export const duplicateEventAction = defineAction(
  { permission: 'events.create', schema: duplicateEventSchema.extend({ eventId }) },
  async (input, { viewer }) => {
    const copy = await duplicateEvent(viewer, input.eventId, input);
    refreshEventPages();
    return copy;
  },
);

export const addSessionAction = defineAction(
  { permission: 'events.manage', schema: sessionInputSchema.and(z.object({ eventId })) },
  async (input, { viewer }) => {
    const id = await addSession(viewer, input.eventId, input);
    refreshEventPages();
    return { id };
  },
);

export const updateSessionAction = defineAction(
  {
    permission: 'events.manage',
    schema: sessionInputSchema.and(z.object({ sessionId: z.uuid({ error: 'invalidChoice' }) })),
  },
  async (input, { viewer }) => {
    await updateSession(viewer, input.sessionId, input);
    refreshEventPages();
    return { id: input.sessionId };
  },
);

export const deleteSessionAction = defineAction(
  {
    permission: 'events.manage',
    schema: z.object({ sessionId: z.uuid({ error: 'invalidChoice' }) }),
  },
  async (input, { viewer }) => {
    await deleteSession(viewer, input.sessionId);
    refreshEventPages();
    return { id: input.sessionId };
  },
);
