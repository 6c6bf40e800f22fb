import 'server-only';
import type { NextRequest } from 'next/server';
import { createTranslator } from 'next-intl';
import { describeError, isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER } from '@/db/errors';
import { ActionError, type MessageParam, paramsIn } from '@/lib/auth/errors';
import { getViewer } from '@/lib/auth/session';
import { eventAccessBySlug } from '@/lib/events/queries';
import { catalogues } from '@/lib/i18n/catalogue';
import { kickWorker } from '@/lib/jobs/worker';
import type { Locale } from '@/lib/people/enums';
import { RateLimitedError } from '@/lib/rate-limit';
import { appOriginOf, clientAddressOf } from '@/lib/site-url';
import { registrationEnvelopeSchema } from './form';
import { limitPersonalLink } from './link-limits';
import { register } from './mutations';
import { parseSubmission } from './submission';

/** Bodies are a dozen short fields: anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

function pickLocale(request: NextRequest, body: unknown): Locale {
  const asked =
    (body as { locale?: unknown } | null)?.locale ?? request.nextUrl.searchParams.get('lang');
  if (asked === 'en' || asked === 'fr') return asked;
  return /^en\b/i.test(request.headers.get('accept-language') ?? '') ? 'en' : 'fr';
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, {
    status,
    headers: { 'Cache-Control': 'private, no-store', ...headers },
  });
}

/**
 * POST /api/events/{slug}/registrations: the registration form as JSON, for the same
 * rules (one schema, one transaction). Answers 201 (registered: confirmed, pending or
 * waitlisted), 200 (already registered: the link is sent again), 400 with translated
 * field errors, 404, 409 (registration not open), 413, 415, 429 with Retry-After, and 503
 * with Retry-After while the database is out of reach (restarting): nothing half written,
 * and trying again is safe (a registration that did commit answers 200 "already").
 */
export async function registrationApi(request: NextRequest, slug: string): Promise<Response> {
  try {
    return await answer(request, slug);
  } catch (error) {
    const locale = pickLocale(request, null);
    const t = createTranslator({ locale, messages: catalogues[locale], namespace: 'actions' });
    if (isDatabaseUnavailable(error)) {
      console.warn('[api] database unavailable:', describeError(error));
      return json(
        503,
        { error: t('unavailable', { seconds: UNAVAILABLE_RETRY_AFTER }) },
        { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) },
      );
    }
    console.error('[api] registration failed:', error);
    return json(500, { error: t('unexpected') });
  }
}

async function answer(request: NextRequest, slug: string): Promise<Response> {
  const type = request.headers.get('content-type') ?? '';
  const fallback: Locale = pickLocale(request, null);
  const tActions = createTranslator({
    locale: fallback,
    messages: catalogues[fallback],
    namespace: 'actions',
  });
  if (!/^application\/json\b/i.test(type)) {
    return json(415, { error: tActions('invalid') });
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return json(413, { error: tActions('invalid') });
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return json(413, { error: tActions('invalid') });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: tActions('invalid') });
  }
  const locale = pickLocale(request, body);
  const t = createTranslator({ locale, messages: catalogues[locale] });
  const translate = (key: string, params?: Record<string, MessageParam>) => {
    const full = key.includes('.') ? key : `validation.${key}`;
    return t.has(full as never)
      ? t(full as never, paramsIn(locale, params) as never)
      : t('actions.invalid');
  };

  const invitationToken = (body as { invitationToken?: unknown } | null)?.invitationToken;
  if (typeof invitationToken === 'string') {
    // A personal link's use counts here as on its page (an unknown one too).
    const refused = await limitPersonalLink(invitationToken, clientAddressOf(request.headers)).then(
      () => null,
      (error: unknown) => {
        if (error instanceof RateLimitedError) return error;
        throw error;
      },
    );
    if (refused) {
      return json(
        429,
        { error: t('registrations.errors.rateLimited', { seconds: refused.retryAfter }) },
        { 'Retry-After': String(refused.retryAfter) },
      );
    }
  }
  const viewer = await getViewer();
  const { event } = await eventAccessBySlug(
    slug,
    viewer,
    typeof invitationToken === 'string' ? invitationToken : undefined,
  );
  if (!event) return json(404, { error: t('errors.notFoundTitle') });
  const eventId = event.id;

  const candidate =
    body && typeof body === 'object' && !Array.isArray(body)
      ? {
          ...(body as Record<string, unknown>),
          eventId,
          locale: (body as { locale?: unknown }).locale ?? locale,
        }
      : body;
  const parsed = registrationEnvelopeSchema.safeParse(candidate);
  const fieldErrors: Record<string, string[]> = {};
  // Fields the form does not have are refused, not silently dropped.
  const known = new Set(Object.keys(registrationEnvelopeSchema.shape));
  for (const key of Object.keys((candidate as object | null) ?? {})) {
    if (!known.has(key)) fieldErrors[key] = [translate('unknownField')];
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = issue.path.join('.') || '_';
      fieldErrors[field] = [...(fieldErrors[field] ?? []), translate(issue.message)];
    }
    return json(400, { error: t('actions.invalid'), fieldErrors });
  }
  try {
    const submission = await parseSubmission(eventId, parsed.data);
    const result = await register(submission, {
      origin: appOriginOf(request),
      userId: viewer?.id,
      event,
      clientAddress: clientAddressOf(request.headers),
    });
    kickWorker();
    return result.outcome === 'registered'
      ? json(201, { outcome: result.outcome, status: result.status })
      : json(200, { outcome: result.outcome, message: t('registrations.done.already') });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return json(
        429,
        { error: t('registrations.errors.rateLimited', { seconds: error.retryAfter }) },
        { 'Retry-After': String(error.retryAfter) },
      );
    }
    if (error instanceof ActionError) {
      if (error.fieldErrors) {
        return json(400, {
          error: translate(error.messageKey, error.params),
          fieldErrors: Object.fromEntries(
            Object.entries(error.fieldErrors).map(([k, v]) => [k, v.map((m) => translate(m))]),
          ),
        });
      }
      const status = error.messageKey === 'actions.notFound' ? 404 : 409;
      return json(status, { error: translate(error.messageKey, error.params) });
    }
    throw error;
  }
}
