'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  moveNominationAction,
  submitNominationsAction,
  withdrawNominationAction,
} from '@/lib/nominations/actions';

/**
 * Sends the drafts ticked in the table (their boxes belong to this form through their
 * `form` attribute) to the organisers, all or none.
 */
export function SubmitForm({
  id,
  callId,
  organisationId,
  hasDrafts,
}: {
  id: string;
  callId: string;
  organisationId: string;
  /** Kept mounted without drafts, so that the answer to the last sending stays shown. */
  hasDrafts: boolean;
}) {
  const t = useTranslations('nominations.nominator');
  const [state, action, pending] = useActionState(submitNominationsAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} id={id} className="fr-mt-2w">
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="organisationId" value={organisationId} />
      <div aria-live="polite">
        {state?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
            <p>
              {t(state.data.late ? 'submittedLate' : 'submitted', { count: state.data.submitted })}
            </p>
          </div>
        ) : null}
        {failed ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{failed.message}</p>
            {failed.fieldErrors?.ids ? <p>{failed.fieldErrors.ids[0]}</p> : null}
          </div>
        ) : null}
      </div>
      {hasDrafts ? (
        <button type="submit" className="fr-btn" disabled={pending}>
          {t('submit')}
        </button>
      ) : null}
    </form>
  );
}

/** Withdraws one nomination (a place it held goes to the organisation's reserve). */
export function WithdrawButton({ nominationId, name }: { nominationId: string; name: string }) {
  const t = useTranslations('nominations.nominator');
  const [state, action, pending] = useActionState(withdrawNominationAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="nominationId" value={nominationId} />
      <button
        type="submit"
        className="fr-btn fr-btn--sm fr-btn--tertiary"
        disabled={pending}
        title={t('withdrawTitle', { name })}
      >
        {t('withdraw')}
      </button>
      {state && !state.ok ? (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** Moves one nomination a place up or down in the organisation's order of priority. */
export function MoveButtons({
  nominationId,
  name,
  first,
  last,
}: {
  nominationId: string;
  name: string;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations('nominations.nominator');
  const [state, action, pending] = useActionState(moveNominationAction, null);
  return (
    <form action={action} className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
      <input type="hidden" name="nominationId" value={nominationId} />
      {(
        [
          ['up', first, 'moveUp', 'moveUpTitle'],
          ['down', last, 'moveDown', 'moveDownTitle'],
        ] as const
      ).map(([direction, edge, label, title]) =>
        edge ? null : (
          <button
            key={direction}
            type="submit"
            name="direction"
            value={direction}
            className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
            disabled={pending}
            title={t(title, { name })}
          >
            {t(label)}
          </button>
        ),
      )}
      {state && !state.ok ? (
        <p className="fr-error-text" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
