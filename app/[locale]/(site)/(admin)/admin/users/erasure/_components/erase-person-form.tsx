'use client';

import { useTranslations } from 'next-intl';
import { ConfirmBox } from '@/app/_components/form/confirm-box';
import { TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { erasePersonAction } from '@/lib/privacy/actions';

/** An admin erases a person by e-mail address, once the box is ticked. */
export function ErasePersonForm() {
  const t = useTranslations('dataRights.admin');
  const { state, action, pending, err, value } = useFormAction(erasePersonAction);
  return (
    <form action={action} noValidate data-testid="erase-person">
      <FormOutcome
        state={state}
        success={state?.ok ? t('erased', { registrations: state.data.registrations }) : null}
      />
      <TextField
        label={t('email')}
        name="email"
        type="email"
        autoComplete="off"
        defaultValue={value('email')}
        error={err('email')}
      />
      <ConfirmBox label={t('confirm')} error={err('confirm')} />
      <button type="submit" className="fr-btn" disabled={pending}>
        {t('erase')}
      </button>
    </form>
  );
}
