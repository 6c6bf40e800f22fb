import nodemailer, { type Transporter } from 'nodemailer';

export type MailAttachment = {
  filename: string;
  contentType: string;
  content: string;
  /** Binary content (a PDF) is kept base64-encoded. */
  encoding?: 'base64';
};

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale?: string;
  /** Small attachments (an .ics), kept in the outbox with the message. */
  attachments?: MailAttachment[];
  /** A QR code image of `text`, attached as a PNG when the message is sent. */
  qr?: { filename: string; text: string };
};

const KEY = Symbol.for('passerelle.mail.transport');
type Global = typeof globalThis & { [KEY]?: { url: string; transport: Transporter } };

/** SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS) selects a real server. */
export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export function mailFrom(): string {
  return process.env.MAIL_FROM || 'Passerelle SG-CIPDR <no-reply@passerelle.localhost>';
}

// nodemailer reads a connection URL's options from its query string only (an object
// with `url` ignores its other keys): the defaults go there, unless SMTP_URL sets them.
// A pool keeps connections open, so that a burst of confirmations is not one TCP and
// TLS handshake per message.
export function withTransportDefaults(url: string): string {
  const parsed = new URL(url);
  const defaults = {
    pool: 'true',
    maxConnections: '3',
    connectionTimeout: '10000',
    greetingTimeout: '10000',
    socketTimeout: '20000',
  };
  for (const [key, value] of Object.entries(defaults)) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}

export function smtpTransport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error('SMTP_URL is not set');
  const g = globalThis as Global;
  if (g[KEY]?.url !== url) {
    g[KEY] = { url, transport: nodemailer.createTransport(withTransportDefaults(url)) };
  }
  return g[KEY].transport;
}
