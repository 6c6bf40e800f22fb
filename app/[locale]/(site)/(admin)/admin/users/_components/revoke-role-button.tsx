'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { revokeRoleAction } from '@/lib/people/actions';

export function RevokeRoleButton({ grantId, label }: { grantId: string; label: string }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(revokeRoleAction, null);
  return (
    <form action={action} className="fr-displayed-inline" style={{ display: 'inline' }}>
      <input type="hidden" name="grantId" value={grantId} />
      <button
        type="submit"
        className="fr-btn fr-btn--tertiary fr-btn--sm"
        title={label}
        aria-label={label}
        disabled={pending}
      >
        {t('revoke')}
      </button>
      {state && !state.ok ? (
        <span className="fr-error-text" role="alert">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
