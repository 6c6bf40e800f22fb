import { getTranslations } from 'next-intl/server';
import { rolesOf, type Viewer } from '@/lib/auth/permissions';
import { Link } from '@/lib/i18n/link';
import { listActiveNetworks } from '@/lib/networks/queries';
import type { Locale } from '@/lib/people/enums';

/** The home page for a viewer (anonymous or signed in). */
export async function Home({ locale, viewer }: { locale: Locale; viewer: Viewer | null }) {
  const [t, tRoles, tKinds, tFactor, networks] = await Promise.all([
    getTranslations('home'),
    getTranslations('roles'),
    getTranslations('networkKinds'),
    getTranslations('secondFactor'),
    listActiveNetworks(locale),
  ]);
  const pillars = [
    ['organiseTitle', 'organiseBody'],
    ['nominateTitle', 'nominateBody'],
    ['attendTitle', 'attendBody'],
  ] as const;
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="fr-text--lead">{t('lead')}</p>
      {viewer ? (
        <div className="fr-callout fr-mb-4w">
          <p className="fr-callout__text">{t('signedInAs', { email: viewer.email })}</p>
          <p>
            {t('yourRoles', {
              // The roles held, including those this session opens after the second factor.
              roles: rolesOf({
                ...viewer,
                grants: [...viewer.grants, ...(viewer.withheldGrants ?? [])],
              })
                .map((r) => tRoles(r))
                .join(', '),
            })}
          </p>
          {viewer.withheldGrants?.length ? (
            <p>
              {tFactor('pendingNotice')} <Link href="/second-factor">{tFactor('pendingLink')}</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <p>
          <Link className="fr-btn" href="/sign-in">
            {t('signInCta')}
          </Link>
        </p>
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-my-4w">
        {pillars.map(([title, body]) => (
          <div className="fr-col-12 fr-col-md-4" key={title}>
            <div className="fr-tile fr-tile--no-icon">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h2 className="fr-tile__title">{t(title)}</h2>
                  <p className="fr-tile__desc">{t(body)}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
      <h2>{t('networksTitle')}</h2>
      <ul>
        {networks.map((n) => (
          <li key={n.slug}>
            <abbr title={n.name}>{n.acronym}</abbr> — {n.name} ({tKinds(n.kind)})
          </li>
        ))}
      </ul>
    </>
  );
}
