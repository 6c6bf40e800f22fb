'use client';

import { type ReactNode, useActionState } from 'react';
import type { ActionResult } from '@/lib/auth/action';

type FormAction<T> = (previous: ActionResult<T> | null, data: FormData) => Promise<ActionResult<T>>;

/**
 * A form bound to a server action (defineAction): its last answer, and when refused,
 * each field's first error and what was typed in it, to show the form again as it was.
 */
export function useFormAction<T>(serverAction: FormAction<T>) {
  const [state, action, pending] = useActionState(serverAction, null);
  const failed = state && !state.ok ? state : null;
  return {
    state,
    action,
    pending,
    failed,
    err: (name: string) => failed?.fieldErrors?.[name]?.[0],
    value: (name: string) => failed?.values?.[name],
  };
}

/**
 * What became of a form's last submission, read out by screen readers: a success
 * message, or the refusal (with optional details under it).
 */
export function FormOutcome({
  state,
  success,
  children,
}: {
  state: ActionResult<unknown> | null;
  /** Shown after a success; none: nothing is said. */
  success?: ReactNode;
  /** More lines under a refusal (e.g. an error not tied to one field). */
  children?: ReactNode;
}) {
  return (
    <div aria-live="polite">
      {state?.ok && success ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
          <p>{success}</p>
        </div>
      ) : null}
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{state.message}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}
