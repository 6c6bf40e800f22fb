import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { requirePermission } from '@/lib/auth/session';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { listErasureRequests } from '@/lib/privacy/erasure';
import { ErasePersonForm } from './_components/erase-person-form';
import { EraseRequestForm } from './_components/erase-request-form';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('dataRights.admin', 'title');

/** Admins: the erasure requests waiting, and the erasure of anyone by e-mail. */
export default async function ErasurePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requirePermission('privacy.erase', `/${locale}/admin/users/erasure`);
  const [t, format, requests] = await Promise.all([
    getTranslations('dataRights.admin'),
    getFormatter(),
    listErasureRequests(viewer),
  ]);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('lead')}</p>
      <section className="fr-mb-6w" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('requestsTitle')}</h2>
        {requests.length === 0 ? (
          <p data-testid="no-erasure-requests">{t('noRequests')}</p>
        ) : (
          <DataTable caption={t('requestsCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('colEmail')}</th>
                <th scope="col">{t('colRequestedAt')}</th>
                <th scope="col">{t('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid={`erasure-request-${r.email}`}>
                  <th scope="row">{r.name ? `${r.name} <${r.email}>` : r.email}</th>
                  <td>{format.dateTime(r.requestedAt, { dateStyle: 'long' })}</td>
                  <td>
                    <EraseRequestForm requestId={r.id} email={r.email} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
      <section aria-labelledby="erase-title">
        <h2 id="erase-title">{t('eraseTitle')}</h2>
        <p>{t('eraseBody')}</p>
        <ErasePersonForm />
      </section>
    </>
  );
}
