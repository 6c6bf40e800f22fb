import { getTranslations } from 'next-intl/server';
import { ticketQrPath } from '@/lib/registrations/ticket';

/** The QR ticket of a confirmed registration, drawn as one SVG path. */
export async function Ticket({ ticketCode }: { ticketCode: string }) {
  const t = await getTranslations('registrations.manage');
  const { size, d } = ticketQrPath(ticketCode);
  return (
    <section className="fr-mb-4w" aria-labelledby="ticket-title" data-testid="ticket">
      <h2 id="ticket-title" className="fr-h4">
        {t('ticketTitle')}
      </h2>
      <p className="fr-text--sm">{t('ticketHint')}</p>
      <svg
        role="img"
        aria-label={t('ticketAlt')}
        viewBox={`0 0 ${size} ${size}`}
        width="220"
        height="220"
        shapeRendering="crispEdges"
        style={{ background: '#fff', maxWidth: '100%', height: 'auto' }}
      >
        <title>{t('ticketAlt')}</title>
        <path d={d} fill="#000" />
      </svg>
      <p className="fr-text--xs fr-mt-1w" data-testid="ticket-code">
        {t('ticketCode', { code: ticketCode.slice(0, 8).toUpperCase() })}
      </p>
    </section>
  );
}
