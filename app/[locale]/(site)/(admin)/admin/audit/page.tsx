import { getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/app/_components/data-table';
import { SelectField, TextField } from '@/app/_components/form/fields';
import { AUDIT_ACTIONS, actionLabelKey } from '@/lib/audit/enums';
import {
  AUDIT_TIME_ZONE,
  type AuditParams,
  auditLines,
  parseAuditParams,
} from '@/lib/audit/queries';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Search> };

export const generateMetadata = pageTitle('audit');

const filterQuery = (p: AuditParams, before?: string) =>
  Object.fromEntries(
    Object.entries({ ...p, before }).filter((e): e is [string, string] => Boolean(e[1])),
  );

/** A line's details, as `key: value` pairs (nested values as JSON). */
function details(data: unknown): string[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) return [JSON.stringify(data)];
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k} : ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}

/** The audit log for the admins: who read, exported or changed what, newest first. */
export default async function AuditPage({ params, searchParams }: Props) {
  const [{ locale }, search] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const viewer = await requirePermission('admin.access', `/${locale}/admin/audit`);
  const p = parseAuditParams(search);
  const [{ items, next }, t] = await Promise.all([
    auditLines(viewer, { ...p }),
    getTranslations('audit'),
  ]);
  const label = (code: string) => {
    const key = actionLabelKey(code);
    return t.has(key) ? t(key as 'actions.exports_download') : code;
  };
  const { before: _before, ...filters } = p;
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('lead')}</p>
      <form method="get" className="fr-mb-3w" aria-label={t('filtersLabel')}>
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-6">
            <TextField name="actor" type="search" label={t('actor')} defaultValue={p.actor ?? ''} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <SelectField
              name="action"
              label={t('action')}
              placeholder={t('allActions')}
              options={[
                ...AUDIT_ACTIONS.map((a) => ({ value: a, label: label(a) })),
                ...(p.action && !(AUDIT_ACTIONS as readonly string[]).includes(p.action)
                  ? [{ value: p.action, label: p.action }]
                  : []),
              ]}
              defaultValue={p.action ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField
              name="subjectType"
              label={t('subjectType')}
              hint={t('subjectTypeHint')}
              defaultValue={p.subjectType ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <TextField name="subjectId" label={t('subjectId')} defaultValue={p.subjectId ?? ''} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <TextField
              name="from"
              type="date"
              label={t('from')}
              hint={t('datesHint')}
              defaultValue={p.from ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <TextField
              name="to"
              type="date"
              label={t('to')}
              hint={t('datesHint')}
              defaultValue={p.to ?? ''}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              <li>
                <button type="submit" className="fr-btn">
                  {t('apply')}
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--tertiary" href="/admin/audit">
                  {t('reset')}
                </Link>
              </li>
            </ul>
          </div>
        </div>
      </form>
      <p data-testid="audit-count">{t('shown', { count: items.length })}</p>
      {items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <DataTable caption={t('caption')}>
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colActor')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colSubject')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((line) => (
              <tr key={line.id} data-testid="audit-line" data-action={line.action}>
                <td>{formatDateTime(line.at, AUDIT_TIME_ZONE, locale)}</td>
                <td>{line.actorEmail ?? t('system')}</td>
                <td>
                  {label(line.action)}
                  {label(line.action) === line.action ? null : (
                    <>
                      <br />
                      <code className="fr-text--xs">{line.action}</code>
                    </>
                  )}
                </td>
                <td>
                  {line.subjectType}
                  {line.subjectId ? (
                    <>
                      <br />
                      {line.subjectType === 'event' ? (
                        <Link
                          href={`/organiser/events/${line.subjectId}`}
                          className="fr-text--xs"
                          style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}
                        >
                          {line.subjectId}
                        </Link>
                      ) : (
                        <code
                          className="fr-text--xs"
                          style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}
                        >
                          {line.subjectId}
                        </code>
                      )}
                    </>
                  ) : null}
                  {details(line.data).length > 0 ? (
                    <ul
                      className="fr-raw-list fr-text--xs fr-mb-0 fr-mt-1w"
                      aria-label={t('colData')}
                      style={{ wordBreak: 'break-word', whiteSpace: 'normal' }}
                    >
                      {details(line.data).map((d) => (
                        <li key={d}>{d}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {p.before || next ? (
        <nav className="fr-mt-3w" aria-label={t('pagesLabel')}>
          <p>
            {p.before ? (
              <Link
                className="fr-link fr-mr-2w"
                href={{ pathname: '/admin/audit', query: filterQuery(filters) }}
              >
                {t('newest')}
              </Link>
            ) : null}
            {next ? (
              <Link
                className="fr-link"
                href={{ pathname: '/admin/audit', query: filterQuery(filters, next) }}
              >
                {t('older')}
              </Link>
            ) : null}
          </p>
        </nav>
      ) : null}
    </>
  );
}
