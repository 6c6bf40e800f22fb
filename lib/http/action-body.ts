import { createTranslator } from 'next-intl';
import { catalogues } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/people/enums';

// A server action's body is what React's encodeReply writes: a JSON array (as text), or
// multipart form data. Anything else fails inside Next's own decoding, before any code of
// ours, as a 500; the proxy answers it here with a 400 instead.

/** True when a server action's body cannot be what React sends (it reads a clone). */
export async function isMalformedActionBody(request: Request): Promise<boolean> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.startsWith('multipart/form-data')) {
      await request.clone().formData();
      return false;
    }
    if (type.startsWith('application/x-www-form-urlencoded')) return false;
    return !Array.isArray(JSON.parse(await request.clone().text()));
  } catch {
    return true;
  }
}

/** The 400 answer, in the language of the page the action was posted to. */
export function malformedActionAnswer(locale: Locale): Response {
  const t = createTranslator({ locale, messages: catalogues[locale] });
  return new Response(t('actions.malformed' as never), {
    status: 400,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
