import { getFormatter, getTranslations } from 'next-intl/server';

/** The dashboards' numbers, rates and periods, written for the page's locale. */
export async function chartFormat() {
  const [format, t] = await Promise.all([getFormatter(), getTranslations('dashboard')]);
  return {
    number: (n: number) => format.number(n),
    /** A rate as a whole percentage; "none" when there is nothing to measure against. */
    percent: (r: number | null) =>
      r === null ? t('none') : format.number(r, { style: 'percent', maximumFractionDigits: 0 }),
    /** A day ('YYYY-MM-DD') or a month ('YYYY-MM') already in the event's time zone. */
    period: (period: string) => {
      const month = period.length === 7;
      // Noon UTC of that calendar day, written in UTC: the calendar day stays the same.
      const at = new Date(`${month ? `${period}-01` : period}T12:00:00Z`);
      return month
        ? format.dateTime(at, { year: 'numeric', month: 'long', timeZone: 'UTC' })
        : format.dateTime(at, { dateStyle: 'medium', timeZone: 'UTC' });
    },
  };
}

export type ChartFormat = Awaited<ReturnType<typeof chartFormat>>;
