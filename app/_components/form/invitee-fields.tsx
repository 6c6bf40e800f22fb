'use client';

import { LANGUAGE_OPTIONS, SelectField, TextField } from './fields';

/**
 * The fields of someone invited by e-mail to a role (their address, name and mail
 * language), each in a grid column of `column` classes, with the form's errors and
 * values given back.
 */
export function InviteeFields({
  labels,
  column,
  err,
  value,
}: {
  labels: { email: string; name: string; locale: string };
  column: string;
  err: (name: string) => string | undefined;
  value: (name: string) => string | undefined;
}) {
  return (
    <>
      <div className={column}>
        <TextField
          name="email"
          type="email"
          spellCheck={false}
          autoComplete="off"
          label={`${labels.email} *`}
          defaultValue={value('email')}
          error={err('email')}
        />
      </div>
      <div className={column}>
        <TextField
          name="name"
          autoComplete="off"
          label={labels.name}
          defaultValue={value('name')}
          error={err('name')}
        />
      </div>
      <div className={column}>
        <SelectField
          name="locale"
          label={`${labels.locale} *`}
          options={LANGUAGE_OPTIONS}
          defaultValue={value('locale') ?? 'fr'}
          error={err('locale')}
        />
      </div>
    </>
  );
}
