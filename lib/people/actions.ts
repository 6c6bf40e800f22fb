'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/auth/action';
import { grantRole, revokeRole } from './mutations';
import { grantRoleSchema, revokeRoleSchema } from './validation';

export const grantRoleAction = defineAction(
  { permission: 'roles.grant', schema: grantRoleSchema },
  async (input, { viewer }) => {
    const id = await grantRole(viewer, input);
    revalidatePath('/[locale]/admin/users', 'page');
    return { id };
  },
);

export const revokeRoleAction = defineAction(
  { permission: 'roles.revoke', schema: revokeRoleSchema },
  async (input, { viewer }) => {
    await revokeRole(viewer, input.grantId);
    revalidatePath('/[locale]/admin/users', 'page');
    return { id: input.grantId };
  },
);
