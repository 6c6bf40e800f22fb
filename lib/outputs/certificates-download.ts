import 'server-only';
import { getViewer } from '@/lib/auth/session';
import { isUuid } from '@/lib/events/validation';
import type { Locale } from '@/lib/people/enums';
import { limitPersonalLinkRoute } from '@/lib/registrations/link-limits';
import { myRegistration, registrationByToken } from '@/lib/registrations/queries';
import { certificateOf } from './certificates';
import { certificatePdf } from './certificates-pdf';
import { localeOf, pdfAnswer, refusal, textAnswer } from './download';

/** The participant's own certificate: by their manage link's token, or signed in. */
export async function certificateDownload(
  request: Request,
  eventId: string,
  holder: string,
  lang: string | null,
) {
  const chosen: Locale | undefined = lang === 'fr' || lang === 'en' ? lang : undefined;
  const locale = localeOf(lang);
  let registration: Awaited<ReturnType<typeof registrationByToken>> = null;
  if (isUuid(holder)) {
    const viewer = await getViewer();
    registration = viewer ? await myRegistration(viewer, holder, locale) : null;
  } else {
    const refused = await limitPersonalLinkRoute(holder, request, locale);
    if (refused) return refused;
    registration = await registrationByToken(holder, locale);
  }
  if (!registration || registration.eventId !== eventId) {
    return textAnswer(locale, 404, 'actions.notFound');
  }
  try {
    const certificate = await certificateOf(registration.id, { locale: chosen });
    return pdfAnswer(
      await certificatePdf(certificate),
      `${certificate.locale === 'fr' ? 'attestation' : 'certificate'}-${certificate.name}`,
    );
  } catch (error) {
    return refusal(error, locale);
  }
}
