'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useActionState, useEffect, useId, useRef, useState } from 'react';
import { DataTable } from '@/app/_components/data-table';
import {
  importInvitationsAction,
  previewInvitationsAction,
} from '@/lib/registrations/invitation-actions';

type Props = { eventId: string; maxBytes: number; maxRows: number };

/**
 * Two steps: the file is checked (nothing written) and its rows' errors shown; only a
 * clean file offers the second step, which sends back the very text that was checked.
 */
export function CsvImport({ eventId, maxBytes, maxRows }: Props) {
  const t = useTranslations('registrations.invitations');
  const id = useId();
  const [preview, check, checking] = useActionState(previewInvitationsAction, null);
  const [imported, send, sending] = useActionState(importInvitationsAction, null);
  const [tooLarge, setTooLarge] = useState(false);
  // Which step is shown: a new check replaces the import's answer, "another file" both.
  const [step, setStep] = useState<'choose' | 'checked' | 'imported'>('choose');
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (preview) setStep('checked');
  }, [preview]);
  useEffect(() => {
    if (imported?.ok) setStep('imported');
  }, [imported]);
  useEffect(() => {
    if (step !== 'choose') result.current?.focus();
  }, [step]);

  // Bigger files are refused here: the server would turn them away before any answer.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null;
    const big = (input?.files?.[0]?.size ?? 0) > maxBytes;
    setTooLarge(big);
    if (big) event.preventDefault();
  };

  const checked = step === 'checked' && preview?.ok ? preview.data : null;
  const fileError = tooLarge
    ? t('file.tooLarge', { kb: maxBytes / 1024 })
    : step === 'checked' && preview && !preview.ok
      ? (preview.fieldErrors?.file?.[0] ?? preview.message)
      : (checked?.fileError ?? undefined);

  return (
    <>
      <p className="fr-text--sm">{t('importIntro')}</p>
      <form action={check} onSubmit={onSubmit} noValidate>
        <input type="hidden" name="eventId" value={eventId} />
        <div className={`fr-upload-group${fileError ? ' fr-upload-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${id}-file`}>
            {t('file.label')}
            <span className="fr-hint-text" id={`${id}-hint`}>
              {t('file.hint', { rows: maxRows, kb: maxBytes / 1024 })}
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id={`${id}-file`}
            name="file"
            accept=".csv,text/csv"
            aria-describedby={`${id}-hint${fileError ? ` ${id}-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError ? (
            <p className="fr-error-text" id={`${id}-error`} role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <div className="fr-select-group fr-mt-2w">
          <label className="fr-label" htmlFor={`${id}-locale`}>
            {t('defaultLocale')}
          </label>
          <select className="fr-select" id={`${id}-locale`} name="defaultLocale" defaultValue="fr">
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-mt-2w" disabled={checking}>
          {t('check')}
        </button>
      </form>

      <div ref={result} tabIndex={-1} className="fr-mt-3w" aria-live="polite">
        {step === 'imported' && imported?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm">
            <p>{t('imported', { count: imported.data.imported })}</p>
          </div>
        ) : null}
        {checked && !checked.fileError ? (
          <section aria-labelledby={`${id}-preview`}>
            <h3 id={`${id}-preview`} className="fr-h6">
              {t('previewTitle')}
            </h3>
            {checked.ready === checked.total ? (
              <p>{t('previewReady', { count: checked.ready })}</p>
            ) : (
              <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w">
                <p>{t('previewErrors', { count: checked.total - checked.ready })}</p>
              </div>
            )}
            <DataTable caption={t('previewCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('fields.email')}</th>
                  <th scope="col">{t('fields.firstName')}</th>
                  <th scope="col">{t('fields.lastName')}</th>
                  <th scope="col">{t('columns.organisation')}</th>
                  <th scope="col">{t('columns.language')}</th>
                  <th scope="col">{t('rowErrors')}</th>
                </tr>
              </thead>
              <tbody>
                {checked.rows.map((r) => (
                  <tr key={r.line} data-testid="preview-row">
                    <th scope="row">{r.line}</th>
                    {r.cells.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a row are fixed columns
                      <td key={i}>{c}</td>
                    ))}
                    <td>
                      {r.errors.length === 0 ? (
                        t('rowOk')
                      ) : (
                        <ul className="fr-raw-list">
                          {r.errors.map((e) => (
                            <li key={e} className="fr-error-text fr-mt-0">
                              {e}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {checked.ready === checked.total ? (
              <form action={send} className="fr-mt-2w">
                <input type="hidden" name="eventId" value={eventId} />
                <input type="hidden" name="defaultLocale" value={checked.defaultLocale} />
                <input type="hidden" name="csv" value={checked.csv} />
                {imported && !imported.ok ? (
                  <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
                    <p>{imported.message}</p>
                  </div>
                ) : null}
                <ul className="fr-btns-group fr-btns-group--inline-md">
                  <li>
                    <button type="submit" className="fr-btn" disabled={sending}>
                      {t('importSubmit', { count: checked.ready })}
                    </button>
                  </li>
                  <li>
                    <button
                      type="button"
                      className="fr-btn fr-btn--tertiary"
                      onClick={() => setStep('choose')}
                    >
                      {t('otherFile')}
                    </button>
                  </li>
                </ul>
              </form>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
