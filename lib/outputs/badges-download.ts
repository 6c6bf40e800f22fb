import 'server-only';
import { getViewer } from '@/lib/auth/session';
import { isUuid } from '@/lib/events/validation';
import { localized } from '@/lib/i18n/localized';
import { type BadgeFilter, badgesOf } from './badges';
import { badgeSheetPdf, singleBadgePdf } from './badges-pdf';
import { localeOf, pdfAnswer, refusal, textAnswer } from './download';

/** The badge sheet of an event (optionally one session's), or one person's badge. */
export async function badgesDownload(eventId: string, query: URLSearchParams) {
  const locale = localeOf(query.get('lang'));
  const filter: BadgeFilter = {
    sessionId: query.get('session') || null,
    registrationId: query.get('registration') || null,
  };
  const ids = [eventId, filter.sessionId, filter.registrationId].filter(
    (id): id is string => id !== null,
  );
  const viewer = await getViewer();
  if (!viewer || !ids.every(isUuid)) return textAnswer(locale, 404, 'actions.notFound');
  let found: Awaited<ReturnType<typeof badgesOf>>;
  try {
    found = await badgesOf(viewer, eventId, filter);
  } catch (error) {
    return refusal(error, locale);
  }
  const title = localized(locale, found.title.fr, found.title.en);
  const [single] = found.badges;
  if (filter.registrationId && single) {
    return pdfAnswer(
      await singleBadgePdf(single, title, locale),
      `badge-${single.firstName}-${single.lastName}`,
    );
  }
  if (found.badges.length === 0) return textAnswer(locale, 409, 'badges.errors.none');
  return pdfAnswer(await badgeSheetPdf(found.badges, title, locale), `badges-${title}`);
}
