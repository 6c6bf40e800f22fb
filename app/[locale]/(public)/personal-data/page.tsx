import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { StaticPage } from '@/app/_components/static-page';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'privacy' });
  return { title: t('title') };
}

export default async function PersonalDataPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return (
    <StaticPage
      namespace="privacy"
      sections={[
        ['purpose', 'purposeBody'],
        ['basis', 'basisBody'],
        ['data', 'dataBody'],
        ['retention', 'retentionBody'],
        ['recipients', 'recipientsBody'],
        ['rights', 'rightsBody'],
      ]}
    />
  );
}
