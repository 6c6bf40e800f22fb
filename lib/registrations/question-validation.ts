import { z } from 'zod';
import { containsMarkup } from '@/lib/text/markdown';
import { CHOICE_KINDS, QUESTION_KINDS, QUESTION_PURPOSES } from './enums';

// The form builder's question, shared by its react-hook-form form and the server action.
// Options are typed one per line, "French label | English label" (one label: both).

export const QUESTION_LABEL_MAX = 300;
export const QUESTION_HELP_MAX = 1000;
export const OPTIONS_MAX = 50;

const HIDDEN = /[\p{Cc}\p{Cf}]/u;

const text = (max: number, required: boolean) =>
  z
    .string({ error: 'required' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, { error: 'required' })
        .max(max, { error: 'tooLong' })
        .refine((v) => !HIDDEN.test(v), { error: 'invalidCharacters' })
        .refine((v) => !containsMarkup(v), { error: 'noHtml' }),
    );

const checkbox = z.preprocess(
  (v) => v === true || v === 'true' || v === 'on',
  z.boolean({ error: 'invalidChoice' }),
);

const optionalInteger = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? null : v),
  z.coerce
    .number({ error: 'invalidNumber' })
    .int({ error: 'invalidNumber' })
    .min(-1_000_000_000, { error: 'invalidNumber' })
    .max(1_000_000_000, { error: 'invalidNumber' })
    .nullable(),
);

export type OptionLabels = { labelFr: string; labelEn: string };

/** "Végétarien | Vegetarian" lines into labels; blank lines are skipped. */
export function parseOptionLines(lines: string): OptionLabels[] {
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [fr = '', en = ''] = line.split('|').map((part) => part.trim());
      return { labelFr: fr, labelEn: en || fr };
    });
}

export function optionLines(options: OptionLabels[]): string {
  return options
    .map((o) => (o.labelEn === o.labelFr ? o.labelFr : `${o.labelFr} | ${o.labelEn}`))
    .join('\n');
}

const values = z.preprocess(
  (v) => (v === undefined || v === null || v === false ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(100, { error: 'invalidChoice' })).max(OPTIONS_MAX, {
    error: 'invalidChoice',
  }),
);

export const questionInputSchema = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: 'invalidChoice' }),
    purpose: z.enum(QUESTION_PURPOSES, { error: 'invalidChoice' }).default('general'),
    labelFr: text(QUESTION_LABEL_MAX, true),
    labelEn: text(QUESTION_LABEL_MAX, true),
    helpFr: text(QUESTION_HELP_MAX, false).default(''),
    helpEn: text(QUESTION_HELP_MAX, false).default(''),
    required: checkbox.default(false),
    options: z.string({ error: 'invalidChoice' }).max(20_000, { error: 'tooLong' }).default(''),
    showIfQuestionId: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.uuid({ error: 'invalidChoice' }).optional(),
    ),
    showIfValues: values,
    minValue: optionalInteger,
    maxValue: optionalInteger,
  })
  .transform((q, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const choice = CHOICE_KINDS.includes(q.kind);
    const options = choice ? parseOptionLines(q.options) : [];
    if (choice) {
      if (options.length < 2) issue('options', 'optionsTooFew');
      if (options.length > OPTIONS_MAX) issue('options', 'optionsTooMany');
      const seen = new Set<string>();
      for (const o of options) {
        if (
          o.labelFr.length > QUESTION_LABEL_MAX ||
          o.labelEn.length > QUESTION_LABEL_MAX ||
          HIDDEN.test(o.labelFr + o.labelEn) ||
          containsMarkup(o.labelFr + o.labelEn)
        ) {
          issue('options', 'optionInvalid');
          break;
        }
        const key = o.labelFr.toLowerCase();
        if (seen.has(key)) issue('options', 'optionDuplicate');
        seen.add(key);
      }
    }
    const number = q.kind === 'number';
    if (number && q.minValue !== null && q.maxValue !== null && q.maxValue < q.minValue) {
      issue('maxValue', 'numberBounds');
    }
    if (q.showIfQuestionId && q.showIfValues.length === 0) issue('showIfValues', 'required');
    // Needs are never required: a person says what they need if they wish.
    const needs = q.purpose !== 'general';
    if (needs && q.required) issue('required', 'needsOptional');
    return {
      kind: q.kind,
      purpose: q.purpose,
      labelFr: q.labelFr,
      labelEn: q.labelEn,
      helpFr: q.helpFr,
      helpEn: q.helpEn,
      required: q.required,
      options,
      showIf: q.showIfQuestionId
        ? { questionId: q.showIfQuestionId, values: [...new Set(q.showIfValues)] }
        : null,
      minValue: number ? q.minValue : null,
      maxValue: number ? q.maxValue : null,
    };
  });

export type QuestionFormInput = z.input<typeof questionInputSchema>;
export type QuestionInput = z.output<typeof questionInputSchema>;
