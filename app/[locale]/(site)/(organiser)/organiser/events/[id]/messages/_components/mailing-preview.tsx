'use client';

import { useTranslations } from 'next-intl';
import type { MailingPreview as MailingPreviewDto, RenderedMail } from '@/lib/mailings/mutations';

function Rendered({ title, mail }: { title: string; mail: RenderedMail }) {
  const t = useTranslations('mailings');
  return (
    <div className="fr-col-12 fr-col-md-6">
      <h4 className="fr-h6">{title}</h4>
      <p className="fr-text--bold fr-mb-1w">{t('subject', { subject: mail.subject })}</p>
      <div
        className="fr-p-2w"
        style={{
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          background: 'var(--background-alt-grey)',
          border: '1px solid var(--border-default-grey)',
        }}
      >
        {mail.text}
      </div>
    </div>
  );
}

/** How many people the message goes to, and the message rendered for one of them. */
export function MailingPreview({ preview, stale }: { preview: MailingPreviewDto; stale: boolean }) {
  const t = useTranslations('mailings');
  return (
    <section className="fr-mb-3w" aria-labelledby="preview-title" data-testid="preview">
      <h3 id="preview-title">{t('previewTitle')}</h3>
      <p data-testid="match-count" aria-live="polite">
        {t('matches', { count: preview.count })}
      </p>
      {stale ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p>{t('stale')}</p>
        </div>
      ) : null}
      {preview.name && preview.fr && preview.en ? (
        <>
          <p className="fr-text--sm">{t('previewFor', { name: preview.name })}</p>
          <div className="fr-grid-row fr-grid-row--gutters">
            <Rendered title={t('previewFr')} mail={preview.fr} />
            <Rendered title={t('previewEn')} mail={preview.en} />
          </div>
        </>
      ) : null}
    </section>
  );
}
