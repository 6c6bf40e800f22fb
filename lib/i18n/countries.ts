import type { Locale } from '@/lib/people/enums';

let regionCodes: string[] | null = null;

/** The ISO 3166-1 alpha-2 codes the runtime can name, without grouping codes (EU, UN…). */
export function allRegionCodes(): string[] {
  if (regionCodes) return regionCodes;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Skip the user-assigned and grouping codes (EU, UN, XA…, ZZ), the exceptionally
      // reserved ones (AC, CP, DG, EA, IC, TA) and the withdrawn ones that Intl still
      // names, often as a second name of today's country (DD "Germany", UK, HV, DY…).
      if (
        /^(A[ACNP]|BU|C[PS]|D[DGY]|E[AUZ]|FX|HV|IC|N[HT]|Q[M-Z]|RH|SU|T[AP]|U[KN]|VD|X[A-Z]|Y[DU]|Z[RZ])$/.test(
          code,
        )
      ) {
        continue;
      }
      if (names.of(code)) codes.push(code);
    }
  }
  regionCodes = codes;
  return codes;
}

export function isCountryCode(value: string): boolean {
  return allRegionCodes().includes(value);
}

/** Countries as select options, named and sorted in the locale. */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  return allRegionCodes()
    .map((code) => ({ value: code, label: regions.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
