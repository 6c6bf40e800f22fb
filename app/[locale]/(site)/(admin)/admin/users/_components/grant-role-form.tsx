'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useTransition } from 'react';
import { type SubmitHandler, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { zodResolver } from '@/app/_components/form/zod-resolver';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { grantRoleAction } from '@/lib/people/actions';
import { type GrantRoleInput, grantRoleSchema } from '@/lib/people/validation';

type Props = {
  userId: string;
  title: string;
  organisations: { id: string; label: string }[];
};

type FormInput = z.input<typeof grantRoleSchema>;

const GRANTABLE = ['admin', 'organiser', 'nominator'] as const;

// react-hook-form checks the same zod schema as the server before sending; the server
// checks again and its answer (e.g. "already granted") is shown under the form.
export function GrantRoleForm({ userId, title, organisations }: Props) {
  const t = useTranslations('admin');
  const tRoles = useTranslations('roles');
  const message = useSchemaMessage();
  const id = useId();
  const [state, action, pending] = useActionState(grantRoleAction, null);
  const [, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<FormInput, unknown, GrantRoleInput>({
    resolver: zodResolver(grantRoleSchema),
    defaultValues: { userId, role: 'organiser', organisationId: '' },
  });
  const role = watch('role');
  const submit: SubmitHandler<GrantRoleInput> = (values) =>
    startTransition(() => action({ ...values, organisationId: values.organisationId ?? '' }));
  const orgError =
    message(errors.organisationId?.message) ??
    (state && !state.ok ? state.fieldErrors?.organisationId?.[0] : undefined);
  const roleError = message(errors.role?.message);
  return (
    <details className="fr-mt-1w">
      <summary className="fr-text--sm">{title}</summary>
      <form onSubmit={handleSubmit(submit)} className="fr-mt-2w" noValidate>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend fr-text--regular">{t('grantLegend')}</legend>
          <div className="fr-fieldset__element">
            <div className={`fr-select-group${roleError ? ' fr-select-group--error' : ''}`}>
              <label className="fr-label" htmlFor={`${id}-role`}>
                {t('role')}
              </label>
              <select
                className="fr-select"
                id={`${id}-role`}
                aria-invalid={roleError ? true : undefined}
                {...register('role')}
              >
                {GRANTABLE.map((r) => (
                  <option key={r} value={r}>
                    {tRoles(r)}
                  </option>
                ))}
              </select>
              {roleError ? <p className="fr-error-text">{roleError}</p> : null}
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
                  aria-invalid={orgError ? true : undefined}
                  aria-describedby={orgError ? `${id}-org-error` : undefined}
                  {...register('organisationId')}
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
