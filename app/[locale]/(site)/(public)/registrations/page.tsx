import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientIntl } from '@/app/_components/client-intl';
import { requireUser } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { ACTIVE_STATUSES } from '@/lib/registrations/enums';
import { listMyRegistrations } from '@/lib/registrations/queries';
import { Certificate } from './_components/certificate';
import { ManageActions } from './_components/manage-actions';
import { RegistrationSummary } from './_components/registration-summary';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.mine' });
  return { title: t('title') };
}

/** Signed in: every registration made with one's account or e-mail address. */
export default async function MyRegistrationsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireUser(`/${locale}/registrations`);
  const [t, registrations] = await Promise.all([
    getTranslations('registrations.mine'),
    listMyRegistrations(viewer, locale),
  ]);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/my-data">
          {t('myData')}
        </Link>
      </p>
      {registrations.length === 0 ? (
        <div className="fr-callout">
          <p className="fr-callout__text">{t('none')}</p>
          <Link className="fr-btn" href="/events">
            {t('browse')}
          </Link>
        </div>
      ) : (
        <ul className="fr-raw-list">
          {registrations.map((r) => (
            <li key={r.id} className="fr-card fr-p-3w fr-mb-3w" data-testid="my-registration">
              <RegistrationSummary registration={r} locale={locale} />
              <Certificate registration={r} holder={r.id} />
              {r.status === 'confirmed' || r.editableUntil ? (
                <p>
                  <Link
                    className="fr-link"
                    href={`/registrations/${r.id}`}
                    title={t('openTitle', { title: r.event.title })}
                  >
                    {t('open')}
                  </Link>
                </p>
              ) : null}
              {ACTIVE_STATUSES.includes(r.status) && !r.event.cancelled ? (
                <ClientIntl>
                  <ManageActions
                    holder={{ registrationId: r.id }}
                    offered={r.status === 'offered'}
                  />
                </ClientIntl>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
