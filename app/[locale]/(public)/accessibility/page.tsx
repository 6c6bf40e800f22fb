import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { StaticPage } from '@/app/_components/static-page';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'accessibility' });
  return { title: t('title') };
}

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
