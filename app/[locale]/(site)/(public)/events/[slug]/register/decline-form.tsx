'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { declineNominationAction } from '@/lib/nominations/actions';

/** A nominee who cannot come says so: the place goes to someone else. */
export function DeclineForm({ token }: { token: string }) {
  const t = useTranslations('nominations.nominee');
  const [state, action, pending] = useActionState(declineNominationAction, null);
  if (state?.ok) {
    return (
      <div className="fr-alert fr-alert--success fr-mt-4w" role="status">
        <p>{t('declined')}</p>
      </div>
    );
  }
  return (
    <section className="fr-mt-6w" aria-labelledby="decline-title">
      <h2 id="decline-title" className="fr-h5">
        {t('declineTitle')}
      </h2>
      <p className="fr-text--sm">{t('declineHint')}</p>
      <form action={action}>
        <input type="hidden" name="token" value={token} />
        {state && !state.ok ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{state.message}</p>
          </div>
        ) : null}
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
          {t('decline')}
        </button>
      </form>
    </section>
  );
}
