import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';

/** A full-page message from the `errors` catalogue, with the way back home. */
export async function MessagePage({ title, body }: { title: string; body: string }) {
  const t = await getTranslations('errors');
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t(title)}</h1>
        <p className="fr-text--lead">{t(body)}</p>
        <Link className="fr-btn" href="/">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}
