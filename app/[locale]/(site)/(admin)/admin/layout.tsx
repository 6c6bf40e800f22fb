import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientIntl } from '@/app/_components/client-intl';
import { SideMenuLink } from './_components/side-menu-link';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [t, tAudit, tData] = await Promise.all([
    getTranslations('admin'),
    getTranslations('audit'),
    getTranslations('dataRights.admin'),
  ]);
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <nav className="fr-col-12 fr-col-md-3 fr-sidemenu" aria-labelledby="admin-menu-title">
        <div className="fr-sidemenu__inner">
          <p className="fr-sidemenu__title" id="admin-menu-title">
            {t('nav')}
          </p>
          <ul className="fr-sidemenu__list">
            <SideMenuLink href="/admin/users">{t('users')}</SideMenuLink>
            <SideMenuLink href="/admin/users/erasure">{tData('nav')}</SideMenuLink>
            <SideMenuLink href="/admin/rosters">{tData('rostersNav')}</SideMenuLink>
            <SideMenuLink href="/admin/organisations">{t('organisations')}</SideMenuLink>
            <SideMenuLink href="/admin/audit">{tAudit('nav')}</SideMenuLink>
          </ul>
        </div>
      </nav>
      <div className="fr-col-12 fr-col-md-9">
        <ClientIntl>{children}</ClientIntl>
      </div>
    </div>
  );
}
