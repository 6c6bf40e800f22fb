'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { signInWithEmailAction } from '@/lib/auth/actions';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('signIn');
  const [state, action, pending] = useActionState(signInWithEmailAction, null);
  const fieldError = state && !state.ok ? state.fieldErrors?.email?.[0] : undefined;
  const formError = state && !state.ok && !fieldError ? state.message : undefined;
  const typed = state && !state.ok ? state.values?.email : undefined;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      <div className={`fr-input-group${fieldError ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor="sign-in-email">
          {t('emailLabel')}
          <span className="fr-hint-text">{t('emailHint')}</span>
        </label>
        <input
          className={`fr-input${fieldError ? ' fr-input--error' : ''}`}
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={typed}
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'sign-in-email-error' : undefined}
        />
        {fieldError ? (
          <p id="sign-in-email-error" className="fr-error-text" role="alert">
            {fieldError}
          </p>
        ) : null}
      </div>
      <button type="submit" className="fr-btn" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
