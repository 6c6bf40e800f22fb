import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';
import { RATE_LIMITED_MESSAGE } from '@/lib/rate-limit';

/** A page refused by a rate limit: the translated "try again in N seconds". */
export async function RateLimitedPage({ seconds }: { seconds: number }) {
  const t = await getTranslations();
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8" data-testid="rate-limited">
        <h1>{t('registrations.manage.link.rateLimitedTitle')}</h1>
        <p className="fr-text--lead">{t(RATE_LIMITED_MESSAGE, { seconds })}</p>
        <Link className="fr-btn" href="/">
          {t('errors.backHome')}
        </Link>
      </div>
    </div>
  );
}
