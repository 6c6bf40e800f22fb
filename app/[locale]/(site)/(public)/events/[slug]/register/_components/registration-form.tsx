'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { CheckboxField, SelectField, TextField } from '@/app/_components/form/fields';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { registerAction } from '@/lib/registrations/actions';
import {
  type RegistrationFormInput,
  registrationInputSchema,
} from '@/lib/registrations/validation';

type Props = {
  eventId: string;
  locale: Locale;
  countries: { value: string; label: string }[];
  defaults: {
    email: string;
    firstName?: string;
    lastName?: string;
    organisation?: string | null;
    locale?: Locale;
  };
  /** The invitation's token (events on invitation only): the e-mail is then the invitee's. */
  invitationToken?: string;
};

type Field = Exclude<keyof RegistrationFormInput, 'eventId' | 'invitationToken'>;

// The same zod schema checks the form here and the submission on the server; the
// server's answer (field errors included) replaces the form only on success, which
// means the registration and its mail are committed.
export function RegistrationForm({ eventId, locale, countries, defaults, invitationToken }: Props) {
  const t = useTranslations('registrations.form');
  const tDone = useTranslations('registrations.done');
  const message = useSchemaMessage();
  const [pending, startTransition] = useTransition();
  const [state, action] = useActionState(registerAction, null);
  const done = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors },
  } = useForm<RegistrationFormInput>({
    resolver: zodResolver(registrationInputSchema),
    defaultValues: {
      eventId,
      firstName: defaults.firstName ?? '',
      lastName: defaults.lastName ?? '',
      email: defaults.email,
      organisation: defaults.organisation ?? '',
      function: '',
      country: '',
      locale: defaults.locale ?? locale,
      invitationToken,
      privacyAcknowledged: false,
      directoryConsent: false,
    },
  });
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: Field) =>
    message(errors[name]?.message as string | undefined) ?? serverErrors?.[name]?.[0];

  useEffect(() => {
    if (state?.ok) done.current?.focus();
  }, [state]);

  if (state?.ok) {
    const key =
      state.data.outcome === 'already_registered'
        ? 'already'
        : (state.data.status as 'confirmed' | 'pending' | 'waitlisted');
    return (
      <div
        className="fr-alert fr-alert--success fr-mb-3w"
        role="status"
        tabIndex={-1}
        ref={done}
        data-testid="registration-done"
      >
        <h2 className="fr-alert__title">{tDone('title')}</h2>
        <p>{tDone(key)}</p>
        <p>{tDone('manageHint')}</p>
      </div>
    );
  }

  const submit = handleSubmit(() =>
    startTransition(async () => {
      await action(getValues());
    }),
  );
  const required = (label: string) => `${label} *`;

  return (
    <form onSubmit={submit} noValidate>
      {invitationToken ? <input type="hidden" {...register('invitationToken')} /> : null}
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      <p className="fr-text--sm">{t('intro')}</p>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('identity')}</legend>
        <div className="fr-fieldset__element">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <TextField
                label={required(t('firstName'))}
                autoComplete="given-name"
                error={err('firstName')}
                {...register('firstName')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <TextField
                label={required(t('lastName'))}
                autoComplete="family-name"
                error={err('lastName')}
                {...register('lastName')}
              />
            </div>
            <div className="fr-col-12">
              <TextField
                type="email"
                label={required(t('email'))}
                hint={invitationToken ? t('emailInvited') : t('emailHint')}
                readOnly={Boolean(invitationToken)}
                autoComplete="email"
                spellCheck={false}
                error={err('email')}
                {...register('email')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <TextField
                label={required(t('organisation'))}
                autoComplete="organization"
                error={err('organisation')}
                {...register('organisation')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <TextField
                label={required(t('function'))}
                autoComplete="organization-title"
                error={err('function')}
                {...register('function')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                label={required(t('country'))}
                options={countries}
                placeholder={t('choose')}
                error={err('country')}
                {...register('country')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <SelectField
                label={required(t('locale'))}
                options={[
                  { value: 'fr', label: 'Français' },
                  { value: 'en', label: 'English' },
                ]}
                error={err('locale')}
                {...register('locale')}
              />
            </div>
          </div>
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('consents')}</legend>
        <div className="fr-fieldset__element">
          <p className="fr-text--sm fr-mb-1w">
            <Link
              className="fr-link fr-link--sm"
              href="/personal-data"
              target="_blank"
              rel="noopener"
              title={t('privacyLinkTitle')}
            >
              {t('privacyLink')}
            </Link>
          </p>
          <CheckboxField
            label={required(t('privacy'))}
            error={err('privacyAcknowledged')}
            {...register('privacyAcknowledged')}
          />
        </div>
        <div className="fr-fieldset__element">
          <CheckboxField label={t('directory')} {...register('directoryConsent')} />
        </div>
      </fieldset>
      <button type="submit" className="fr-btn" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
