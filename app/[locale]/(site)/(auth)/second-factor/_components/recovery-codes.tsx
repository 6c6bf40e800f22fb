'use client';

import { useTranslations } from 'next-intl';

/** Recovery codes, shown once: the list, and the same as a text file to keep. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo?: string }) {
  const t = useTranslations('secondFactor');
  const text = `${t('fileHeading')}\n\n${codes.join('\n')}\n`;
  return (
    <section aria-labelledby="recovery-title" className="fr-mb-4w">
      <h2 id="recovery-title" className="fr-h4" tabIndex={-1}>
        {t('recoveryTitle')}
      </h2>
      <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
        <p>{t('recoveryWarning')}</p>
      </div>
      <ul data-testid="recovery-codes" className="fr-raw-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <a
            className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download="passerelle-recovery-codes.txt"
          >
            {t('download')}
          </a>
        </li>
        {continueTo ? (
          <li>
            <a className="fr-btn" href={continueTo}>
              {t('continue')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
