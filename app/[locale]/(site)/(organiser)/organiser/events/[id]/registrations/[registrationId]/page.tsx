import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DataTable } from '@/app/_components/data-table';
import { getDb } from '@/db/client';
import { countryName, formatDateTime, formatDateTimeRange } from '@/lib/events/format';
import { isUuid } from '@/lib/events/validation';
import { localized } from '@/lib/i18n/localized';
import { answerText } from '@/lib/outputs/exports-answers';
import type { Locale } from '@/lib/people/enums';
import { loadQuestions } from '@/lib/registrations/form-definition';
import { registrationDetail } from '@/lib/registrations/organiser';
import { loadManagedEvent } from '../../../_components/load-managed-event';
import { RevokeLink } from './_components/revoke-link';
import { SessionPlacement } from './_components/session-placement';

type Props = { params: Promise<{ locale: Locale; id: string; registrationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.detail' });
  return { title: t('title') };
}

export default async function RegistrationDetailPage({ params }: Props) {
  const { locale, id, registrationId } = await params;
  setRequestLocale(locale);
  if (!isUuid(registrationId)) notFound();
  const { viewer, event } = await loadManagedEvent(
    locale,
    id,
    `/${locale}/organiser/events/${id}/registrations/${registrationId}`,
  );
  const r = await registrationDetail(viewer, id, registrationId);
  if (!r) notFound();
  const [t, tList, tStatus, tKinds, tForm, tBadges, questions] = await Promise.all([
    getTranslations('registrations.detail'),
    getTranslations('registrations.organiser'),
    getTranslations('registrations.statuses'),
    getTranslations('organisationKinds'),
    getTranslations('registrations.form'),
    getTranslations('badges.registration'),
    loadQuestions(getDb(), id),
  ]);
  const zone = event.timeZone;
  const name = `${r.firstName} ${r.lastName}`;
  const text = (fr: string, en: string) => localized(locale, fr, en);
  const answerWords = { yes: tForm('yes'), no: tForm('no'), none: t('noAnswer') };
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tList('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${id}` },
          { label: tList('title'), href: `/organiser/events/${id}/registrations` },
        ]}
        current={name}
      />
      <h1>{name}</h1>
      <p>
        <span className="fr-badge" data-testid="detail-status">
          {tStatus(r.status)}
        </span>
        {r.status === 'confirmed' ? (
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left fr-ml-2w"
            href={`/api/events/${id}/badges?registration=${r.id}&lang=${locale}`}
            download
          >
            {tBadges('download')}
          </a>
        ) : null}
      </p>
      <dl className="fr-raw-list fr-mb-4w">
        {[
          [t('email'), r.email],
          [t('organisation'), `${r.organisation} — ${r.function}`],
          [t('country'), countryName(r.country, locale)],
          ...(r.organisationKind
            ? [[t('organisationKind'), tKinds(r.organisationKind as 'ministry')]]
            : []),
          [t('language'), r.locale === 'en' ? 'English' : 'Français'],
          [t('arrival'), `${r.seq} — ${formatDateTime(r.createdAt, zone, locale)}`],
          [t('directory'), r.directoryConsent ? t('yes') : t('no')],
          ...(r.offerExpiresAt
            ? [[t('offerUntil'), formatDateTime(r.offerExpiresAt, zone, locale)]]
            : []),
        ].map(([label, value]) => (
          <div key={label} className="fr-mb-1w">
            <dt className="fr-text--bold">{label}</dt>
            <dd className="fr-ml-0">{value}</dd>
          </div>
        ))}
      </dl>
      <RevokeLink eventId={id} registrationId={r.id} />
      <h2>{t('sessions')}</h2>
      <SessionPlacement
        eventId={id}
        registrationId={r.id}
        current={r.sessions.map((session) => ({
          id: session.id,
          label: `${text(session.titleFr, session.titleEn)} — ${formatDateTimeRange(session.startsAt, session.endsAt, zone, locale)}`,
        }))}
        available={event.sessions
          .filter(
            (session) =>
              (session.values.type === 'parallel_workshop' || session.values.type === 'visit') &&
              !r.sessions.some((chosen) => chosen.id === session.id),
          )
          .map((session) => ({
            id: session.id,
            label:
              session.values.access === 'invitation'
                ? t('invitationOnly', { session: session.title })
                : session.title,
          }))}
      />
      {questions.length > 0 ? (
        <>
          <h2>{t('answers')}</h2>
          <dl className="fr-raw-list fr-mb-4w" data-testid="detail-answers">
            {questions.map((q) => (
              <div key={q.id} className="fr-mb-1w">
                <dt className="fr-text--bold">{text(q.labelFr, q.labelEn)}</dt>
                <dd className="fr-ml-0" style={{ whiteSpace: 'pre-line' }}>
                  {answerText(q, r.answers[q.id], locale, answerWords)}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <h2>{t('history')}</h2>
      <DataTable caption={t('historyCaption', { name })}>
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('change')}</th>
            <th scope="col">{t('by')}</th>
            <th scope="col">{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {r.history.map((h) => (
            <tr key={`${h.at.toISOString()}-${h.toStatus}`} data-testid="history-row">
              <td>{formatDateTime(h.at, zone, locale)}</td>
              <td>
                {h.fromStatus ? `${tStatus(h.fromStatus)} → ` : ''}
                {tStatus(h.toStatus)}
              </td>
              <td>{h.actor ?? t('byPerson')}</td>
              <td>{h.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
