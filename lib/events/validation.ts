import { z } from 'zod';
import { ORGANISATION_KINDS } from '@/lib/people/enums';
import { containsMarkup } from '@/lib/text/markdown';
import {
  CONFIDENTIALITY_LEVELS,
  EVENT_FORMATS,
  EVENT_LANGUAGES,
  EVENT_MODES,
  REGISTRATION_MODES,
  SESSION_ACCESS_RULES,
  SESSION_TYPES,
  VISIBILITIES,
} from './enums';
import { isLocalDateTime, isValidTimeZone, zonedLocalToUtc } from './time';

// Shared by the editor (react-hook-form) and the server. Messages are catalogue keys
// under `validation.`; the server adds the rules that need the database.

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 600;
export const DESCRIPTION_MAX = 20_000;

/** '' and absent are the same for optional form fields. */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const asArray = (value: unknown) =>
  value === undefined || value === null || value === ''
    ? []
    : Array.isArray(value)
      ? value
      : [value];

const plainText = (max: number) =>
  z
    .string({ error: 'required' })
    .trim()
    .max(max, { error: 'tooLong' })
    .refine((v) => !containsMarkup(v), { error: 'noHtml' });

const requiredText = (max: number) => plainText(max).pipe(z.string().min(1, { error: 'required' }));

const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, plainText(max).optional()).transform((v) => v ?? null);

const richText = z
  .string()
  .max(DESCRIPTION_MAX, { error: 'tooLong' })
  .refine((v) => !containsMarkup(v), { error: 'noHtml' })
  .default('');

const localDateTime = z
  .string({ error: 'required' })
  .refine(isLocalDateTime, { error: 'invalidDateTime' });

const optionalLocalDateTime = z.preprocess(blankToUndefined, localDateTime.optional());

/**
 * Orders two wall-clock values of the same zone; null when either is absent or invalid (its
 * own field already carries the error). '09:00' and '09:00:00' are the same time.
 */
function compareLocal(a: string | undefined, b: string | undefined): number | null {
  if (!a || !b || !isLocalDateTime(a) || !isLocalDateTime(b)) return null;
  const full = (v: string) => (v.length === 16 ? `${v}:00` : v);
  const [x, y] = [full(a), full(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
const notAfter = (a: string | undefined, b: string | undefined) => {
  const order = compareLocal(a, b);
  return order !== null && order <= 0;
};

const optionalUuid = z
  .preprocess(blankToUndefined, z.uuid({ error: 'invalidChoice' }).optional())
  .transform((v) => v ?? null);

const optionalCount = (max: number) =>
  z
    .preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'invalidNumber' })
        .int({ error: 'invalidNumber' })
        .min(1, { error: 'invalidNumber' })
        .max(max, { error: 'invalidNumber' })
        .optional(),
    )
    .transform((v) => v ?? null);

const checkbox = z.preprocess(
  (v) => v === true || v === 'on' || v === 'true' || v === '1',
  z.boolean(),
);

export const slugSchema = z
  .string({ error: 'required' })
  .trim()
  .toLowerCase()
  .min(3, { error: 'invalidSlug' })
  .max(80, { error: 'invalidSlug' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'invalidSlug' });

/** Whether a string from a URL could be an event's slug (else no query is made: a NUL byte, say, is not even valid text for Postgres). */
export function isSlug(value: string): boolean {
  return value.length <= 80 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

export const timeZoneSchema = z
  .string({ error: 'required' })
  .refine(isValidTimeZone, { error: 'invalidTimeZone' });

const httpUrl = z
  .preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: 'invalidUrl' })
      .max(2000, { error: 'tooLong' })
      .optional(),
  )
  .transform((v) => v ?? null);

const countryCode = z
  .preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toUpperCase()) : v),
    z
      .string()
      .regex(/^[A-Z]{2}$/, { error: 'invalidCountry' })
      .optional(),
  )
  .transform((v) => v ?? null);

const languages = z
  .preprocess(asArray, z.array(z.enum(EVENT_LANGUAGES, { error: 'invalidChoice' })))
  .transform((list) => [...new Set(list)]);

export const eventInputSchema = z
  .object({
    slug: slugSchema,
    format: z.enum(EVENT_FORMATS, { error: 'invalidChoice' }),
    networkId: optionalUuid,
    workingGroupId: optionalUuid,
    mode: z.enum(EVENT_MODES, { error: 'invalidChoice' }),
    venueName: optionalText(200),
    venueAddress: optionalText(300),
    city: optionalText(100),
    country: countryCode,
    onlineUrl: httpUrl,
    timeZone: timeZoneSchema,
    startsAt: localDateTime,
    endsAt: localDateTime,
    workingLanguages: languages.refine((list) => list.length > 0, { error: 'languagesRequired' }),
    interpretationLanguages: languages,
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS, { error: 'invalidChoice' }),
    visibility: z.enum(VISIBILITIES, { error: 'invalidChoice' }),
    registrationMode: z.enum(REGISTRATION_MODES, { error: 'invalidChoice' }),
    capacity: optionalCount(100_000),
    registrationOpensAt: optionalLocalDateTime,
    registrationClosesAt: optionalLocalDateTime,
    modificationDeadline: optionalLocalDateTime,
    retentionDays: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'invalidNumber' })
        .int({ error: 'invalidNumber' })
        .min(1, { error: 'invalidNumber' })
        .max(3650, { error: 'invalidNumber' })
        .default(365),
    ),
    offerHoldHours: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'invalidNumber' })
        .int({ error: 'invalidNumber' })
        .min(1, { error: 'invalidNumber' })
        .max(336, { error: 'invalidNumber' })
        .default(48),
    ),
    titleFr: requiredText(TITLE_MAX),
    titleEn: requiredText(TITLE_MAX),
    summaryFr: plainText(SUMMARY_MAX).default(''),
    summaryEn: plainText(SUMMARY_MAX).default(''),
    descriptionFr: richText,
    descriptionEn: richText,
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    // Same zone for every field, so wall-clock strings compare in time order.
    if (notAfter(e.endsAt, e.startsAt)) issue('endsAt', 'endBeforeStart');
    if (e.mode !== 'online') {
      if (!e.venueName) issue('venueName', 'venueRequired');
      if (!e.city) issue('city', 'venueRequired');
      if (!e.country) issue('country', 'venueRequired');
    }
    if (e.mode !== 'in_person' && !e.onlineUrl) issue('onlineUrl', 'onlineUrlRequired');
    if (notAfter(e.registrationClosesAt, e.registrationOpensAt)) {
      issue('registrationClosesAt', 'registrationWindow');
    }
    if ((compareLocal(e.registrationClosesAt, e.endsAt) ?? 0) > 0) {
      issue('registrationClosesAt', 'registrationAfterEvent');
    }
    if ((compareLocal(e.modificationDeadline, e.endsAt) ?? 0) > 0) {
      issue('modificationDeadline', 'registrationAfterEvent');
    }
    if (e.workingGroupId && !e.networkId) issue('workingGroupId', 'workingGroupNeedsNetwork');
  });

export type EventFormInput = z.input<typeof eventInputSchema>;
export type EventInput = z.output<typeof eventInputSchema>;

/** The event's instants in UTC, from the wall-clock values typed in its time zone. */
export function eventInstants(e: EventInput) {
  const at = (v: string | undefined) => (v ? zonedLocalToUtc(v, e.timeZone) : null);
  return {
    startsAt: zonedLocalToUtc(e.startsAt, e.timeZone),
    endsAt: zonedLocalToUtc(e.endsAt, e.timeZone),
    registrationOpensAt: at(e.registrationOpensAt),
    registrationClosesAt: at(e.registrationClosesAt),
    modificationDeadline: at(e.modificationDeadline),
  };
}

const speakerSchema = z.object({
  name: requiredText(150),
  function: optionalText(150),
  organisation: optionalText(200),
});

export const sessionInputSchema = z
  .object({
    type: z.enum(SESSION_TYPES, { error: 'invalidChoice' }),
    titleFr: requiredText(TITLE_MAX),
    titleEn: requiredText(TITLE_MAX),
    descriptionFr: richText,
    descriptionEn: richText,
    room: optionalText(120),
    /** Wall-clock times in the event's time zone. */
    startsAt: localDateTime,
    endsAt: localDateTime,
    capacity: optionalCount(100_000),
    access: z.enum(SESSION_ACCESS_RULES, { error: 'invalidChoice' }).default('everyone'),
    accessOrganisationKinds: z
      .preprocess(asArray, z.array(z.enum(ORGANISATION_KINDS, { error: 'invalidChoice' })))
      .default([]),
    chathamHouse: checkbox.default(false),
    speakers: z.array(speakerSchema).max(30, { error: 'tooMany' }).default([]),
  })
  .superRefine((s, ctx) => {
    if (notAfter(s.endsAt, s.startsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endBeforeStart' });
    }
    if (s.access === 'organisation_kinds' && s.accessOrganisationKinds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['accessOrganisationKinds'], message: 'required' });
    }
  });

export type SessionFormInput = z.input<typeof sessionInputSchema>;
export type SessionInput = z.output<typeof sessionInputSchema>;

export const cancelEventSchema = z.object({
  reasonFr: requiredText(1000),
  reasonEn: requiredText(1000),
});

export const duplicateEventSchema = z.object({
  slug: slugSchema,
  /** The new first day; every date of the copy moves by the same number of days. */
  startDate: z
    .string({ error: 'invalidDate' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'invalidDate', abort: true })
    // A real calendar day: Date.parse would read 2027-02-30 as 2 March.
    .refine((v) => isLocalDateTime(`${v}T00:00`), { error: 'invalidDate' }),
});

/** Whether a URL segment can be an id at all (anything else is a 404, not a query). */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;
