import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { requirePermission } from '@/lib/auth/session';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { listOrganisations } from '@/lib/people/queries';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('admin', 'organisations');

export default async function AdminOrganisationsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requirePermission('organisations.list', `/${locale}/admin/organisations`);
  const [t, tKinds, organisations] = await Promise.all([
    getTranslations('admin'),
    getTranslations('organisationKinds'),
    listOrganisations(viewer, locale),
  ]);
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  return (
    <>
      <h1>{t('organisations')}</h1>
      <p>{t('organisationsLead')}</p>
      <p className="fr-text--sm">{t('count', { count: organisations.length })}</p>
      <DataTable caption={t('organisationsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colAcronym')}</th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colCountry')}</th>
            <th scope="col">{t('colParent')}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <th scope="row">{o.name}</th>
              <td>{o.acronym ?? ''}</td>
              <td>{tKinds(o.kind)}</td>
              <td>{o.country ? countries.of(o.country) : t('international')}</td>
              <td>{o.parentName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
