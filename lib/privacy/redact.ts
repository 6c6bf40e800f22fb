/** The domain of the addresses that replace anonymised ones (.invalid never resolves). */
export const ANONYMISED_DOMAIN = 'anonymised.invalid';

/** Who is being anonymised: the address and the spellings of the name to look for. */
export type Identity = { email: string; names: string[] };

/** What stands where an address or a name was. */
export const REDACTED = '[…]';

function escapeRegExp(term: string) {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string in a JSON value with the terms (any case) replaced; keys kept. */
export function redactJson<T>(value: T, terms: string[]): T {
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'gi');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, REDACTED);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return terms.length === 0 ? value : (walk(value) as T);
}
