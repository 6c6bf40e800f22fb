import { translator } from '@/lib/i18n/catalogue';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Certificate } from './certificates';

/** Sends a person their certificate of attendance, in their language, the PDF attached. */
export function composeCertificateMail(
  person: { email: string; firstName: string },
  certificate: Certificate,
  pdf: Buffer,
): OutgoingMail {
  const t = translator(certificate.locale, 'certificateMail');
  return {
    to: person.email,
    locale: certificate.locale,
    subject: t('subject', { title: certificate.eventTitle }),
    text: [
      t('greeting', { name: person.firstName }),
      t('body', { title: certificate.eventTitle, dates: certificate.dates }),
      t('signature'),
    ].join('\n\n'),
    attachments: [
      {
        filename: t('filename'),
        contentType: 'application/pdf',
        content: pdf.toString('base64'),
        encoding: 'base64',
      },
    ],
  };
}
