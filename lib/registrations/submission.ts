import { ActionError } from '@/lib/auth/errors';
import { type FormDefinition, type RegistrationSubmission, registrationFormSchema } from './form';
import { loadFormDefinition } from './form-definition';

const schemas = new Map<string, ReturnType<typeof registrationFormSchema>>();
const SCHEMAS_KEPT = 100;

/**
 * The schema of a form, made once per definition (zod compiles a schema the first time
 * it parses: a burst of registrations for one event shares one). The definition is the
 * key, so a form that changes gets its new schema at once.
 */
function schemaFor(form: FormDefinition) {
  const key = JSON.stringify(form);
  let schema = schemas.get(key);
  if (schema) {
    // Most recently used last: the oldest is the one let go.
    schemas.delete(key);
  } else {
    schema = registrationFormSchema(form);
    if (schemas.size >= SCHEMAS_KEPT) schemas.delete(schemas.keys().next().value as string);
  }
  schemas.set(key, schema);
  return schema;
}

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
  const parsed = schemaFor(form).safeParse({ ...raw, eventId });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '_';
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  throw new ActionError('actions.invalid', fieldErrors);
}
