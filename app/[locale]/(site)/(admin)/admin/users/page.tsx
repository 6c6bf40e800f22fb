import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { requirePermission } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { listOrganisations, listUsersWithRoles } from '@/lib/people/queries';
import { listErasureRequests } from '@/lib/privacy/erasure';
import { enrolledUserIds } from '@/lib/second-factor/queries';
import { GrantRoleForm } from './_components/grant-role-form';
import { ResetSecondFactorButton } from './_components/reset-second-factor-button';
import { RevokeRoleButton } from './_components/revoke-role-button';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('admin', 'users');

export default async function AdminUsersPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requirePermission('users.list', `/${locale}/admin/users`);
  const [t, tRoles, tFactor, tData, people, organisations, enrolled, requests] = await Promise.all([
    getTranslations('admin'),
    getTranslations('roles'),
    getTranslations('secondFactor'),
    getTranslations('dataRights.admin'),
    listUsersWithRoles(viewer, locale),
    listOrganisations(viewer, locale),
    enrolledUserIds(),
    listErasureRequests(viewer).then((r) => r.length),
  ]);
  const orgOptions = organisations.map((o) => ({
    id: o.id,
    label: o.acronym ? `${o.name} (${o.acronym})` : o.name,
  }));
  return (
    <>
      <h1>{t('users')}</h1>
      <p>{t('usersLead')}</p>
      <p>
        <Link className="fr-link" href="/admin/users/erasure">
          {tData('usersLink', { count: requests })}
        </Link>
      </p>
      <p className="fr-text--sm">{t('count', { count: people.length })}</p>
      <DataTable caption={t('tableCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('colEmail')}</th>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('colRoles')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id} data-testid={`user-${person.email}`}>
              <th scope="row">{person.email}</th>
              <td>{person.name ?? t('noName')}</td>
              <td>
                {person.grants.length === 0 ? (
                  <p className="fr-text--sm fr-mb-1w">{t('noRoles')}</p>
                ) : (
                  <ul className="fr-raw-list">
                    {person.grants.map((g) => (
                      <li key={g.id} className="fr-mb-1w">
                        {g.organisationName
                          ? t('roleFor', {
                              role: tRoles(g.role),
                              scope: g.organisationName,
                            })
                          : tRoles(g.role)}{' '}
                        <RevokeRoleButton
                          grantId={g.id}
                          label={t('revokeLabel', {
                            role: tRoles(g.role),
                            email: person.email,
                          })}
                        />
                      </li>
                    ))}
                  </ul>
                )}
                {enrolled.has(person.id) ? (
                  <ResetSecondFactorButton
                    userId={person.id}
                    label={tFactor('adminResetLabel', { email: person.email })}
                  />
                ) : null}
                <GrantRoleForm
                  userId={person.id}
                  title={t('grantTitle', { email: person.email })}
                  organisations={orgOptions}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
