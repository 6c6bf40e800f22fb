import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientIntl } from '@/app/_components/client-intl';
import { RateLimitedPage } from '@/app/_components/rate-limited-page';
import { requireUser } from '@/lib/auth/session';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';
import { RateLimitedError } from '@/lib/rate-limit';
import { ACTIVE_STATUSES } from '@/lib/registrations/enums';
import { limitPersonalLinkHere } from '@/lib/registrations/link-limits';
import { type ManageLinkState, manageLinkState } from '@/lib/registrations/manage-link';
import { myRegistration, registrationByToken } from '@/lib/registrations/queries';
import { Certificate } from '../_components/certificate';
import { EditRegistration } from '../_components/edit-registration';
import { ManageActions } from '../_components/manage-actions';
import { RegistrationSummary } from '../_components/registration-summary';
import { ReissueLink } from '../_components/reissue-link';
import { Ticket } from '../_components/ticket';

type Props = { params: Promise<{ locale: Locale; token: string }> };

// The link is the key: keep it out of Referer headers and search engines.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'registrations.manage' });
  return { title: t('title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function ManageRegistrationPage({ params }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  // The manage link's token, or (signed in) the id of one's own registration.
  const byId = isUuid(token);
  if (!byId) {
    // Every look-up of a link counts, an unknown one too: guessing stops here.
    const refused = await limitPersonalLinkHere(token).then(
      () => null,
      (error: unknown) => {
        if (error instanceof RateLimitedError) return error;
        throw error;
      },
    );
    if (refused) return <RateLimitedPage seconds={refused.retryAfter} />;
  }
  const registration = byId
    ? await myRegistration(await requireUser(`/${locale}/registrations/${token}`), token, locale)
    : await registrationByToken(token, locale);
  if (!registration) {
    const gone = byId ? null : await manageLinkState(token);
    if (gone && gone.state !== 'valid') return <LinkGone token={token} state={gone.state} />;
    notFound();
  }
  const holder = byId ? { registrationId: token } : { token };
  const [t, tData] = await Promise.all([
    getTranslations('registrations.manage'),
    getTranslations('dataRights.registration'),
  ]);
  const { event } = registration;
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8">
        <h1>{t('title')}</h1>
        {event.cancelled ? (
          <div className="fr-alert fr-alert--error fr-mb-3w" data-testid="event-cancelled">
            <h2 className="fr-alert__title">{t('eventCancelled')}</h2>
            {event.cancellationReason ? <p>{event.cancellationReason}</p> : null}
          </div>
        ) : null}
        <RegistrationSummary registration={registration} locale={locale} />
        <Certificate registration={registration} holder={token} />
        {registration.status === 'confirmed' && !event.cancelled ? (
          <Ticket ticketCode={registration.ticketCode} />
        ) : null}
        {ACTIVE_STATUSES.includes(registration.status) ? (
          <ClientIntl>
            <ManageActions holder={holder} offered={registration.status === 'offered'} />
          </ClientIntl>
        ) : null}
        {registration.editableUntil ? (
          <EditRegistration registration={registration} holder={holder} locale={locale} />
        ) : null}
        <section className="fr-mt-6w" aria-labelledby="my-data-title">
          <h2 id="my-data-title" className="fr-h4">
            {tData('title')}
          </h2>
          <p className="fr-text--sm">{byId ? tData('signedIn') : tData('byLink')}</p>
          {byId ? (
            <Link className="fr-link" href="/my-data">
              {tData('myData')}
            </Link>
          ) : (
            <a
              className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-download-line"
              href={`/api/privacy/registrations/${encodeURIComponent(token)}?lang=${locale}`}
              download
              data-testid="download-registration-data"
            >
              {tData('download')}
            </a>
          )}
        </section>
        {byId ? null : (
          <ClientIntl>
            <ReissueLink token={token} />
          </ClientIntl>
        )}
      </div>
    </div>
  );
}

/** An expired or revoked manage link: says which, and offers a new one by e-mail. */
async function LinkGone({
  token,
  state,
}: {
  token: string;
  state: Exclude<ManageLinkState, 'valid'>;
}) {
  const t = await getTranslations('registrations.manage.link');
  return (
    <div className="fr-grid-row">
      <div className="fr-col-12 fr-col-md-8" data-testid={`link-${state}`}>
        <h1>{t(state === 'expired' ? 'expiredTitle' : 'revokedTitle')}</h1>
        <p className="fr-text--lead">{t(state)}</p>
        <ClientIntl>
          <ReissueLink token={token} primary />
        </ClientIntl>
      </div>
    </div>
  );
}
