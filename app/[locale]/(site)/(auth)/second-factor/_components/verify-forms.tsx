'use client';

import { useTranslations } from 'next-intl';
import { TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { verifyCodeAction, verifyRecoveryCodeAction } from '@/lib/second-factor/actions';

/** A code from the authenticator app, or failing that, a recovery code. */
export function VerifyForms({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('secondFactor');
  const code = useFormAction(verifyCodeAction);
  const recovery = useFormAction(verifyRecoveryCodeAction);
  return (
    <>
      <form action={code.action} noValidate className="fr-mb-6w">
        <FormOutcome state={code.state} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          label={t('codeLabel')}
          hint={t('codeHint')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          error={code.err('code')}
        />
        <button type="submit" className="fr-btn" disabled={code.pending}>
          {t('verifySubmit')}
        </button>
      </form>
      <h2 className="fr-h5">{t('recoveryFormTitle')}</h2>
      <form action={recovery.action} noValidate>
        <FormOutcome state={recovery.state} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          label={t('recoveryLabel')}
          hint={t('recoveryHint')}
          name="recoveryCode"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          required
          error={recovery.err('recoveryCode')}
        />
        <button type="submit" className="fr-btn fr-btn--secondary" disabled={recovery.pending}>
          {t('recoverySubmit')}
        </button>
      </form>
    </>
  );
}
