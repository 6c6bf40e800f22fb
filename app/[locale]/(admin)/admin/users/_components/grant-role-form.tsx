'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { grantRoleAction } from '@/lib/people/actions';

type Props = {
  userId: string;
  title: string;
  organisations: { id: string; label: string }[];
};

const GRANTABLE = ['admin', 'organiser', 'nominator'] as const;

export function GrantRoleForm({ userId, title, organisations }: Props) {
  const t = useTranslations('admin');
  const tRoles = useTranslations('roles');
  const id = useId();
  const [role, setRole] = useState<(typeof GRANTABLE)[number]>('organiser');
  const [state, action, pending] = useActionState(grantRoleAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const orgError = errors?.organisationId?.[0];
  return (
    <details className="fr-mt-1w">
      <summary className="fr-text--sm">{title}</summary>
      <form action={action} className="fr-mt-2w" noValidate>
        <input type="hidden" name="userId" value={userId} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-text--regular">{t('grantLegend')}</legend>
          <div className="fr-fieldset__element">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${id}-role`}>
                {t('role')}
              </label>
              <select
                className="fr-select"
                id={`${id}-role`}
                name="role"
                value={role}
                onChange={(e) => setRole(e.target.value as (typeof GRANTABLE)[number])}
              >
                {GRANTABLE.map((r) => (
                  <option key={r} value={r}>
                    {tRoles(r)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {role === 'nominator' ? (
            <div className="fr-fieldset__element">
              <div className={`fr-select-group${orgError ? ' fr-select-group--error' : ''}`}>
                <label className="fr-label" htmlFor={`${id}-org`}>
                  {t('organisation')}
                </label>
                <select
                  className="fr-select"
                  id={`${id}-org`}
                  name="organisationId"
                  defaultValue=""
                  aria-invalid={orgError ? true : undefined}
                  aria-describedby={orgError ? `${id}-org-error` : undefined}
                >
                  <option value="">{t('chooseOrganisation')}</option>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {orgError ? (
                  <p className="fr-error-text" id={`${id}-org-error`}>
                    {orgError}
                  </p>
                ) : null}
              </div>
            </div>
          ) : null}
          <div className="fr-fieldset__element">
            <button type="submit" className="fr-btn fr-btn--sm" disabled={pending}>
              {t('grant')}
            </button>
          </div>
          <div aria-live="polite" className="fr-fieldset__element">
            {state?.ok ? <p className="fr-valid-text">{t('granted')}</p> : null}
            {state && !state.ok && !orgError ? (
              <p className="fr-error-text" role="alert">
                {state.message}
              </p>
            ) : null}
          </div>
        </fieldset>
      </form>
    </details>
  );
}
