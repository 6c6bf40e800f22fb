'use client';

import { useTranslations } from 'next-intl';
import { SelectField } from '@/app/_components/form/fields';
import { InviteeFields } from '@/app/_components/form/invitee-fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { inviteNominatorAction } from '@/lib/nominations/actions';

type Group = {
  organisationId: string;
  name: string;
  people: { email: string; name: string | null }[];
};

/**
 * Who nominates for each organisation invited to the call, and a form to invite one
 * more by e-mail.
 */
export function Nominators({ eventId, groups }: { eventId: string; groups: Group[] }) {
  const t = useTranslations('nominations.organiser');
  const { state, action, pending, err, value } = useFormAction(inviteNominatorAction);
  return (
    <>
      <p>{t('nominatorsIntro')}</p>
      <ul data-testid="nominators">
        {groups.map((g) => (
          <li key={g.organisationId}>
            <strong>{g.name}</strong>
            {g.people.length === 0 ? (
              <>
                {' '}
                — <em>{t('noNominator')}</em>
              </>
            ) : (
              <ul>
                {g.people.map((p) => (
                  <li key={p.email}>{p.name ? `${p.name} <${p.email}>` : p.email}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <h3 className="fr-h6">{t('inviteNominator')}</h3>
      {/* A new key after each success empties the form for the next person. */}
      <form action={action} noValidate key={state?.ok ? state.data.email : 'form'}>
        <input type="hidden" name="eventId" value={eventId} />
        <FormOutcome
          state={state}
          success={state?.ok ? t('invited', { email: state.data.email }) : null}
        />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <SelectField
              name="organisationId"
              label={`${t('inviteFields.organisation')} *`}
              placeholder={t('inviteFields.choose')}
              options={groups.map((g) => ({ value: g.organisationId, label: g.name }))}
              defaultValue={value('organisationId') ?? ''}
              error={err('organisationId')}
            />
          </div>
          <InviteeFields
            labels={{
              email: t('inviteFields.email'),
              name: t('inviteFields.name'),
              locale: t('inviteFields.locale'),
            }}
            column="fr-col-12 fr-col-md-6"
            err={err}
            value={value}
          />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-mt-2w" disabled={pending}>
          {t('invite')}
        </button>
      </form>
    </>
  );
}
