import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { desksOf } from '@/lib/attendance/queries';
import { requireHolder } from '@/lib/auth/session';
import { formatDateTimeRange } from '@/lib/events/format';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'attendance.desk' });
  return { title: t('desks') };
}

/** The events whose doors the viewer keeps: check-in staff land here. */
export default async function DesksPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const viewer = await requireHolder('checkin.scan', `/${locale}/checkin`);
  const [desks, t] = await Promise.all([
    desksOf(viewer, locale),
    getTranslations('attendance.desk'),
  ]);
  return (
    <>
      <h1>{t('desks')}</h1>
      {desks.length === 0 ? (
        <p>{t('noDesk')}</p>
      ) : (
        <ul data-testid="desks">
          {desks.map((d) => (
            <li key={d.id}>
              <Link href={`/checkin/${d.id}`}>{d.title}</Link> —{' '}
              {formatDateTimeRange(d.startsAt, d.endsAt, d.timeZone, locale)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
