import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { SelectField, TextField } from '@/app/_components/form/fields';
import { getDb } from '@/db/client';
import { countryName } from '@/lib/events/format';
import { countryOptions } from '@/lib/i18n/countries';
import { Link } from '@/lib/i18n/link';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { REGISTRATION_STATUSES } from '@/lib/registrations/enums';
import { loadQuestions } from '@/lib/registrations/form-definition';
import {
  listEventRegistrations,
  parseRegistrationListParams,
  REGISTRATION_SORTS,
  REGISTRATIONS_PAGE_SIZE,
  type RegistrationListParams,
} from '@/lib/registrations/organiser';
import { ExportLinks } from '../../_components/export-links';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { RegistrationsTable } from './_components/registrations-table';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<Search> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.organiser' });
  return { title: t('title') };
}

function query(p: RegistrationListParams, page: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      status: p.status,
      q: p.q,
      session: p.session,
      organisation: p.organisation,
      country: p.country,
      answer: p.answer,
      sort: p.sort,
      page: String(page),
    }).filter(
      (e): e is [string, string] => Boolean(e[1]) && !(e[0] === 'sort' && e[1] === 'arrival'),
    ),
  );
}

export default async function EventRegistrationsPage({ params, searchParams }: Props) {
  const [{ locale, id }, search] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/registrations`,
  );
  const p = parseRegistrationListParams(search);
  const [{ items, total, counts, sessions }, t, tStatus, tForm, questions] = await Promise.all([
    listEventRegistrations(viewer, id, p),
    getTranslations('registrations.organiser'),
    getTranslations('registrations.statuses'),
    getTranslations('registrations.form'),
    loadQuestions(getDb(), id),
  ]);
  const text = (fr: string, en: string) => localized(locale, fr, en);
  // Answers one can filter on: each choice of the questions that offer choices.
  const answerOptions = questions.flatMap((q) =>
    q.kind === 'yes_no'
      ? ['yes', 'no'].map((v) => ({
          value: `${q.id}:${v}`,
          label: `${text(q.labelFr, q.labelEn)} : ${tForm(v as 'yes' | 'no')}`,
        }))
      : q.options.map((o) => ({
          value: `${q.id}:${o.id}`,
          label: `${text(q.labelFr, q.labelEn)} : ${text(o.labelFr, o.labelEn)}`,
        })),
  );
  const pages = Math.max(1, Math.ceil(total / REGISTRATIONS_PAGE_SIZE));
  const base = `/organiser/events/${id}/registrations`;
  return (
    <>
      <Breadcrumb
        parents={[
          { label: t('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${id}` },
        ]}
        current={t('title')}
      />
      <h1>{t('heading', { title: event.title })}</h1>
      <ul className="fr-badges-group fr-mb-3w" aria-label={t('countsLabel')} data-testid="counts">
        {REGISTRATION_STATUSES.filter((s) => s !== 'expired' || counts.expired > 0).map((s) => (
          <li key={s}>
            <p className="fr-badge fr-badge--no-icon">
              {tStatus(s)} : {counts[s]}
            </p>
          </li>
        ))}
      </ul>
      {sessions.length > 0 ? (
        <div className="fr-table fr-table--no-caption fr-mb-3w" data-testid="session-counts">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>{t('sessionsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sessionColumns.session')}</th>
                      <th scope="col">{t('sessionColumns.capacity')}</th>
                      <th scope="col">{t('sessionColumns.held')}</th>
                      <th scope="col">{t('sessionColumns.waitlisted')}</th>
                      <th scope="col">{t('sessionColumns.pending')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{text(s.titleFr, s.titleEn)}</th>
                        <td>{s.capacity ?? t('unlimited')}</td>
                        <td>{s.held}</td>
                        <td>{s.waitlisted}</td>
                        <td>{s.pending}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      ) : null}
      <ExportLinks eventId={id} kinds={['registrations', 'attendance']} locale={locale} />
      <form method="get" className="fr-mb-3w" aria-label={t('filtersLabel')}>
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <TextField
              type="search"
              name="q"
              label={t('search')}
              hint={t('searchHint')}
              defaultValue={p.q ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <SelectField
              name="status"
              label={t('status')}
              placeholder={t('allStatuses')}
              options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))}
              defaultValue={p.status ?? ''}
            />
          </div>
          {sessions.length > 0 ? (
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                name="session"
                label={t('session')}
                placeholder={t('allSessions')}
                options={sessions.map((s) => ({ value: s.id, label: text(s.titleFr, s.titleEn) }))}
                defaultValue={p.session ?? ''}
              />
            </div>
          ) : null}
          <div className="fr-col-12 fr-col-md-4">
            <TextField
              name="organisation"
              label={t('organisation')}
              defaultValue={p.organisation ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <SelectField
              name="country"
              label={t('country')}
              placeholder={t('allCountries')}
              options={countryOptions(locale)}
              defaultValue={p.country ?? ''}
            />
          </div>
          {answerOptions.length > 0 ? (
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                name="answer"
                label={t('answer')}
                placeholder={t('allAnswers')}
                options={answerOptions}
                defaultValue={p.answer ?? ''}
              />
            </div>
          ) : null}
          <div className="fr-col-12 fr-col-md-3">
            <SelectField
              name="sort"
              label={t('sort')}
              options={REGISTRATION_SORTS.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
              defaultValue={p.sort}
            />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <button type="submit" className="fr-btn">
              {t('apply')}
            </button>
          </div>
        </div>
      </form>
      <p data-testid="result-count">{t('results', { count: total })}</p>
      {items.length > 0 ? (
        <RegistrationsTable
          eventId={id}
          rows={items.map((r) => ({
            id: r.id,
            seq: r.seq,
            status: r.status,
            name: `${r.lastName.toLocaleUpperCase(locale)} ${r.firstName}`,
            email: r.email,
            organisation: r.organisation,
            function: r.function,
            country: countryName(r.country, locale),
          }))}
        />
      ) : null}
      {pages > 1 ? (
        <nav className="fr-mt-3w" aria-label={t('pagesLabel')}>
          <p>
            {t('page', { page: p.page, pages })}{' '}
            {p.page > 1 ? (
              <Link
                className="fr-link fr-ml-2w"
                href={{ pathname: base, query: query(p, p.page - 1) }}
              >
                {t('previous')}
              </Link>
            ) : null}
            {p.page < pages ? (
              <Link
                className="fr-link fr-ml-2w"
                href={{ pathname: base, query: query(p, p.page + 1) }}
              >
                {t('next')}
              </Link>
            ) : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}
