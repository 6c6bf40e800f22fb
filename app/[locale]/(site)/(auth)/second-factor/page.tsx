import { getTranslations, setRequestLocale } from 'next-intl/server';
import { safeCallbackPath } from '@/lib/auth/locale';
import { SECOND_FACTOR_ROLES } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { sealSecret } from '@/lib/second-factor/crypto';
import { qrPath } from '@/lib/second-factor/qr';
import { secondFactorStatus } from '@/lib/second-factor/queries';
import { newTotpSecret, otpauthUri } from '@/lib/second-factor/totp';
import { EnrolForm } from './_components/enrol-form';
import { RegenerateForm } from './_components/regenerate-form';
import { VerifyForms } from './_components/verify-forms';

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
};

export const generateMetadata = pageTitle('secondFactor');

/**
 * The second factor of organisers and admins: set up an authenticator app, or enter a
 * code (or a recovery code) to open this session's organiser and admin pages.
 */
export default async function SecondFactorPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { callbackUrl } = await searchParams;
  const returnTo = safeCallbackPath(
    Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl,
    locale,
  );
  const viewer = await requireUser(
    `/${locale}/second-factor?callbackUrl=${encodeURIComponent(returnTo)}`,
  );
  const t = await getTranslations('secondFactor');
  const concerned = [...viewer.grants, ...(viewer.withheldGrants ?? [])].some((g) =>
    SECOND_FACTOR_ROLES.includes(g.role),
  );
  const body = await (async () => {
    if (!concerned) {
      return (
        <>
          <p>{t('notConcerned')}</p>
          <Link href="/">{t('home')}</Link>
        </>
      );
    }
    const status = await secondFactorStatus(viewer.id);
    if (!status.enrolled) {
      const secret = newTotpSecret();
      const { size, d } = qrPath(otpauthUri(secret, viewer.email));
      return (
        <>
          <p>{t('enrolLead')}</p>
          <ol>
            <li>{t('enrolStep1')}</li>
            <li>{t('enrolStep2')}</li>
            <li>{t('enrolStep3')}</li>
          </ol>
          <svg
            role="img"
            aria-label={t('qrAlt')}
            viewBox={`0 0 ${size} ${size}`}
            width="220"
            height="220"
            shapeRendering="crispEdges"
            style={{ background: '#fff', maxWidth: '100%', height: 'auto' }}
          >
            <title>{t('qrAlt')}</title>
            <path d={d} fill="#000" />
          </svg>
          <p>
            {t('secretLabel')}{' '}
            <code data-testid="totp-secret" style={{ overflowWrap: 'anywhere' }}>
              {secret.match(/.{1,4}/g)?.join(' ')}
            </code>
          </p>
          <EnrolForm sealedSecret={sealSecret(secret, viewer.id)} callbackUrl={returnTo} />
        </>
      );
    }
    if (viewer.withheldGrants?.length) {
      return (
        <>
          <p>{t('verifyLead')}</p>
          <VerifyForms callbackUrl={returnTo} />
        </>
      );
    }
    return (
      <>
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
          <p>{t('active', { count: status.recoveryCodesLeft })}</p>
        </div>
        <p>
          <a href={returnTo}>{t('continue')}</a>
        </p>
        <h2 className="fr-h4">{t('regenerateTitle')}</h2>
        <p>{t('regenerateLead')}</p>
        <RegenerateForm />
      </>
    );
  })();
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>{t('title')}</h1>
        {body}
      </div>
    </div>
  );
}
