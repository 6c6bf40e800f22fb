'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { resetSecondFactorAction } from '@/lib/second-factor/actions';

/** Removes a person's authenticator (lost phone); they set up a new one at their next visit. */
export function ResetSecondFactorButton({ userId, label }: { userId: string; label: string }) {
  const t = useTranslations('secondFactor');
  const [state, action, pending] = useActionState(resetSecondFactorAction, null);
  return (
    <form action={action} className="fr-mt-1w">
      <input type="hidden" name="userId" value={userId} />
      <span className="fr-text--sm fr-mr-1w">{t('adminEnrolled')}</span>
      <button
        type="submit"
        className="fr-btn fr-btn--tertiary fr-btn--sm"
        aria-label={label}
        title={label}
        disabled={pending}
      >
        {t('adminReset')}
      </button>
      {state && !state.ok ? (
        <span className="fr-error-text" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
