'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { removeRosterEntryAction } from '@/lib/rosters/actions';

/** Takes one person off the roster (their past nominations stay). */
export function RemoveEntryButton({
  rosterId,
  entryId,
  name,
}: {
  rosterId: string;
  entryId: string;
  name: string;
}) {
  const t = useTranslations('rosters');
  const [state, action, pending] = useActionState(removeRosterEntryAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="rosterId" value={rosterId} />
      <input type="hidden" name="entryId" value={entryId} />
      <button
        type="submit"
        className="fr-btn fr-btn--sm fr-btn--tertiary"
        title={t('removeTitle', { name })}
        aria-label={t('removeTitle', { name })}
        disabled={pending}
      >
        {t('remove')}
      </button>
      {state && !state.ok ? (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
