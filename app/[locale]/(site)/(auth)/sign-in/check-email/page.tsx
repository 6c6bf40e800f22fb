import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import { mailboxEnabled } from '@/lib/mail/mailbox';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('checkEmail');

export default async function CheckEmailPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('checkEmail');
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>{t('body')}</p>
        </div>
        <p>{t('spam')}</p>
        {mailboxEnabled() ? (
          <p>
            <Link className="fr-link" href="/dev/mailbox">
              {t('demoMailbox')}
            </Link>
          </p>
        ) : null}
        <Link className="fr-btn fr-btn--secondary" href="/sign-in">
          {t('again')}
        </Link>
      </div>
    </div>
  );
}
