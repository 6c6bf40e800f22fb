'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { questionInputSchema } from './question-validation';
import { addQuestion, deleteQuestion, moveQuestion, updateQuestion } from './questions';

// The form builder's actions; each checks that the viewer organises the question's event.

const questionId = z.uuid({ error: 'invalidChoice' });

function refresh() {
  revalidatePath('/[locale]/organiser/events/[id]/form', 'page');
  revalidatePath('/[locale]/events/[slug]/register', 'page');
}

export const addQuestionAction = defineAction(
  {
    permission: 'events.manage',
    schema: questionInputSchema.and(z.object({ eventId: z.uuid({ error: 'invalidChoice' }) })),
  },
  async (input, { viewer }) => {
    const id = await addQuestion(viewer, input.eventId, input);
    refresh();
    return { id };
  },
);

export const updateQuestionAction = defineAction(
  { permission: 'events.manage', schema: questionInputSchema.and(z.object({ questionId })) },
  async (input, { viewer }) => {
    await updateQuestion(viewer, input.questionId, input);
    refresh();
    return { id: input.questionId };
  },
);

export const deleteQuestionAction = defineAction(
  { permission: 'events.manage', schema: z.object({ questionId }) },
  async (input, { viewer }) => {
    await deleteQuestion(viewer, input.questionId);
    refresh();
    return null;
  },
);

export const moveQuestionAction = defineAction(
  {
    permission: 'events.manage',
    schema: z.object({
      questionId,
      direction: z.enum(['up', 'down'], { error: 'invalidChoice' }),
    }),
  },
  async (input, { viewer }) => {
    await moveQuestion(viewer, input.questionId, input.direction);
    refresh();
    return null;
  },
);
