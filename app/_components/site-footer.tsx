import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';

const GOV_LINKS = [
  'info.gouv.fr',
  'service-public.fr',
  'legifrance.gouv.fr',
  'data.gouv.fr',
] as const;

export async function SiteFooter() {
  const t = await getTranslations('footer');
  return (
    <footer className="fr-footer" id="footer">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            <Link href="/" title={t('homeTitle')}>
              <p className="fr-logo" lang="fr">
                République
                <br />
                Française
              </p>
            </Link>
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">{t('description')}</p>
            <ul className="fr-footer__content-list">
              {GOV_LINKS.map((host) => (
                <li className="fr-footer__content-item" key={host}>
                  <a
                    className="fr-footer__content-link"
                    target="_blank"
                    rel="noopener noreferrer"
                    href={`https://www.${host}`}
                    title={`${host} — ${t('newWindow')}`}
                  >
                    {host}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/accessibility">
                {t('accessibility')}
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/legal-notice">
                {t('legal')}
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" href="/personal-data">
                {t('privacy')}
              </Link>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>{t('license')}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
