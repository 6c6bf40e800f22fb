'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, startTransition, useState } from 'react';
import { ChoiceGroup, SelectField, TextAreaField, TextField } from '@/app/_components/form/fields';
import { FormOutcome, useFormAction } from '@/app/_components/form/use-form-action';
import { previewMailingAction, sendMailingAction, testMailingAction } from '@/lib/mailings/actions';
import { PLACEHOLDERS } from '@/lib/mailings/template';
import { ATTENDANCE_FILTERS } from '@/lib/mailings/validation';
import { MailingPreview } from './mailing-preview';

type Option = { value: string; label: string };
type Intent = 'preview' | 'test' | 'send';

/** A key for one send, so that a send clicked twice makes one mailing. */
function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Who to write to and what: previewed (how many people, the message rendered for one of
 * them), tried on oneself, then sent. The send button appears once a preview matches the
 * form as it is.
 */
export function MailingForm({
  eventId,
  statuses,
  sessions,
  organisations,
  countries,
}: {
  eventId: string;
  statuses: Option[];
  sessions: Option[];
  organisations: Option[];
  countries: Option[];
}) {
  const t = useTranslations('mailings');
  const forms = {
    preview: useFormAction(previewMailingAction),
    test: useFormAction(testMailingAction),
    send: useFormAction(sendMailingAction),
  };
  const [last, setLast] = useState<Intent | null>(null);
  const [stale, setStale] = useState(false);
  const [clientKey, setClientKey] = useState('');
  const current = last ? forms[last] : null;
  const err = (name: string) => current?.err(name);
  const pending = forms.preview.pending || forms.test.pending || forms.send.pending;
  const preview = forms.preview.state?.ok ? forms.preview.state.data : null;
  const sent = last === 'send' && forms.send.state?.ok;
  const canSend = preview && preview.count > 0 && !stale && !sent;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = (submitter?.value ?? 'preview') as Intent;
    const data = new FormData(event.currentTarget);
    if (intent === 'preview') {
      setStale(false);
      setClientKey(newClientKey());
    }
    setLast(intent);
    startTransition(() => forms[intent].action(data));
  };

  return (
    <form onSubmit={submit} onChange={() => setStale(true)} noValidate>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="clientKey" value={clientKey} />
      <input type="hidden" name="expectedCount" value={preview?.count ?? ''} />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('segmentLegend')}</legend>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            legend={t('fields.statuses')}
            name="statuses"
            type="checkbox"
            inline
            options={statuses}
            defaultValues={['confirmed']}
            error={err('statuses')}
          />
        </div>
        <div className="fr-fieldset__element">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                name="sessionId"
                label={t('fields.session')}
                options={sessions}
                placeholder={t('any')}
                error={err('sessionId')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                name="organisation"
                label={t('fields.organisation')}
                options={organisations}
                placeholder={t('any')}
                error={err('organisation')}
              />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <SelectField
                name="country"
                label={t('fields.country')}
                options={countries}
                placeholder={t('any')}
                error={err('country')}
              />
            </div>
          </div>
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            legend={t('fields.attendance')}
            hint={t('attendanceHint')}
            name="attendance"
            type="radio"
            inline
            options={ATTENDANCE_FILTERS.map((a) => ({
              value: a,
              label: t(`attendanceOptions.${a}`),
            }))}
            defaultValues={['any']}
            error={err('attendance')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-describedby="template-hint">
        <legend className="fr-fieldset__legend">{t('templateLegend')}</legend>
        <div className="fr-fieldset__element">
          <p className="fr-text--sm" id="template-hint">
            {t('templateHint')}
          </p>
          <p className="fr-text--sm fr-mb-1w">{t('placeholdersTitle')}</p>
          <ul className="fr-text--sm" data-testid="placeholders">
            {PLACEHOLDERS.map((p) => (
              <li key={p}>
                <code>{`{${p}}`}</code> — {t(`placeholders.${p}`)}
              </li>
            ))}
          </ul>
        </div>
        <div className="fr-fieldset__element">
          <div className="fr-grid-row fr-grid-row--gutters">
            {(['Fr', 'En'] as const).map((lang) => (
              <div className="fr-col-12 fr-col-md-6" key={lang}>
                <TextField
                  name={`subject${lang}`}
                  label={`${t(`fields.subject${lang}`)} *`}
                  autoComplete="off"
                  lang={lang.toLowerCase()}
                  error={err(`subject${lang}`)}
                />
                <TextAreaField
                  name={`body${lang}`}
                  label={`${t(`fields.body${lang}`)} *`}
                  rows={10}
                  lang={lang.toLowerCase()}
                  error={err(`body${lang}`)}
                />
              </div>
            ))}
          </div>
        </div>
      </fieldset>

      <div data-testid="mailing-outcome">
        {last ? (
          <FormOutcome
            state={forms[last].state}
            success={
              last === 'test' && forms.test.state?.ok
                ? t('testSent', { email: forms.test.state.data.email })
                : last === 'send' && forms.send.state?.ok
                  ? t('sent', { count: forms.send.state.data.count })
                  : null
            }
          />
        ) : null}
      </div>

      {preview ? (
        <MailingPreview preview={preview} stale={stale} />
      ) : (
        <p className="fr-text--sm">{t('previewFirst')}</p>
      )}

      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button
            type="submit"
            name="intent"
            value="preview"
            className="fr-btn fr-btn--secondary"
            disabled={pending}
          >
            {t('preview')}
          </button>
        </li>
        <li>
          <button
            type="submit"
            name="intent"
            value="test"
            className="fr-btn fr-btn--tertiary"
            disabled={pending}
          >
            {t('test')}
          </button>
        </li>
        {canSend ? (
          <li>
            <button type="submit" name="intent" value="send" className="fr-btn" disabled={pending}>
              {t('send', { count: preview.count })}
            </button>
          </li>
        ) : null}
      </ul>
    </form>
  );
}
