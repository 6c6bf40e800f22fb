type Props = { href: string; label: string; context: string; small?: boolean };

/** A download link to an .ics file; `context` (what it adds) completes its name for screen readers. */
export function CalendarLink({ href, label, context, small }: Props) {
  return (
    <a
      className={`fr-link fr-icon-calendar-line fr-link--icon-left${small ? ' fr-link--sm' : ''}`}
      href={href}
      download
      type="text/calendar"
    >
      {label}
      <span className="fr-sr-only">{` — ${context}`}</span>
    </a>
  );
}
