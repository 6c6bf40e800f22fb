import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { SearchForm } from '@/app/_components/search-form';
import { Link } from '@/lib/i18n/link';
import type { rosterPicks } from '@/lib/rosters/queries';

type Props = {
  callId: string;
  organisationId: string;
  search: string;
  /** The nomination being replaced: kept in the links, the picked person replaces it. */
  replace?: string;
  picks: Awaited<ReturnType<typeof rosterPicks>>;
};

/**
 * The people of the organisation's rosters not yet nominated for this call: a search
 * (a plain GET form) and one link per person that reloads the page with the nomination
 * form prefilled. Works without JavaScript.
 */
export async function RosterPicks({ callId, organisationId, search, replace, picks }: Props) {
  const t = await getTranslations('rosters.picks');
  const page = `/nominations/${callId}/${organisationId}`;
  const query =
    (search ? `&roster=${encodeURIComponent(search)}` : '') +
    (replace ? `&replace=${replace}` : '');
  return (
    <>
      <p>{t('intro')}</p>
      <SearchForm
        id="roster-picks-q"
        name="roster"
        label={t('searchLabel')}
        button={t('search')}
        defaultValue={search}
        keep={{ replace }}
      />
      {picks.length === 0 ? (
        <p data-testid="no-picks">{t('none')}</p>
      ) : (
        <DataTable caption={t('caption')}>
          <thead>
            <tr>
              <th scope="col">{t('person')}</th>
              <th scope="col">{t('roster')}</th>
              <th scope="col">{t('prefill')}</th>
            </tr>
          </thead>
          <tbody>
            {picks.map((p) => {
              const name = `${p.firstName} ${p.lastName}`;
              return (
                <tr key={p.id} data-testid="roster-pick">
                  <th scope="row">
                    {name}
                    <br />
                    <span className="fr-text--xs">
                      {p.function} — {p.email}
                    </span>
                  </th>
                  <td>{p.roster}</td>
                  <td>
                    <Link
                      className="fr-btn fr-btn--sm fr-btn--secondary"
                      href={`${page}?entry=${p.id}${query}#add-title`}
                      aria-label={t('prefillTitle', { name })}
                    >
                      {t('prefill')}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      <p className="fr-mt-2w">
        <Link className="fr-link" href="/nominations/rosters">
          {t('manage')}
        </Link>
      </p>
    </>
  );
}
