import { z } from 'zod';
import { ActionError } from '@/lib/auth/errors';
import { translator } from '@/lib/i18n/catalogue';
import { REGISTRATION_STATUSES } from '@/lib/registrations/enums';
import { ORGANISATION_MAX } from '@/lib/registrations/validation';
import { PLACEHOLDERS, parseTemplate, type TemplateProblem } from './template';

// What an organiser sends: who to (the segment) and what (the template, in French and
// in English). Messages are catalogue keys under `validation.` (or full keys).

export const ATTENDANCE_FILTERS = ['any', 'attended', 'absent'] as const;
export type AttendanceFilter = (typeof ATTENDANCE_FILTERS)[number];

export const SUBJECT_MAX = 200;
export const BODY_MAX = 10_000;

const blankToNull = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
const asArray = (value: unknown) =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

export const segmentSchema = z.object({
  /** The registrations' statuses, at least one (confirmed people, most often). */
  statuses: z.preprocess(
    asArray,
    z
      .array(z.enum(REGISTRATION_STATUSES, { error: 'invalidChoice' }))
      .min(1, { error: 'mailings.errors.noStatus' })
      .transform((v) => [...new Set(v)].sort()),
  ),
  /** Booked for this session; none: any. */
  sessionId: z.preprocess(blankToNull, z.uuid({ error: 'invalidChoice' }).nullable()),
  /** Of this organisation, as the people wrote it; none: any. */
  organisation: z.preprocess(
    blankToNull,
    z.string().max(ORGANISATION_MAX, { error: 'tooLong' }).nullable(),
  ),
  /** From this country (ISO 3166-1 alpha-2); none: any. */
  country: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^[A-Z]{2}$/, { error: 'invalidChoice' })
      .nullable(),
  ),
  /** Checked in (at the chosen session, or anywhere at the event), or never; or either. */
  attendance: z.enum(ATTENDANCE_FILTERS, { error: 'invalidChoice' }).default('any'),
});
export type Segment = z.output<typeof segmentSchema>;

// Control characters other than line breaks and tabs, and bidirectional overrides.
const hidden = (v: string) => /\p{Cf}/u.test(v) || /\p{Cc}/u.test(v.replace(/[\n\t]/g, ''));

const subject = z
  .string({ error: 'required' })
  .transform((v) => v.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'required' })
      .max(SUBJECT_MAX, { error: 'tooLong' })
      .refine((v) => !hidden(v) && !/[\n\t]/.test(v), { error: 'invalidCharacters' }),
  );

const body = z
  .string({ error: 'required' })
  .transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, { error: 'required' })
      .max(BODY_MAX, { error: 'tooLong' })
      .refine((v) => !hidden(v), { error: 'invalidCharacters' }),
  );

export const templateSchema = z.object({
  subjectFr: subject,
  subjectEn: subject,
  bodyFr: body,
  bodyEn: body,
});
export type MailingTemplate = z.output<typeof templateSchema>;

export const mailingInputSchema = segmentSchema.extend(templateSchema.shape);
export type MailingInput = z.output<typeof mailingInputSchema>;

export const TEMPLATE_FIELDS = ['subjectFr', 'bodyFr', 'subjectEn', 'bodyEn'] as const;
type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Each field's first problem, in the order of the form. */
export function templateProblems(
  template: MailingTemplate,
): { field: TemplateField; problem: TemplateProblem }[] {
  return TEMPLATE_FIELDS.flatMap((field) => {
    const parsed = parseTemplate(template[field]);
    return parsed.ok ? [] : [{ field, problem: parsed.problem }];
  });
}

/**
 * Refuses a template with a tag or script, an unbalanced brace or an unknown
 * placeholder: the message names the first problem and its field, each field in error
 * gets its own line.
 */
export function assertValidTemplate(template: MailingTemplate): void {
  const problems = templateProblems(template);
  const [first] = problems;
  if (!first) return;
  const label = (locale: 'fr' | 'en') => translator(locale, 'mailings')(`fields.${first.field}`);
  throw new ActionError(
    `mailings.errors.${first.problem.kind}`,
    Object.fromEntries(problems.map((p) => [p.field, [`mailings.fieldErrors.${p.problem.kind}`]])),
    {
      field: { fr: label('fr'), en: label('en') },
      name: first.problem.kind === 'unknownPlaceholder' ? `{${first.problem.name}}` : '',
      allowed: PLACEHOLDERS.map((p) => `{${p}}`).join(', '),
    },
  );
}
