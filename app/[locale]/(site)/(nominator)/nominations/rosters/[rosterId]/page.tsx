import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DataTable } from '@/app/_components/data-table';
import { SearchForm } from '@/app/_components/search-form';
import { NotFoundError } from '@/lib/auth/errors';
import { requireHolder } from '@/lib/auth/session';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { ENTRIES_SHOWN, rosterDetail, rosterEntry } from '@/lib/rosters/queries';
import { ROSTER_CSV_MAX_BYTES, ROSTER_CSV_MAX_ROWS } from '@/lib/rosters/validation';
import { DeleteRosterForm } from './_components/delete-roster-form';
import { EntryForm } from './_components/entry-form';
import { RemoveEntryButton } from './_components/remove-entry-button';
import { RosterImport } from './_components/roster-import';

type Props = {
  params: Promise<{ locale: Locale; rosterId: string }>;
  searchParams: Promise<{ q?: string | string[]; edit?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'rosters' });
  return { title: t('rosterTitle') };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const notFoundOn = (e: unknown): never => {
  if (e instanceof NotFoundError) notFound();
  throw e;
};

/** One roster: its people (searched), the form to add or edit one, import and export. */
export default async function RosterPage({ params, searchParams }: Props) {
  const { locale, rosterId } = await params;
  const query = await searchParams;
  setRequestLocale(locale);
  const viewer = await requireHolder(
    'nominations.nominate',
    `/${locale}/nominations/rosters/${rosterId}`,
  );
  if (!isUuid(rosterId)) notFound();
  const q = one(query.q)?.slice(0, 200) ?? '';
  const editId = one(query.edit);
  const roster = await rosterDetail(viewer, rosterId, locale, q).catch(notFoundOn);
  const editing =
    editId && isUuid(editId)
      ? await rosterEntry(viewer, rosterId, editId, locale).catch(notFoundOn)
      : null;
  const [t, tNominator] = await Promise.all([
    getTranslations('rosters'),
    getTranslations('nominations.nominator'),
  ]);
  const language = (l: Locale) => (l === 'fr' ? 'Français' : 'English');
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tNominator('title'), href: '/nominations' },
          { label: t('title'), href: '/nominations/rosters' },
        ]}
        current={roster.title}
      />
      <h1>{roster.title}</h1>
      {roster.toReview ? (
        <div
          className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w"
          data-testid="roster-to-review"
        >
          <p>{t('review.notice')}</p>
        </div>
      ) : null}
      <ul>
        <li>{t('forOrganisation', { organisation: roster.organisation })}</li>
        <li data-testid="roster-count">{t('count', { count: roster.total })}</li>
      </ul>
      <p>
        <a
          className="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/api/rosters/${roster.id}/export?locale=${locale}`}
          download
        >
          {t('export')}
        </a>
      </p>

      <section className="fr-mb-6w" aria-labelledby="entries-title">
        <h2 id="entries-title">{t('listTitle')}</h2>
        <SearchForm
          id="roster-q"
          name="q"
          label={t('searchLabel')}
          button={t('search')}
          defaultValue={q}
        />
        {q ? <p data-testid="roster-found">{t('found', { found: roster.found, q })}</p> : null}
        {roster.found > ENTRIES_SHOWN ? <p>{t('shownFirst', { shown: ENTRIES_SHOWN })}</p> : null}
        {roster.entries.length > 0 ? (
          <DataTable caption={t('entriesCaption', { title: roster.title })}>
            <thead>
              <tr>
                <th scope="col">{t('entryColumns.person')}</th>
                <th scope="col">{t('entryColumns.function')}</th>
                <th scope="col">{t('entryColumns.workingGroup')}</th>
                <th scope="col">{t('entryColumns.language')}</th>
                <th scope="col">{t('entryColumns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.entries.map((e) => {
                const name = `${e.firstName} ${e.lastName}`;
                return (
                  <tr key={e.id} data-testid="entry-row">
                    <th scope="row">
                      {name}
                      <br />
                      <span className="fr-text--xs">{e.email}</span>
                    </th>
                    <td>
                      {e.function}
                      {e.unit ? (
                        <>
                          <br />
                          <span className="fr-text--xs">{e.unit}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{e.workingGroup ?? t('noGroup')}</td>
                    <td lang={e.locale}>{language(e.locale)}</td>
                    <td>
                      <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                        <li>
                          <Link
                            className="fr-btn fr-btn--sm fr-btn--secondary"
                            href={`/nominations/rosters/${roster.id}?edit=${e.id}#entry-title`}
                            title={t('editTitle', { name })}
                          >
                            {t('edit')}
                          </Link>
                        </li>
                        <li>
                          <RemoveEntryButton rosterId={roster.id} entryId={e.id} name={name} />
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        ) : null}
      </section>

      <section className="fr-mb-6w" aria-labelledby="entry-title">
        <h2 id="entry-title">
          {editing
            ? t('editHeading', { name: `${editing.firstName} ${editing.lastName}` })
            : t('addTitle')}
        </h2>
        <EntryForm
          key={editing?.id ?? 'new'}
          rosterId={roster.id}
          entry={editing}
          groups={roster.groups}
          defaultGroupId={roster.workingGroupId}
        />
      </section>

      <section className="fr-mb-6w" aria-labelledby="import-title">
        <h2 id="import-title">{t('importTitle')}</h2>
        <RosterImport
          rosterId={roster.id}
          maxBytes={ROSTER_CSV_MAX_BYTES}
          maxRows={ROSTER_CSV_MAX_ROWS}
        />
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">{t('deleteTitle')}</h2>
        <DeleteRosterForm rosterId={roster.id} people={roster.total} />
      </section>
    </>
  );
}
