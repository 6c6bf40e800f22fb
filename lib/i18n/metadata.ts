import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

type Props = { params: Promise<{ locale: string }> };

/** A page's generateMetadata whose title is `namespace.key` in the page's language. */
export function pageTitle(namespace: string, key = 'title') {
  return async ({ params }: Props): Promise<Metadata> => {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace });
    return { title: t(key) };
  };
}
