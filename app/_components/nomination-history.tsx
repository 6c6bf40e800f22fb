import type { HistoryEntry } from '@/lib/nominations/queries';

export type HistoryLine = { key: string; when: string; text: string };

/**
 * A nomination's history, folded under its person: one line per change, oldest first.
 * Plain markup (no hooks), for the nominators' page and the organisers' review alike.
 */
export function NominationHistory({ label, lines }: { label: string; lines: HistoryLine[] }) {
  if (lines.length === 0) return null;
  return (
    <details className="fr-mt-1v" data-testid="nomination-history">
      <summary className="fr-text--xs fr-mb-0">{label}</summary>
      <ol className="fr-text--xs fr-mb-0">
        {lines.map((l) => (
          <li key={l.key}>
            <time>{l.when}</time> — {l.text}
          </li>
        ))}
      </ol>
    </details>
  );
}

type Translate = (key: string, values?: Record<string, string>) => string;

/**
 * The lines of a history in the page's language. Organisers see who acted; nominators
 * see their colleagues' names, and "the organisers" for the organisers' decisions.
 */
export function historyLines(
  entries: HistoryEntry[],
  audience: 'organiser' | 'nominator',
  t: Translate,
  status: (s: string) => string,
  when: (d: Date) => string,
): HistoryLine[] {
  const notes: Record<string, string> = {
    late: t('notes.late'),
    'moved up': t('notes.movedUp'),
    'no answer': t('notes.noAnswer'),
  };
  // Replacements name the other person: "replaced by: <name>", "replaces: <name>".
  const named = (note: string) => {
    const match = note.match(/^(replaced by|replaces): (.*)$/s);
    if (!match) return null;
    return t(match[1] === 'replaces' ? 'notes.replaces' : 'notes.replacedBy', {
      name: match[2] as string,
    });
  };
  return entries.map((e, i) => {
    const who =
      e.actor === null
        ? e.to === 'confirmed' || (e.to === 'declined' && e.note !== 'no answer')
          ? t('actors.nominee')
          : t('actors.platform')
        : audience === 'organiser' || e.byNominator
          ? e.actor
          : t('actors.organisers');
    const change = e.from
      ? t('changed', { from: status(e.from), to: status(e.to), who })
      : t('created', { to: status(e.to), who });
    const note = e.note ? (notes[e.note] ?? named(e.note) ?? e.note) : null;
    return {
      key: `${i}-${e.at.toISOString()}`,
      when: when(e.at),
      text: note ? `${change} (${note})` : change,
    };
  });
}
