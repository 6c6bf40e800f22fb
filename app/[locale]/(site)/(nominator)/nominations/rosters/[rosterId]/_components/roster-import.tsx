'use client';

import { useTranslations } from 'next-intl';
import {
  type ChangeEvent,
  type FormEvent,
  startTransition,
  useActionState,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { DataTable } from '@/app/_components/data-table';
import { importRosterAction, previewRosterImportAction } from '@/lib/rosters/actions';
import { ROSTER_FIELDS } from '@/lib/rosters/fields';

type Props = { rosterId: string; maxBytes: number; maxRows: number };

/**
 * Two steps: the file is checked (nothing written) and its errors shown; a clean file
 * offers the import, which sends the same file again with the digest of the one checked.
 * The file is kept here, not in the form: React empties a form after its action.
 */
export function RosterImport({ rosterId, maxBytes, maxRows }: Props) {
  const t = useTranslations('rosters');
  const id = useId();
  const [preview, check, checking] = useActionState(previewRosterImportAction, null);
  const [imported, send, sending] = useActionState(importRosterAction, null);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
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

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.currentTarget.files?.[0] ?? null);
    setLocalError(null);
    setStep('choose');
  };

  const onCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Refused here already: the server would turn a bigger body away before any answer.
    if (file && file.size > maxBytes) {
      setLocalError(t('file.tooLarge', { mb: maxBytes / 1024 / 1024 }));
      return;
    }
    if (!file) {
      setLocalError(t('file.required'));
      return;
    }
    setLocalError(null);
    const data = new FormData();
    data.set('rosterId', rosterId);
    data.set('file', file);
    startTransition(() => check(data));
  };

  const checked = step === 'checked' && preview?.ok ? preview.data : null;

  const onImport = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || !checked) return;
    const data = new FormData();
    data.set('rosterId', rosterId);
    data.set('file', file);
    data.set('digest', checked.digest);
    startTransition(() => send(data));
  };

  const fileError =
    localError ??
    (step === 'checked' && preview && !preview.ok
      ? (preview.fieldErrors?.file?.[0] ?? preview.message)
      : (checked?.fileError ?? undefined));
  const ready = checked && !checked.fileError && checked.invalid === 0;

  return (
    <>
      <p className="fr-text--sm">{t('importIntro')}</p>
      <form onSubmit={onCheck} noValidate>
        <div className={`fr-upload-group${fileError ? ' fr-upload-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${id}-file`}>
            {t('file.label')}
            <span className="fr-hint-text" id={`${id}-hint`}>
              {t('file.hint', { rows: maxRows, mb: maxBytes / 1024 / 1024 })}
            </span>
          </label>
          <input
            className="fr-upload"
            type="file"
            id={`${id}-file`}
            name="file"
            accept=".csv,text/csv"
            onChange={onChange}
            aria-describedby={`${id}-hint${fileError ? ` ${id}-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError ? (
            <p className="fr-error-text" id={`${id}-error`} role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary fr-mt-2w" disabled={checking}>
          {t('check')}
        </button>
      </form>

      <div ref={result} tabIndex={-1} className="fr-mt-3w" aria-live="polite">
        {step === 'imported' && imported?.ok ? (
          <div className="fr-alert fr-alert--success fr-alert--sm">
            <p>{t('imported', imported.data)}</p>
          </div>
        ) : null}
        {checked && !checked.fileError ? (
          <section aria-labelledby={`${id}-preview`} data-testid="import-preview">
            <h3 id={`${id}-preview`} className="fr-h6">
              {t('previewTitle')}
            </h3>
            {ready ? (
              <>
                <p>
                  {t('previewReady', {
                    total: checked.total,
                    added: checked.added,
                    updated: checked.updated,
                  })}
                </p>
                <p className="fr-text--sm">{t('previewFirst', { count: checked.rows.length })}</p>
              </>
            ) : (
              <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w">
                <p>{t('previewErrors', { count: checked.invalid, total: checked.total })}</p>
                {checked.more > 0 ? <p>{t('previewMore', { count: checked.more })}</p> : null}
              </div>
            )}
            <DataTable caption={t('previewCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('rowErrors')}</th>
                  {ROSTER_FIELDS.map((f) => (
                    <th scope="col" key={f}>
                      {t(`fields.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {checked.rows.map((r) => (
                  <tr key={r.line} data-testid="preview-row">
                    <th scope="row">{r.line}</th>
                    {/* The errors wrap, so that a phone shows them without scrolling sideways. */}
                    <td style={{ minWidth: '15rem', whiteSpace: 'normal' }}>
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
                    {r.cells.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a row are fixed columns
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </DataTable>
            {ready ? (
              <form onSubmit={onImport} className="fr-mt-2w">
                {imported && !imported.ok ? (
                  <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
                    <p>{imported.message}</p>
                  </div>
                ) : null}
                <button type="submit" className="fr-btn" disabled={sending}>
                  {t('importSubmit', { count: checked.total })}
                </button>
              </form>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
