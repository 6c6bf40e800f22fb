import { setRequestLocale } from 'next-intl/server';
import { StaticPage } from '@/app/_components/static-page';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('accessibility');

export default async function AccessibilityPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return (
    <StaticPage
      namespace="accessibility"
      sections={[
        ['status', 'statusBody'],
        ['commitment', null],
        ['feedback', 'feedbackBody'],
        ['remedy', 'remedyBody'],
      ]}
    />
  );
}
