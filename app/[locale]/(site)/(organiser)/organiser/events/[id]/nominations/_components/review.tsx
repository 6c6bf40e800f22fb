'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ChoiceGroup, TextAreaField } from '@/app/_components/form/fields';
import { PersonCells, TickCell } from '@/app/_components/nomination-cells';
import { type HistoryLine, NominationHistory } from '@/app/_components/nomination-history';
import { decideNominationsAction } from '@/lib/nominations/actions';
import type { NominationDto } from '@/lib/nominations/queries';

type Group = {
  organisationId: string;
  name: string;
  quota: number;
  accepted: number;
  nominations: NominationDto[];
};

/**
 * Nominations by organisation, in the nominators' order, with each organisation's
 * places taken; the organiser ticks people and decides for them at once.
 */
type Limit = {
  key: string;
  kind: 'country' | 'workingGroup';
  name: string;
  quota: number;
  accepted: number;
};

export function Review({
  eventId,
  groups,
  limits,
  histories,
}: {
  eventId: string;
  groups: Group[];
  limits: Limit[];
  /** Each nomination's history, in the page's language. */
  histories: Record<string, HistoryLine[]>;
}) {
  const t = useTranslations('nominations.organiser');
  const tHistory = useTranslations('nominations.history');
  const tNominator = useTranslations('nominations.nominator');
  const tStatus = useTranslations('nominations.statuses');
  const [state, action, pending] = useActionState(decideNominationsAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (name: string) => failed?.fieldErrors?.[name]?.[0];
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <div aria-live="polite">
        {state?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
            <p>{t('decided', { count: state.data.decided })}</p>
          </div>
        ) : null}
        {failed ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{failed.message}</p>
            {err('ids') ? <p>{err('ids')}</p> : null}
          </div>
        ) : null}
      </div>
      {limits.length > 0 ? (
        <section className="fr-mb-4w" data-testid="group-quotas">
          <h3 className="fr-h5">{t('limitsTitle')}</h3>
          <ul className="fr-raw-list">
            {limits.map((l) => (
              <li key={l.key} className="fr-mb-1w">
                <label htmlFor={`limit-${l.key}`}>
                  {t(l.kind === 'country' ? 'countryUse' : 'groupUse', {
                    name: l.name,
                    accepted: l.accepted,
                    quota: l.quota,
                  })}
                </label>{' '}
                <progress id={`limit-${l.key}`} max={l.quota} value={l.accepted}>
                  {l.accepted}/{l.quota}
                </progress>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {groups.map((g) => (
        <section key={g.organisationId} className="fr-mb-4w" data-testid="organisation-group">
          <h3 className="fr-h5">{g.name}</h3>
          <p className="fr-mb-1w">
            <label htmlFor={`quota-${g.organisationId}`}>
              {t('quotaUse', { accepted: g.accepted, quota: g.quota })}
            </label>{' '}
            <progress id={`quota-${g.organisationId}`} max={g.quota} value={g.accepted}>
              {g.accepted}/{g.quota}
            </progress>
          </p>
          {g.nominations.length === 0 ? (
            <p className="fr-text--sm">{t('noneYet')}</p>
          ) : (
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>{t('groupCaption', { organisation: g.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.choose')}</th>
                    <th scope="col">{t('columns.rank')}</th>
                    <th scope="col">{t('columns.person')}</th>
                    <th scope="col">{t('columns.justification')}</th>
                    <th scope="col">{t('columns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.nominations.map((n) => {
                    const name = `${n.firstName} ${n.lastName}`;
                    return (
                      <tr key={n.id} data-testid="nomination-row">
                        <TickCell id={n.id} label={t('chooseLabel', { name })} />
                        <PersonCells n={n} />
                        <td>{n.justification}</td>
                        <td>
                          {tStatus(n.status)}
                          {n.late ? (
                            <>
                              {' '}
                              <span className="fr-badge fr-badge--sm fr-badge--warning">
                                {t('late')}
                              </span>
                            </>
                          ) : null}
                          {n.replacesId ? (
                            <>
                              <br />
                              <span className="fr-text--xs">
                                {tNominator('replaces', {
                                  name: ((r) => (r ? `${r.firstName} ${r.lastName}` : ''))(
                                    g.nominations.find((r) => r.id === n.replacesId),
                                  ),
                                })}
                              </span>
                            </>
                          ) : null}
                          {n.reason ? (
                            <>
                              <br />
                              <span className="fr-text--xs">{n.reason}</span>
                            </>
                          ) : null}
                          <NominationHistory
                            label={tHistory('label')}
                            lines={histories[n.id] ?? []}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      <ChoiceGroup
        legend={t('decisionLegend')}
        type="radio"
        name="decision"
        inline
        options={(['accept', 'reserve', 'reject'] as const).map((d) => ({
          value: d,
          label: t(`decisions.${d}`),
        }))}
        error={err('decision')}
      />
      <TextAreaField
        name="reason"
        label={t('reason')}
        hint={t('reasonHint')}
        rows={2}
        error={err('reason')}
      />
      <button type="submit" className="fr-btn" disabled={pending}>
        {t('decide')}
      </button>
    </form>
  );
}
