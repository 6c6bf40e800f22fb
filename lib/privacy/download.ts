import 'server-only';
import { getViewer } from '@/lib/auth/session';
import { localeOf, textAnswer } from '@/lib/outputs/download';
import { limitPersonalLinkRoute } from '@/lib/registrations/link-limits';
import { personalDataOf, registrationDataByToken } from './access';

// The right of access as a download: a JSON file, never cached, named by its date.

function jsonAnswer(data: unknown, name: string): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="passerelle-${name}-${day}.json"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Everything held on the signed-in person. */
export async function personalDataDownload(lang: string | null): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return textAnswer(localeOf(lang), 401, 'actions.unauthenticated');
  return jsonAnswer(await personalDataOf(viewer), 'my-data');
}

/** The data of the registration a manage link opens. */
export async function registrationDataDownload(
  request: Request,
  token: string,
  lang: string | null,
): Promise<Response> {
  const locale = localeOf(lang);
  const refused = await limitPersonalLinkRoute(token, request, locale);
  if (refused) return refused;
  const data = await registrationDataByToken(token);
  if (!data) return textAnswer(locale, 404, 'actions.notFound');
  return jsonAnswer(data, 'registration');
}
