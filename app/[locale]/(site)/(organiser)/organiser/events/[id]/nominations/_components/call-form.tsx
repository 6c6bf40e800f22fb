'use client';

import { useTranslations } from 'next-intl';
import { CheckboxField, TextAreaField, TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { saveCallAction } from '@/lib/nominations/actions';

type Defaults = {
  profileFr: string;
  profileEn: string;
  nominationsCloseAt: string;
  confirmationDeadline: string;
  withdrawalDeadline: string;
  acceptsLate: boolean;
  quotas: Record<string, number>;
  countryQuotas: Record<string, number>;
  groupQuotas: Record<string, number>;
};

type Choice = { id: string; name: string };

/**
 * The call for nominations: what is sought, the deadlines (in the event's time zone),
 * the places given to each organisation invited (blank: not invited) and, optionally,
 * the places per country and per working group across organisations.
 */
export function CallForm({
  eventId,
  zone,
  defaults,
  organisations,
  countries,
  workingGroups,
}: {
  eventId: string;
  zone: string;
  defaults: Defaults;
  organisations: Choice[];
  countries: Choice[];
  workingGroups: Choice[];
}) {
  const t = useTranslations('nominations.organiser');
  const { state, action, pending, failed, err } = useFormAction(saveCallAction);
  const value = (name: string, fallback: string) => failed?.values?.[name] ?? fallback;
  // Quota errors come by position among the fields of a kind given a number, in page order.
  const quotaError = (prefix: string, list: string, key: string, id: string) => {
    const given = Object.entries(failed?.values ?? {})
      .filter(([k, v]) => k.startsWith(prefix) && v.trim() !== '')
      .map(([k]) => k.slice(prefix.length));
    const i = given.indexOf(id);
    return i < 0 ? undefined : (err(`${list}.${i}.quota`) ?? err(`${list}.${i}.${key}`));
  };
  const quotaFields = (
    prefix: string,
    list: string,
    key: string,
    choices: Choice[],
    values: Record<string, number>,
    label: (name: string) => string,
  ) =>
    choices.map((c) => (
      <div className="fr-fieldset__element fr-col-12 fr-col-md-6" key={c.id}>
        <TextField
          type="number"
          inputMode="numeric"
          min={1}
          name={`${prefix}${c.id}`}
          label={label(c.name)}
          defaultValue={value(`${prefix}${c.id}`, values[c.id] ? String(values[c.id]) : '')}
          error={quotaError(prefix, list, key, c.id)}
        />
      </div>
    ));
  const required = (label: string) => `${label} *`;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <FormOutcome state={state} success={state?.ok ? t('saved') : null}>
        {err('quotas') ? <p>{err('quotas')}</p> : null}
      </FormOutcome>
      <TextAreaField
        name="profileFr"
        label={required(t('fields.profileFr'))}
        rows={3}
        defaultValue={value('profileFr', defaults.profileFr)}
        error={err('profileFr')}
      />
      <TextAreaField
        name="profileEn"
        label={required(t('fields.profileEn'))}
        rows={3}
        defaultValue={value('profileEn', defaults.profileEn)}
        error={err('profileEn')}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        {(['nominationsCloseAt', 'confirmationDeadline', 'withdrawalDeadline'] as const).map(
          (name) => (
            <div className="fr-col-12 fr-col-md-4" key={name}>
              <TextField
                type="datetime-local"
                name={name}
                label={required(t(`fields.${name}`))}
                hint={t('fields.zone', { zone })}
                defaultValue={value(name, defaults[name])}
                error={err(name)}
              />
            </div>
          ),
        )}
      </div>
      <CheckboxField
        name="acceptsLate"
        label={t('fields.acceptsLate')}
        hint={t('fields.acceptsLateHint')}
        defaultChecked={failed ? failed.values?.acceptsLate === 'on' : defaults.acceptsLate}
      />
      <fieldset className="fr-fieldset fr-mt-3w" aria-describedby="quotas-hint">
        <legend className="fr-fieldset__legend">{t('fields.quotas')}</legend>
        <p className="fr-hint-text fr-fieldset__element" id="quotas-hint">
          {t('fields.quotasHint')}
        </p>
        {quotaFields('quota.', 'quotas', 'organisationId', organisations, defaults.quotas, (name) =>
          t('fields.quotaFor', { organisation: name }),
        )}
      </fieldset>
      {countries.length > 0 ? (
        <fieldset className="fr-fieldset fr-mt-3w" aria-describedby="country-quotas-hint">
          <legend className="fr-fieldset__legend">{t('fields.countryQuotas')}</legend>
          <p className="fr-hint-text fr-fieldset__element" id="country-quotas-hint">
            {t('fields.countryQuotasHint')}
          </p>
          {quotaFields(
            'countryQuota.',
            'countryQuotas',
            'country',
            countries,
            defaults.countryQuotas,
            (name) => t('fields.quotaForCountry', { country: name }),
          )}
        </fieldset>
      ) : null}
      {workingGroups.length > 0 ? (
        <fieldset className="fr-fieldset fr-mt-3w" aria-describedby="group-quotas-hint">
          <legend className="fr-fieldset__legend">{t('fields.groupQuotas')}</legend>
          <p className="fr-hint-text fr-fieldset__element" id="group-quotas-hint">
            {t('fields.groupQuotasHint')}
          </p>
          {quotaFields(
            'groupQuota.',
            'groupQuotas',
            'workingGroupId',
            workingGroups,
            defaults.groupQuotas,
            (name) => t('fields.quotaForGroup', { group: name }),
          )}
        </fieldset>
      ) : null}
      <button type="submit" className="fr-btn fr-mt-2w" disabled={pending}>
        {t('save')}
      </button>
    </form>
  );
}
