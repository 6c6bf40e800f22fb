import { getTranslations, setRequestLocale } from 'next-intl/server';
import { signInWithOidcAction } from '@/lib/auth/actions';
import { safeCallbackPath } from '@/lib/auth/locale';
import { oidcSettings } from '@/lib/auth/proconnect';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { SignInForm } from './_components/sign-in-form';

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
};

export const generateMetadata = pageTitle('signIn');

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('signIn');
  const { callbackUrl } = await searchParams;
  const returnTo = safeCallbackPath(
    Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl,
    locale,
  );
  const oidc = oidcSettings();
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        {oidc ? (
          <section className="fr-mb-4w" aria-labelledby="oidc-title">
            <p id="oidc-title">{t('oidcLead')}</p>
            <form action={signInWithOidcAction}>
              <input type="hidden" name="callbackUrl" value={returnTo} />
              <button type="submit" className="fr-btn fr-btn--secondary">
                {t('oidcButton', { name: oidc.name })}
              </button>
            </form>
            <p className="fr-hr-or fr-mt-4w">{t('or')}</p>
          </section>
        ) : null}
        <p>{t('lead')}</p>
        <SignInForm callbackUrl={returnTo} />
      </div>
    </div>
  );
}
