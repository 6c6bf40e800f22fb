import { z } from 'zod';
import { isLocalDateTime } from '@/lib/events/time';
import { LOCALES } from '@/lib/people/enums';
import {
  line,
  NAME_MAX,
  ORGANISATION_MAX,
  personEmailSchema,
} from '@/lib/registrations/validation';
import { containsMarkup } from '@/lib/text/markdown';
import { DECISIONS } from './enums';

// Shared by the forms (react-hook-form) and the server. Messages are catalogue keys under
// `validation.` (or a full key); the server adds the rules that need the database.

export const PROFILE_MAX = 2000;
export const JUSTIFICATION_MAX = 1000;
export const REASON_MAX = 1000;
/** Places one organisation may be given: far above any real meeting. */
export const QUOTA_MAX = 500;
export const QUOTAS_MAX = 200;

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const paragraph = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max, { error: 'tooLong' })
        .refine((v) => !containsMarkup(v), { error: 'noHtml' }),
    );

const localDateTime = z
  .string({ error: 'required' })
  .refine(isLocalDateTime, { error: 'invalidDateTime' });

const checkbox = z.preprocess(
  (v) => v === true || v === 'on' || v === 'true' || v === '1',
  z.boolean(),
);

const count = (max: number) =>
  z.coerce
    .number({ error: 'invalidNumber' })
    .int({ error: 'invalidNumber' })
    .min(1, { error: 'invalidNumber' })
    .max(max, { error: 'invalidNumber' });

/** A call for nominations as the organiser writes it; deadlines in the event's time zone. */
export const callInputSchema = z
  .object({
    profileFr: paragraph(PROFILE_MAX).pipe(z.string().min(1, { error: 'required' })),
    profileEn: paragraph(PROFILE_MAX).pipe(z.string().min(1, { error: 'required' })),
    nominationsCloseAt: localDateTime,
    confirmationDeadline: localDateTime,
    withdrawalDeadline: localDateTime,
    acceptsLate: checkbox.default(false),
    quotas: z
      .array(
        z.object({ organisationId: z.uuid({ error: 'invalidChoice' }), quota: count(QUOTA_MAX) }),
      )
      .min(1, { error: 'nominations.errors.noOrganisation' })
      .max(QUOTAS_MAX, { error: 'tooLong' }),
    /** Places per country of the organisations, across them (none: no limit). */
    countryQuotas: z
      .array(
        z.object({
          country: z.string().regex(/^[A-Z]{2}$/, { error: 'invalidChoice' }),
          quota: count(QUOTA_MAX),
        }),
      )
      .max(QUOTAS_MAX, { error: 'tooLong' })
      .default([]),
    /** Places per working group of the nominees, across organisations. */
    groupQuotas: z
      .array(
        z.object({ workingGroupId: z.uuid({ error: 'invalidChoice' }), quota: count(QUOTA_MAX) }),
      )
      .max(QUOTAS_MAX, { error: 'tooLong' })
      .default([]),
  })
  .superRefine((v, ctx) => {
    const full = (s: string) => (s.length === 16 ? `${s}:00` : s);
    for (const field of ['confirmationDeadline', 'withdrawalDeadline'] as const) {
      if (
        isLocalDateTime(v.nominationsCloseAt) &&
        isLocalDateTime(v[field]) &&
        full(v[field]) < full(v.nominationsCloseAt)
      ) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'nominations.errors.beforeClose' });
      }
    }
    const seen = new Set<string>();
    v.quotas.forEach((q, i) => {
      if (seen.has(q.organisationId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['quotas', i, 'organisationId'],
          message: 'nominations.errors.organisationTwice',
        });
      }
      seen.add(q.organisationId);
    });
  });

export type CallFormInput = z.input<typeof callInputSchema>;
export type CallInput = z.output<typeof callInputSchema>;

/** A person nominated, picked from the roster or typed in. */
export const nomineeSchema = z.object({
  firstName: line(NAME_MAX),
  lastName: line(NAME_MAX),
  email: personEmailSchema,
  function: line(ORGANISATION_MAX),
  unit: z.preprocess(blankToUndefined, line(ORGANISATION_MAX).optional()).transform((v) => v ?? ''),
  workingGroupId: z
    .preprocess(blankToUndefined, z.uuid({ error: 'invalidChoice' }).optional())
    .transform((v) => v ?? null),
  justification: paragraph(JUSTIFICATION_MAX).default(''),
  locale: z.enum(LOCALES, { error: 'invalidChoice' }),
});

export type NomineeFormInput = z.input<typeof nomineeSchema>;
export type Nominee = z.output<typeof nomineeSchema>;

/** One id or several: a form's checkboxes send one value per box ticked. */
export const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.uuid({ error: 'invalidChoice' }))
    .min(1, { error: 'nominations.errors.noneChosen' })
    .max(500),
);

/** An organiser's decision on nominations, one or many; a rejection gives its reason. */
export const decisionSchema = z
  .object({
    ids: idList,
    decision: z.enum(DECISIONS, { error: 'invalidChoice' }),
    reason: z.preprocess(blankToUndefined, paragraph(REASON_MAX).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'nominations.errors.reasonRequired',
      });
    }
  });

export type DecisionInput = z.output<typeof decisionSchema>;

/** Someone an organiser makes a nominator for an organisation invited to the call. */
export const nominatorSchema = z.object({
  organisationId: z.uuid({ error: 'invalidChoice' }),
  email: personEmailSchema,
  name: z.preprocess(blankToUndefined, line(NAME_MAX).optional()).transform((v) => v ?? null),
  locale: z.enum(LOCALES, { error: 'invalidChoice' }),
});

export type NominatorInput = z.output<typeof nominatorSchema>;
