import { setRequestLocale } from 'next-intl/server';
import { StaticPage } from '@/app/_components/static-page';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export const generateMetadata = pageTitle('privacy');

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
