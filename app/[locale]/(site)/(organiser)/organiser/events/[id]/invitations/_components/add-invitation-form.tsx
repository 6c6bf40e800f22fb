'use client';

import { useTranslations } from 'next-intl';
import { LANGUAGE_OPTIONS, SelectField, TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { addInvitationAction } from '@/lib/registrations/invitation-actions';

/** One person typed in; the server checks it as it checks a row of a file. */
export function AddInvitationForm({ eventId }: { eventId: string }) {
  const t = useTranslations('registrations.invitations');
  const { state, action, pending, err, value } = useFormAction(addInvitationAction);
  const required = (label: string) => `${label} *`;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <p className="fr-text--sm">{t('addIntro')}</p>
      <FormOutcome
        state={state}
        success={state?.ok ? t('added', { email: state.data.email }) : null}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            name="firstName"
            label={required(t('fields.firstName'))}
            autoComplete="off"
            defaultValue={value('firstName')}
            error={err('firstName')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            name="lastName"
            label={required(t('fields.lastName'))}
            autoComplete="off"
            defaultValue={value('lastName')}
            error={err('lastName')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            name="email"
            type="email"
            label={required(t('fields.email'))}
            autoComplete="off"
            spellCheck={false}
            defaultValue={value('email')}
            error={err('email')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            name="organisation"
            label={t('fields.organisation')}
            autoComplete="off"
            defaultValue={value('organisation')}
            error={err('organisation')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            name="locale"
            label={required(t('fields.locale'))}
            options={LANGUAGE_OPTIONS}
            defaultValue={value('locale') ?? 'fr'}
            error={err('locale')}
          />
        </div>
      </div>
      <button type="submit" className="fr-btn fr-mt-2w" disabled={pending}>
        {t('addSubmit')}
      </button>
    </form>
  );
}
