// A real SMTP server for the end-to-end tests: it accepts every message, parses it and
// shows it over a small HTTP API (GET /messages?to=, DELETE /messages, GET /health).
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SunkMail = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  receivedAt: string;
  headers: Record<string, string>;
};

export type SinkOptions = {
  /** Where messages are kept: pass the same array to a sink started again after a stop. */
  messages?: SunkMail[];
  /** Milliseconds to wait before accepting each message (a slow server), read per message. */
  delayMs?: () => number;
};

/** Starts the SMTP server, and its HTTP API unless httpPort is 0. */
export function startSmtpSink(smtpPort: number, httpPort: number, options: SinkOptions = {}) {
  const messages: SunkMail[] = options.messages ?? [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A stopped sink is down at once: the app's pooled connections are cut, not let finish.
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const delay = options.delayMs?.() ?? 0;
          if (delay > 0) await new Promise((r) => setTimeout(r, delay));
          const headers: Record<string, string> = {};
          for (const [k, v] of parsed.headers) headers[k] = String(v);
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content.toString('utf8'),
            })),
            receivedAt: new Date().toISOString(),
            headers,
          });
          callback();
        })
        .catch(callback);
    },
  });
  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      res.end('ok');
      return;
    }
    if (url.pathname === '/messages' && req.method === 'DELETE') {
      messages.length = 0;
      res.end('[]');
      return;
    }
    if (url.pathname === '/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  const listening = new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(smtpPort, '127.0.0.1', () => resolve());
  });
  if (httpPort > 0) api.listen(httpPort, '127.0.0.1');
  return {
    messages,
    listening,
    close: () =>
      Promise.all([
        new Promise<void>((r) => smtp.close(() => r())),
        httpPort > 0 ? new Promise<void>((r) => api.close(() => r())) : Promise.resolve(),
      ]),
  };
}

if (process.argv[1]?.endsWith('smtp-sink.ts')) {
  const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
  const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);
  startSmtpSink(smtpPort, httpPort);
  console.log(`SMTP sink on ${smtpPort}, API on ${httpPort}`);
}
