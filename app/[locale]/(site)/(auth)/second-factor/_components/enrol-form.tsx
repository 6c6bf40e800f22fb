'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { enrolAction } from '@/lib/second-factor/actions';
import { RecoveryCodes } from './recovery-codes';

export function EnrolForm({
  sealedSecret,
  callbackUrl,
}: {
  sealedSecret: string;
  callbackUrl: string;
}) {
  const t = useTranslations('secondFactor');
  const { state, action, pending, err } = useFormAction(enrolAction);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} continueTo={callbackUrl} />;
  return (
    <form action={action} noValidate>
      <FormOutcome state={state} />
      <input type="hidden" name="sealedSecret" value={sealedSecret} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
      <button type="submit" className="fr-btn" disabled={pending}>
        {t('enrolSubmit')}
      </button>
    </form>
  );
}
