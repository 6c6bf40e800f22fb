type Figure = { key: string; label: string; value: string; detail?: string };

/** The few numbers a dashboard opens with, side by side on a desktop, stacked on a phone. */
export function KeyFigures({ label, figures }: { label: string; figures: Figure[] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w" aria-label={label}>
      {figures.map((f) => (
        <li key={f.key} className="fr-col-12 fr-col-md-4" data-testid={`figure-${f.key}`}>
          <div className="fr-p-3w" style={{ border: '1px solid var(--border-default-grey)' }}>
            <p className="fr-text--sm fr-mb-1v">{f.label}</p>
            <p className="fr-h3 fr-mb-0">{f.value}</p>
            {f.detail ? <p className="fr-text--xs fr-mb-0 fr-mt-1v">{f.detail}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
