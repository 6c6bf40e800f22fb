'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useMemo, useRef, useTransition } from 'react';
import { type FieldErrors, useForm, useWatch } from 'react-hook-form';
import {
  CheckboxField,
  ChoiceGroup,
  LANGUAGE_OPTIONS,
  SelectField,
  TextAreaField,
  TextField,
} from '@/app/_components/form/fields';
import { zodResolver } from '@/app/_components/form/zod-resolver';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { Link } from '@/lib/i18n/link';
import { type Locale, ORGANISATION_KINDS } from '@/lib/people/enums';
import { registerAction, updateRegistrationAction } from '@/lib/registrations/actions';
import {
  type FormDefinition,
  isShown,
  type QuestionDef,
  type RegistrationFormValues,
  registrationFormSchema,
} from '@/lib/registrations/form';

type Option = { value: string; label: string };

/** How a session reads in the form, prepared by the server in the event's time zone. */
export type SessionText = { title: string; when: string; note: string | null };

type Props = {
  eventId: string;
  locale: Locale;
  countries: Option[];
  form: FormDefinition;
  sessionTexts: Record<string, SessionText>;
  defaults: Partial<RegistrationFormValues>;
  /** Set to change an existing registration (manage link or signed in). */
  holder?: { token: string } | { registrationId: string };
  /** The invitation's token (events on invitation only): the e-mail is then the invitee's. */
  invitationToken?: string;
};

type Fixed = 'firstName' | 'lastName' | 'email' | 'organisation' | 'function' | 'country';

// The same zod schema, built from the event's questions and sessions, checks the form
// here and the submission on the server; the server's answer (field errors included)
// replaces the form only on success, which means the registration and its mail are
// committed.
export function RegistrationForm({
  eventId,
  locale,
  countries,
  form,
  sessionTexts,
  defaults,
  holder,
  invitationToken,
}: Props) {
  const t = useTranslations('registrations.form');
  const tDone = useTranslations('registrations.done');
  const tKinds = useTranslations('organisationKinds');
  const message = useSchemaMessage();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Both answer with an outcome; a change keeps the form, a registration replaces it.
  const [state, action] = useActionState(
    (holder ? updateRegistrationAction : registerAction) as unknown as typeof registerAction,
    null,
  );
  const done = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => registrationFormSchema(form), [form]);
  const slots = useMemo(() => {
    const out = new Map<number, typeof form.sessions>();
    for (const s of form.sessions) out.set(s.slot, [...(out.get(s.slot) ?? []), s]);
    return [...out.values()];
  }, [form]);
  const {
    register,
    handleSubmit,
    getValues,
    control,
    formState: { errors },
  } = useForm<RegistrationFormValues>({
    resolver: zodResolver(schema) as never,
    defaultValues: {
      eventId,
      firstName: '',
      lastName: '',
      email: '',
      organisation: '',
      function: '',
      country: '',
      organisationKind: '',
      locale,
      privacyAcknowledged: Boolean(holder),
      directoryConsent: false,
      answers: {},
      sessionIds: slots.map(() => ''),
      ...defaults,
      invitationToken,
    },
  });
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: string): string | undefined => {
    const local = name
      .split('.')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        errors as FieldErrors,
      ) as { message?: string } | undefined;
    return message(local?.message) ?? serverErrors?.[name]?.[0];
  };
  // Conditions are read from the answers as they are typed.
  const answers = (useWatch({ control, name: 'answers' }) ?? {}) as Record<string, unknown>;
  const restricted = form.sessions.some((s) => s.organisationKinds.length > 0);

  useEffect(() => {
    if (state?.ok) {
      done.current?.focus();
      if (holder) router.refresh();
    }
  }, [state, holder, router]);

  if (state?.ok && !holder) {
    const data = state.data;
    const key =
      data.outcome === 'already_registered'
        ? 'already'
        : (data.status as 'confirmed' | 'pending' | 'waitlisted');
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
      await action({ ...getValues(), ...(holder ?? {}) });
    }),
  );
  const required = (label: string) => `${label} *`;
  const text = (fr: string, en: string) => (locale === 'en' ? en || fr : fr || en);
  const fixed = (name: Fixed, label: string, props: Record<string, unknown> = {}) => (
    <TextField label={required(label)} error={err(name)} {...props} {...register(name)} />
  );

  const question = (q: QuestionDef) => {
    const name = `answers.${q.id}` as 'answers';
    const label = text(q.labelFr, q.labelEn) + (q.required ? ' *' : '');
    const hint = text(q.helpFr, q.helpEn) || undefined;
    const options = q.options.map((o) => ({ value: o.id, label: text(o.labelFr, o.labelEn) }));
    const error = err(`answers.${q.id}`);
    switch (q.kind) {
      case 'short_text':
        return <TextField label={label} hint={hint} error={error} {...register(name)} />;
      case 'long_text':
        return (
          <TextAreaField label={label} hint={hint} rows={3} error={error} {...register(name)} />
        );
      case 'single_choice':
      case 'multiple_choice':
        return (
          <ChoiceGroup
            legend={label}
            hint={hint}
            type={q.kind === 'single_choice' ? 'radio' : 'checkbox'}
            options={options}
            error={error}
            {...register(name)}
          />
        );
      case 'yes_no':
        return (
          <ChoiceGroup
            legend={label}
            hint={hint}
            type="radio"
            inline
            options={[
              { value: 'yes', label: t('yes') },
              { value: 'no', label: t('no') },
            ]}
            error={error}
            {...register(name)}
          />
        );
      case 'date':
        return (
          <TextField type="date" label={label} hint={hint} error={error} {...register(name)} />
        );
      case 'country':
        return (
          <SelectField
            label={label}
            hint={hint}
            options={countries}
            placeholder={t('choose')}
            error={error}
            {...register(name)}
          />
        );
      case 'number':
        return (
          <TextField
            inputMode="decimal"
            label={label}
            hint={hint}
            error={error}
            {...register(name)}
          />
        );
    }
  };

  const visible = form.questions.filter((q) => isShown(q, answers, form.questions));

  return (
    <form onSubmit={submit} noValidate>
      {invitationToken ? <input type="hidden" {...register('invitationToken')} /> : null}
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      {state?.ok && holder ? (
        <div
          className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w"
          role="status"
          tabIndex={-1}
          ref={done}
          data-testid="registration-saved"
        >
          <p>{tDone('saved')}</p>
        </div>
      ) : null}
      <p className="fr-text--sm">{t('intro')}</p>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('identity')}</legend>
        <div className="fr-fieldset__element">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              {fixed('firstName', t('firstName'), { autoComplete: 'given-name' })}
            </div>
            <div className="fr-col-12 fr-col-md-6">
              {fixed('lastName', t('lastName'), { autoComplete: 'family-name' })}
            </div>
            <div className="fr-col-12">
              {fixed('email', t('email'), {
                type: 'email',
                hint: holder
                  ? t('emailFixed')
                  : invitationToken
                    ? t('emailInvited')
                    : t('emailHint'),
                autoComplete: 'email',
                spellCheck: false,
                readOnly: Boolean(holder || invitationToken),
              })}
            </div>
            <div className="fr-col-12 fr-col-md-6">
              {fixed('organisation', t('organisation'), { autoComplete: 'organization' })}
            </div>
            <div className="fr-col-12 fr-col-md-6">
              {fixed('function', t('function'), { autoComplete: 'organization-title' })}
            </div>
            {restricted ? (
              <div className="fr-col-12">
                <SelectField
                  label={t('organisationKind')}
                  hint={t('organisationKindHint')}
                  options={ORGANISATION_KINDS.map((k) => ({ value: k, label: tKinds(k) }))}
                  placeholder={t('choose')}
                  error={err('organisationKind')}
                  {...register('organisationKind')}
                />
              </div>
            ) : null}
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
                options={LANGUAGE_OPTIONS}
                error={err('locale')}
                {...register('locale')}
              />
            </div>
          </div>
        </div>
      </fieldset>
      {slots.length > 0 ? (
        <fieldset className="fr-fieldset" data-testid="session-choices">
          <legend className="fr-fieldset__legend">{t('sessions')}</legend>
          <div className="fr-fieldset__element">
            <p className="fr-text--sm">{t('sessionsHint')}</p>
            {slots.map((slot, i) => {
              const first = sessionTexts[slot[0]?.id ?? ''];
              return (
                <ChoiceGroup
                  key={slot[0]?.id ?? i}
                  legend={
                    slot.length > 1 ? t('slot', { when: first?.when ?? '' }) : (first?.when ?? '')
                  }
                  type="radio"
                  options={[
                    { value: '', label: t('noSession') },
                    ...slot.map((s) => {
                      const st = sessionTexts[s.id];
                      return {
                        value: s.id,
                        label: [st?.title, st?.note].filter(Boolean).join(' — '),
                      };
                    }),
                  ]}
                  error={i === 0 ? err('sessionIds') : undefined}
                  {...register(`sessionIds.${i}` as 'sessionIds')}
                />
              );
            })}
          </div>
        </fieldset>
      ) : null}
      {visible.length > 0 ? (
        <fieldset className="fr-fieldset" data-testid="questions">
          <legend className="fr-fieldset__legend">{t('questions')}</legend>
          {visible.map((q) => (
            <div className="fr-fieldset__element" key={q.id}>
              {question(q)}
            </div>
          ))}
        </fieldset>
      ) : null}
      {holder ? null : (
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
      )}
      <button type="submit" className="fr-btn" disabled={pending}>
        {holder ? t('save') : t('submit')}
      </button>
    </form>
  );
}
