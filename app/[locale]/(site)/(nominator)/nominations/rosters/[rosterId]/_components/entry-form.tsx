'use client';

import { useTranslations } from 'next-intl';
import { LANGUAGE_OPTIONS, SelectField, TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { Link } from '@/lib/i18n/link';
import { saveRosterEntryAction } from '@/lib/rosters/actions';
import type { RosterEntryDto } from '@/lib/rosters/queries';

type Props = {
  rosterId: string;
  /** The person edited; null: a new one. */
  entry: RosterEntryDto | null;
  groups: { id: string; name: string }[];
  defaultGroupId: string | null;
};

/** Adds a person to the roster, or changes one (the page's `?edit=` names them). */
export function EntryForm({ rosterId, entry, groups, defaultGroupId }: Props) {
  const t = useTranslations('rosters');
  const { state, action, pending, failed, err } = useFormAction(saveRosterEntryAction);
  const value = (name: string, initial?: string | null) =>
    failed?.values?.[name] ?? initial ?? undefined;
  const text = (name: keyof RosterEntryDto, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      name={name}
      label={label}
      autoComplete="off"
      defaultValue={value(name, entry?.[name] as string | undefined)}
      error={err(name)}
      {...extra}
    />
  );
  const required = (label: string) => `${label} *`;
  return (
    // A new key after each addition empties the form for the next person.
    <form
      action={action}
      noValidate
      key={state?.ok && !state.data.edited ? state.data.name : 'form'}
    >
      <input type="hidden" name="rosterId" value={rosterId} />
      {entry ? <input type="hidden" name="entryId" value={entry.id} /> : null}
      <p className="fr-text--sm">{t('requiredHint')}</p>
      <FormOutcome
        state={state}
        success={
          state?.ok ? t(state.data.edited ? 'saved' : 'added', { name: state.data.name }) : null
        }
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          {text('firstName', required(t('fields.firstName')))}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          {text('lastName', required(t('fields.lastName')))}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          {text('email', required(t('fields.email')), { type: 'email', spellCheck: false })}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          {text('function', required(t('fields.function')))}
        </div>
        <div className="fr-col-12 fr-col-md-6">{text('unit', t('fields.unit'))}</div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            name="workingGroupId"
            label={t('fields.workingGroup')}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            placeholder={t('noGroup')}
            defaultValue={value('workingGroupId', entry ? entry.workingGroupId : defaultGroupId)}
            error={err('workingGroupId')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            name="locale"
            label={required(t('fields.locale'))}
            options={LANGUAGE_OPTIONS}
            defaultValue={value('locale', entry?.locale ?? 'fr')}
            error={err('locale')}
          />
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <button type="submit" className="fr-btn" disabled={pending}>
            {entry ? t('save') : t('add')}
          </button>
        </li>
        {entry ? (
          <li>
            <Link className="fr-btn fr-btn--tertiary" href={`/nominations/rosters/${rosterId}`}>
              {t('cancelEdit')}
            </Link>
          </li>
        ) : null}
      </ul>
    </form>
  );
}
