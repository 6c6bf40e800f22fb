'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { defineAction } from '@/lib/auth/action';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { eventAccessById } from '@/lib/events/queries';
import { kickWorker } from '@/lib/jobs/worker';
import { RateLimitedError } from '@/lib/rate-limit';
import { appOrigin, clientAddressOf } from '@/lib/site-url';
import { registrationEnvelopeSchema } from './form';
import { limitPersonalLinkHere } from './link-limits';
import { reissueManageLink, revokeManageLink } from './manage-link';
import {
  acceptOffer,
  cancelRegistration,
  decideRegistrations,
  findHeld,
  type Holder,
  placeInSession,
  register,
  updateRegistration,
} from './mutations';
import { parseSubmission } from './submission';
import { manageTokenSchema } from './validation';

// Anyone may register (the event decides whether it takes public registrations);
// whoever holds a manage link may act on that registration.

export const registerAction = defineAction(
  { anonymous: true, schema: registrationEnvelopeSchema },
  async (envelope, { viewer }) => {
    if (envelope.invitationToken) await limitPersonalLinkHere(envelope.invitationToken);
    // Only an event the person may see (a restricted one opens to its invitees).
    const { event } = await eventAccessById(envelope.eventId, viewer, envelope.invitationToken);
    if (!event) throw new NotFoundError();
    const input = await parseSubmission(envelope.eventId, envelope);
    const result = await register(input, {
      origin: await appOrigin(),
      userId: viewer?.id,
      event,
      clientAddress: clientAddressOf(await headers()),
    }).catch((error: unknown) => {
      if (error instanceof RateLimitedError) {
        throw new ActionError('registrations.errors.rateLimited', undefined, {
          seconds: error.retryAfter,
        });
      }
      throw error;
    });
    // The mail is committed with the registration; send it now, not at the next poll.
    kickWorker();
    return result.outcome === 'registered'
      ? { outcome: result.outcome, status: result.status }
      : { outcome: result.outcome };
  },
);

// Either the manage link's token, or (signed in) the id of one's own registration.
const held = z.union([
  z.object({ token: manageTokenSchema }),
  z.object({ registrationId: z.uuid({ error: 'invalidChoice' }) }),
]);

/** The holder; a manage link's use is counted first (see limitPersonalLink). */
async function holderOf(input: z.output<typeof held>, viewer: Viewer | null): Promise<Holder> {
  if ('token' in input) {
    await limitPersonalLinkHere(input.token);
    return { token: input.token };
  }
  if (!viewer) throw new NotFoundError();
  return { id: input.registrationId, viewer };
}

export const cancelRegistrationAction = defineAction(
  { anonymous: true, schema: held },
  async (input, { viewer }) => {
    await cancelRegistration(await holderOf(input, viewer), { origin: await appOrigin() });
    kickWorker();
    revalidatePath('/[locale]/registrations', 'layout');
    return null;
  },
);

// The holder, and the form's fields (checked against the event's form once it is known).
const editInput = z.union([
  z.looseObject({ token: manageTokenSchema }),
  z.looseObject({ registrationId: z.uuid({ error: 'invalidChoice' }) }),
]);

export const updateRegistrationAction = defineAction(
  { anonymous: true, schema: editInput },
  async (input, { viewer }) => {
    const holder = await holderOf(input, viewer);
    const current = await findHeld(getDb(), holder);
    const parsed = await parseSubmission(current.eventId, {
      ...input,
      email: current.email,
      privacyAcknowledged: true,
    });
    await updateRegistration(holder, parsed, { origin: await appOrigin() });
    kickWorker();
    revalidatePath('/[locale]/registrations', 'layout');
    return null;
  },
);

export const acceptOfferAction = defineAction(
  { anonymous: true, schema: held },
  async (input, { viewer }) => {
    await acceptOffer(await holderOf(input, viewer), { origin: await appOrigin() });
    kickWorker();
    revalidatePath('/[locale]/registrations', 'layout');
    return null;
  },
);

/**
 * A new manage link, sent to the registered e-mail (never shown here): from a valid,
 * expired or revoked link; the one presented stops working.
 */
export const reissueManageLinkAction = defineAction(
  { anonymous: true, schema: z.object({ token: manageTokenSchema }) },
  async ({ token }) => {
    await limitPersonalLinkHere(token);
    await reissueManageLink(token, { origin: await appOrigin() });
    kickWorker();
    return null;
  },
);

export const revokeManageLinkAction = defineAction(
  {
    permission: 'events.manage',
    schema: z.object({
      eventId: z.uuid({ error: 'invalidChoice' }),
      registrationId: z.uuid({ error: 'invalidChoice' }),
    }),
  },
  async ({ eventId, registrationId }, { viewer }) => {
    await revokeManageLink(viewer, eventId, registrationId);
    revalidatePath('/[locale]/organiser/events/[id]/registrations', 'layout');
    return null;
  },
);

const decisionInput = z.object({
  eventId: z.uuid({ error: 'invalidChoice' }),
  ids: z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]),
    z
      .array(z.uuid({ error: 'invalidChoice' }))
      .min(1, { error: 'registrations.errors.noneSelected' })
      .max(500, { error: 'tooLong' }),
  ),
  decision: z.enum(['approve', 'reject', 'waitlist'], { error: 'invalidChoice' }),
  note: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(2000, { error: 'tooLong' }).optional(),
  ),
});

export const decideRegistrationsAction = defineAction(
  { permission: 'events.manage', schema: decisionInput },
  async ({ eventId, ids, decision, note }, { viewer }) => {
    if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
    const result = await decideRegistrations(viewer, eventId, [...new Set(ids)], decision, {
      origin: await appOrigin(),
      note: note ?? null,
    });
    kickWorker();
    revalidatePath('/[locale]/organiser/events/[id]/registrations', 'page');
    return result;
  },
);

export const placeInSessionAction = defineAction(
  {
    permission: 'events.manage',
    schema: z.object({
      eventId: z.uuid({ error: 'invalidChoice' }),
      registrationId: z.uuid({ error: 'invalidChoice' }),
      sessionId: z.uuid({ error: 'invalidChoice' }),
      place: z.enum(['place', 'remove'], { error: 'invalidChoice' }),
    }),
  },
  async ({ eventId, registrationId, sessionId, place }, { viewer }) => {
    if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
    const result = await placeInSession(
      viewer,
      eventId,
      registrationId,
      sessionId,
      place === 'place',
      { origin: await appOrigin() },
    );
    kickWorker();
    revalidatePath('/[locale]/organiser/events/[id]/registrations', 'layout');
    return result;
  },
);
