'use client';

import { useTranslations } from 'next-intl';
import {
  LANGUAGE_OPTIONS,
  SelectField,
  TextAreaField,
  TextField,
} from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { nominateAction, replaceNominationAction } from '@/lib/nominations/actions';
import type { NomineePrefill } from '@/lib/rosters/queries';

/**
 * A person typed in, or picked from a roster (`prefill`), added to the organisation's
 * nominations as a draft, ranked last.
 */
export function NominateForm({
  callId,
  organisationId,
  workingGroups,
  replaces,
  prefill = null,
}: {
  callId: string;
  organisationId: string;
  /** The working groups of the event's network; none: the field is not shown. */
  workingGroups: { id: string; name: string }[];
  /** The nomination the person typed in replaces, in one step. */
  replaces?: { id: string; name: string };
  /** A person of the organisation's rosters, picked to fill the form in. */
  prefill?: NomineePrefill | null;
}) {
  const t = useTranslations('nominations.nominator');
  const tPicks = useTranslations('rosters.picks');
  const { state, action, pending, failed, err } = useFormAction(
    replaces ? replaceNominationAction : nominateAction,
  );
  // Once the picked person is added, the form is for the next one.
  const picked = state?.ok ? null : prefill;
  // The roster's working group, if the event's network has it.
  const pickedGroup = workingGroups.some((g) => g.id === picked?.workingGroupId)
    ? (picked?.workingGroupId ?? undefined)
    : undefined;
  const value = (name: string) =>
    failed?.values?.[name] ??
    (name === 'workingGroupId'
      ? pickedGroup
      : (picked?.[name as keyof NomineePrefill] as string | undefined));
  const required = (label: string) => `${label} *`;
  const text = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField
      name={name}
      label={label}
      autoComplete="off"
      defaultValue={value(name)}
      error={err(name)}
      {...extra}
    />
  );
  return (
    // A new key after each success empties the form for the next person.
    <form action={action} noValidate key={state?.ok ? state.data.name : (prefill?.id ?? 'form')}>
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="organisationId" value={organisationId} />
      {replaces ? <input type="hidden" name="nominationId" value={replaces.id} /> : null}
      {picked ? (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w" data-testid="prefilled">
          <p>{tPicks('prefilled', { name: `${picked.firstName} ${picked.lastName}` })}</p>
        </div>
      ) : null}
      <FormOutcome
        state={state}
        success={
          state?.ok
            ? t(state.data.replaced ? 'replacedBy' : 'added', { name: state.data.name })
            : null
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
            name="locale"
            label={required(t('fields.locale'))}
            options={LANGUAGE_OPTIONS}
            defaultValue={value('locale') ?? 'fr'}
            error={err('locale')}
          />
        </div>
        {workingGroups.length > 0 ? (
          <div className="fr-col-12 fr-col-md-6">
            <SelectField
              name="workingGroupId"
              label={t('fields.workingGroup')}
              placeholder={t('fields.noWorkingGroup')}
              options={workingGroups.map((g) => ({ value: g.id, label: g.name }))}
              defaultValue={value('workingGroupId') ?? ''}
              error={err('workingGroupId')}
            />
          </div>
        ) : null}
      </div>
      <TextAreaField
        name="justification"
        label={t('fields.justification')}
        hint={t('fields.justificationHint')}
        rows={3}
        defaultValue={value('justification')}
        error={err('justification')}
      />
      <button type="submit" className="fr-btn fr-mt-2w" disabled={pending}>
        {replaces ? t('replace', { name: replaces.name }) : t('add')}
      </button>
    </form>
  );
}
