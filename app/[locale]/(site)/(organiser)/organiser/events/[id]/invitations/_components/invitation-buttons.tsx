'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  remindInvitationsAction,
  resendInvitationAction,
  revokeInvitationAction,
} from '@/lib/registrations/invitation-actions';

type RowProps = { eventId: string; invitationId: string; name: string; revoked: boolean };

/** Send again (or invite again once withdrawn) and withdraw, for one row of the list. */
export function InvitationButtons({ eventId, invitationId, name, revoked }: RowProps) {
  const t = useTranslations('registrations.invitations');
  const [resent, resend, resending] = useActionState(resendInvitationAction, null);
  const [withdrawn, revoke, revoking] = useActionState(revokeInvitationAction, null);
  const failure = [resent, withdrawn].find((s) => s && !s.ok);
  return (
    <>
      <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
        <li>
          <form action={resend}>
            <input type="hidden" name="eventId" value={eventId} />
            <input type="hidden" name="invitationId" value={invitationId} />
            <button
              type="submit"
              className="fr-btn fr-btn--secondary fr-btn--sm"
              title={t(revoked ? 'reinviteTitle' : 'resendTitle', { name })}
              disabled={resending}
            >
              {t(revoked ? 'reinvite' : 'resend')}
            </button>
          </form>
        </li>
        {revoked ? null : (
          <li>
            <form action={revoke}>
              <input type="hidden" name="eventId" value={eventId} />
              <input type="hidden" name="invitationId" value={invitationId} />
              <button
                type="submit"
                className="fr-btn fr-btn--tertiary fr-btn--sm"
                title={t('revokeTitle', { name })}
                disabled={revoking}
              >
                {t('revoke')}
              </button>
            </form>
          </li>
        )}
      </ul>
      <div aria-live="polite">
        {failure && !failure.ok ? (
          <p className="fr-error-text" role="alert">
            {failure.message}
          </p>
        ) : resent?.ok ? (
          <p className="fr-valid-text">{t('resent')}</p>
        ) : withdrawn?.ok ? (
          <p className="fr-valid-text">{t('revokedDone')}</p>
        ) : null}
      </div>
    </>
  );
}

/** Reminds, with a new link, everyone invited who has not registered. */
export function RemindAllForm({ eventId }: { eventId: string }) {
  const t = useTranslations('registrations.invitations');
  const [state, action, pending] = useActionState(remindInvitationsAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="eventId" value={eventId} />
      <p className="fr-text--sm">{t('remindHint')}</p>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('remindSubmit')}
      </button>
      <div aria-live="polite" className="fr-mt-2w">
        {state?.ok ? (
          <p className="fr-valid-text">
            {t('reminded', { reminded: state.data.reminded, skipped: state.data.skipped })}
          </p>
        ) : state ? (
          <p className="fr-error-text" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
