'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { SelectField, TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { createRosterAction } from '@/lib/rosters/actions';

type Props = {
  organisations: { id: string; name: string }[];
  networks: { id: string; acronym: string; groups: { id: string; name: string }[] }[];
  defaultYear: number;
};

/** A new roster: the organisation (when the viewer keeps several), the year, the scope. */
export function CreateRosterForm({ organisations, networks, defaultYear }: Props) {
  const t = useTranslations('rosters');
  const id = useId();
  const { state, action, pending, err, value } = useFormAction(createRosterAction);
  const scopeError = err('scope');
  const [only] = organisations;
  return (
    <form action={action} noValidate>
      <FormOutcome state={state} />
      <div className="fr-grid-row fr-grid-row--gutters">
        {organisations.length === 1 && only ? (
          <input type="hidden" name="organisationId" value={only.id} />
        ) : (
          <div className="fr-col-12 fr-col-md-4">
            <SelectField
              name="organisationId"
              label={`${t('createFields.organisation')} *`}
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={value('organisationId')}
              error={err('organisationId')}
            />
          </div>
        )}
        <div className="fr-col-12 fr-col-md-2">
          <TextField
            name="year"
            label={`${t('createFields.year')} *`}
            inputMode="numeric"
            defaultValue={value('year') ?? String(defaultYear)}
            error={err('year')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <div className={`fr-select-group${scopeError ? ' fr-select-group--error' : ''}`}>
            <label className="fr-label" htmlFor={`${id}-scope`}>
              {`${t('createFields.scope')} *`}
              <span className="fr-hint-text" id={`${id}-scope-hint`}>
                {t('createFields.scopeHint')}
              </span>
            </label>
            <select
              className={`fr-select${scopeError ? ' fr-select--error' : ''}`}
              id={`${id}-scope`}
              name="scope"
              defaultValue={value('scope') ?? ''}
              aria-invalid={scopeError ? true : undefined}
              aria-describedby={`${id}-scope-hint${scopeError ? ` ${id}-scope-error` : ''}`}
            >
              <option value="" disabled>
                {t('createFields.scopeChoose')}
              </option>
              {networks.map((n) => (
                <optgroup key={n.id} label={n.acronym}>
                  <option value={n.id}>{t('wholeNetwork', { network: n.acronym })}</option>
                  {n.groups.map((g) => (
                    <option key={g.id} value={`${n.id}:${g.id}`}>
                      {`${n.acronym} — ${g.name}`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {scopeError ? (
              <p className="fr-error-text" id={`${id}-scope-error`}>
                {scopeError}
              </p>
            ) : null}
          </div>
        </div>
      </div>
      <button type="submit" className="fr-btn fr-mt-2w" disabled={pending}>
        {t('create')}
      </button>
    </form>
  );
}
