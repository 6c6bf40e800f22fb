import { ActionError } from '@/lib/auth/errors';
import { type RegistrationSubmission, registrationFormSchema } from './form';
import { loadFormDefinition } from './form-definition';

/**
 * Checks a submission against its event's form (questions and sessions, read now), with
 * the same schema the browser used. Failures are an ActionError carrying the field
 * errors as catalogue keys, keyed like the form's fields (`answers.<id>`, `sessionIds`).
 */
export async function parseSubmission(
  eventId: string,
  raw: Record<string, unknown>,
): Promise<RegistrationSubmission> {
  const form = await loadFormDefinition(eventId);
  const parsed = registrationFormSchema(form).safeParse({ ...raw, eventId });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '_';
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  throw new ActionError('actions.invalid', fieldErrors);
}
