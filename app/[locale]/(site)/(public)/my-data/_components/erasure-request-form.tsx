'use client';

import { useTranslations } from 'next-intl';
import { ConfirmBox } from '@/app/_components/form/confirm-box';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { requestErasureAction } from '@/lib/privacy/actions';

/** The person asks for their erasure, after ticking the box that says what it means. */
export function ErasureRequestForm() {
  const t = useTranslations('dataRights.mine');
  const { state, action, pending, err } = useFormAction(requestErasureAction);
  if (state?.ok) {
    return (
      <div className="fr-alert fr-alert--success fr-alert--sm" role="status">
        <p>{t('requested')}</p>
      </div>
    );
  }
  return (
    <form action={action} noValidate data-testid="erasure-request">
      <FormOutcome state={state} />
      <ConfirmBox label={t('confirm')} error={err('confirm')} />
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('request')}
      </button>
    </form>
  );
}
