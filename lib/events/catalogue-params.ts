import { EVENT_FORMATS, EVENT_LANGUAGES, EVENT_MODES } from './enums';
import type { CatalogueFilters } from './queries';

// The catalogue's URL is its state (shareable, works without JavaScript). Anything a
// visitor can type in the address bar lands here: a value that does not parse is dropped,
// never passed on to the query.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The filters as they appear in the URL and in the form's fields. */
export type CatalogueParams = {
  period: 'upcoming' | 'past';
  q: string;
  network: string;
  workingGroup: string;
  format: string;
  language: string;
  mode: string;
  country: string;
  city: string;
  from: string;
  to: string;
  page: number;
};

export const MAX_PAGE = 10_000;
const TEXT_MAX = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function first(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() : '';
}

const oneOf = (list: readonly string[], value: string) => (list.includes(value) ? value : '');

/** A real calendar date `YYYY-MM-DD` (2027-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parsePage(value: string): number {
  if (!/^\d{1,6}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c === '\u007f';

/** Replaces control characters and caps the length of free text. */
function freeText(value: string): string {
  return Array.from(value, (c) => (isControl(c) ? ' ' : c))
    .join('')
    .slice(0, TEXT_MAX)
    .trim();
}

export function parseCatalogueParams(search: SearchParams): CatalogueParams {
  const from = first(search.from);
  const to = first(search.to);
  const country = first(search.country).toUpperCase();
  const network = first(search.network);
  const workingGroup = first(search.workingGroup);
  return {
    period: first(search.period) === 'past' ? 'past' : 'upcoming',
    q: freeText(first(search.q)),
    network: SLUG.test(network) && network.length <= 80 ? network : '',
    workingGroup: SLUG.test(workingGroup) && workingGroup.length <= 80 ? workingGroup : '',
    format: oneOf(EVENT_FORMATS, first(search.format)),
    language: oneOf(EVENT_LANGUAGES, first(search.language)),
    mode: oneOf(EVENT_MODES, first(search.mode)),
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    city: freeText(first(search.city)),
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
    page: parsePage(first(search.page)),
  };
}

/** The query's filters: empty fields left out. */
export function toCatalogueFilters(p: CatalogueParams): CatalogueFilters {
  return {
    period: p.period,
    q: p.q || undefined,
    network: p.network || undefined,
    workingGroup: p.workingGroup || undefined,
    format: (p.format || undefined) as CatalogueFilters['format'],
    language: p.language || undefined,
    mode: (p.mode || undefined) as CatalogueFilters['mode'],
    country: p.country || undefined,
    city: p.city || undefined,
    from: p.from || undefined,
    to: p.to || undefined,
    page: p.page,
  };
}

/** True when a filter other than the period and the page is set. */
export function hasFilters(p: CatalogueParams): boolean {
  return Boolean(
    p.q ||
      p.network ||
      p.workingGroup ||
      p.format ||
      p.language ||
      p.mode ||
      p.country ||
      p.city ||
      p.from ||
      p.to,
  );
}

/**
 * The query string of the catalogue with these params and `changes`: defaults (upcoming,
 * page 1, empty fields) are left out so that URLs stay short and stable.
 */
export function catalogueQuery(
  p: CatalogueParams,
  changes: Partial<CatalogueParams> = {},
): Record<string, string> {
  const merged = { ...p, ...changes };
  const out: Record<string, string> = {};
  if (merged.period === 'past') out.period = 'past';
  for (const key of [
    'q',
    'network',
    'workingGroup',
    'format',
    'language',
    'mode',
    'country',
    'city',
    'from',
    'to',
  ] as const) {
    if (merged[key]) out[key] = merged[key];
  }
  if (merged.page > 1) out.page = String(merged.page);
  return out;
}

/** Page numbers shown: the first, the last and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const list = [...shown].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of list) {
    const previous = out.at(-1);
    if (typeof previous === 'number' && p - previous > 1) out.push('gap');
    out.push(p);
  }
  return out;
}
