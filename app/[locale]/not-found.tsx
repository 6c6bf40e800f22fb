import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t('notFoundTitle')}</h1>
        <p className="fr-text--lead">{t('notFoundBody')}</p>
        <Link className="fr-btn" href="/">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}
