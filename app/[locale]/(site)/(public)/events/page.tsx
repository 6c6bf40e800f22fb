import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import {
  catalogueQuery,
  hasFilters,
  parseCatalogueParams,
  type SearchParams,
  toCatalogueFilters,
} from '@/lib/events/catalogue-params';
import { CATALOGUE_PAGE_SIZE, listCatalogue, listCatalogueCountries } from '@/lib/events/queries';
import { Link } from '@/lib/i18n/link';
import { listNetworkOptions, listWorkingGroupOptions } from '@/lib/networks/queries';
import type { Locale } from '@/lib/people/enums';
import { CatalogueFilters } from './_components/catalogue-filters';
import { EventCard } from './_components/event-card';
import { Pagination } from './_components/pagination';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ locale }, search] = await Promise.all([params, searchParams]);
  const t = await getTranslations({ locale, namespace: 'catalogue' });
  const p = parseCatalogueParams(search);
  const title = t(p.period === 'past' ? 'archiveTitle' : 'title');
  return { title: p.page > 1 ? t('titleWithPage', { title, page: p.page }) : title };
}

export default async function CataloguePage({ params, searchParams }: Props) {
  const [{ locale }, search] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const p = parseCatalogueParams(search);
  const [t, networks, groups, countries] = await Promise.all([
    getTranslations('catalogue'),
    listNetworkOptions(locale),
    listWorkingGroupOptions(locale),
    listCatalogueCountries(),
  ]);
  let { items, total } = await listCatalogue(toCatalogueFilters(p), locale);
  const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
  // A page past the end (an old link, a hand-typed URL) shows the last page instead.
  if (p.page > pages) {
    p.page = pages;
    ({ items, total } = await listCatalogue(toCatalogueFilters(p), locale));
  }
  const past = p.period === 'past';
  const filtered = hasFilters(p);
  const periodLinks = [
    { period: 'upcoming' as const, label: t('upcoming') },
    { period: 'past' as const, label: t('past') },
  ];

  return (
    <>
      <h1>{t(past ? 'archiveTitle' : 'title')}</h1>
      <p className="fr-text--lead">{t(past ? 'archiveLead' : 'lead')}</p>
      <nav aria-label={t('periodNav')} className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline">
          {periodLinks.map((link) => {
            const current = link.period === p.period;
            return (
              <li key={link.period}>
                <Link
                  className={current ? 'fr-btn' : 'fr-btn fr-btn--secondary'}
                  aria-current={current ? 'page' : undefined}
                  href={{
                    pathname: '/events',
                    query: catalogueQuery(p, { period: link.period, page: 1 }),
                  }}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <p className="fr-hidden-md">
        <a className="fr-link fr-icon-arrow-down-line fr-link--icon-right" href="#results-title">
          {t('skipToResults', { count: total })}
        </a>
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <CatalogueFilters
            locale={locale}
            params={p}
            networks={networks}
            groups={groups}
            countries={countries}
          />
        </div>
        <section className="fr-col-12 fr-col-md-8" aria-labelledby="results-title">
          <h2 id="results-title" className="fr-h5">
            {t('results', { count: total })}
            {pages > 1 ? ` — ${t('resultsPage', { page: p.page, pages })}` : ''}
          </h2>
          {items.length === 0 ? (
            <p>{t(filtered ? 'noResults' : past ? 'noPast' : 'noUpcoming')}</p>
          ) : (
            <ul className="fr-raw-list">
              {items.map((event) => (
                <li key={event.slug} className="fr-mb-3w">
                  <EventCard event={event} locale={locale} />
                </li>
              ))}
            </ul>
          )}
          <Pagination
            page={p.page}
            pages={pages}
            queryFor={(page) => catalogueQuery(p, { page })}
          />
        </section>
      </div>
    </>
  );
}
