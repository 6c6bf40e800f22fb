'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import { acceptOfferAction, cancelRegistrationAction } from '@/lib/registrations/actions';

type Props = {
  /** The manage link's token, or the id of the signed-in person's own registration. */
  holder: { token: string } | { registrationId: string };
  offered: boolean;
};

/** Accept an offered seat; cancel, after a second, explicit confirmation. */
export function ManageActions({ holder, offered }: Props) {
  const t = useTranslations('registrations.manage');
  const router = useRouter();
  const [accepted, accept, accepting] = useActionState(acceptOfferAction, null);
  const [cancelled, cancel, cancelling] = useActionState(cancelRegistrationAction, null);
  const failure = [accepted, cancelled].find((s) => s && !s.ok);

  useEffect(() => {
    if (accepted?.ok || cancelled?.ok) router.refresh();
  }, [accepted, cancelled, router]);

  return (
    <>
      {failure && !failure.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}
      {accepted?.ok || cancelled?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{accepted?.ok ? t('accepted') : t('cancelled')}</p>
        </div>
      ) : null}
      {offered ? (
        <form action={accept} className="fr-mb-3w">
          <HolderFields holder={holder} />
          <button type="submit" className="fr-btn" disabled={accepting}>
            {t('accept')}
          </button>
        </form>
      ) : null}
      <details className="fr-mb-3w">
        <summary className="fr-link">{t('cancel')}</summary>
        <form action={cancel} className="fr-mt-2w">
          <HolderFields holder={holder} />
          <p>{t('cancelConfirm')}</p>
          <button
            type="submit"
            className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-close-line"
            disabled={cancelling}
          >
            {t('cancel')}
          </button>
        </form>
      </details>
    </>
  );
}

function HolderFields({ holder }: Pick<Props, 'holder'>) {
  return 'token' in holder ? (
    <input type="hidden" name="token" value={holder.token} />
  ) : (
    <input type="hidden" name="registrationId" value={holder.registrationId} />
  );
}
