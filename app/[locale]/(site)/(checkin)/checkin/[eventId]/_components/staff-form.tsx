'use client';

import { useTranslations } from 'next-intl';
import { InviteeFields } from '@/app/_components/form/invitee-fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { inviteCheckinStaffAction } from '@/lib/attendance/actions';

/** The event's check-in staff, and a form to invite one more (organisers only). */
export function StaffForm({
  eventId,
  staff,
}: {
  eventId: string;
  staff: { email: string; name: string | null }[];
}) {
  const t = useTranslations('attendance.staff');
  const { state, action, pending, err, value } = useFormAction(inviteCheckinStaffAction);
  return (
    <>
      <p>{t('intro')}</p>
      {staff.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul data-testid="staff">
          {staff.map((p) => (
            <li key={p.email}>{p.name ? `${p.name} <${p.email}>` : p.email}</li>
          ))}
        </ul>
      )}
      {/* A new key after each success empties the form for the next person. */}
      <form action={action} noValidate key={state?.ok ? state.data.email : 'form'}>
        <input type="hidden" name="eventId" value={eventId} />
        <FormOutcome
          state={state}
          success={state?.ok ? t('invited', { email: state.data.email }) : null}
        />
        <div className="fr-grid-row fr-grid-row--gutters">
          <InviteeFields
            labels={{ email: t('email'), name: t('name'), locale: t('locale') }}
            column="fr-col-12 fr-col-md-4"
            err={err}
            value={value}
          />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-mt-2w" disabled={pending}>
          {t('invite')}
        </button>
      </form>
    </>
  );
}
