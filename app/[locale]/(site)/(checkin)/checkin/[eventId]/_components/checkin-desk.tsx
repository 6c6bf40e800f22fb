'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useRef } from 'react';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { type ScanAnswer, scanAction, undoScanAction } from '@/lib/attendance/actions';
import type { ScanOutcome } from '@/lib/attendance/enums';

type Person = {
  id: string;
  firstName: string;
  lastName: string;
  status: string;
  booked: boolean;
  inSince: string | null;
};

const TONE: Record<ScanOutcome, 'success' | 'warning' | 'error' | 'info'> = {
  checked_in: 'success',
  checked_out: 'info',
  already_in: 'warning',
  not_in: 'warning',
  replayed: 'info',
  not_for_session: 'error',
  not_confirmed: 'error',
  cancelled: 'error',
  other_event: 'error',
  unknown: 'error',
  garbled: 'error',
};

/** A fresh id for each scan, so that a scan sent twice (a retry) counts once. */
const scanId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * The door: a ticket's code (a scanner types it, or a person), or someone found by
 * name, checked in or out; the answer is shown at once, in colour, icon and words.
 */
export function CheckinDesk({
  eventId,
  sessionId,
  timeZone,
  search,
  people,
}: {
  eventId: string;
  /** The door: a session, or null for the event's entrance. */
  sessionId: string | null;
  timeZone: string;
  /** The search by name (a form of the page), shown above the people it found. */
  search: ReactNode;
  people: Person[] | null;
}) {
  const t = useTranslations('attendance.desk');
  const tOutcome = useTranslations('attendance.outcomes');
  const tStatus = useTranslations('registrations.statuses');
  const scanning = useFormAction(scanAction);
  const undoing = useFormAction(undoScanAction);
  const code = useRef<HTMLInputElement>(null);
  const time = (iso: string) =>
    new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(new Date(iso));
  const send = (data: FormData) => {
    data.set('clientScanId', scanId());
    scanning.action(data);
    if (code.current) code.current.value = '';
  };
  const answer: ScanAnswer | null = scanning.state?.ok ? scanning.state.data : null;
  const hidden = (
    <>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="sessionId" value={sessionId ?? ''} />
    </>
  );
  return (
    <>
      <div aria-live="assertive" data-testid="scan-answer">
        {answer ? (
          <div
            className={`fr-alert fr-alert--${TONE[answer.outcome]} fr-mb-3w`}
            data-outcome={answer.outcome}
          >
            <h2 className="fr-alert__title">
              {tOutcome(answer.outcome, {
                name: answer.name ?? '',
                since: answer.since ? time(answer.since) : '',
                status: answer.status ? tStatus(answer.status as 'pending') : '',
              })}
            </h2>
            {answer.name ? (
              <p>
                {answer.name}
                {answer.organisation ? ` — ${answer.organisation}` : ''}
              </p>
            ) : null}
            {answer.scanId && !undoing.state?.ok ? (
              <form action={undoing.action} className="fr-mt-1w">
                <input type="hidden" name="eventId" value={eventId} />
                <input type="hidden" name="scanId" value={answer.scanId} />
                <input type="hidden" name="clientScanId" value={`undo-${answer.scanId}`} />
                <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                  {t('undo')}
                </button>
              </form>
            ) : null}
            {undoing.state?.ok ? <p>{t('undone')}</p> : null}
          </div>
        ) : null}
        <FormOutcome state={scanning.state?.ok ? null : scanning.state} />
        <FormOutcome state={undoing.state?.ok ? null : undoing.state} />
      </div>

      <form action={send} noValidate className="fr-mb-4w" data-testid="scan-form">
        {hidden}
        <fieldset className="fr-fieldset" aria-labelledby="direction-legend">
          <legend className="fr-fieldset__legend fr-text--regular" id="direction-legend">
            {t('direction')}
          </legend>
          {(['in', 'out'] as const).map((d) => (
            <div className="fr-fieldset__element fr-fieldset__element--inline" key={d}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`direction-${d}`}
                  name="direction"
                  value={d}
                  defaultChecked={d === 'in'}
                />
                <label className="fr-label" htmlFor={`direction-${d}`}>
                  {t(d === 'in' ? 'entry' : 'exit')}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="ticket-code">
            {t('code')}
            <span className="fr-hint-text">{t('codeHint')}</span>
          </label>
          <input
            ref={code}
            className="fr-input"
            id="ticket-code"
            name="code"
            autoComplete="off"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the desk's one task is this field; a scanner types into it
            autoFocus
          />
        </div>
        <button type="submit" className="fr-btn" disabled={scanning.pending}>
          {t('check')}
        </button>
      </form>

      {search}
      {people ? (
        people.length === 0 ? (
          <p data-testid="no-match">{t('noMatch')}</p>
        ) : (
          <div className="fr-table" data-testid="people">
            <table>
              <caption>{t('matches')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.person')}</th>
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.here')}</th>
                  <th scope="col">{t('columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => {
                  const name = `${p.firstName} ${p.lastName}`;
                  return (
                    <tr key={p.id}>
                      <td>{name}</td>
                      <td>
                        {tStatus(p.status as 'pending')}
                        {p.booked ? '' : ` — ${t('notBooked')}`}
                      </td>
                      <td>{p.inSince ? t('inSince', { time: time(p.inSince) }) : t('notIn')}</td>
                      <td>
                        <form action={send}>
                          {hidden}
                          <input type="hidden" name="registrationId" value={p.id} />
                          <input type="hidden" name="direction" value={p.inSince ? 'out' : 'in'} />
                          <button
                            type="submit"
                            className="fr-btn fr-btn--sm fr-btn--secondary"
                            title={t(p.inSince ? 'exitTitle' : 'entryTitle', { name })}
                            disabled={scanning.pending}
                          >
                            {t(p.inSince ? 'exit' : 'entry')}
                          </button>
                        </form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}
