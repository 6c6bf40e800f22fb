'use client';

import { useTranslations } from 'next-intl';
import { ConfirmBox } from '@/app/_components/form/confirm-box';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { eraseRequestAction } from '@/lib/privacy/actions';

/** Carries out one pending request, once the box naming the person is ticked. */
export function EraseRequestForm({ requestId, email }: { requestId: string; email: string }) {
  const t = useTranslations('dataRights.admin');
  const { state, action, pending, err } = useFormAction(eraseRequestAction);
  return (
    <form action={action} noValidate>
      <FormOutcome state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <ConfirmBox label={t('confirmRequest', { email })} error={err('confirm')} />
      <button type="submit" className="fr-btn fr-btn--sm" disabled={pending}>
        {t('eraseRequest')}
      </button>
    </form>
  );
}
