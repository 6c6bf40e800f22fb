import { getTranslations } from 'next-intl/server';
import { NotFoundError } from '@/lib/auth/errors';
import { getViewer } from '@/lib/auth/session';
import { isUuid } from '@/lib/events/validation';
import { LOCALES, type Locale } from '@/lib/people/enums';
import { rosterCsv, rosterRows } from './csv';
import { rosterForExport } from './queries';
import { ROSTER_FIELDS } from './validation';

/**
 * A roster as a CSV file that an import reads back into the same roster. Only its
 * organisation's nominators (and admins) get it; anyone else gets a 404.
 */
export async function exportRosterCsv(rosterId: string, lang: string | null): Promise<Response> {
  const locale: Locale = (LOCALES as readonly string[]).includes(lang ?? '')
    ? (lang as Locale)
    : 'fr';
  const notFound = async () =>
    new Response((await getTranslations({ locale }))('actions.notFound'), {
      status: 404,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'private, no-store',
      },
    });
  const viewer = await getViewer();
  if (!viewer || !isUuid(rosterId)) return notFound();
  let roster: Awaited<ReturnType<typeof rosterForExport>>;
  try {
    roster = await rosterForExport(viewer, rosterId, locale);
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
  const t = await getTranslations({ locale, namespace: 'rosters.fields' });
  const body = rosterCsv(
    ROSTER_FIELDS.map((f) => t(f)),
    rosterRows(roster.entries),
    locale,
  );
  const name = `roster-${roster.title.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-')}.csv`
    .replace(/-+/g, '-')
    .toLowerCase();
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
