import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { PersonCells, TickCell } from '@/app/_components/nomination-cells';
import { historyLines, NominationHistory } from '@/app/_components/nomination-history';
import { NotFoundError } from '@/lib/auth/errors';
import { requireHolder } from '@/lib/auth/session';
import { formatDateTime, formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import { eventWorkingGroups } from '@/lib/networks/queries';
import { nominationHistories, nominatorCall } from '@/lib/nominations/queries';
import type { Locale } from '@/lib/people/enums';
import { rosterEntryForNomination, rosterPicks } from '@/lib/rosters/queries';
import { NominateForm } from './_components/nominate-form';
import { MoveButtons, SubmitForm, WithdrawButton } from './_components/nomination-buttons';
import { RosterPicks } from './_components/roster-picks';

type Props = {
  params: Promise<{ locale: Locale; callId: string; organisationId: string }>;
  /** `roster`: a search in the organisation's rosters; `entry`: the person to prefill. */
  searchParams: Promise<{
    replace?: string | string[];
    roster?: string | string[];
    entry?: string | string[];
  }>;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'nominations.nominator' });
  return { title: t('callTitle') };
}

const GONE = ['rejected', 'declined', 'withdrawn', 'replaced'];
const WITHDRAWABLE = ['draft', 'submitted', 'accepted', 'reserve', 'invited'];

/**
 * One call as a nominator of one organisation sees it: its nominations, and a form to
 * nominate someone, or to replace someone (`?replace=<nomination id>`).
 */
export default async function NominatorCallPage({ params, searchParams }: Props) {
  const { locale, callId, organisationId } = await params;
  const query = await searchParams;
  const replace = one(query.replace);
  setRequestLocale(locale);
  const viewer = await requireHolder(
    'nominations.nominate',
    `/${locale}/nominations/${callId}/${organisationId}`,
  );
  if (!isUuid(callId) || !isUuid(organisationId)) notFound();
  const call = await nominatorCall(viewer, callId, organisationId, locale).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const search = one(query.roster)?.slice(0, 200) ?? '';
  const entryId = one(query.entry);
  const [t, tStatus, tHistory, tPicks, workingGroups, histories, picks, prefill] =
    await Promise.all([
      getTranslations('nominations.nominator'),
      getTranslations('nominations.statuses'),
      getTranslations('nominations.history'),
      getTranslations('rosters.picks'),
      eventWorkingGroups(call.eventId, locale),
      nominationHistories(call.nominations.map((n) => n.id)),
      rosterPicks(viewer, callId, organisationId, locale, search),
      entryId && isUuid(entryId)
        ? rosterEntryForNomination(viewer, organisationId, entryId, locale)
        : null,
    ]);
  // A link to someone nominated since (the page reloaded after adding them) prefills nothing.
  const picked =
    prefill && !call.nominations.some((n) => n.email === prefill.email && !GONE.includes(n.status))
      ? prefill
      : null;
  const now = new Date();
  const when = (d: Date) => formatDateTime(d, call.timeZone, locale);
  const open = call.status === 'open' && (call.nominationsCloseAt > now || call.acceptsLate);
  const canWithdraw = call.withdrawalDeadline > now;
  const drafts = call.nominations.filter((n) => n.status === 'draft');
  const nameOf = (n: { firstName: string; lastName: string }) => `${n.firstName} ${n.lastName}`;
  const historyOf = (id: string) =>
    historyLines(
      histories.get(id) ?? [],
      'nominator',
      tHistory,
      (s) => tStatus(s as Parameters<typeof tStatus>[0]),
      when,
    );
  const replacing = canWithdraw
    ? call.nominations.find((n) => n.id === replace && WITHDRAWABLE.includes(n.status))
    : undefined;
  const pagePath = `/nominations/${callId}/${organisationId}`;
  return (
    <>
      <Breadcrumb parents={[{ label: t('title'), href: '/nominations' }]} current={call.title} />
      <h1>{call.title}</h1>
      <p>
        {formatDateTimeRange(call.startsAt, call.endsAt, call.timeZone, locale)}
        {call.city ? ` — ${call.city}` : ''}
      </p>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">{t('profileTitle')}</h2>
        <p className="fr-callout__text">{call.profile}</p>
      </div>
      <ul data-testid="call-facts">
        <li>{t('forOrganisation', { organisation: call.organisation })}</li>
        <li data-testid="quota">
          {t('quota', {
            used: call.used,
            quota: call.quota,
            left: Math.max(0, call.quota - call.used),
          })}
        </li>
        <li>
          {t('deadline', {
            date: when(call.nominationsCloseAt),
            zone: zoneLabel(call.nominationsCloseAt, call.timeZone, locale),
          })}
          {call.acceptsLate ? ` ${t('lateAccepted')}` : ''}
        </li>
        <li>{t('withdrawalDeadline', { date: when(call.withdrawalDeadline) })}</li>
      </ul>

      <section className="fr-mb-6w" aria-labelledby="list-title">
        <h2 id="list-title">{t('listTitle')}</h2>
        {call.nominations.length === 0 ? (
          <p>{t('noneYet')}</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>{t('tableCaption', { organisation: call.organisation })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.choose')}</th>
                  <th scope="col">{t('columns.rank')}</th>
                  <th scope="col">{t('columns.person')}</th>
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {call.nominations.map((n, i) => {
                  const name = `${n.firstName} ${n.lastName}`;
                  return (
                    <tr key={n.id} data-testid="nomination-row">
                      {n.status === 'draft' ? (
                        <TickCell
                          id={n.id}
                          label={t('chooseLabel', { name })}
                          form="submit-drafts"
                          defaultChecked
                        />
                      ) : (
                        <td />
                      )}
                      <PersonCells n={n} />
                      <td>
                        {tStatus(n.status)}
                        {n.late ? ` (${t('late')})` : ''}
                        {n.replacesId ? (
                          <>
                            <br />
                            <span className="fr-text--xs">
                              {t('replaces', {
                                name: nameOf(
                                  call.nominations.find((r) => r.id === n.replacesId) ?? {
                                    firstName: '',
                                    lastName: '',
                                  },
                                ),
                              })}
                            </span>
                          </>
                        ) : null}
                        {n.reason ? (
                          <>
                            <br />
                            <span className="fr-text--xs">{t('reason', { reason: n.reason })}</span>
                          </>
                        ) : null}
                        <NominationHistory label={tHistory('label')} lines={historyOf(n.id)} />
                      </td>
                      <td>
                        {call.status === 'open' && call.nominations.length > 1 ? (
                          <MoveButtons
                            nominationId={n.id}
                            name={name}
                            first={i === 0}
                            last={i === call.nominations.length - 1}
                          />
                        ) : null}
                        {canWithdraw && WITHDRAWABLE.includes(n.status) ? (
                          <>
                            <Link
                              className="fr-btn fr-btn--sm fr-btn--tertiary fr-mb-1w fr-mr-1w"
                              href={`${pagePath}?replace=${n.id}#add-title`}
                              title={t('replaceTitle', { name })}
                            >
                              {t('replaceLink')}
                            </Link>
                            <WithdrawButton nominationId={n.id} name={name} />
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {open ? (
          <SubmitForm
            id="submit-drafts"
            callId={callId}
            organisationId={organisationId}
            hasDrafts={drafts.length > 0}
          />
        ) : null}
      </section>

      {replacing || open ? (
        <section className="fr-mb-6w" aria-labelledby="picks-title">
          <h2 id="picks-title">{tPicks('title')}</h2>
          <RosterPicks
            callId={callId}
            organisationId={organisationId}
            search={search}
            replace={replacing?.id}
            picks={picks}
          />
        </section>
      ) : null}

      {replacing || open ? (
        <section aria-labelledby="add-title">
          <h2 id="add-title">
            {replacing ? t('replaceHeading', { name: nameOf(replacing) }) : t('addTitle')}
          </h2>
          {replacing ? (
            <p>
              {t(
                replacing.status === 'accepted' || replacing.status === 'invited'
                  ? 'replaceHintPlace'
                  : 'replaceHint',
              )}{' '}
              <Link href={pagePath}>{t('replaceCancel')}</Link>
            </p>
          ) : null}
          <NominateForm
            callId={callId}
            organisationId={organisationId}
            workingGroups={workingGroups}
            replaces={replacing ? { id: replacing.id, name: nameOf(replacing) } : undefined}
            prefill={picked}
          />
        </section>
      ) : (
        <div className="fr-alert fr-alert--info fr-alert--sm">
          <p>{t('closed')}</p>
        </div>
      )}
    </>
  );
}
