import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { routing } from './routing';

export const messagesByLocale = {
  fr: () => import('./messages/fr.json').then((m) => m.default),
  en: () => import('./messages/en.json').then((m) => m.default),
};

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await messagesByLocale[locale](),
    timeZone: 'Europe/Paris',
  };
});
