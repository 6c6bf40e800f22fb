'use client';

import { useTranslations } from 'next-intl';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { revokeManageLinkAction } from '@/lib/registrations/actions';

/** The organisers revoke a person's manage link (the person can ask for a new one). */
export function RevokeLink({
  eventId,
  registrationId,
}: {
  eventId: string;
  registrationId: string;
}) {
  const t = useTranslations('registrations.manage.link');
  const { state, action, pending } = useFormAction(revokeManageLinkAction);
  return (
    <form action={action} className="fr-mb-4w" data-testid="revoke-link">
      <FormOutcome state={state} success={t('revokedDone')} />
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="registrationId" value={registrationId} />
      <p className="fr-hint-text">{t('revokeHint')}</p>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('revoke')}
      </button>
    </form>
  );
}
