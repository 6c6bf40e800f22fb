// A real OpenID Connect server for the end-to-end tests, shaped like ProConnect: code
// flow with state + nonce, scopes `openid email given_name usual_name`, userinfo as a
// JWT signed with RS256. Any login typed into its form is accepted and becomes the
// account's e-mail. A test-only switch (POST /__test/forge `on`/`off`) makes the
// userinfo endpoint answer a forged identity signed by a key absent from the JWKS.
// Ticking "multi-factor" on its form signs in with `amr: ["pwd", "otp", "mfa"]` in the
// ID token and the userinfo answer (RFC 8176), as a provider does after a second factor;
// otherwise `["pwd"]`.
import crypto from 'node:crypto';
import http from 'node:http';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
// @ts-expect-error oidc-provider ships no type declarations; the few members used are typed below.
import ProviderClass from 'oidc-provider';
import { E2E } from './e2e-env';

/** The e-mail a forged userinfo answer claims: an administrator in the seed. */
export const FORGED_EMAIL = 'admin@passerelle.test';

type Claims = Record<string, unknown>;
type Interaction = {
  uid: string;
  prompt: { name: string; details: Record<string, string[] | undefined> };
  params: Record<string, string | undefined>;
  session?: { accountId?: string };
  grantId?: string;
};
type Grant = {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
};
type KoaContext = { path: string; status: number; body: unknown; type: string };
type OidcProvider = {
  callback(): http.RequestListener;
  use(fn: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId?: string; clientId?: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
};
const Provider = ProviderClass as new (issuer: string, config: object) => OidcProvider;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

/** ProConnect-shaped claims for a login: `prenom.nom@…` gives Prenom / Nom. */
export function profileOf(login: string): Claims {
  const email = login.trim().toLowerCase();
  const [given = '', ...rest] = (email.split('@')[0] ?? '').split(/[._-]/);
  return {
    email,
    given_name: capitalise(given) || 'Agent',
    usual_name: rest.map(capitalise).join(' ') || 'Public',
  };
}

export const subOf = (login: string) =>
  crypto.createHash('sha256').update(login.trim().toLowerCase()).digest('hex').slice(0, 32);

function loginPage(uid: string, clientId: string, error?: string) {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Connexion — fournisseur d'identité de test</title></head>
<body>
<main>
  <h1>Connexion</h1>
  <p>Fournisseur d'identité de test pour <code>${escapeHtml(clientId)}</code>.</p>
  ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
    <label for="login">Identifiant</label>
    <input id="login" name="login" type="text" required autofocus>
    <input id="mfa" name="mfa" type="checkbox" value="1">
    <label for="mfa">Authentification multifacteur</label>
    <button type="submit">Se connecter</button>
  </form>
</main>
</body>
</html>`;
}

async function readBody(req: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOidcServer(port: number = E2E.oidcPort) {
  const issuer = `http://localhost:${port}`;
  const kid = `e2e-${crypto.randomBytes(4).toString('hex')}`;
  const signing = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(signing.privateKey)), kid, alg: 'RS256', use: 'sig' };
  // The forger's key: never published, but it claims the real key's kid.
  const rogue = await generateKeyPair('RS256');
  const accounts = new Map<string, { login: string; amr: string[] }>(); // sub → last login
  let forging = false;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: E2E.oidcClientId,
        client_secret: E2E.oidcClientSecret,
        redirect_uris: [E2E.appPort, E2E.spareAppPort].map(
          (p) => `http://localhost:${p}/api/auth/callback/proconnect`,
        ),
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [signingJwk] },
    // Each ProConnect scope releases the claim of the same name.
    scopes: ['openid'],
    claims: {
      // amr with `openid`: released in the ID token and in the userinfo answer.
      openid: ['sub', 'amr'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
    },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
    },
    // next-auth's provider uses state + nonce, not PKCE.
    pkce: { required: () => false },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, ...profileOf(account.login), amr: account.amr }),
      };
    },
  });

  provider.on('server_error', (_ctx, error) => console.error('oidc server_error', error));

  // Forgery: same sub, aud and iss as the real answer, another e-mail, another key.
  provider.use(async (ctx, next) => {
    await next();
    if (!forging || ctx.path !== '/me' || ctx.status !== 200) return;
    if (ctx.type !== 'application/jwt' || typeof ctx.body !== 'string') return;
    const real = ctx.body;
    const { typ } = decodeProtectedHeader(real);
    const claims = { ...decodeJwt(real), email: FORGED_EMAIL };
    ctx.body = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, ...(typ ? { typ } : {}) })
      .sign(rogue.privateKey);
    ctx.type = 'application/jwt; charset=utf-8';
  });

  const oidc = provider.callback();

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params, uid } = details;
    const send = (status: number, html: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(html);
    };
    if (prompt.name === 'login') {
      if (req.method !== 'POST') return send(200, loginPage(uid, params.client_id ?? ''));
      const form = new URLSearchParams(await readBody(req));
      const login = form.get('login')?.trim() ?? '';
      const amr = form.get('mfa') === '1' ? ['pwd', 'otp', 'mfa'] : ['pwd'];
      if (!login) return send(400, loginPage(uid, params.client_id ?? '', 'Identifiant requis.'));
      const sub = subOf(login);
      accounts.set(sub, { login, amr });
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: sub, amr } },
        { mergeWithLastSubmission: false },
      );
    }
    if (prompt.name === 'consent') {
      // Consent is granted without asking, as for a first-party client.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session?.accountId, clientId: params.client_id });
      if (!grant) throw new Error('grant not found');
      const { missingOIDCScope, missingOIDCClaims } = prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    }
    send(501, `<p>Étape non prise en charge : ${escapeHtml(prompt.name)}</p>`);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/__test/forge') {
      if (req.method === 'POST') {
        readBody(req).then(
          (body) => {
            const value = body.trim().toLowerCase();
            if (value !== 'on' && value !== 'off') {
              res.writeHead(400).end('expected on or off');
              return;
            }
            forging = value === 'on';
            res.end(forging ? 'on' : 'off');
          },
          () => res.writeHead(400).end(),
        );
        return;
      }
      res.end(forging ? 'on' : 'off');
      return;
    }
    if (/^\/interaction\/[^/]+$/.test(url.pathname)) {
      interaction(req, res).catch((error: unknown) => {
        console.error('oidc interaction failed', error);
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(
          `Interaction impossible : ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      return;
    }
    oidc(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve());
  });

  return {
    issuer,
    setForging(on: boolean) {
      forging = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1]?.endsWith('oidc-server.ts')) {
  const port = Number(process.env.OIDC_PORT ?? E2E.oidcPort);
  startOidcServer(port).then(
    ({ issuer }) => console.log(`OIDC server at ${issuer}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
