import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientIntl } from '@/app/_components/client-intl';
import { requireUser } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { pendingRequestOf } from '@/lib/privacy/erasure';
import { ErasureRequestForm } from './_components/erasure-request-form';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'dataRights.mine' });
  return { title: t('title') };
}

/** Signed in: download everything held on oneself, or ask for its erasure. */
export default async function MyDataPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireUser(`/${locale}/my-data`);
  const [t, format, pending] = await Promise.all([
    getTranslations('dataRights.mine'),
    getFormatter(),
    pendingRequestOf(viewer),
  ]);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('lead', { email: viewer.email })}</p>
      <section className="fr-mb-6w" aria-labelledby="access-title">
        <h2 id="access-title">{t('accessTitle')}</h2>
        <p>{t('accessBody')}</p>
        <a
          className="fr-btn fr-btn--icon-left fr-icon-download-line"
          href={`/api/privacy/export?lang=${locale}`}
          download
          data-testid="download-my-data"
        >
          {t('download')}
        </a>
      </section>
      <section className="fr-mb-6w" aria-labelledby="erasure-title">
        <h2 id="erasure-title">{t('erasureTitle')}</h2>
        <p>{t('erasureBody')}</p>
        {pending ? (
          <div
            className="fr-alert fr-alert--info fr-alert--sm"
            role="status"
            data-testid="erasure-pending"
          >
            <p>{t('pending', { date: format.dateTime(pending, { dateStyle: 'long' }) })}</p>
          </div>
        ) : (
          <ClientIntl>
            <ErasureRequestForm />
          </ClientIntl>
        )}
      </section>
      <p>
        <Link className="fr-link" href="/registrations">
          {t('registrations')}
        </Link>
      </p>
    </>
  );
}
