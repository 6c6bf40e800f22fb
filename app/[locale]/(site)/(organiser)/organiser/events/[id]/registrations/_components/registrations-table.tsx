'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useState } from 'react';
import { DataTable } from '@/app/_components/data-table';
import { Link } from '@/lib/i18n/link';
import { decideRegistrationsAction } from '@/lib/registrations/actions';
import type { RegistrationStatus } from '@/lib/registrations/enums';

type Row = {
  id: string;
  seq: number;
  status: RegistrationStatus;
  name: string;
  email: string;
  organisation: string;
  function: string;
  country: string;
};

/** The page of registrations, with a selection that the decisions below apply to. */
export function RegistrationsTable({ eventId, rows }: { eventId: string; rows: Row[] }) {
  const t = useTranslations('registrations.organiser');
  const tStatus = useTranslations('registrations.statuses');
  const router = useRouter();
  const noteId = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, action, pending] = useActionState(decideRegistrationsAction, null);

  useEffect(() => {
    if (state?.ok) {
      setSelected(new Set());
      router.refresh();
    }
  }, [state, router]);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <form action={action}>
      <input type="hidden" name="eventId" value={eventId} />
      {[...selected].map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{state.fieldErrors?.ids?.[0] ?? state.message}</p>
        </div>
      ) : null}
      {state?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{t('decided', { changed: state.data.changed, skipped: state.data.skipped })}</p>
        </div>
      ) : null}
      <DataTable caption={t('tableCaption')}>
        <thead>
          <tr>
            <th scope="col">
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input
                  type="checkbox"
                  id={`${noteId}-all`}
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                />
                <label className="fr-label" htmlFor={`${noteId}-all`}>
                  <span className="fr-sr-only">{t('selectAll')}</span>
                </label>
              </div>
            </th>
            <th scope="col">{t('columns.seq')}</th>
            <th scope="col">{t('columns.name')}</th>
            <th scope="col">{t('columns.organisation')}</th>
            <th scope="col">{t('columns.country')}</th>
            <th scope="col">{t('columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="registration-row">
              <td>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    id={`${noteId}-${r.id}`}
                    checked={selected.has(r.id)}
                    onChange={() => toggle(r.id)}
                  />
                  <label className="fr-label" htmlFor={`${noteId}-${r.id}`}>
                    <span className="fr-sr-only">{t('select', { name: r.name })}</span>
                  </label>
                </div>
              </td>
              <td>{r.seq}</td>
              <td>
                <Link href={`/organiser/events/${eventId}/registrations/${r.id}`}>{r.name}</Link>
                <br />
                <span className="fr-text--xs">{r.email}</span>
              </td>
              <td>
                {r.organisation}
                <br />
                <span className="fr-text--xs">{r.function}</span>
              </td>
              <td>{r.country}</td>
              <td>{tStatus(r.status)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <fieldset className="fr-fieldset fr-mt-3w">
        <legend className="fr-fieldset__legend">
          {t('decideLegend', { count: selected.size })}
        </legend>
        <div className="fr-fieldset__element">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={noteId}>
              {t('note')}
              <span className="fr-hint-text">{t('noteHint')}</span>
            </label>
            <textarea className="fr-input" id={noteId} name="note" rows={2} maxLength={2000} />
          </div>
        </div>
        <div className="fr-fieldset__element">
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button
                type="submit"
                name="decision"
                value="approve"
                className="fr-btn"
                disabled={pending}
              >
                {t('approve')}
              </button>
            </li>
            <li>
              <button
                type="submit"
                name="decision"
                value="reject"
                className="fr-btn fr-btn--secondary"
                disabled={pending}
              >
                {t('reject')}
              </button>
            </li>
            <li>
              <button
                type="submit"
                name="decision"
                value="waitlist"
                className="fr-btn fr-btn--tertiary"
                disabled={pending}
              >
                {t('toWaitlist')}
              </button>
            </li>
          </ul>
        </div>
      </fieldset>
    </form>
  );
}
