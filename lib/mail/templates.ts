import { translator } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/people/enums';
import type { OutgoingMail } from './transport';

export function magicLinkMail(to: string, url: string, locale: Locale): OutgoingMail {
  const t = translator(locale, 'mail');
  return {
    to,
    locale,
    subject: t('magicLinkSubject'),
    text: t('magicLinkText', { url }),
  };
}
