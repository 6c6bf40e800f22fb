'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { CheckboxField } from '@/app/_components/form/fields';
import { deleteRosterAction } from '@/lib/rosters/actions';

/** Deletes the whole roster, once the box saying what goes with it is ticked. */
export function DeleteRosterForm({ rosterId, people }: { rosterId: string; people: number }) {
  const t = useTranslations('rosters');
  const [state, action, pending] = useActionState(deleteRosterAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="rosterId" value={rosterId} />
      {failed ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{failed.fieldErrors?.confirm?.[0] ?? failed.message}</p>
        </div>
      ) : null}
      <CheckboxField name="confirm" label={t('deleteConfirm', { count: people })} />
      <button type="submit" className="fr-btn fr-btn--tertiary fr-mt-1w" disabled={pending}>
        {t('delete')}
      </button>
    </form>
  );
}
