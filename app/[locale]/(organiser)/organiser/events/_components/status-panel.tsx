'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import {
  cancelEventAction,
  changeEventStatusAction,
  deleteSessionAction,
  duplicateEventAction,
} from '@/lib/events/actions';
import type { EventStatus } from '@/lib/events/enums';
import { useRouter } from '@/lib/i18n/navigation';

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
        <div
          className={`fr-input-group${errors?.[field] ? ' fr-input-group--error' : ''}`}
          key={field}
        >
          <label className="fr-label" htmlFor={`cancel-${field}`}>
            {t(field === 'reasonFr' ? 'cancelReasonFr' : 'cancelReasonEn')}
          </label>
          <textarea
            className="fr-input"
            id={`cancel-${field}`}
            name={field}
            lang={field === 'reasonFr' ? 'fr' : 'en'}
            rows={2}
            defaultValue={typed?.[field]}
            aria-invalid={errors?.[field] ? true : undefined}
            aria-describedby={errors?.[field] ? `cancel-${field}-error` : undefined}
          />
          {errors?.[field] ? (
            <p className="fr-error-text" id={`cancel-${field}-error`}>
              {errors[field]?.[0]}
            </p>
          ) : null}
        </div>
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
      <div className={`fr-input-group${errors?.slug ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor="duplicate-slug">
          {t('slug')}
          <span className="fr-hint-text">{t('slugHint')}</span>
        </label>
        <input
          className="fr-input"
          id="duplicate-slug"
          name="slug"
          defaultValue={typed?.slug}
          aria-invalid={errors?.slug ? true : undefined}
          aria-describedby={errors?.slug ? 'duplicate-slug-error' : undefined}
        />
        {errors?.slug ? (
          <p className="fr-error-text" id="duplicate-slug-error">
            {errors.slug[0]}
          </p>
        ) : null}
      </div>
      <div className={`fr-input-group${errors?.startDate ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor="duplicate-date">
          {t('duplicateStart')}
        </label>
        <input
          className="fr-input"
          type="date"
          id="duplicate-date"
          name="startDate"
          defaultValue={typed?.startDate}
          aria-invalid={errors?.startDate ? true : undefined}
          aria-describedby={errors?.startDate ? 'duplicate-date-error' : undefined}
        />
        {errors?.startDate ? (
          <p className="fr-error-text" id="duplicate-date-error">
            {errors.startDate[0]}
          </p>
        ) : null}
      </div>
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
