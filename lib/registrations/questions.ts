import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { registrationQuestions, registrations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { lockEvent } from '@/lib/events/lock';
import { enqueue } from '@/lib/jobs/queue';
import { CONDITION_KINDS } from './enums';
import type { QuestionDef } from './form';
import { QUESTIONS_MAX } from './form';
import { loadQuestions } from './form-definition';
import type { QuestionInput } from './question-validation';

// The form builder: an event's questions, added, changed, moved and removed by its
// organisers. Each change locks the event's row, so that two organisers editing the
// form at once keep positions and conditions consistent.

const invalid = (field: string, key: string) =>
  new ActionError('actions.invalid', { [field]: [key] });

/** Option ids stay when a label stays, so that answers given before still read right. */
function withOptionIds(
  options: QuestionInput['options'],
  previous: QuestionDef['options'],
): QuestionDef['options'] {
  const used = new Set<string>();
  return options.map((o) => {
    const same = previous.find(
      (p) =>
        !used.has(p.id) &&
        (p.labelFr.toLowerCase() === o.labelFr.toLowerCase() ||
          p.labelEn.toLowerCase() === o.labelEn.toLowerCase()),
    );
    const id = same?.id ?? crypto.randomBytes(6).toString('base64url');
    used.add(id);
    return { id, ...o };
  });
}

/** A condition points at an earlier question that offers choices, with values it offers. */
function checkCondition(
  condition: QuestionInput['showIf'],
  questions: QuestionDef[],
  position: number,
) {
  if (!condition) return;
  const index = questions.findIndex((q) => q.id === condition.questionId);
  const parent = questions[index];
  if (!parent || index >= position || !CONDITION_KINDS.includes(parent.kind)) {
    throw invalid('showIfQuestionId', 'conditionInvalid');
  }
  const offered =
    parent.kind === 'yes_no' ? ['yes', 'no'] : parent.options.map((option) => option.id);
  if (!condition.values.every((v) => offered.includes(v))) {
    throw invalid('showIfValues', 'invalidChoice');
  }
}

async function lockQuestions(tx: Transaction, eventId: string) {
  await lockEvent(tx, eventId);
  return loadQuestions(tx, eventId);
}

async function renumber(tx: Transaction, ordered: QuestionDef[]) {
  for (const [position, q] of ordered.entries()) {
    await tx
      .update(registrationQuestions)
      .set({ position })
      .where(eq(registrationQuestions.id, q.id));
  }
}

async function questionEventId(questionId: string): Promise<string> {
  const [row] = await getDb()
    .select({ eventId: registrationQuestions.eventId })
    .from(registrationQuestions)
    .where(eq(registrationQuestions.id, questionId));
  if (!row) throw new NotFoundError();
  return row.eventId;
}

function values(input: QuestionInput, options: QuestionDef['options']) {
  return {
    kind: input.kind,
    purpose: input.purpose,
    labelFr: input.labelFr,
    labelEn: input.labelEn,
    helpFr: input.helpFr,
    helpEn: input.helpEn,
    required: input.purpose === 'general' && input.required,
    options,
    showIf: input.showIf,
    minValue: input.minValue,
    maxValue: input.maxValue,
  };
}

export async function addQuestion(
  viewer: Viewer | null,
  eventId: string,
  input: QuestionInput,
): Promise<string> {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const questions = await loadQuestions(tx, eventId);
    if (input.purpose !== 'general' && !questions.some((q) => q.purpose !== 'general')) {
      await schedulePurge(tx, eventId, event.endsAt);
    }
    if (questions.length >= QUESTIONS_MAX) throw new ActionError('formBuilder.tooManyQuestions');
    checkCondition(input.showIf, questions, questions.length);
    const [row] = await tx
      .insert(registrationQuestions)
      .values({
        eventId,
        position: questions.length,
        ...values(input, withOptionIds(input.options, [])),
      })
      .returning({ id: registrationQuestions.id });
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'question.create',
      subjectType: 'event',
      subjectId: eventId,
      data: { questionId: row.id },
    });
    return row.id;
  });
}

export async function updateQuestion(
  viewer: Viewer | null,
  questionId: string,
  input: QuestionInput,
): Promise<void> {
  const eventId = await questionEventId(questionId);
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const questions = await loadQuestions(tx, eventId);
    const position = questions.findIndex((q) => q.id === questionId);
    const current = questions[position];
    if (!current) throw new NotFoundError();
    if (input.purpose !== 'general' && current.purpose === 'general') {
      await schedulePurge(tx, eventId, event.endsAt);
    }
    checkCondition(input.showIf, questions, position);
    const options = withOptionIds(input.options, current.options);
    // Questions shown upon this one must still find what they wait for.
    const offered = input.kind === 'yes_no' ? ['yes', 'no'] : options.map((o) => o.id);
    const broken = questions.some(
      (q) =>
        q.showIf?.questionId === questionId &&
        (!CONDITION_KINDS.includes(input.kind) ||
          !q.showIf.values.every((v) => offered.includes(v))),
    );
    if (broken) throw invalid('kind', 'questionHasDependents');
    await tx
      .update(registrationQuestions)
      .set(values(input, options))
      .where(eq(registrationQuestions.id, questionId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'question.update',
      subjectType: 'event',
      subjectId: eventId,
      data: { questionId },
    });
  });
}

export async function deleteQuestion(viewer: Viewer | null, questionId: string): Promise<void> {
  const eventId = await questionEventId(questionId);
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const questions = await lockQuestions(tx, eventId);
    if (questions.some((q) => q.showIf?.questionId === questionId)) {
      throw new ActionError('formBuilder.questionHasDependents');
    }
    await tx
      .delete(registrationQuestions)
      .where(
        and(eq(registrationQuestions.id, questionId), eq(registrationQuestions.eventId, eventId)),
      );
    // Needs answers (diet, access) go with their question: the purge after the event
    // only finds the answers of the questions still there.
    if (questions.find((q) => q.id === questionId)?.purpose !== 'general') {
      await tx
        .update(registrations)
        .set({ answers: sql`${registrations.answers} - ${questionId}::text` })
        .where(
          and(eq(registrations.eventId, eventId), sql`${registrations.answers} ? ${questionId}`),
        );
    }
    await renumber(
      tx,
      questions.filter((q) => q.id !== questionId),
    );
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'question.delete',
      subjectType: 'event',
      subjectId: eventId,
      data: { questionId },
    });
  });
}

/** Moves a question one place up or down; never above the question it is shown upon. */
export async function moveQuestion(
  viewer: Viewer | null,
  questionId: string,
  direction: 'up' | 'down',
): Promise<void> {
  const eventId = await questionEventId(questionId);
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const questions = await lockQuestions(tx, eventId);
    const from = questions.findIndex((q) => q.id === questionId);
    const to = direction === 'up' ? from - 1 : from + 1;
    const moving = questions[from];
    const other = questions[to];
    if (!moving) throw new NotFoundError();
    if (!other) return;
    const [first, second] = direction === 'up' ? [other, moving] : [moving, other];
    if (second.showIf?.questionId === first.id) {
      throw new ActionError('formBuilder.conditionOrder');
    }
    questions[from] = other;
    questions[to] = moving;
    await renumber(tx, questions);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'question.move',
      subjectType: 'event',
      subjectId: eventId,
      data: { questionId, direction },
    });
  });
}

/** The job that erases the needs answers (diet, access) of an event the day after it. */
export const PURGE_NEEDS_QUEUE = 'registrations.purge-needs';
const DAY = 24 * 3600_000;

export async function schedulePurge(tx: Transaction, eventId: string, endsAt: Date) {
  await enqueue(tx, PURGE_NEEDS_QUEUE, { eventId }, { runAt: new Date(endsAt.getTime() + DAY) });
}

/**
 * Erases the answers that say what someone needs (diet, access) once the day after the
 * event has come; an event moved later is purged later. Returns the registrations changed.
 */
export async function purgeNeedsAnswers(eventId: string, now = new Date()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId).catch(() => null);
    if (!event) return 0;
    if (now.getTime() < event.endsAt.getTime() + DAY) {
      await schedulePurge(tx, eventId, event.endsAt);
      return 0;
    }
    const needs = (await loadQuestions(tx, eventId)).filter((q) => q.purpose !== 'general');
    if (needs.length === 0) return 0;
    const keys = sql`array[${sql.join(
      needs.map((q) => sql`${q.id}`),
      sql`, `,
    )}]::text[]`;
    const changed = await tx
      .update(registrations)
      .set({ answers: sql`${registrations.answers} - ${keys}` })
      .where(and(eq(registrations.eventId, eventId), sql`${registrations.answers} ?| ${keys}`))
      .returning({ id: registrations.id });
    await recordAudit(tx, {
      actorId: null,
      action: 'registrations.purge-needs',
      subjectType: 'event',
      subjectId: eventId,
      data: { registrations: changed.length },
    });
    return changed.length;
  });
}

const purgePayload = z.object({ eventId: z.uuid() });

/** The job handler of PURGE_NEEDS_QUEUE. */
export async function runNeedsPurge(payload: unknown): Promise<void> {
  await purgeNeedsAnswers(purgePayload.parse(payload).eventId);
}
