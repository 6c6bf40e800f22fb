import 'server-only';
import { getTranslations } from 'next-intl/server';
import { ActionError, ForbiddenError, NotFoundError, paramsIn } from '@/lib/auth/errors';
import { LOCALES, type Locale } from '@/lib/people/enums';

// The answers of the PDF downloads: the file, or a short translated text. Whoever may
// not see a list gets the same 404 as for a list that does not exist.

export function localeOf(lang: string | null): Locale {
  return (LOCALES as readonly string[]).includes(lang ?? '') ? (lang as Locale) : 'fr';
}

const noStore = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };

export async function textAnswer(
  locale: Locale,
  status: number,
  key: string,
  params?: Record<string, string | number>,
) {
  const t = await getTranslations({ locale });
  return new Response(t(key, params), {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...noStore },
  });
}

/** A PDF to save, named from its title. */
export function pdfAnswer(bytes: Buffer, name: string): Response {
  const file = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${file || 'passerelle'}.pdf"`,
      ...noStore,
    },
  });
}

/** Expected refusals as translated answers: 404 for what one may not see, 409 otherwise. */
export async function refusal(error: unknown, locale: Locale): Promise<Response> {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) {
    return textAnswer(locale, 404, 'actions.notFound');
  }
  if (error instanceof ActionError) {
    return textAnswer(locale, 409, error.messageKey, paramsIn(locale, error.params));
  }
  throw error;
}
