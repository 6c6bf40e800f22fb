'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { regenerateRecoveryCodesAction } from '@/lib/second-factor/actions';
import { RecoveryCodes } from './recovery-codes';

export function RegenerateForm() {
  const t = useTranslations('secondFactor');
  const { state, action, pending, err } = useFormAction(regenerateRecoveryCodesAction);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} />;
  return (
    <form action={action} noValidate>
      <FormOutcome state={state} />
      <TextField
        label={t('codeLabel')}
        hint={t('codeHint')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        error={err('code')}
      />
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('regenerateSubmit')}
      </button>
    </form>
  );
}
