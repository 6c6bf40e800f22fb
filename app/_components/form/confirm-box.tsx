'use client';

import { useId } from 'react';

/** The box to tick before something that cannot be undone (erasure), with its error. */
export function ConfirmBox({ label, error }: { label: string; error?: string }) {
  const id = useId();
  return (
    <div className={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''} fr-mb-2w`}>
      <input
        type="checkbox"
        id={id}
        name="confirm"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
