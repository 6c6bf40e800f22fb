import { LOCALES } from '@/lib/people/enums';

// Prerendered at build: the same page for every visitor who is not signed in.
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export { default, generateMetadata } from '@/app/[locale]/(site)/(public)/legal-notice/page';
