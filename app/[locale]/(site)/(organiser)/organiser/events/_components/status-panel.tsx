'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import { TextAreaField, TextField } from '@/app/_components/form/fields';
import {
  cancelEventAction,
  changeEventStatusAction,
  deleteSessionAction,
  duplicateEventAction,
} from '@/lib/events/actions';
import type { EventStatus } from '@/lib/events/enums';
import { useRouter } from '@/lib/i18n/link';

function ResultMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state || state.ok) return null;
  return (
    <p className="fr-error-text" role="alert">
      {state.message}
    </p>
  );
}

export function StatusButtons({ eventId, status }: { eventId: string; status: EventStatus }) {
  const t = useTranslations('eventEditor');
  const [state, action, pending] = useActionState(changeEventStatusAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="eventId" value={eventId} />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        {status === 'draft' ? (
          <li>
            <button type="submit" name="to" value="published" className="fr-btn" disabled={pending}>
              {t('publish')}
            </button>
          </li>
        ) : null}
        {status === 'published' || status === 'cancelled' ? (
          <li>
            <button
              type="submit"
              name="to"
              value="archived"
              className="fr-btn fr-btn--secondary"
              disabled={pending}
            >
              {t('archive')}
            </button>
          </li>
        ) : null}
      </ul>
      <ResultMessage state={state} />
    </form>
  );
}

export function CancelForm({ eventId }: { eventId: string }) {
  const t = useTranslations('eventEditor');
  const [state, action, pending] = useActionState(cancelEventAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const typed = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      {(['reasonFr', 'reasonEn'] as const).map((field) => (
        <TextAreaField
          key={field}
          label={t(field === 'reasonFr' ? 'cancelReasonFr' : 'cancelReasonEn')}
          error={errors?.[field]?.[0]}
          name={field}
          lang={field === 'reasonFr' ? 'fr' : 'en'}
          rows={2}
          defaultValue={typed?.[field]}
        />
      ))}
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('cancelEvent')}
      </button>
      {state && !state.ok && !errors ? <ResultMessage state={state} /> : null}
    </form>
  );
}

export function DuplicateForm({ eventId }: { eventId: string }) {
  const t = useTranslations('eventEditor');
  const router = useRouter();
  const [state, action, pending] = useActionState(duplicateEventAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const typed = state && !state.ok ? state.values : undefined;
  useEffect(() => {
    if (state?.ok) router.push(`/organiser/events/${state.data.id}`);
  }, [state, router]);
  return (
    <form action={action} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <TextField
        label={t('slug')}
        hint={t('slugHint')}
        error={errors?.slug?.[0]}
        name="slug"
        defaultValue={typed?.slug}
      />
      <TextField
        type="date"
        label={t('duplicateStart')}
        error={errors?.startDate?.[0]}
        name="startDate"
        defaultValue={typed?.startDate}
      />
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={pending}>
        {t('duplicate')}
      </button>
      {state && !state.ok && !errors ? <ResultMessage state={state} /> : null}
    </form>
  );
}

export function DeleteSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const t = useTranslations('eventEditor');
  const [state, action, pending] = useActionState(deleteSessionAction, null);
  return (
    <form action={action} style={{ display: 'inline' }}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <button
        type="submit"
        className="fr-btn fr-btn--tertiary fr-btn--sm"
        aria-label={label}
        disabled={pending}
      >
        {t('deleteSession')}
      </button>
      <ResultMessage state={state} />
    </form>
  );
}
