import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DataTable } from '@/app/_components/data-table';
import { requireHolder } from '@/lib/auth/session';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { listRosters, rosterFormChoices } from '@/lib/rosters/queries';
import { CreateRosterForm } from './_components/create-roster-form';
import { ReviewBadge } from './_components/review-badge';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'rosters' });
  return { title: t('title') };
}

/** The designation rosters of the viewer's organisations, and a form for a new one. */
export default async function RostersPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireHolder('nominations.nominate', `/${locale}/nominations/rosters`);
  const [rosters, choices, t, tNominator] = await Promise.all([
    listRosters(viewer, locale),
    rosterFormChoices(viewer, locale),
    getTranslations('rosters'),
    getTranslations('nominations.nominator'),
  ]);
  const several = choices.organisations.length > 1;
  return (
    <>
      <Breadcrumb
        parents={[{ label: tNominator('title'), href: '/nominations' }]}
        current={t('title')}
      />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {rosters.some((r) => r.toReview) ? (
        <div
          className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w"
          data-testid="rosters-to-review"
        >
          <p>{t('review.notice')}</p>
        </div>
      ) : null}
      {rosters.length === 0 ? (
        <p data-testid="no-rosters">{t('none')}</p>
      ) : (
        <DataTable caption={t('tableCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('columns.title')}</th>
              {several ? <th scope="col">{t('columns.organisation')}</th> : null}
              <th scope="col">{t('columns.size')}</th>
            </tr>
          </thead>
          <tbody>
            {rosters.map((r) => (
              <tr key={r.id} data-testid="roster-row">
                <th scope="row">
                  <Link href={`/nominations/rosters/${r.id}`}>{r.title}</Link>
                  {r.toReview ? (
                    <>
                      {' '}
                      <ReviewBadge label={t('review.badge')} />
                    </>
                  ) : null}
                </th>
                {several ? <td>{r.organisation}</td> : null}
                <td>{r.size.toLocaleString(locale)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {choices.organisations.length > 0 ? (
        <section className="fr-mt-6w" aria-labelledby="create-title">
          <h2 id="create-title">{t('createTitle')}</h2>
          <CreateRosterForm
            organisations={choices.organisations}
            networks={choices.networks}
            defaultYear={new Date().getFullYear() + 1}
          />
        </section>
      ) : null}
    </>
  );
}
