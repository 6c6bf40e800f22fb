import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { StaticPage } from '@/app/_components/static-page';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'legal' });
  return { title: t('title') };
}

export default async function LegalNoticePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return (
    <StaticPage
      namespace="legal"
      sections={[
        ['publisher', 'publisherBody'],
        ['director', 'directorBody'],
        ['hosting', 'hostingBody'],
        ['reuse', 'reuseBody'],
      ]}
    />
  );
}
