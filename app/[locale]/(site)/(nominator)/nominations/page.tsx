import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { requireHolder } from '@/lib/auth/session';
import { formatDateTime, formatDateTimeRange } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import { callsForNominator } from '@/lib/nominations/queries';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'nominations.nominator' });
  return { title: t('title') };
}

const DAY_MS = 24 * 3600 * 1000;

/** A nominator's home: the calls open to their organisation, places used and time left. */
export default async function NominationsHomePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireHolder('nominations.nominate', `/${locale}/nominations`);
  const [calls, t, tRosters] = await Promise.all([
    callsForNominator(viewer, locale),
    getTranslations('nominations.nominator'),
    getTranslations('rosters'),
  ]);
  const now = Date.now();
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link
          className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
          href="/nominations/rosters"
        >
          {tRosters('homeLink')}
        </Link>
      </p>
      {calls.length === 0 ? (
        <p data-testid="no-calls">{t('none')}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {calls.map((c) => {
            const left = c.nominationsCloseAt.getTime() - now;
            // The later deadlines, while they are ahead: nominees confirming, replacing.
            const deadlines = [
              ['confirmationIn', c.confirmationDeadline],
              ['withdrawalIn', c.withdrawalDeadline],
            ] as const;
            return (
              <li className="fr-col-12 fr-col-md-6" key={`${c.callId}-${c.organisationId}`}>
                <div className="fr-card fr-enlarge-link" data-testid="call-card">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h2 className="fr-card__title">
                        <Link href={`/nominations/${c.callId}/${c.organisationId}`}>{c.title}</Link>
                      </h2>
                      <p className="fr-card__desc">
                        {formatDateTimeRange(c.startsAt, c.endsAt, c.timeZone, locale)}
                        {c.city ? ` — ${c.city}` : ''}
                      </p>
                      <div className="fr-card__start">
                        <p className="fr-card__detail">{c.organisation}</p>
                      </div>
                      <div className="fr-card__end">
                        <p className="fr-card__detail" data-testid="quota">
                          {t('quota', {
                            used: c.used,
                            quota: c.quota,
                            left: Math.max(0, c.quota - c.used),
                          })}
                        </p>
                        <p className="fr-card__detail">
                          {c.status !== 'open' || left <= 0
                            ? t('closedOn', {
                                date: formatDateTime(c.nominationsCloseAt, c.timeZone, locale),
                              })
                            : t('closesIn', {
                                days: Math.floor(left / DAY_MS),
                                date: formatDateTime(c.nominationsCloseAt, c.timeZone, locale),
                              })}
                        </p>
                        {deadlines.map(([key, at]) =>
                          at.getTime() > now ? (
                            <p className="fr-card__detail" key={key}>
                              {t(key, {
                                days: Math.floor((at.getTime() - now) / DAY_MS),
                                date: formatDateTime(at, c.timeZone, locale),
                              })}
                            </p>
                          ) : null,
                        )}
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
