import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale, NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { DsfrHead, getHtmlAttributes } from '@/app/_components/dsfr/dsfr-head';
import { DsfrProvider, StartDsfrOnHydration } from '@/app/_components/dsfr/dsfr-provider';
import { SiteFooter } from '@/app/_components/site-footer';
import { SiteHeader } from '@/app/_components/site-header';
import { getViewer } from '@/lib/auth/session';
import { clientMessages } from '@/lib/i18n/client-messages';
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

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, viewer, messages] = await Promise.all([
    getTranslations('skipLinks'),
    getViewer(),
    getMessages(),
  ]);
  return (
    <html {...getHtmlAttributes({ lang: locale })}>
      <head>
        <DsfrHead
          preloadFonts={['Marianne-Regular', 'Marianne-Medium', 'Marianne-Bold']}
          doDisableFavicon={false}
        />
      </head>
      <body>
        <DsfrProvider lang={locale}>
          <StartDsfrOnHydration />
          <NextIntlClientProvider messages={clientMessages(messages)}>
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
            <SiteHeader locale={locale} viewer={viewer} />
            <main id="content" tabIndex={-1} className="fr-container fr-my-6w">
              {children}
            </main>
            <SiteFooter />
          </NextIntlClientProvider>
        </DsfrProvider>
      </body>
    </html>
  );
}
