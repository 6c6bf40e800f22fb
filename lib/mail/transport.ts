import nodemailer, { type Transporter } from 'nodemailer';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale?: string;
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

export function smtpTransport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error('SMTP_URL is not set');
  const g = globalThis as Global;
  if (g[KEY]?.url !== url) {
    g[KEY] = {
      url,
      transport: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    };
  }
  return g[KEY].transport;
}
