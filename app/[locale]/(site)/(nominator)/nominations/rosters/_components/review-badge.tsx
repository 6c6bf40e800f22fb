/** The "to review" flag of a roster over two years old. */
export function ReviewBadge({ label }: { label: string }) {
  return (
    <span
      className="fr-badge fr-badge--warning fr-badge--sm fr-badge--no-icon"
      data-testid="review-badge"
    >
      {label}
    </span>
  );
}
