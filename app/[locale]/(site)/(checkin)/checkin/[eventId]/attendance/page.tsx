import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AutoRefresh } from '@/app/_components/auto-refresh';
import { attendanceBoard } from '@/lib/attendance/queries';
import { NotFoundError } from '@/lib/auth/errors';
import { requirePermission } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/events/format';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale; eventId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'attendance.live' });
  return { title: t('title') };
}

/** Live attendance: each door's expected, present, come, late and no-shows; refreshed by itself. */
export default async function AttendancePage({ params }: Props) {
  const { locale, eventId } = await params;
  setRequestLocale(locale);
  if (!isUuid(eventId)) notFound();
  const viewer = await requirePermission(
    'checkin.scan',
    `/${locale}/checkin/${eventId}/attendance`,
    { eventId },
  );
  const now = new Date();
  const board = await attendanceBoard(viewer, eventId, locale, now).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const t = await getTranslations('attendance.live');
  return (
    <>
      <AutoRefresh seconds={10} />
      <h1>{t('heading', { title: board.title })}</h1>
      <p>
        <Link href={`/checkin/${eventId}`}>{t('back')}</Link>
      </p>
      <p className="fr-text--sm" data-testid="updated">
        {t('updated', { time: formatDateTime(now, board.timeZone, locale) })}
      </p>
      <div className="fr-table" data-testid="attendance">
        <table>
          <caption>{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.door')}</th>
              <th scope="col">{t('columns.present')}</th>
              <th scope="col">{t('columns.expected')}</th>
              <th scope="col">{t('columns.came')}</th>
              <th scope="col">{t('columns.late')}</th>
              <th scope="col">{t('columns.noShows')}</th>
            </tr>
          </thead>
          <tbody>
            {board.doors.map((d) => (
              <tr key={d.id ?? 'entrance'} data-testid="door-row">
                <th scope="row">{d.title ?? t('entrance')}</th>
                <td>{d.present}</td>
                <td>{d.expected}</td>
                <td>{d.came}</td>
                <td>{d.startsAt ? d.late : '—'}</td>
                <td>{d.noShows ?? t('notOver')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
