import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { CatalogueParams } from '@/lib/events/catalogue-params';
import { EVENT_FORMATS, EVENT_LANGUAGES, EVENT_MODES } from '@/lib/events/enums';
import { countryName, languageName } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import type { NetworkDto, WorkingGroupOptionDto } from '@/lib/networks/queries';
import type { Locale } from '@/lib/people/enums';

type Props = {
  locale: Locale;
  params: CatalogueParams;
  networks: NetworkDto[];
  groups: WorkingGroupOptionDto[];
  countries: string[];
};

function Select({
  id,
  label,
  value,
  children,
}: {
  id: string;
  label: string;
  value: string;
  children: ReactNode;
}) {
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={`filter-${id}`}>
        {label}
      </label>
      <select className="fr-select" id={`filter-${id}`} name={id} defaultValue={value}>
        {children}
      </select>
    </div>
  );
}

/** A GET form: the filtered catalogue has a shareable URL and works without JavaScript. */
export async function CatalogueFilters({ locale, params, networks, groups, countries }: Props) {
  const [t, tFormats, tModes] = await Promise.all([
    getTranslations('catalogue'),
    getTranslations('eventFormats'),
    getTranslations('eventModes'),
  ]);
  const byName = (a: { label: string }, b: { label: string }) =>
    a.label.localeCompare(b.label, locale);
  const languages = EVENT_LANGUAGES.map((code) => ({
    code,
    label: languageName(code, locale),
  })).sort(byName);
  const countryOptions = countries
    .map((code) => ({ code, label: countryName(code, locale) }))
    .sort(byName);
  const groupsByNetwork = networks
    .map((n) => ({ network: n, groups: groups.filter((g) => g.networkSlug === n.slug) }))
    .filter((entry) => entry.groups.length > 0);

  return (
    <form method="get" action={`/${locale}/events`} aria-labelledby="filters-title">
      <h2 id="filters-title" className="fr-h5">
        {t('filtersTitle')}
      </h2>
      {params.period === 'past' ? <input type="hidden" name="period" value="past" /> : null}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-q">
          {t('search')}
          <span className="fr-hint-text">{t('searchHint')}</span>
        </label>
        <input
          className="fr-input"
          type="search"
          id="filter-q"
          name="q"
          maxLength={100}
          defaultValue={params.q}
        />
      </div>
      <Select id="network" label={t('network')} value={params.network}>
        <option value="">{t('anyNetwork')}</option>
        {networks.map((n) => (
          <option key={n.slug} value={n.slug}>
            {n.acronym === n.name ? n.name : `${n.acronym} — ${n.name}`}
          </option>
        ))}
      </Select>
      <Select id="workingGroup" label={t('workingGroup')} value={params.workingGroup}>
        <option value="">{t('anyWorkingGroup')}</option>
        {groupsByNetwork.map(({ network, groups: list }) => (
          <optgroup key={network.slug} label={network.acronym}>
            {list.map((g) => (
              <option key={g.slug} value={g.slug}>
                {g.validTo
                  ? t('groupPeriod', {
                      name: g.name,
                      from: g.validFrom.slice(0, 4),
                      to: g.validTo.slice(0, 4),
                    })
                  : t('groupPeriodOpen', { name: g.name, from: g.validFrom.slice(0, 4) })}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <Select id="format" label={t('format')} value={params.format}>
        <option value="">{t('anyFormat')}</option>
        {EVENT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {tFormats(f)}
          </option>
        ))}
      </Select>
      <Select id="language" label={t('language')} value={params.language}>
        <option value="">{t('anyLanguage')}</option>
        {languages.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </Select>
      <Select id="mode" label={t('mode')} value={params.mode}>
        <option value="">{t('anyMode')}</option>
        {EVENT_MODES.map((m) => (
          <option key={m} value={m}>
            {tModes(m)}
          </option>
        ))}
      </Select>
      <Select id="country" label={t('country')} value={params.country}>
        <option value="">{t('anyCountry')}</option>
        {countryOptions.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label}
          </option>
        ))}
      </Select>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="filter-city">
          {t('city')}
        </label>
        <input
          className="fr-input"
          type="text"
          id="filter-city"
          name="city"
          maxLength={100}
          autoComplete="address-level2"
          defaultValue={params.city}
        />
      </div>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-text--regular">{t('dates')}</legend>
        <div className="fr-fieldset__element">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="filter-from">
              {t('from')}
            </label>
            <input
              className="fr-input"
              type="date"
              id="filter-from"
              name="from"
              defaultValue={params.from}
            />
          </div>
        </div>
        <div className="fr-fieldset__element">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="filter-to">
              {t('to')}
            </label>
            <input
              className="fr-input"
              type="date"
              id="filter-to"
              name="to"
              defaultValue={params.to}
            />
          </div>
        </div>
      </fieldset>
      <ul className="fr-btns-group fr-btns-group--icon-left">
        <li>
          <button type="submit" className="fr-btn fr-icon-search-line fr-btn--icon-left">
            {t('submit')}
          </button>
        </li>
        <li>
          <Link
            className="fr-btn fr-btn--tertiary"
            href={{
              pathname: '/events',
              query: params.period === 'past' ? { period: 'past' } : {},
            }}
          >
            {t('reset')}
          </Link>
        </li>
      </ul>
    </form>
  );
}
