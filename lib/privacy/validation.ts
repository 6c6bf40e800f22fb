import { z } from 'zod';
import { emailSchema } from '@/lib/people/validation';

// Erasure cannot be undone: each form has a box to tick, checked here as on the server.
const confirmed = z.literal('on', { error: 'dataRights.errors.confirm' });

export const requestErasureSchema = z.object({ confirm: confirmed });

export const erasePersonSchema = z.object({ email: emailSchema, confirm: confirmed });
export type ErasePersonInput = z.infer<typeof erasePersonSchema>;

export const eraseRequestSchema = z.object({
  requestId: z.uuid({ error: 'actions.notFound' }),
  confirm: confirmed,
});
