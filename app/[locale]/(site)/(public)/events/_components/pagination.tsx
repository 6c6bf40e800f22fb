import { getTranslations } from 'next-intl/server';
import { pageWindow } from '@/lib/events/catalogue-params';
import { Link } from '@/lib/i18n/link';

type Props = {
  page: number;
  pages: number;
  /** The catalogue's query string for a page number. */
  queryFor: (page: number) => Record<string, string>;
};

function Disabled({ className, label }: { className: string; label: string }) {
  return (
    <li>
      {/* biome-ignore lint/a11y/useValidAnchor: DSFR's disabled pagination link is an anchor without href */}
      <a className={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
        {label}
      </a>
    </li>
  );
}

/** DSFR pagination; plain links, so that it works without JavaScript. */
export async function Pagination({ page, pages, queryFor }: Props) {
  if (pages <= 1) return null;
  const t = await getTranslations('catalogue');
  const href = (p: number) => ({ pathname: '/events', query: queryFor(p) });
  return (
    <nav className="fr-pagination fr-mt-4w" aria-label={t('pagination')}>
      <ul className="fr-pagination__list">
        {page > 1 ? (
          <>
            <li>
              <Link className="fr-pagination__link fr-pagination__link--first" href={href(1)}>
                {t('firstPage')}
              </Link>
            </li>
            <li>
              <Link
                className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                href={href(page - 1)}
              >
                {t('previousPage')}
              </Link>
            </li>
          </>
        ) : (
          <>
            <Disabled className="fr-pagination__link--first" label={t('firstPage')} />
            <Disabled
              className="fr-pagination__link--prev fr-pagination__link--lg-label"
              label={t('previousPage')}
            />
          </>
        )}
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own
            <li key={`gap-${i}`}>
              <span className="fr-pagination__link fr-displayed-lg">…</span>
            </li>
          ) : (
            <li key={p}>
              <Link
                className="fr-pagination__link"
                href={href(p)}
                title={t('pageNumber', { page: p })}
                aria-current={p === page ? 'page' : undefined}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pages ? (
          <>
            <li>
              <Link
                className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                href={href(page + 1)}
              >
                {t('nextPage')}
              </Link>
            </li>
            <li>
              <Link className="fr-pagination__link fr-pagination__link--last" href={href(pages)}>
                {t('lastPage')}
              </Link>
            </li>
          </>
        ) : (
          <>
            <Disabled
              className="fr-pagination__link--next fr-pagination__link--lg-label"
              label={t('nextPage')}
            />
            <Disabled className="fr-pagination__link--last" label={t('lastPage')} />
          </>
        )}
      </ul>
    </nav>
  );
}
