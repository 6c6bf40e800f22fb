'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { type ScanAnswer, undoScanAction } from '@/lib/attendance/actions';
import type { ScanOutcome } from '@/lib/attendance/enums';
import { CameraScanner } from './camera-scanner';
import { type DeviceScan, type SentLater, useScanSender } from './use-scan-sender';

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

/**
 * The door: a ticket read by the camera, typed in by a scanner or a person, or someone
 * found by name, checked in or out; the answer is shown at once, in colour, icon and
 * words. Without network, scans wait on the device and go when it returns.
 */
export function CheckinDesk({
  eventId,
  sessionId,
  doorLabel,
  count,
  timeZone,
  search,
  people,
}: {
  eventId: string;
  /** The door: a session, or null for the event's entrance. */
  sessionId: string | null;
  /** The door's name, and its count when the page was rendered. */
  doorLabel: string;
  count: { present: number; expected: number };
  timeZone: string;
  /** The search by name (a form of the page), shown above the people it found. */
  search: ReactNode;
  people: Person[] | null;
}) {
  const t = useTranslations('attendance.desk');
  const tOutcome = useTranslations('attendance.outcomes');
  const tStatus = useTranslations('registrations.statuses');
  const router = useRouter();
  // The count as the page rendered it, then as each scan's answer gives it (the desk page
  // is not rendered again for a scan: see scanAction).
  const [shown, setShown] = useState(count);
  useEffect(() => setShown(count), [count]);
  const sender = useScanSender(eventId, (answer) => {
    if (answer.count && answer.count.sessionId === sessionId) setShown(answer.count);
    // A list of people on show says who is in: read again once someone came in or left.
    if (answer.scanId && people) router.refresh();
  });
  const undoing = useFormAction(undoScanAction);
  const code = useRef<HTMLInputElement>(null);
  const direction = useRef<'in' | 'out'>('in');
  const time = (iso: string) =>
    new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(new Date(iso));
  const scanCode = (value: string) =>
    sender.submit({ sessionId, direction: direction.current, code: value, label: value });
  const typed = (data: FormData) => {
    const value = String(data.get('code') ?? '');
    scanCode(value);
    if (code.current) code.current.value = '';
  };
  const byName = (data: FormData) =>
    sender.submit({
      sessionId,
      direction: data.get('direction') === 'out' ? 'out' : 'in',
      registrationId: String(data.get('registrationId') ?? ''),
      label: String(data.get('label') ?? ''),
    });
  const result = sender.answer?.kind === 'answer' ? sender.answer.result : null;
  const answer: ScanAnswer | null = result?.ok ? result.data : null;
  const said = (r: ScanAnswer) =>
    tOutcome(r.outcome, {
      name: r.name ?? '',
      since: r.since ? time(r.since) : '',
      status: r.status ? tStatus(r.status as 'pending') : '',
    });
  const hidden = <input type="hidden" name="eventId" value={eventId} />;
  return (
    <>
      <p className="fr-text--lg" data-testid="door-count">
        {t('count', { door: doorLabel, present: shown.present, expected: shown.expected })}
      </p>
      <div aria-live="assertive" data-testid="scan-answer">
        {answer ? (
          <div
            className={`fr-alert fr-alert--${TONE[answer.outcome]} fr-mb-3w`}
            data-outcome={answer.outcome}
          >
            <h2 className="fr-alert__title">{said(answer)}</h2>
            {answer.name ? (
              <p>
                {answer.name}
                {answer.organisation ? ` — ${answer.organisation}` : ''}
              </p>
            ) : null}
            {answer.scanId && !undoing.state?.ok ? (
              <form action={undoing.action} className="fr-mt-1w">
                {hidden}
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
        {sender.answer?.kind === 'queued' ? (
          <div className="fr-alert fr-alert--info fr-mb-3w" data-outcome="queued">
            <h2 className="fr-alert__title">{t('queue.queued')}</h2>
            <p>{t('queue.queuedDetail', { label: sender.answer.scan.label })}</p>
          </div>
        ) : null}
        <FormOutcome state={result?.ok ? null : result} />
        <FormOutcome state={undoing.state?.ok ? null : undoing.state} />
      </div>
      <WaitingScans
        waiting={sender.waiting}
        sentLater={sender.sentLater}
        said={said}
        flush={sender.flush}
      />

      <CameraScanner onCode={scanCode} />

      <form action={typed} noValidate className="fr-mb-4w" data-testid="scan-form">
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
                  onChange={() => {
                    direction.current = d;
                  }}
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
        <button type="submit" className="fr-btn" disabled={sender.pending}>
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
                        <form action={byName}>
                          <input type="hidden" name="registrationId" value={p.id} />
                          <input type="hidden" name="label" value={name} />
                          <input type="hidden" name="direction" value={p.inSince ? 'out' : 'in'} />
                          <button
                            type="submit"
                            className="fr-btn fr-btn--sm fr-btn--secondary"
                            title={t(p.inSince ? 'exitTitle' : 'entryTitle', { name })}
                            disabled={sender.pending}
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

/**
 * The scans this device keeps while the network is down (how many, a button to try
 * again), then what the server answered to each once sent.
 */
function WaitingScans({
  waiting,
  sentLater,
  said,
  flush,
}: {
  waiting: DeviceScan[];
  sentLater: SentLater[];
  said: (answer: ScanAnswer) => string;
  flush: () => Promise<void>;
}) {
  const t = useTranslations('attendance.desk.queue');
  if (waiting.length === 0 && sentLater.length === 0) return null;
  return (
    <section className="fr-mb-3w" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title" className="fr-h6 fr-mb-1w">
        {t('title')}
      </h2>
      <p aria-live="polite" data-testid="queue-count">
        {t('waiting', { count: waiting.length })}
      </p>
      {waiting.length > 0 ? (
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary"
          onClick={() => void flush()}
        >
          {t('sendNow')}
        </button>
      ) : null}
      {sentLater.length > 0 ? (
        <ul className="fr-mt-1w" data-testid="sent-later">
          {sentLater.map(({ scan, result }) => (
            <li key={scan.clientScanId}>
              {scan.label} — {result.ok ? said(result.data) : result.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
