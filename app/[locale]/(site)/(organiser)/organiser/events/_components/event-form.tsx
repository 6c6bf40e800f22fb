'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ChoiceGroup, SelectField, TextAreaField, TextField } from '@/app/_components/form/fields';
import { zodResolver } from '@/app/_components/form/zod-resolver';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { createEventAction, updateEventAction } from '@/lib/events/actions';
import {
  CONFIDENTIALITY_LEVELS,
  EVENT_FORMATS,
  EVENT_MODES,
  REGISTRATION_MODES,
  VISIBILITIES,
} from '@/lib/events/enums';
import { type EventFormInput, eventInputSchema } from '@/lib/events/validation';
import { useRouter } from '@/lib/i18n/link';

export type EventFormOptions = {
  networks: { value: string; label: string }[];
  workingGroups: {
    value: string;
    label: string;
    networkId: string;
    validFrom: string;
    validTo: string | null;
  }[];
  timeZones: string[];
  countries: { value: string; label: string }[];
  languages: { value: string; label: string }[];
};

type Props = {
  eventId?: string;
  defaultValues: EventFormInput;
  options: EventFormOptions;
};

// The editor checks the same zod schema as the server before sending; the server's
// answer (slug taken, working group not valid on these dates…) lands on the same fields.
export function EventForm({ eventId, defaultValues, options }: Props) {
  const t = useTranslations('eventEditor');
  const tFormats = useTranslations('eventFormats');
  const tModes = useTranslations('eventModes');
  const tConf = useTranslations('confidentiality');
  const tVis = useTranslations('visibility');
  const tReg = useTranslations('registrationModes');
  const message = useSchemaMessage();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, action] = useActionState(eventId ? updateEventAction : createEventAction, null);
  const {
    register,
    handleSubmit,
    getValues,
    watch,
    formState: { errors },
  } = useForm<EventFormInput>({ resolver: zodResolver(eventInputSchema), defaultValues });

  useEffect(() => {
    if (state?.ok && !eventId) router.push(`/organiser/events/${state.data.id}`);
  }, [state, eventId, router]);

  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: keyof EventFormInput) =>
    message(errors[name]?.message as string | undefined) ?? serverErrors?.[name]?.[0];

  const mode = watch('mode');
  const networkId = watch('networkId');
  const startsAt = watch('startsAt');
  const day = typeof startsAt === 'string' ? startsAt.slice(0, 10) : '';
  const groups = options.workingGroups.filter(
    (g) =>
      g.networkId === networkId &&
      (!day || (g.validFrom <= day && (g.validTo === null || g.validTo >= day))),
  );

  const submit = handleSubmit(() =>
    startTransition(() => action(eventId ? { ...getValues(), eventId } : getValues())),
  );
  const enumOptions = <T extends string>(values: readonly T[], label: (v: T) => string) =>
    values.map((v) => ({ value: v, label: label(v) }));

  return (
    <form onSubmit={submit} noValidate>
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      {state?.ok && eventId ? (
        <div className="fr-alert fr-alert--success fr-mb-4w" role="status">
          <p>{t('saved')}</p>
        </div>
      ) : null}

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionTitles')}</legend>
        <div className="fr-fieldset__element">
          <TextField
            label={t('titleFr')}
            error={err('titleFr')}
            lang="fr"
            {...register('titleFr')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            label={t('titleEn')}
            error={err('titleEn')}
            lang="en"
            {...register('titleEn')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            label={t('slug')}
            hint={t('slugHint')}
            error={err('slug')}
            {...register('slug')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            label={t('summaryFr')}
            error={err('summaryFr')}
            rows={2}
            lang="fr"
            {...register('summaryFr')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            label={t('summaryEn')}
            error={err('summaryEn')}
            rows={2}
            lang="en"
            {...register('summaryEn')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            label={t('descriptionFr')}
            hint={t('descriptionHint')}
            error={err('descriptionFr')}
            rows={8}
            lang="fr"
            {...register('descriptionFr')}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            label={t('descriptionEn')}
            hint={t('descriptionHint')}
            error={err('descriptionEn')}
            rows={8}
            lang="en"
            {...register('descriptionEn')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionKind')}</legend>
        <div className="fr-fieldset__element">
          <SelectField
            label={t('format')}
            error={err('format')}
            options={enumOptions(EVENT_FORMATS, tFormats)}
            {...register('format')}
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            label={t('network')}
            error={err('networkId')}
            options={options.networks}
            placeholder={t('none')}
            {...register('networkId')}
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            label={t('workingGroup')}
            hint={t('workingGroupHint')}
            error={err('workingGroupId')}
            options={groups.map(({ value, label }) => ({ value, label }))}
            placeholder={t('none')}
            {...register('workingGroupId')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionWhen')}</legend>
        <div className="fr-fieldset__element">
          <SelectField
            label={t('timeZone')}
            hint={t('timeZoneHint')}
            error={err('timeZone')}
            options={options.timeZones.map((z) => ({ value: z, label: z }))}
            {...register('timeZone')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="datetime-local"
            label={t('startsAt')}
            error={err('startsAt')}
            {...register('startsAt')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="datetime-local"
            label={t('endsAt')}
            error={err('endsAt')}
            {...register('endsAt')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionWhere')}</legend>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            type="radio"
            inline
            legend={t('mode')}
            error={err('mode')}
            options={enumOptions(EVENT_MODES, tModes)}
            {...register('mode')}
          />
        </div>
        {mode !== 'online' ? (
          <>
            <div className="fr-fieldset__element">
              <TextField
                label={t('venueName')}
                error={err('venueName')}
                {...register('venueName')}
              />
            </div>
            <div className="fr-fieldset__element">
              <TextField
                label={t('venueAddress')}
                error={err('venueAddress')}
                {...register('venueAddress')}
              />
            </div>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <TextField label={t('city')} error={err('city')} {...register('city')} />
            </div>
            <div className="fr-fieldset__element fr-fieldset__element--inline">
              <SelectField
                label={t('country')}
                error={err('country')}
                options={options.countries}
                placeholder={t('choose')}
                {...register('country')}
              />
            </div>
          </>
        ) : null}
        {mode !== 'in_person' ? (
          <div className="fr-fieldset__element">
            <TextField
              type="url"
              label={t('onlineUrl')}
              hint={t('onlineUrlHint')}
              error={err('onlineUrl')}
              {...register('onlineUrl')}
            />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionAudience')}</legend>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            type="checkbox"
            inline
            legend={t('workingLanguages')}
            error={err('workingLanguages')}
            options={options.languages}
            {...register('workingLanguages')}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            type="checkbox"
            inline
            legend={t('interpretationLanguages')}
            error={err('interpretationLanguages')}
            options={options.languages}
            {...register('interpretationLanguages')}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            type="radio"
            legend={t('confidentiality')}
            error={err('confidentiality')}
            options={enumOptions(CONFIDENTIALITY_LEVELS, tConf)}
            {...register('confidentiality')}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            type="radio"
            inline
            legend={t('visibility')}
            error={err('visibility')}
            options={enumOptions(VISIBILITIES, tVis)}
            {...register('visibility')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('sectionRegistration')}</legend>
        <div className="fr-fieldset__element">
          <SelectField
            label={t('registrationMode')}
            error={err('registrationMode')}
            options={enumOptions(REGISTRATION_MODES, tReg)}
            {...register('registrationMode')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="number"
            inputMode="numeric"
            min={1}
            label={t('capacity')}
            hint={t('capacityHint')}
            error={err('capacity')}
            {...register('capacity')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="number"
            inputMode="numeric"
            min={1}
            label={t('retentionDays')}
            hint={t('retentionHint')}
            error={err('retentionDays')}
            {...register('retentionDays')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="number"
            inputMode="numeric"
            min={1}
            max={336}
            label={t('offerHoldHours')}
            hint={t('offerHoldHint')}
            error={err('offerHoldHours')}
            {...register('offerHoldHours')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="datetime-local"
            label={t('registrationOpensAt')}
            error={err('registrationOpensAt')}
            {...register('registrationOpensAt')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="datetime-local"
            label={t('registrationClosesAt')}
            error={err('registrationClosesAt')}
            {...register('registrationClosesAt')}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            type="datetime-local"
            label={t('modificationDeadline')}
            error={err('modificationDeadline')}
            {...register('modificationDeadline')}
          />
        </div>
      </fieldset>

      <button type="submit" className="fr-btn" disabled={pending}>
        {eventId ? t('save') : t('create')}
      </button>
    </form>
  );
}
