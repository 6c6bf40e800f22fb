import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DsfrHead, getHtmlAttributes } from '@/app/_components/dsfr/dsfr-head';
import { DsfrStart } from '@/app/_components/dsfr/dsfr-start';
import { ErrorTextsProvider } from '@/app/_components/error-texts';
import { SiteFooter } from '@/app/_components/site-footer';
import { requestNonce } from '@/lib/http/nonce';
import { routing } from '@/lib/i18n/routing';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'metadata' });
  return {
    title: { default: t('title'), template: `%s — ${t('title')}` },
    description: t('description'),
  };
}

// Every page is rendered for its request: the DSFR's inline colour-scheme script needs the
// request's nonce (see proxy.ts). The header, which depends on who is signed in, comes
// with the layout below.
export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, tErrors, nonce] = await Promise.all([
    getTranslations('skipLinks'),
    getTranslations('errors'),
    requestNonce(),
  ]);
  const errorTexts = {
    title: tErrors('errorTitle'),
    body: tErrors('errorBody'),
    retry: tErrors('retry'),
  };
  return (
    <html {...getHtmlAttributes({ lang: locale })}>
      <head>
        <DsfrHead
          preloadFonts={['Marianne-Regular', 'Marianne-Medium', 'Marianne-Bold']}
          doDisableFavicon={false}
          nonce={nonce}
        />
      </head>
      <body>
        <DsfrStart />
        <ErrorTextsProvider value={errorTexts}>
          <div className="fr-skiplinks">
            <nav className="fr-container" aria-label={t('label')}>
              <ul className="fr-skiplinks__list">
                <li>
                  <a className="fr-link" href="#content">
                    {t('content')}
                  </a>
                </li>
                <li>
                  <a className="fr-link" href="#footer">
                    {t('footer')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
          {children}
          <SiteFooter />
        </ErrorTextsProvider>
      </body>
    </html>
  );
}
