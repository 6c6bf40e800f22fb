'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { CheckboxField, TextAreaField, TextField } from '@/app/_components/form/fields';
import { saveCallAction } from '@/lib/nominations/actions';

type Defaults = {
  profileFr: string;
  profileEn: string;
  nominationsCloseAt: string;
  confirmationDeadline: string;
  withdrawalDeadline: string;
  acceptsLate: boolean;
  quotas: Record<string, number>;
};

/**
 * The call for nominations: what is sought, the deadlines (in the event's time zone) and
 * the places given to each organisation invited (blank: not invited).
 */
export function CallForm({
  eventId,
  zone,
  defaults,
  organisations,
}: {
  eventId: string;
  zone: string;
  defaults: Defaults;
  organisations: { id: string; name: string }[];
}) {
  const t = useTranslations('nominations.organiser');
  const [state, action, pending] = useActionState(saveCallAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (name: string) => failed?.fieldErrors?.[name]?.[0];
  const value = (name: string, fallback: string) => failed?.values?.[name] ?? fallback;
  // Quota errors come by position among the organisations given a number, in page order.
  const given = failed
    ? Object.entries(failed.values ?? {})
        .filter(([k, v]) => k.startsWith('quota.') && v.trim() !== '')
        .map(([k]) => k.slice('quota.'.length))
    : [];
  const quotaError = (organisationId: string) => {
    const i = given.indexOf(organisationId);
    return i < 0 ? undefined : (err(`quotas.${i}.quota`) ?? err(`quotas.${i}.organisationId`));
  };
  const required = (label: string) => `${label} *`;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <div aria-live="polite">
        {state?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
            <p>{t('saved')}</p>
          </div>
        ) : null}
        {failed ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{failed.message}</p>
            {err('quotas') ? <p>{err('quotas')}</p> : null}
          </div>
        ) : null}
      </div>
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
        {organisations.map((o) => (
          <div className="fr-fieldset__element fr-col-12 fr-col-md-6" key={o.id}>
            <TextField
              type="number"
              inputMode="numeric"
              min={1}
              name={`quota.${o.id}`}
              label={t('fields.quotaFor', { organisation: o.name })}
              defaultValue={value(
                `quota.${o.id}`,
                defaults.quotas[o.id] ? String(defaults.quotas[o.id]) : '',
              )}
              error={quotaError(o.id)}
            />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="fr-btn fr-mt-2w" disabled={pending}>
        {t('save')}
      </button>
    </form>
  );
}
