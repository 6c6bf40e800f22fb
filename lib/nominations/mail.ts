import type { events, nominationCalls } from '@/db/schema';
import { formatDateTime, formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/people/enums';
import { type InvitationMailEvent, invitationUrl } from '@/lib/registrations/invitation-mail';
import type { NominationStatus } from './enums';

/** The nominators' home: the calls open to their organisation. */
export function nominationsUrl(origin: string, locale: Locale): string {
  return `${origin}/${locale}/nominations`;
}

type Nominator = {
  email: string;
  name: string | null;
  locale: Locale;
  quota: number;
  organisationFr: string;
  organisationEn: string;
};

/** Tells a nominator that their organisation is invited to nominate, in their language. */
export function composeCallOpenedMail(
  nominator: Nominator,
  e: Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn' | 'timeZone'>,
  call: Pick<typeof nominationCalls.$inferSelect, 'profileFr' | 'profileEn' | 'nominationsCloseAt'>,
  origin: string,
): OutgoingMail {
  const locale = nominator.locale;
  const t = translator(locale, 'nominationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  return {
    to: nominator.email,
    locale,
    subject: t('callOpened.subject', { title }),
    text: [
      nominator.name ? t('greeting', { name: nominator.name }) : t('greetingAnonymous'),
      t('callOpened.body', {
        organisation: localized(locale, nominator.organisationFr, nominator.organisationEn),
        quota: nominator.quota,
        title,
        deadline: formatDateTime(call.nominationsCloseAt, e.timeZone, locale),
        zone: zoneLabel(call.nominationsCloseAt, e.timeZone, locale),
      }),
      t('callOpened.profile', { profile: localized(locale, call.profileFr, call.profileEn) }),
      t('callOpened.link', { url: nominationsUrl(origin, locale) }),
      t('signature'),
    ].join('\n\n'),
  };
}

/** The nominators' page of one call, for one organisation. */
export function callUrl(origin: string, locale: Locale, callId: string, organisationId: string) {
  return `${nominationsUrl(origin, locale)}/${callId}/${organisationId}`;
}

type DecisionLine = {
  firstName: string;
  lastName: string;
  to: NominationStatus;
  reason: string | null;
  movedUp?: boolean;
  noAnswer?: boolean;
  registered?: boolean;
};

/** Tells a nominator the organisers' decisions on their organisation's nominations. */
export function composeDecisionsMail(
  nominator: { email: string; name: string | null; locale: Locale },
  e: Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn'>,
  lines: DecisionLine[],
  callId: string,
  organisationId: string,
  origin: string,
): OutgoingMail {
  const locale = nominator.locale;
  const t = translator(locale, 'nominationMail');
  const tStatus = translator(locale, 'nominations');
  const title = localized(locale, e.titleFr, e.titleEn);
  const line = (l: DecisionLine) =>
    [
      t('decisions.line', {
        name: `${l.firstName} ${l.lastName}`,
        status: tStatus(`statuses.${l.to}`),
      }),
      l.movedUp ? ` ${t('decisions.movedUp')}` : '',
      l.noAnswer ? ` ${t('decisions.noAnswer')}` : '',
      l.registered ? ` ${t('decisions.registered')}` : '',
      l.reason ? `\n  ${t('decisions.reason', { reason: l.reason })}` : '',
    ].join('');
  return {
    to: nominator.email,
    locale,
    subject: t('decisions.subject', { title }),
    text: [
      nominator.name ? t('greeting', { name: nominator.name }) : t('greetingAnonymous'),
      t('decisions.body', { title }),
      lines.map(line).join('\n'),
      t('decisions.link', { url: callUrl(origin, locale, callId, organisationId) }),
      t('signature'),
    ].join('\n\n'),
  };
}

/**
 * Tells an accepted nominee, in their language, that a place is kept for them: their
 * personal link opens the event's registration form, prefilled; the same page lets them
 * decline.
 */
export function composeNomineeInvitedMail(
  nominee: { email: string; firstName: string; locale: Locale },
  e: InvitationMailEvent & Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn'>,
  call: Pick<typeof nominationCalls.$inferSelect, 'confirmationDeadline'>,
  token: string,
  origin: string,
): OutgoingMail {
  const locale = nominee.locale;
  const t = translator(locale, 'nominationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  return {
    to: nominee.email,
    locale,
    subject: t('invited.subject', { title }),
    text: [
      t('greeting', { name: nominee.firstName }),
      t('invited.body', {
        title,
        dates: formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale),
        deadline: formatDateTime(call.confirmationDeadline, e.timeZone, locale),
      }),
      t('invited.link', { url: invitationUrl(origin, locale, e.slug, token) }),
      t('signature'),
    ].join('\n\n'),
  };
}

/** The sign-in page, which brings a nominator back to their home once signed in. */
export function nominatorSignInUrl(origin: string, locale: Locale): string {
  const home = `/${locale}/nominations`;
  return `${origin}/${locale}/sign-in?callbackUrl=${encodeURIComponent(home)}`;
}

/**
 * Tells someone that an organiser made them a nominator for their organisation (for an
 * event's call), in their language: how to sign in, and where their calls are.
 */
export function composeNominatorInvitedMail(
  person: { email: string; name: string | null; locale: Locale },
  organisation: { nameFr: string; nameEn: string },
  e: Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn'>,
  origin: string,
): OutgoingMail {
  const locale = person.locale;
  const t = translator(locale, 'nominationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  return {
    to: person.email,
    locale,
    subject: t('nominatorInvited.subject', { title }),
    text: [
      person.name ? t('greeting', { name: person.name }) : t('greetingAnonymous'),
      t('nominatorInvited.body', {
        organisation: localized(locale, organisation.nameFr, organisation.nameEn),
        title,
      }),
      t('nominatorInvited.link', {
        url: nominatorSignInUrl(origin, locale),
        email: person.email,
      }),
      t('signature'),
    ].join('\n\n'),
  };
}

/** What a nominee is told of their nomination besides the invitation to register. */
export type NomineeNotice = 'submitted' | 'reserve' | 'rejected' | 'withdrawn';

/**
 * Tells a nominee, in their language, that their organisation nominated them, that they
 * are in reserve, not selected, or that their nomination was withdrawn. The organisers'
 * reason for a rejection is for the organisation, not repeated here.
 */
export function composeNomineeNoticeMail(
  nominee: { email: string; firstName: string; locale: Locale },
  notice: NomineeNotice,
  organisation: { nameFr: string; nameEn: string },
  e: Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn'>,
): OutgoingMail {
  const locale = nominee.locale;
  const t = translator(locale, 'nominationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  const params = {
    title,
    organisation: localized(locale, organisation.nameFr, organisation.nameEn),
  };
  return {
    to: nominee.email,
    locale,
    subject: t(`nominee.${notice}.subject`, params),
    text: [
      t('greeting', { name: nominee.firstName }),
      t(`nominee.${notice}.body`, params),
      t('signature'),
    ].join('\n\n'),
  };
}

/**
 * Tells a nominator that another organisation tried to nominate someone their
 * organisation had already nominated for the event: theirs is kept.
 */
export function composeClashMail(
  nominator: { email: string; name: string | null; locale: Locale },
  e: Pick<typeof events.$inferSelect, 'titleFr' | 'titleEn'>,
  clash: {
    firstName: string;
    lastName: string;
    claimant: { nameFr: string; nameEn: string };
  },
): OutgoingMail {
  const locale = nominator.locale;
  const t = translator(locale, 'nominationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  return {
    to: nominator.email,
    locale,
    subject: t('clash.subject', { title }),
    text: [
      nominator.name ? t('greeting', { name: nominator.name }) : t('greetingAnonymous'),
      t('clash.body', {
        name: `${clash.firstName} ${clash.lastName}`,
        organisation: localized(locale, clash.claimant.nameFr, clash.claimant.nameEn),
        title,
      }),
      t('signature'),
    ].join('\n\n'),
  };
}
