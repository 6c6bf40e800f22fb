import { getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/link';

type Props = {
  /** The pages above this one, from the home page down (the home page is added). */
  parents: { label: string; href: string }[];
  current: string;
};

/** The DSFR breadcrumb: collapsed behind a button on phones, the current page last. */
export async function Breadcrumb({ parents, current }: Props) {
  const t = await getTranslations('breadcrumb');
  return (
    <nav className="fr-breadcrumb fr-mt-0" aria-label={t('label')}>
      <button
        type="button"
        className="fr-breadcrumb__button"
        aria-expanded="false"
        aria-controls="breadcrumb"
      >
        {t('show')}
      </button>
      <div className="fr-collapse" id="breadcrumb">
        <ol className="fr-breadcrumb__list">
          {[{ label: t('home'), href: '/' }, ...parents].map((p) => (
            <li key={p.href}>
              <Link className="fr-breadcrumb__link" href={p.href}>
                {p.label}
              </Link>
            </li>
          ))}
          <li>
            {/* biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page with an anchor without href */}
            <a className="fr-breadcrumb__link" aria-current="page">
              {current}
            </a>
          </li>
        </ol>
      </div>
    </nav>
  );
}
