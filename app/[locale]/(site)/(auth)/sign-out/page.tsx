import { getTranslations, setRequestLocale } from 'next-intl/server';
import { signOutAction } from '@/lib/auth/actions';
import { getViewer } from '@/lib/auth/session';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('signOut');

export default async function SignOutPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('signOut');
  const viewer = await getViewer();
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        {viewer ? (
          <>
            <p>{t('body', { email: viewer.email })}</p>
            <form action={signOutAction}>
              <button type="submit" className="fr-btn">
                {t('submit')}
              </button>
            </form>
          </>
        ) : (
          <p>{t('done')}</p>
        )}
      </div>
    </div>
  );
}
