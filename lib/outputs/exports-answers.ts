import { countryName } from '@/lib/events/format';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import type { QuestionDef } from '@/lib/registrations/form';

/** An answer to a form question as the person gave it, in the reader's language. */
export function answerText(
  q: Pick<QuestionDef, 'kind' | 'options'>,
  value: unknown,
  locale: Locale,
  words: { yes: string; no: string; none: string },
): string {
  if (value === undefined || value === null || value === '') return words.none;
  if (q.kind === 'yes_no') return value === 'yes' ? words.yes : words.no;
  if (q.kind === 'country' && typeof value === 'string') return countryName(value, locale);
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
    const ids = Array.isArray(value) ? value : [value];
    return ids
      .map((v) => {
        const o = q.options.find((option) => option.id === v);
        return o ? localized(locale, o.labelFr, o.labelEn) : String(v);
      })
      .join(', ');
  }
  return String(value);
}
