'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';

export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t('errorTitle')}</h1>
        <p className="fr-text--lead">{t('errorBody')}</p>
        <button type="button" className="fr-btn" onClick={() => reset()}>
          {t('retry')}
        </button>
      </div>
    </div>
  );
}
