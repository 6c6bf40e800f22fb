'use client';

import { type ComponentProps, type ReactNode, useId } from 'react';

// DSFR form fields for react-hook-form: pass `register(name)` as props. Each field
// ties its hint and error to the input for screen readers.

type Common = { label: ReactNode; hint?: ReactNode; error?: string };

function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined) {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined
  );
}

function Label({ id, label, hint }: { id: string; label: ReactNode; hint?: ReactNode }) {
  return (
    <label className="fr-label" htmlFor={id}>
      {label}
      {hint ? (
        <span className="fr-hint-text" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </label>
  );
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="fr-error-text" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

export function TextField({ label, hint, error, ...input }: Common & ComponentProps<'input'>) {
  const id = useId();
  return (
    <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label id={id} label={label} hint={hint} />
      <input
        className={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  ...input
}: Common & ComponentProps<'textarea'>) {
  const id = useId();
  return (
    <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label id={id} label={label} hint={hint} />
      <textarea
        className={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <ErrorText id={id} error={error} />
    </div>
  );
}

type Option = { value: string; label: string };

/** The languages of mails, each named in itself (not translated). */
export const LANGUAGE_OPTIONS: Option[] = [
  { value: 'fr', label: 'Français' },
  { value: 'en', label: 'English' },
];

export function SelectField({
  label,
  hint,
  error,
  options,
  placeholder,
  ...select
}: Common & ComponentProps<'select'> & { options: Option[]; placeholder?: string }) {
  const id = useId();
  return (
    <div className={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <Label id={id} label={label} hint={hint} />
      <select
        className={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={id} error={error} />
    </div>
  );
}

/** Checkboxes or radios sharing one name, in a fieldset with its legend. */
export function ChoiceGroup({
  legend,
  hint,
  error,
  options,
  type,
  inline,
  defaultValues,
  ...input
}: Omit<Common, 'label'> & {
  legend: ReactNode;
  options: Option[];
  type: 'checkbox' | 'radio';
  inline?: boolean;
  /** The options ticked at first, in a form not bound to react-hook-form. */
  defaultValues?: string[];
} & Omit<ComponentProps<'input'>, 'type'>) {
  const id = useId();
  const kind = type === 'checkbox' ? 'checkbox' : 'radio';
  return (
    <fieldset
      className={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${id}-legend${error ? ` ${id}-error` : ''}`}
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={`${id}-legend`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((o, i) => (
        <div
          className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`}
          key={o.value}
        >
          <div className={`fr-${kind}-group`}>
            <input
              type={type}
              id={`${id}-${i}`}
              value={o.value}
              defaultChecked={defaultValues ? defaultValues.includes(o.value) : undefined}
              {...input}
            />
            <label className="fr-label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
      {error ? (
        <div className="fr-messages-group" id={`${id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** One checkbox (an acknowledgement, a consent), with its own error. */
export function CheckboxField({
  label,
  hint,
  error,
  ...input
}: Common & Omit<ComponentProps<'input'>, 'type'>) {
  const id = useId();
  return (
    <div className={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <Label id={id} label={label} hint={hint} />
      {error ? (
        <div className="fr-messages-group" id={`${id}-error`} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </div>
  );
}
