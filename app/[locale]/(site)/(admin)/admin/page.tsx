import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/people/enums';

export default async function AdminIndex({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  redirect({ href: '/admin/users', locale });
}
