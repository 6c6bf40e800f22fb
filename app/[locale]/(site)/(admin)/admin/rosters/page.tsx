import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { requirePermission } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { rostersToReview } from '@/lib/rosters/queries';
import { lastYearToReview } from '@/lib/rosters/review';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('rosters.review', 'adminTitle');

/** Admins: the designation rosters over two years old, to be kept up to date or deleted. */
export default async function RostersToReviewPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requirePermission('admin.access', `/${locale}/admin/rosters`);
  const [t, tRosters, rosters] = await Promise.all([
    getTranslations('rosters.review'),
    getTranslations('rosters'),
    rostersToReview(viewer, locale),
  ]);
  return (
    <>
      <h1>{t('adminTitle')}</h1>
      <p>{t('adminLead', { year: lastYearToReview() })}</p>
      {rosters.length === 0 ? (
        <p data-testid="no-rosters-to-review">{t('none')}</p>
      ) : (
        <DataTable caption={t('adminCaption')}>
          <thead>
            <tr>
              <th scope="col">{tRosters('columns.title')}</th>
              <th scope="col">{tRosters('columns.organisation')}</th>
              <th scope="col">{tRosters('columns.size')}</th>
            </tr>
          </thead>
          <tbody>
            {rosters.map((r) => (
              <tr key={r.id} data-testid="roster-to-review-row">
                <th scope="row">
                  <Link href={`/nominations/rosters/${r.id}`}>{r.title}</Link>
                </th>
                <td>{r.organisation}</td>
                <td>{r.size.toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
