import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ error?: string | string[] }>;
};

const KNOWN = [
  'Verification',
  'AccessDenied',
  'Configuration',
  'OAuthSignin',
  'OAuthCallback',
  'OAuthAccountNotLinked',
] as const;
type Known = (typeof KNOWN)[number];

export const generateMetadata = pageTitle('authError');

export default async function AuthErrorPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('authError');
  const raw = (await searchParams).error;
  const code = Array.isArray(raw) ? raw[0] : raw;
  const key: Known | 'Default' = KNOWN.includes(code as Known) ? (code as Known) : 'Default';
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>{t('title')}</h1>
        <div className="fr-alert fr-alert--error fr-mb-3w">
          <p>{t(key)}</p>
        </div>
        <Link className="fr-btn" href="/sign-in">
          {t('retry')}
        </Link>
      </div>
    </div>
  );
}
