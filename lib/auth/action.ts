import { unstable_rethrow } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER } from '@/db/errors';
import { RATE_LIMITED_MESSAGE, RateLimitedError } from '@/lib/rate-limit';
import { ActionError, ForbiddenError, paramsIn } from './errors';
import { holdsAnywhere, type Permission, secondFactorWouldAllow, type Viewer } from './permissions';
import { getViewer } from './session';

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      message: string;
      fieldErrors?: FieldErrors;
      /** The text fields as submitted, so that a form shown again keeps what was typed. */
      values?: Record<string, string>;
      /** Refused by a rate limit: the seconds to wait before trying again. */
      retryAfter?: number;
    };

type Access = { permission: Permission } | { anonymous: true };

type Options<S extends z.ZodType> = Access & { schema: S };

type Handler<S extends z.ZodType, T> = (
  input: z.output<S>,
  context: { viewer: Viewer | null },
) => Promise<T>;

function formDataToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) {
      const existing = out[key];
      out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Every server action goes through here: session → permission → zod parse → handler,
 * and always answers with one ActionResult whose messages are translated. The gate
 * turns away whoever can never hold the permission; handlers check the very resource. Expected
 * failures are ActionErrors; anything else is logged and answered generically, so an
 * action never shows a 500. Handlers still check ownership next to the data.
 */
export function defineAction<S extends z.ZodType, T>(options: Options<S>, handler: Handler<S, T>) {
  return async (
    _previous: ActionResult<T> | null,
    input: FormData | Record<string, unknown>,
  ): Promise<ActionResult<T>> => {
    const t = await getTranslations();
    const translate = (key: string, params?: Record<string, string | number>) => {
      const full = key.includes('.') ? key : `validation.${key}`;
      return t.has(full) ? t(full, params) : t('actions.invalid');
    };
    const raw = formDataToObject(input);
    const values = Object.fromEntries(
      Object.entries(raw).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    let viewer: Viewer | null = null;
    try {
      viewer = await getViewer();
      if ('permission' in options) {
        if (!viewer) return { ok: false, message: t('actions.unauthenticated') };
        if (!holdsAnywhere(viewer, options.permission)) throw new ForbiddenError();
      }
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          const field = issue.path.join('.') || '_';
          fieldErrors[field] = [...(fieldErrors[field] ?? []), translate(issue.message)];
        }
        return { ok: false, message: t('actions.invalid'), fieldErrors, values };
      }
      const data = await handler(parsed.data, { viewer });
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof RateLimitedError) {
        return {
          ok: false,
          message: t(RATE_LIMITED_MESSAGE, { seconds: error.retryAfter }),
          values,
          retryAfter: error.retryAfter,
        };
      }
      // Refused for want of the second factor (organiser and admin grants held back):
      // say so, rather than "no rights", so that the person knows what to do.
      if (error instanceof ForbiddenError && secondFactorWouldAllow(viewer, () => true)) {
        return { ok: false, message: t('secondFactor.errors.required'), values };
      }
      if (error instanceof ActionError) {
        const fieldErrors = error.fieldErrors
          ? Object.fromEntries(
              Object.entries(error.fieldErrors).map(([k, v]) => [k, v.map((m) => translate(m))]),
            )
          : undefined;
        return {
          ok: false,
          message: translate(
            error.messageKey,
            paramsIn((await getLocale()) === 'en' ? 'en' : 'fr', error.params),
          ),
          fieldErrors,
          values,
        };
      }
      // The database restarting or out of reach: the transaction was rolled back (or, cut
      // while committing, stored), so the person is told to try again in a moment.
      if (isDatabaseUnavailable(error)) {
        return {
          ok: false,
          message: t('actions.unavailable', { seconds: UNAVAILABLE_RETRY_AFTER }),
          values,
          retryAfter: UNAVAILABLE_RETRY_AFTER,
        };
      }
      console.error('[action] unexpected error:', error);
      return { ok: false, message: t('actions.unexpected'), values };
    }
  };
}
