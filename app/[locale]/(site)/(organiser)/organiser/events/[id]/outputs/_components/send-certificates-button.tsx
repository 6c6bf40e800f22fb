'use client';

import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { sendCertificatesAction } from '@/lib/outputs/actions';

/** The one press that sends the event's certificates (refused, translated, if pressed again). */
export function SendCertificatesButton({
  eventId,
  label,
  success,
}: {
  eventId: string;
  label: string;
  success: string;
}) {
  const { state, action, pending } = useFormAction(sendCertificatesAction);
  return (
    <form action={action}>
      <input type="hidden" name="eventId" value={eventId} />
      <FormOutcome state={state} success={success} />
      {state?.ok ? null : (
        <button type="submit" className="fr-btn" disabled={pending}>
          {label}
        </button>
      )}
    </form>
  );
}
