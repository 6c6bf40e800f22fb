'use client';

import { useTranslations } from 'next-intl';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { reissueManageLinkAction } from '@/lib/registrations/actions';

/** Asks for a new manage link, sent to the registered e-mail; the one held stops working. */
export function ReissueLink({ token, primary }: { token: string; primary?: boolean }) {
  const t = useTranslations('registrations.manage.link');
  const { state, action, pending } = useFormAction(reissueManageLinkAction);
  return (
    <form action={action} className="fr-mb-3w" data-testid="reissue-link">
      <FormOutcome state={state} success={t('reissued')} />
      {state?.ok ? null : (
        <>
          <input type="hidden" name="token" value={token} />
          <p className="fr-hint-text">{t('reissueHint')}</p>
          <button
            type="submit"
            className={primary ? 'fr-btn' : 'fr-btn fr-btn--secondary'}
            disabled={pending}
          >
            {t('reissue')}
          </button>
        </>
      )}
    </form>
  );
}
