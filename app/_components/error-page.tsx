'use client';

import { useEffect } from 'react';
import { useErrorTexts } from '@/app/_components/error-texts';

export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  const t = useErrorTexts();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t.title}</h1>
        <p className="fr-text--lead">{t.body}</p>
        <button type="button" className="fr-btn" onClick={() => reset()}>
          {t.retry}
        </button>
      </div>
    </div>
  );
}
