import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { allows, holdsAnywhere, type Viewer } from '@/lib/auth/permissions';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { LanguageSwitch } from './language-switch';
import { NavLink } from './nav-link';

type Props = { locale: Locale; viewer: Viewer | null };

export async function SiteHeader({ locale, viewer }: Props) {
  const t = await getTranslations('header');
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const tools = (
    <ul className="fr-btns-group">
      {viewer && allows(viewer, 'admin.access') ? (
        <li>
          <Link className="fr-btn fr-icon-settings-5-line" href="/admin/users">
            {t('admin')}
          </Link>
        </li>
      ) : null}
      <li>
        {viewer ? (
          <Link className="fr-btn fr-icon-logout-box-r-line" href="/sign-out">
            {t('signOut')}
          </Link>
        ) : (
          <Link className="fr-btn fr-icon-lock-line" href="/sign-in">
            {t('signIn')}
          </Link>
        )}
      </li>
      <li>
        <Suspense>
          <LanguageSwitch
            target={other}
            label={t('switchLanguage')}
            title={t('switchLanguageTitle')}
          />
        </Suspense>
      </li>
    </ul>
  );
  return (
    <header className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo" lang="fr">
                    République
                    <br />
                    Française
                  </p>
                </div>
                <div className="fr-header__navbar">
                  <button
                    type="button"
                    className="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="header-menu-modal"
                    aria-haspopup="dialog"
                    id="header-menu-button"
                    title={t('menu')}
                  >
                    {t('menu')}
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link href="/" title={t('homeTitle')}>
                  <p className="fr-header__service-title">{t('serviceTitle')}</p>
                </Link>
                <p className="fr-header__service-tagline">{t('serviceTagline')}</p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">{tools}</div>
            </div>
          </div>
        </div>
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR markup; its script gives the modal role="dialog" when it opens */}
      <div
        className="fr-header__menu fr-modal"
        id="header-menu-modal"
        aria-labelledby="header-menu-button"
      >
        <div className="fr-container">
          <button
            type="button"
            className="fr-btn--close fr-btn"
            aria-controls="header-menu-modal"
            title={t('close')}
          >
            {t('close')}
          </button>
          <div className="fr-header__menu-links">{tools}</div>
          <nav className="fr-nav" id="main-navigation" aria-label={t('mainMenu')}>
            <ul className="fr-nav__list">
              <li className="fr-nav__item">
                <NavLink className="fr-nav__link" href="/events">
                  {t('events')}
                </NavLink>
              </li>
              {viewer ? (
                <li className="fr-nav__item">
                  <NavLink className="fr-nav__link" href="/registrations">
                    {t('myRegistrations')}
                  </NavLink>
                </li>
              ) : null}
              {viewer?.grants.some((g) => g.role === 'nominator') ? (
                <li className="fr-nav__item">
                  <NavLink className="fr-nav__link" href="/nominations">
                    {t('myNominations')}
                  </NavLink>
                </li>
              ) : null}
              {viewer?.grants.some((g) => g.role === 'checkin_staff') ? (
                <li className="fr-nav__item">
                  <NavLink className="fr-nav__link" href="/checkin">
                    {t('checkin')}
                  </NavLink>
                </li>
              ) : null}
              {holdsAnywhere(viewer, 'events.manage') ? (
                <li className="fr-nav__item">
                  <NavLink className="fr-nav__link" href="/organiser/events">
                    {t('myEvents')}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}
