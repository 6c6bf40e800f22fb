'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { appOrigin } from '@/lib/site-url';
import { erasePerson, eraseRequested, requestErasure } from './erasure';
import { erasePersonSchema, eraseRequestSchema, requestErasureSchema } from './validation';

export const requestErasureAction = defineAction(
  { permission: 'account.view', schema: requestErasureSchema },
  async (_input, { viewer }) => {
    await requestErasure(viewer);
    revalidatePath('/[locale]/my-data', 'page');
    revalidatePath('/[locale]/admin/erasure', 'page');
  },
);

export const erasePersonAction = defineAction(
  { permission: 'privacy.erase', schema: erasePersonSchema },
  async (input, { viewer }) => {
    const counts = await erasePerson(viewer, input.email, { origin: await appOrigin() });
    revalidatePath('/[locale]/admin/erasure', 'page');
    revalidatePath('/[locale]/admin/users', 'page');
    return counts;
  },
);

export const eraseRequestAction = defineAction(
  { permission: 'privacy.erase', schema: eraseRequestSchema },
  async (input, { viewer }) => {
    const counts = await eraseRequested(viewer, input.requestId, { origin: await appOrigin() });
    revalidatePath('/[locale]/admin/erasure', 'page');
    revalidatePath('/[locale]/admin/users', 'page');
    return counts;
  },
);
