import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { ClientIntl } from '@/app/_components/client-intl';
import { RateLimitedPage } from '@/app/_components/rate-limited-page';
import { getViewer, redirectToSignIn } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/events/format';
import { getEventPage } from '@/lib/events/queries';
import { countryOptions } from '@/lib/i18n/countries';
import { Link } from '@/lib/i18n/link';
import { nominationForRegistration, nomineeLinkExpired } from '@/lib/nominations/queries';
import type { Locale } from '@/lib/people/enums';
import { RateLimitedError } from '@/lib/rate-limit';
import { loadFormDefinition } from '@/lib/registrations/form-definition';
import {
  invitationForRegistration,
  invitationLinkRevoked,
} from '@/lib/registrations/invitation-queries';
import { limitPersonalLinkHere } from '@/lib/registrations/link-limits';
import { registrationPhase, takesPublicRegistrations } from '@/lib/registrations/window';
import { RegistrationForm } from '../../../_components/registration-form';
import { sessionTexts } from '../../../_components/session-texts';
import { DeclineForm } from './decline-form';

type Props = {
  params: Promise<{ locale: Locale; slug: string }>;
  searchParams?: Promise<{ invitation?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const [{ event }, t] = await Promise.all([
    getEventPage(slug, await getViewer(), locale),
    getTranslations({ locale, namespace: 'registrations.form' }),
  ]);
  return event ? { title: t('title', { title: event.title }) } : {};
}

export default async function RegisterPage({ params, searchParams }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const viewer = await getViewer();
  // On invitation only, the personal link (?invitation=) opens the form, prefilled; it
  // also opens a restricted event to its invitee.
  const asked = (await searchParams)?.invitation;
  const token = typeof asked === 'string' ? asked : undefined;
  if (token) {
    // A personal link's every use counts, an unknown one too (guessing stops here).
    const refused = await limitPersonalLinkHere(token).then(
      () => null,
      (error: unknown) => {
        if (error instanceof RateLimitedError) return error;
        throw error;
      },
    );
    if (refused) return <RateLimitedPage seconds={refused.retryAfter} />;
  }
  const { access, event } = await getEventPage(slug, viewer, locale, token);
  if (access === 'sign_in') {
    redirectToSignIn(`/${locale}/events/${encodeURIComponent(slug)}/register`, locale);
  }
  if (access !== 'ok' || !event) notFound();
  const [t, tErrors, tPage, tNominations] = await Promise.all([
    getTranslations('registrations.form'),
    getTranslations('registrations.errors'),
    getTranslations('eventPage'),
    getTranslations('nominations'),
  ]);
  const window = registrationPhase(event, new Date());
  const invitation =
    event.registrationMode === 'invitation'
      ? await invitationForRegistration(event.id, token)
      : null;
  // On nomination, the link an accepted nominee got opens the form the same way.
  const nomination =
    event.registrationMode === 'nomination'
      ? await nominationForRegistration(event.id, token, locale)
      : null;
  const personal = invitation ?? nomination;
  // Each kind of link is read only here, by the event's mode: a manage link or another
  // kind's token is unknown to it. A revoked or expired link says so.
  const refusal =
    event.registrationMode === 'nomination' && !nomination
      ? token
        ? tNominations(
            (await nomineeLinkExpired(event.id, token))
              ? 'errors.tooLateToConfirm'
              : 'errors.linkInvalid',
          )
        : tErrors('byNomination')
      : event.registrationMode === 'invitation' && !invitation
        ? tErrors(
            !token
              ? 'byInvitation'
              : (await invitationLinkRevoked(event.id, token))
                ? 'invitationRevoked'
                : 'invitationInvalid',
          )
        : event.status !== 'published'
          ? tErrors('notOpen')
          : window === 'not_yet'
            ? tErrors('notYetOpen')
            : window === 'closed'
              ? tErrors('closed')
              : null;
  const form = refusal ? null : await loadFormDefinition(event.id, { seats: true });
  return (
    <>
      <Breadcrumb
        parents={[
          { label: tPage('catalogue'), href: '/events' },
          { label: event.title, href: `/events/${event.slug}` },
        ]}
        current={t('breadcrumb')}
      />
      <h1>{t('title', { title: event.title })}</h1>
      {!form || !(takesPublicRegistrations(event.registrationMode) || personal) ? (
        <div className="fr-alert fr-alert--info fr-mb-3w">
          <p>{refusal}</p>
          <p>
            <Link href={`/events/${event.slug}`}>{event.title}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>
            {nomination
              ? tNominations('nominee.intro', {
                  organisation: nomination.organisation,
                  deadline: formatDateTime(nomination.confirmationDeadline, event.timeZone, locale),
                })
              : event.registrationMode === 'approval'
                ? t('modeApproval')
                : t('modeOpen')}
          </p>
          <ClientIntl>
            <RegistrationForm
              eventId={event.id}
              locale={locale}
              countries={countryOptions(locale)}
              form={form}
              sessionTexts={await sessionTexts(form, event.timeZone, locale)}
              defaults={
                personal
                  ? {
                      email: personal.email,
                      firstName: personal.firstName,
                      lastName: personal.lastName,
                      organisation: personal.organisation ?? '',
                      locale: personal.locale,
                    }
                  : { email: viewer?.email ?? '' }
              }
              invitationToken={personal?.token}
            />
            {nomination ? <DeclineForm token={nomination.token} /> : null}
          </ClientIntl>
        </>
      )}
    </>
  );
}
