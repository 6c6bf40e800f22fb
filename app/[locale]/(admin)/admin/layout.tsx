import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Link } from '@/lib/i18n/navigation';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('admin');
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <nav className="fr-col-12 fr-col-md-3 fr-sidemenu" aria-labelledby="admin-menu-title">
        <div className="fr-sidemenu__inner">
          <p className="fr-sidemenu__title" id="admin-menu-title">
            {t('nav')}
          </p>
          <ul className="fr-sidemenu__list">
            <li className="fr-sidemenu__item">
              <Link className="fr-sidemenu__link" href="/admin/users">
                {t('users')}
              </Link>
            </li>
            <li className="fr-sidemenu__item">
              <Link className="fr-sidemenu__link" href="/admin/organisations">
                {t('organisations')}
              </Link>
            </li>
          </ul>
        </div>
      </nav>
      <div className="fr-col-12 fr-col-md-9">{children}</div>
    </div>
  );
}
