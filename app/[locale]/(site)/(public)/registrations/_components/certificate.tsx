import { getTranslations } from 'next-intl/server';
import { certificateAvailable } from '@/lib/outputs/certificates';

/**
 * Once the event is over, whoever came gets their certificate of attendance, in French
 * or in English. `holder` is the manage link's token, or the registration's id when
 * signed in (the download checks it again).
 */
export async function Certificate({
  registration,
  holder,
}: {
  registration: { id: string; eventId: string; event: { endsAt: Date } };
  holder: string;
}) {
  if (!(await certificateAvailable(registration, registration.event))) return null;
  const t = await getTranslations('certificates.participant');
  const href = (lang: 'fr' | 'en') =>
    `/api/events/${registration.eventId}/certificates/${encodeURIComponent(holder)}?lang=${lang}`;
  return (
    <section className="fr-mb-4w" data-testid="certificate">
      <h2 className="fr-h4">{t('title')}</h2>
      <p className="fr-text--sm">{t('hint')}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={href('fr')} download>
            {t('downloadFr')}
          </a>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary fr-icon-download-line" href={href('en')} download>
            {t('downloadEn')}
          </a>
        </li>
      </ul>
    </section>
  );
}
