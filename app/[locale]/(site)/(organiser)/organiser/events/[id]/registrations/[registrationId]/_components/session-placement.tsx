'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { placeInSessionAction } from '@/lib/registrations/actions';

type Option = { id: string; label: string };

/**
 * The organisers place a person in a session (invitation-only ones included) or take
 * them out; seats and time slots are checked by the server.
 */
export function SessionPlacement({
  eventId,
  registrationId,
  current,
  available,
}: {
  eventId: string;
  registrationId: string;
  current: Option[];
  available: Option[];
}) {
  const t = useTranslations('registrations.detail');
  const [state, action, pending] = useActionState(placeInSessionAction, null);
  const selectId = useId();
  const hidden = (
    <>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="registrationId" value={registrationId} />
    </>
  );
  return (
    <div className="fr-mb-4w" data-testid="session-placement">
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      {state?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status">
          <p>{t('placed')}</p>
        </div>
      ) : null}
      {current.length > 0 ? (
        <ul data-testid="detail-sessions">
          {current.map((s) => (
            <li key={s.id} className="fr-mb-1w">
              {s.label}{' '}
              <form action={action} style={{ display: 'inline' }}>
                {hidden}
                <input type="hidden" name="sessionId" value={s.id} />
                <input type="hidden" name="place" value="remove" />
                <button
                  type="submit"
                  className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                  disabled={pending}
                  aria-label={t('removeFromOf', { session: s.label })}
                >
                  {t('removeFrom')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('noSession')}</p>
      )}
      {available.length > 0 ? (
        <form action={action} className="fr-mt-2w">
          {hidden}
          <input type="hidden" name="place" value="place" />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor={selectId}>
              {t('placeIn')}
              <span className="fr-hint-text">{t('placeHint')}</span>
            </label>
            <select className="fr-select" id={selectId} name="sessionId" required>
              {available.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
            {t('place')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
