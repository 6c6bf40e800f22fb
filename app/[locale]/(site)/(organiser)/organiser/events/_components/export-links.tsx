import { getTranslations } from 'next-intl/server';
import { EXPORT_FORMATS, type ExportKind, exportHref } from '@/lib/outputs/exports';
import type { Locale } from '@/lib/people/enums';

/** Download links of an event's lists, each in CSV and XLSX (plain links: keyboard-ready). */
export async function ExportLinks({
  eventId,
  kinds,
  locale,
}: {
  eventId: string;
  kinds: ExportKind[];
  locale: Locale;
}) {
  const t = await getTranslations('exports');
  return (
    <section className="fr-mb-3w" aria-labelledby="exports-title" data-testid="exports">
      <h2 id="exports-title" className="fr-h6 fr-mb-1w">
        {t('title')}
      </h2>
      <p className="fr-text--sm fr-mb-1w">{t('lead')}</p>
      <ul className="fr-raw-list">
        {kinds.map((kind) => (
          <li key={kind} className="fr-mb-1w">
            {EXPORT_FORMATS.map((format) => (
              <a
                key={format}
                className="fr-link fr-link--download fr-mr-3w"
                // One box each, so that a narrow screen never leaves an icon on a line alone.
                style={{ whiteSpace: 'nowrap' }}
                href={exportHref(eventId, kind, format, locale)}
                download
                aria-label={t('downloadLabel', {
                  kind: t(`kinds.${kind}`),
                  format: format.toUpperCase(),
                })}
              >
                {t('download', { kind: t(`kinds.${kind}`), format: format.toUpperCase() })}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
