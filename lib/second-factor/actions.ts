'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { defineAction } from '@/lib/auth/action';
import { ActionError } from '@/lib/auth/errors';
import { safeCallbackPath } from '@/lib/auth/locale';
import { SECOND_FACTOR_ROLES, type Viewer } from '@/lib/auth/permissions';
import { sessionToken } from '@/lib/auth/session';
import type { Locale } from '@/lib/people/enums';
import {
  enrol,
  regenerateRecoveryCodes,
  resetSecondFactor,
  verifyCode,
  verifyRecoveryCode,
} from './mutations';
import {
  enrolSchema,
  recoveryCodeSchema,
  regenerateSchema,
  resetSchema,
  verifyCodeSchema,
} from './validation';

/** Only people with an organiser or admin grant are asked for (and may set up) a second factor. */
function assertConcerned(viewer: Viewer | null): asserts viewer is Viewer {
  const grants = [...(viewer?.grants ?? []), ...(viewer?.withheldGrants ?? [])];
  if (!grants.some((g) => SECOND_FACTOR_ROLES.includes(g.role))) {
    throw new ActionError('secondFactor.errors.notConcerned');
  }
}

async function currentToken(): Promise<string> {
  const token = await sessionToken();
  if (!token) throw new ActionError('actions.unauthenticated');
  return token;
}

async function backTo(callbackUrl: string | undefined): Promise<never> {
  const locale = (await getLocale()) as Locale;
  // The header and menus (in the layout) now show the organiser and admin links.
  revalidatePath('/[locale]', 'layout');
  return redirect(safeCallbackPath(callbackUrl, locale));
}

export const enrolAction = defineAction(
  { permission: 'account.view', schema: enrolSchema },
  async (input, { viewer }) => {
    assertConcerned(viewer);
    const codes = await enrol(viewer, { ...input, sessionToken: await currentToken() });
    // Not revalidated here: the page would be drawn again, without the codes shown once.
    return { recoveryCodes: codes };
  },
);

export const verifyCodeAction = defineAction(
  { permission: 'account.view', schema: verifyCodeSchema },
  async (input, { viewer }) => {
    assertConcerned(viewer);
    await verifyCode(viewer, { code: input.code, sessionToken: await currentToken() });
    return backTo(input.callbackUrl);
  },
);

export const verifyRecoveryCodeAction = defineAction(
  { permission: 'account.view', schema: recoveryCodeSchema },
  async (input, { viewer }) => {
    assertConcerned(viewer);
    await verifyRecoveryCode(viewer, {
      recoveryCode: input.recoveryCode,
      sessionToken: await currentToken(),
    });
    return backTo(input.callbackUrl);
  },
);

export const regenerateRecoveryCodesAction = defineAction(
  { permission: 'account.view', schema: regenerateSchema },
  async (input, { viewer }) => {
    assertConcerned(viewer);
    return { recoveryCodes: await regenerateRecoveryCodes(viewer, input) };
  },
);

export const resetSecondFactorAction = defineAction(
  { permission: 'secondFactor.reset', schema: resetSchema },
  async (input, { viewer }) => {
    const removed = await resetSecondFactor(viewer, input.userId);
    if (!removed) throw new ActionError('secondFactor.errors.notEnrolled');
    revalidatePath('/[locale]/admin/users', 'page');
    return { userId: input.userId };
  },
);
