import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { listCaughtMail, mailboxEnabled } from '@/lib/mail/mailbox';
import type { Locale } from '@/lib/people/enums';

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'mailbox' });
  return { title: t('title'), robots: { index: false } };
}

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

function Linkified({ text }: { text: string }) {
  return text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
      <a key={i} href={part} className="fr-link">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default async function MailboxPage({ params }: Props) {
  if (!mailboxEnabled()) notFound();
  const { locale } = await params;
  setRequestLocale(locale);
  const [t, format, messages] = await Promise.all([
    getTranslations('mailbox'),
    getFormatter(),
    listCaughtMail(),
  ]);
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="fr-text--lead">{t('lead')}</p>
      {messages.length === 0 ? <p>{t('empty')}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="fr-card fr-mb-3w fr-p-3w" data-testid="caught-mail">
          <h2 className="fr-h5">{m.subject}</h2>
          <p className="fr-text--sm fr-mb-1w">{t('to', { to: m.to })}</p>
          <p className="fr-text--sm">
            {t('receivedAt', {
              date: format.dateTime(m.createdAt, { dateStyle: 'long', timeStyle: 'medium' }),
            })}
          </p>
          <pre style={{ whiteSpace: 'pre-wrap' }}>
            <Linkified text={m.text} />
          </pre>
        </article>
      ))}
    </>
  );
}
