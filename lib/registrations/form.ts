import { z } from 'zod';
import { isCountryCode } from '@/lib/i18n/countries';
import type { OrganisationKind } from '@/lib/people/enums';
import { ORGANISATION_KINDS } from '@/lib/people/enums';
import { containsMarkup } from '@/lib/text/markdown';
import type { QuestionKind, QuestionPurpose } from './enums';
import { registrationInputSchema } from './validation';

// An event's registration form: the fixed fields, the organiser's questions and the
// parallel sessions to choose among. One zod schema is built from it, and checks the
// form in the browser (react-hook-form) and the submission on the server. Nothing here
// reads the database: the server loads the definition (form-definition.ts).

export type QuestionDef = {
  id: string;
  kind: QuestionKind;
  purpose: QuestionPurpose;
  required: boolean;
  labelFr: string;
  labelEn: string;
  helpFr: string;
  helpEn: string;
  options: { id: string; labelFr: string; labelEn: string }[];
  showIf: { questionId: string; values: string[] } | null;
  minValue: number | null;
  maxValue: number | null;
};

export type SessionChoiceDef = {
  id: string;
  /** Sessions that overlap in time share a slot: one choice per slot. */
  slot: number;
  titleFr: string;
  titleEn: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  capacity: number | null;
  /** Seats left when the form was shown (informative: the server counts again). */
  seatsLeft: number | null;
  /** Kinds of organisation admitted; empty: everyone. */
  organisationKinds: OrganisationKind[];
};

export type FormDefinition = { questions: QuestionDef[]; sessions: SessionChoiceDef[] };

export const SHORT_ANSWER_MAX = 300;
export const LONG_ANSWER_MAX = 4000;
/** Most answers a form takes: more questions than this cannot exist on one event. */
export const QUESTIONS_MAX = 60;

const HIDDEN_LINE = /[\p{Cc}\p{Cf}]/u;
const FORMAT = /\p{Cf}/u;

/** Long answers keep their line breaks and tabs; other control characters are refused. */
function hiddenInText(v: string): boolean {
  if (FORMAT.test(v)) return true;
  for (const c of v) {
    const n = c.codePointAt(0) ?? 0;
    if ((n < 32 && n !== 9 && n !== 10) || (n >= 127 && n <= 159)) return true;
  }
  return false;
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === false ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

/** The answer given to a question, cleaned, or an error key. */
function parseAnswer(q: QuestionDef, raw: unknown): { value: AnswerValue } | { error: string } {
  const optionIds = new Set(q.options.map((o) => o.id));
  switch (q.kind) {
    case 'short_text':
    case 'long_text': {
      if (typeof raw !== 'string') return { error: 'invalidChoice' };
      const v = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
      const max = q.kind === 'short_text' ? SHORT_ANSWER_MAX : LONG_ANSWER_MAX;
      if (v.length > max) return { error: 'tooLong' };
      if (q.kind === 'short_text' ? HIDDEN_LINE.test(v) : hiddenInText(v)) {
        return { error: 'invalidCharacters' };
      }
      if (containsMarkup(v)) return { error: 'noHtml' };
      return { value: v };
    }
    case 'single_choice':
      return typeof raw === 'string' && optionIds.has(raw)
        ? { value: raw }
        : { error: 'invalidChoice' };
    case 'multiple_choice': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (!list.every((v) => typeof v === 'string' && optionIds.has(v))) {
        return { error: 'invalidChoice' };
      }
      // Kept in the organiser's order, each once.
      return { value: q.options.map((o) => o.id).filter((id) => list.includes(id)) };
    }
    case 'yes_no':
      return raw === 'yes' || raw === 'no' ? { value: raw } : { error: 'invalidChoice' };
    case 'date': {
      const m = typeof raw === 'string' ? DATE.exec(raw.trim()) : null;
      if (!m) return { error: 'invalidDate' };
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const at = new Date(Date.UTC(y, mo - 1, d));
      if (y < 1900 || y > 2200 || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
        return { error: 'invalidDate' };
      }
      return { value: m[0] };
    }
    case 'country': {
      const v = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
      return isCountryCode(v) ? { value: v } : { error: 'invalidCountry' };
    }
    case 'number': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
      const v = text.trim().replace(',', '.');
      if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(v)) return { error: 'invalidNumber' };
      const n = Number(v);
      if (q.minValue !== null && n < q.minValue) return { error: 'numberTooSmall' };
      if (q.maxValue !== null && n > q.maxValue) return { error: 'numberTooLarge' };
      return { value: n };
    }
  }
}

/** Whether a question is shown, given the answers to the questions before it. */
export function isShown(q: QuestionDef, answers: Record<string, unknown>, all: QuestionDef[]) {
  if (!q.showIf) return true;
  const { questionId, values } = q.showIf;
  const parent = all.find((p) => p.id === questionId);
  // A condition on a question that is itself hidden is not met.
  if (!parent || !isShown(parent, answers, all)) return false;
  const given = answers[questionId];
  const list = Array.isArray(given) ? given : [given];
  return list.some((v) => typeof v === 'string' && values.includes(v));
}

/** The sessions a person of this kind of organisation may choose. */
export function sessionAllowed(s: SessionChoiceDef, kind: OrganisationKind | undefined) {
  return (
    s.organisationKinds.length === 0 || (kind !== undefined && s.organisationKinds.includes(kind))
  );
}

const answersInput = z.record(z.string(), z.unknown(), { error: 'invalidChoice' });

const sessionIdsInput = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.unknown(), { error: 'invalidChoice' }).max(100, { error: 'invalidChoice' }),
);

const organisationKindInput = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.enum(ORGANISATION_KINDS, { error: 'invalidChoice' }).optional(),
);

/** The fixed fields with loose answers and sessions: what every submission must look like. */
export const registrationEnvelopeSchema = registrationInputSchema.extend({
  organisationKind: organisationKindInput,
  answers: answersInput.default({}),
  sessionIds: sessionIdsInput,
});

/**
 * The schema of one event's form. Answers to hidden questions are dropped, unknown
 * question ids (another event's, forged) and sessions that are not on offer are refused,
 * one session per time slot, sessions reserved to some kinds of organisation checked
 * against the kind declared.
 */
export function registrationFormSchema(form: FormDefinition) {
  const byId = new Map(form.questions.map((q) => [q.id, q]));
  const sessions = new Map(form.sessions.map((s) => [s.id, s]));
  // Answers and sessions are checked field by field, so that their errors show with those
  // of the fixed fields; the access rules, which read the kind of organisation, after.
  const answers = answersInput.default({}).transform((given, ctx) => {
    const kept: Answers = {};
    for (const key of Object.keys(given)) {
      if (!byId.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknownQuestion' });
    }
    for (const q of form.questions) {
      if (!isShown(q, given, form.questions)) continue;
      const raw = given[q.id];
      if (isEmpty(raw)) {
        if (q.required) ctx.addIssue({ code: 'custom', path: [q.id], message: 'required' });
        continue;
      }
      const parsed = parseAnswer(q, raw);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', path: [q.id], message: parsed.error });
      } else {
        kept[q.id] = parsed.value;
      }
    }
    return kept;
  });
  const sessionIds = sessionIdsInput.transform((given, ctx) => {
    const chosen: string[] = [];
    const slots = new Set<number>();
    for (const raw of given) {
      if (raw === '' || raw === false) continue;
      const s = typeof raw === 'string' ? sessions.get(raw) : undefined;
      if (!s) {
        ctx.addIssue({ code: 'custom', message: 'invalidSession' });
      } else if (slots.has(s.slot)) {
        ctx.addIssue({ code: 'custom', message: 'oneSessionPerSlot' });
      } else {
        slots.add(s.slot);
        chosen.push(s.id);
      }
    }
    return chosen;
  });
  return registrationEnvelopeSchema.extend({ answers, sessionIds }).superRefine((input, ctx) => {
    for (const id of input.sessionIds) {
      const s = sessions.get(id);
      if (s && !sessionAllowed(s, input.organisationKind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessionIds'],
          message: input.organisationKind ? 'sessionReserved' : 'organisationKindRequired',
        });
        return;
      }
    }
  });
}

export type RegistrationSubmission = z.output<ReturnType<typeof registrationFormSchema>>;
export type RegistrationFormValues = z.input<typeof registrationEnvelopeSchema>;

/** Groups sessions that overlap in time (given in start order) into numbered slots. */
export function slotsOf<T extends { startsAt: Date; endsAt: Date }>(sorted: T[]): number[] {
  const slots: number[] = [];
  let slot = -1;
  let slotEnd = 0;
  for (const s of sorted) {
    if (s.startsAt.getTime() >= slotEnd) slot++;
    slotEnd = Math.max(slotEnd, s.endsAt.getTime());
    slots.push(slot);
  }
  return slots;
}
