'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { openCallAction } from '@/lib/nominations/actions';

/** Opens the call: the invited organisations' nominators are told by mail. */
export function OpenCallButton({ eventId }: { eventId: string }) {
  const t = useTranslations('nominations.organiser');
  const [state, action, pending] = useActionState(openCallAction, null);
  return (
    <form action={action} className="fr-mb-3w">
      <input type="hidden" name="eventId" value={eventId} />
      <div aria-live="polite">
        {state && !state.ok ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{state.message}</p>
          </div>
        ) : null}
        {state?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
            <p>{t('opened', { count: state.data.mailed })}</p>
          </div>
        ) : null}
      </div>
      <p className="fr-text--sm">{t('openHint')}</p>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('open')}
      </button>
    </form>
  );
}
