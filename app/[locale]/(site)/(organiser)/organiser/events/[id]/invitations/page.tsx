import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DataTable } from '@/app/_components/data-table';
import { formatDateTime } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import {
  INVITATIONS_PAGE_SIZE,
  type InvitationRowDto,
  listInvitations,
} from '@/lib/registrations/invitation-queries';
import {
  INVITATION_CSV_MAX_BYTES,
  INVITATION_CSV_MAX_ROWS,
} from '@/lib/registrations/invitation-validation';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { AddInvitationForm } from './_components/add-invitation-form';
import { CsvImport } from './_components/csv-import';
import { InvitationButtons, RemindAllForm } from './_components/invitation-buttons';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ locale: Locale; id: string }>; searchParams: Promise<Search> };

// A bad page number in the address is page 1, never an error.
const pageParam = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v),
  z.coerce.number().int().min(1).max(10_000).catch(1),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.invitations' });
  return { title: t('title') };
}

export default async function EventInvitationsPage({ params, searchParams }: Props) {
  const [{ locale, id }, search] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/invitations`,
  );
  const page = pageParam.parse(search.page);
  const [{ items, total, counts }, t, tList] = await Promise.all([
    listInvitations(viewer, id, page),
    getTranslations('registrations.invitations'),
    getTranslations('registrations.organiser'),
  ]);
  const byInvitation = event.values.registrationMode === 'invitation';
  const pages = Math.max(1, Math.ceil(total / INVITATIONS_PAGE_SIZE));
  const base = `/organiser/events/${id}/invitations`;
  const when = (d: Date) => formatDateTime(d, event.timeZone, locale);
  const state = (r: InvitationRowDto) => {
    if (r.state === 'registered') return t('status.registered');
    if (r.state === 'revoked') return t('status.revoked', { date: when(r.revokedAt as Date) });
    if (r.state === 'reminded') {
      return t('status.reminded', {
        count: r.reminderCount,
        date: when(r.lastReminderAt ?? r.sentAt),
      });
    }
    return t('status.sent', { date: when(r.sentAt) });
  };
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tList('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${id}` },
        ]}
        current={t('title')}
      />
      <h1>{t('heading', { title: event.title })}</h1>
      {byInvitation ? null : (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{t('notInvitationMode')}</p>
        </div>
      )}
      <ul className="fr-badges-group fr-mb-3w" aria-label={t('countsLabel')} data-testid="counts">
        {(['invited', 'registered', 'pending', 'revoked'] as const).map((k) => (
          <li key={k}>
            <p className="fr-badge fr-badge--no-icon">{t(`counts.${k}`, { count: counts[k] })}</p>
          </li>
        ))}
      </ul>

      {byInvitation ? (
        <>
          <section className="fr-mb-6w" aria-labelledby="add-title">
            <h2 id="add-title">{t('addTitle')}</h2>
            <AddInvitationForm eventId={id} />
          </section>
          <section className="fr-mb-6w" aria-labelledby="import-title">
            <h2 id="import-title">{t('importTitle')}</h2>
            <CsvImport
              eventId={id}
              maxBytes={INVITATION_CSV_MAX_BYTES}
              maxRows={INVITATION_CSV_MAX_ROWS}
            />
          </section>
          <section className="fr-mb-6w" aria-labelledby="remind-title">
            <h2 id="remind-title">{t('remindTitle')}</h2>
            <RemindAllForm eventId={id} />
          </section>
        </>
      ) : null}

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('listTitle')}</h2>
        {items.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DataTable caption={t('tableCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.organisation')}</th>
                <th scope="col">{t('columns.language')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const name = `${r.lastName.toLocaleUpperCase(locale)} ${r.firstName}`;
                return (
                  <tr key={r.id} data-testid="invitation-row">
                    <td>
                      {name}
                      <br />
                      <span className="fr-text--xs">{r.email}</span>
                    </td>
                    <td>{r.organisation ?? ''}</td>
                    <td>{r.locale === 'en' ? 'English' : 'Français'}</td>
                    <td>{state(r)}</td>
                    <td>
                      {r.registrationId ? (
                        <Link
                          href={`/organiser/events/${id}/registrations/${r.registrationId}`}
                          title={t('seeRegistrationTitle', { name })}
                        >
                          {t('seeRegistration')}
                        </Link>
                      ) : byInvitation ? (
                        <InvitationButtons
                          eventId={id}
                          invitationId={r.id}
                          name={name}
                          revoked={r.state === 'revoked'}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        )}
        {pages > 1 ? (
          <nav className="fr-mt-3w" aria-label={tList('pagesLabel')}>
            <p>
              {tList('page', { page, pages })}{' '}
              {page > 1 ? (
                <Link
                  className="fr-link fr-ml-2w"
                  href={{ pathname: base, query: { page: String(page - 1) } }}
                >
                  {tList('previous')}
                </Link>
              ) : null}
              {page < pages ? (
                <Link
                  className="fr-link fr-ml-2w"
                  href={{ pathname: base, query: { page: String(page + 1) } }}
                >
                  {tList('next')}
                </Link>
              ) : null}
            </p>
          </nav>
        ) : null}
      </section>
    </>
  );
}
