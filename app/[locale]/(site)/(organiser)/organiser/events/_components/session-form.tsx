'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useTransition } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { ChoiceGroup, SelectField, TextField } from '@/app/_components/form/fields';
import { zodResolver } from '@/app/_components/form/zod-resolver';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { addSessionAction, updateSessionAction } from '@/lib/events/actions';
import { SESSION_ACCESS_RULES, SESSION_TYPES } from '@/lib/events/enums';
import { type SessionFormInput, sessionInputSchema } from '@/lib/events/validation';
import { ORGANISATION_KINDS } from '@/lib/people/enums';

type Props = {
  eventId: string;
  sessionId?: string;
  defaultValues: SessionFormInput;
  /** Shown above the time fields: the zone the times are typed in. */
  timeZone: string;
};

export const EMPTY_SESSION: SessionFormInput = {
  type: 'plenary',
  titleFr: '',
  titleEn: '',
  descriptionFr: '',
  descriptionEn: '',
  room: '',
  startsAt: '',
  endsAt: '',
  capacity: '',
  access: 'everyone',
  accessOrganisationKinds: [],
  chathamHouse: false,
  speakers: [],
};

export function SessionForm({ eventId, sessionId, defaultValues, timeZone }: Props) {
  const t = useTranslations('eventEditor');
  const tTypes = useTranslations('sessionTypes');
  const tAccess = useTranslations('sessionAccess');
  const tKinds = useTranslations('organisationKinds');
  const message = useSchemaMessage();
  const [pending, startTransition] = useTransition();
  const [state, action] = useActionState(sessionId ? updateSessionAction : addSessionAction, null);
  const {
    register,
    control,
    handleSubmit,
    getValues,
    reset,
    watch,
    formState: { errors },
  } = useForm<SessionFormInput>({ resolver: zodResolver(sessionInputSchema), defaultValues });
  const speakers = useFieldArray({ control, name: 'speakers' });
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: keyof SessionFormInput) =>
    message(errors[name]?.message as string | undefined) ?? serverErrors?.[name]?.[0];
  const access = watch('access');

  const submit = handleSubmit(() =>
    startTransition(async () => {
      const values = getValues();
      await action(sessionId ? { ...values, sessionId } : { ...values, eventId });
      // A new session's form is emptied for the next one; the server result decides.
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      {state?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{sessionId ? t('sessionSaved') : t('sessionAdded')}</p>
          {!sessionId ? (
            <button type="button" className="fr-link" onClick={() => reset(EMPTY_SESSION)}>
              {t('sessionAnother')}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            label={t('titleFr')}
            error={err('titleFr')}
            lang="fr"
            {...register('titleFr')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            label={t('titleEn')}
            error={err('titleEn')}
            lang="en"
            {...register('titleEn')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <SelectField
            label={t('sessionType')}
            error={err('type')}
            options={SESSION_TYPES.map((v) => ({ value: v, label: tTypes(v) }))}
            {...register('type')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <TextField label={t('room')} error={err('room')} {...register('room')} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <TextField
            type="number"
            min={1}
            label={t('capacity')}
            hint={t('capacityHint')}
            error={err('capacity')}
            {...register('capacity')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            type="datetime-local"
            label={t('startsAt')}
            hint={t('inZone', { zone: timeZone })}
            error={err('startsAt')}
            {...register('startsAt')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            type="datetime-local"
            label={t('endsAt')}
            hint={t('inZone', { zone: timeZone })}
            error={err('endsAt')}
            {...register('endsAt')}
          />
        </div>
        <div className="fr-col-12">
          <ChoiceGroup
            type="radio"
            legend={t('access')}
            error={err('access')}
            options={SESSION_ACCESS_RULES.map((v) => ({ value: v, label: tAccess(v) }))}
            {...register('access')}
          />
        </div>
        {access === 'organisation_kinds' ? (
          <div className="fr-col-12">
            <ChoiceGroup
              type="checkbox"
              inline
              legend={t('accessKinds')}
              error={err('accessOrganisationKinds')}
              options={ORGANISATION_KINDS.map((v) => ({ value: v, label: tKinds(v) }))}
              {...register('accessOrganisationKinds')}
            />
          </div>
        ) : null}
        <div className="fr-col-12">
          <div className="fr-checkbox-group">
            <input
              type="checkbox"
              id={`chatham-${sessionId ?? 'new'}`}
              {...register('chathamHouse')}
            />
            <label className="fr-label" htmlFor={`chatham-${sessionId ?? 'new'}`}>
              {t('chathamHouse')}
              <span className="fr-hint-text">{t('chathamHouseHint')}</span>
            </label>
          </div>
        </div>
      </div>
      <fieldset className="fr-fieldset fr-mt-3w">
        <legend className="fr-fieldset__legend">{t('speakers')}</legend>
        {speakers.fields.map((field, index) => (
          <div className="fr-fieldset__element" key={field.id}>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-4">
                <TextField
                  label={t('speakerName', { n: index + 1 })}
                  error={message(errors.speakers?.[index]?.name?.message)}
                  {...register(`speakers.${index}.name`)}
                />
              </div>
              <div className="fr-col-12 fr-col-md-3">
                <TextField
                  label={t('speakerFunction', { n: index + 1 })}
                  {...register(`speakers.${index}.function`)}
                />
              </div>
              <div className="fr-col-12 fr-col-md-3">
                <TextField
                  label={t('speakerOrganisation', { n: index + 1 })}
                  {...register(`speakers.${index}.organisation`)}
                />
              </div>
              <div className="fr-col-12 fr-col-md-2">
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary fr-btn--sm fr-mt-4w"
                  onClick={() => speakers.remove(index)}
                >
                  {t('removeSpeaker', { n: index + 1 })}
                </button>
              </div>
            </div>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm"
            onClick={() => speakers.append({ name: '', function: '', organisation: '' })}
          >
            {t('addSpeaker')}
          </button>
        </div>
      </fieldset>
      <button type="submit" className="fr-btn" disabled={pending}>
        {sessionId ? t('saveSession') : t('addSessionSubmit')}
      </button>
    </form>
  );
}
