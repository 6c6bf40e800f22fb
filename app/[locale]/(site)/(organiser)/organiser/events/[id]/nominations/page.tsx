import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { historyLines } from '@/app/_components/nomination-history';
import { formatDateTime, zoneLabel } from '@/lib/events/format';
import { utcToZonedLocal } from '@/lib/events/time';
import { countryOptions } from '@/lib/i18n/countries';
import { eventWorkingGroups } from '@/lib/networks/queries';
import {
  callForEditing,
  callNominators,
  callReview,
  groupQuotaUse,
  nominationHistories,
  organisationChoices,
} from '@/lib/nominations/queries';
import type { Locale } from '@/lib/people/enums';
import { ExportLinks } from '../../_components/export-links';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { CallForm } from './_components/call-form';
import { Nominators } from './_components/nominators';
import { OpenCallButton } from './_components/open-call-button';
import { Review } from './_components/review';

type Props = { params: Promise<{ locale: Locale; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'nominations.organiser' });
  return { title: t('title') };
}

export default async function EventNominationsPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/nominations`,
  );
  const [call, organisations, review, limits, groups, nominators, t, tList] = await Promise.all([
    callForEditing(viewer, id),
    organisationChoices(locale),
    callReview(viewer, id, locale),
    groupQuotaUse(viewer, id, locale),
    eventWorkingGroups(id, locale),
    callNominators(viewer, id, locale),
    getTranslations('nominations.organiser'),
    getTranslations('registrations.organiser'),
  ]);
  const byNomination = event.values.registrationMode === 'nomination';
  const [entries, tHistory, tStatus] = await Promise.all([
    nominationHistories((review ?? []).flatMap((g) => g.nominations.map((n) => n.id))),
    getTranslations('nominations.history'),
    getTranslations('nominations.statuses'),
  ]);
  const histories = Object.fromEntries(
    [...entries].map(([nominationId, list]) => [
      nominationId,
      historyLines(
        list,
        'organiser',
        tHistory,
        (s) => tStatus(s as Parameters<typeof tStatus>[0]),
        (d) => formatDateTime(d, event.timeZone, locale),
      ),
    ]),
  );
  const local = (d: Date | undefined) => (d ? utcToZonedLocal(d, event.timeZone) : '');
  // Places per country are offered for the countries of the organisations there are.
  const present = new Set(organisations.map((o) => o.country));
  const countries = countryOptions(locale)
    .filter((c) => present.has(c.value))
    .map((c) => ({ id: c.value, name: c.label }));
  const byKey = (rows: { key: string | null; quota: number }[]) =>
    Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key, r.quota]));
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
      {byNomination ? null : (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{t('notNominationMode')}</p>
        </div>
      )}
      {call ? (
        <p data-testid="call-status">
          <span className="fr-badge">{t(`callStatus.${call.status}`)}</span>
        </p>
      ) : null}
      {call && call.status === 'draft' ? <OpenCallButton eventId={id} /> : null}
      {byNomination || call ? (
        <section className="fr-mb-6w" aria-labelledby="call-title">
          <h2 id="call-title">{t('callTitle')}</h2>
          <CallForm
            eventId={id}
            zone={zoneLabel(call?.nominationsCloseAt ?? new Date(), event.timeZone, locale)}
            organisations={organisations}
            countries={countries}
            workingGroups={groups}
            defaults={{
              profileFr: call?.profileFr ?? '',
              profileEn: call?.profileEn ?? '',
              nominationsCloseAt: local(call?.nominationsCloseAt),
              confirmationDeadline: local(call?.confirmationDeadline),
              withdrawalDeadline: local(call?.withdrawalDeadline),
              acceptsLate: call?.acceptsLate ?? false,
              quotas: Object.fromEntries(
                (call?.quotas ?? []).map((q) => [q.organisationId, q.quota]),
              ),
              countryQuotas: byKey(
                (call?.groupQuotas ?? []).map((q) => ({ ...q, key: q.country })),
              ),
              groupQuotas: byKey(
                (call?.groupQuotas ?? []).map((q) => ({ ...q, key: q.workingGroupId })),
              ),
            }}
          />
        </section>
      ) : null}
      {call ? (
        <section className="fr-mb-6w" aria-labelledby="nominators-title">
          <h2 id="nominators-title">{t('nominatorsTitle')}</h2>
          <Nominators eventId={id} groups={nominators} />
        </section>
      ) : null}
      {review && call?.status !== 'draft' ? (
        <section aria-labelledby="review-title">
          <h2 id="review-title">{t('reviewTitle')}</h2>
          <ExportLinks eventId={id} kinds={['nominations']} locale={locale} />
          <Review eventId={id} groups={review} limits={limits} histories={histories} />
        </section>
      ) : null}
    </>
  );
}
