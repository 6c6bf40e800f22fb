'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import type { Viewer } from '@/lib/auth/permissions';
import { kickWorker } from '@/lib/jobs/worker';
import { limitPersonalLinkHere } from '@/lib/registrations/link-limits';
import { manageTokenSchema } from '@/lib/registrations/validation';
import { appOrigin } from '@/lib/site-url';
import {
  decideNominations,
  declineNomination,
  inviteNominator,
  moveNomination,
  nominate,
  openCall,
  replaceNomination,
  saveCall,
  submitNominations,
  withdrawNomination,
} from './mutations';
import {
  callInputSchema,
  decisionSchema,
  idList,
  nominatorSchema,
  nomineeSchema,
} from './validation';

// The gate admits organisers (and admins) or nominators; each mutation checks the very
// event or organisation.

const ORGANISER_PAGE = '/[locale]/organiser/events/[id]/nominations';
const NOMINATOR_PAGES = '/[locale]/nominations';
const id = z.uuid({ error: 'invalidChoice' });

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
  return viewer;
}

/** The `<prefix><key>` fields of a form that are not blank, as `{ [name]: key, quota }`. */
function numbered(raw: Record<string, unknown>, prefix: string, name: string) {
  return Object.entries(raw)
    .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'string' && v.trim() !== '')
    .map(([k, v]) => ({ [name]: k.slice(prefix.length), quota: v }));
}

/**
 * The form sends one `quota.<organisation id>` field per organisation (blank: not
 * invited), and optional `countryQuota.<country>` and `groupQuota.<working group id>`.
 */
const callForm = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const fields = raw as Record<string, unknown>;
    return {
      ...fields,
      quotas: numbered(fields, 'quota.', 'organisationId'),
      countryQuotas: numbered(fields, 'countryQuota.', 'country'),
      groupQuotas: numbered(fields, 'groupQuota.', 'workingGroupId'),
    };
  },
  callInputSchema.and(z.object({ eventId: id })),
);

export const saveCallAction = defineAction(
  { permission: 'events.manage', schema: callForm },
  async ({ eventId, ...input }, { viewer }) => {
    await saveCall(signedIn(viewer), eventId, input);
    revalidatePath(ORGANISER_PAGE, 'page');
    return null;
  },
);

export const openCallAction = defineAction(
  { permission: 'events.manage', schema: z.object({ eventId: id }) },
  async ({ eventId }, { viewer }) => {
    const result = await openCall(signedIn(viewer), eventId, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(ORGANISER_PAGE, 'page');
    return result;
  },
);

export const inviteNominatorAction = defineAction(
  { permission: 'events.manage', schema: nominatorSchema.extend({ eventId: id }) },
  async ({ eventId, ...input }, { viewer }) => {
    await inviteNominator(signedIn(viewer), eventId, input, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(ORGANISER_PAGE, 'page');
    return { email: input.email };
  },
);

export const decideNominationsAction = defineAction(
  {
    permission: 'events.manage',
    schema: decisionSchema.and(z.object({ eventId: id })),
  },
  async ({ eventId, ...input }, { viewer }) => {
    const result = await decideNominations(signedIn(viewer), eventId, input, {
      origin: await appOrigin(),
    });
    kickWorker();
    revalidatePath(ORGANISER_PAGE, 'page');
    return result;
  },
);

export const nominateAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: nomineeSchema.extend({ callId: id, organisationId: id }),
  },
  async ({ callId, organisationId, ...person }, { viewer }) => {
    await nominate(signedIn(viewer), callId, organisationId, person);
    revalidatePath(NOMINATOR_PAGES, 'layout');
    return { name: `${person.firstName} ${person.lastName}`, replaced: false };
  },
);

export const replaceNominationAction = defineAction(
  { permission: 'nominations.nominate', schema: nomineeSchema.extend({ nominationId: id }) },
  async ({ nominationId, ...person }, { viewer }) => {
    await replaceNomination(signedIn(viewer), nominationId, person);
    kickWorker();
    revalidatePath(NOMINATOR_PAGES, 'layout');
    return { name: `${person.firstName} ${person.lastName}`, replaced: true };
  },
);

export const submitNominationsAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: z.object({ callId: id, organisationId: id, ids: idList }),
  },
  async ({ callId, organisationId, ids }, { viewer }) => {
    const result = await submitNominations(signedIn(viewer), callId, organisationId, ids);
    kickWorker();
    revalidatePath(NOMINATOR_PAGES, 'layout');
    return result;
  },
);

export const withdrawNominationAction = defineAction(
  { permission: 'nominations.nominate', schema: z.object({ nominationId: id }) },
  async ({ nominationId }, { viewer }) => {
    await withdrawNomination(signedIn(viewer), nominationId, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(NOMINATOR_PAGES, 'layout');
    return null;
  },
);

export const moveNominationAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: z.object({
      nominationId: id,
      direction: z.enum(['up', 'down'], { error: 'invalidChoice' }),
    }),
  },
  async ({ nominationId, direction }, { viewer }) => {
    await moveNomination(signedIn(viewer), nominationId, direction);
    revalidatePath(NOMINATOR_PAGES, 'layout');
    return null;
  },
);

export const declineNominationAction = defineAction(
  { anonymous: true, schema: z.object({ token: manageTokenSchema }) },
  async ({ token }) => {
    await limitPersonalLinkHere(token);
    await declineNomination(token, { origin: await appOrigin() });
    kickWorker();
    return null;
  },
);
