/**
 * A search box that reloads the page with its query (GET), keeping the page's other
 * parameters as hidden fields. Works without JavaScript.
 */
export function SearchForm({
  id,
  name,
  label,
  button,
  defaultValue,
  keep = {},
  className = 'fr-mb-3w',
}: {
  id: string;
  /** The query's parameter. */
  name: string;
  label: string;
  button: string;
  defaultValue: string;
  /** Other parameters of the page to keep (blank ones are left out). */
  keep?: Record<string, string | null | undefined>;
  className?: string;
}) {
  return (
    <search className={className}>
      <form method="get">
        {Object.entries(keep).map(([k, v]) =>
          v ? <input key={k} type="hidden" name={k} value={v} /> : null,
        )}
        <div className="fr-search-bar">
          <label className="fr-label" htmlFor={id}>
            {label}
          </label>
          <input
            className="fr-input"
            type="search"
            id={id}
            name={name}
            defaultValue={defaultValue}
            placeholder={label}
          />
          <button type="submit" className="fr-btn" title={button}>
            {button}
          </button>
        </div>
      </form>
    </search>
  );
}
