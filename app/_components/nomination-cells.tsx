import type { NominationDto } from '@/lib/nominations/queries';

// Cells of a nominations table, the same for the nominators and the organisers.

/** A box to tick the nomination, named for screen readers; `form` ties it to a form elsewhere. */
export function TickCell({
  id,
  label,
  form,
  defaultChecked,
}: {
  id: string;
  label: string;
  form?: string;
  defaultChecked?: boolean;
}) {
  return (
    <td>
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input
          type="checkbox"
          name="ids"
          value={id}
          id={`tick-${id}`}
          form={form}
          defaultChecked={defaultChecked}
        />
        <label className="fr-label" htmlFor={`tick-${id}`}>
          <span className="fr-sr-only">{label}</span>
        </label>
      </div>
    </td>
  );
}

/** The rank, then who the person is: name, function, unit and e-mail. */
export function PersonCells({ n }: { n: NominationDto }) {
  return (
    <>
      <td>{n.rank}</td>
      <td>
        {n.firstName} {n.lastName}
        <br />
        <span className="fr-text--xs">
          {n.function}
          {n.unit ? ` — ${n.unit}` : ''}
          {n.workingGroup ? ` — ${n.workingGroup}` : ''} · {n.email}
        </span>
      </td>
    </>
  );
}
