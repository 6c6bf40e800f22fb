// createVerifyingFetch against a real local HTTP server playing the identity provider:
// discovery document, JWKS and endpoints answering whatever each test sets. No fetch mock.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createVerifyingFetch,
  type OidcSettings,
  oidcSettings,
  UnverifiedTokenError,
} from '@/lib/auth/proconnect';

// next-auth's entry imports `next/server` without an extension, which plain Node ESM
// (vitest's external modules) cannot resolve. Only its `customFetch` symbol is used
// here, and next-auth re-exports it from @auth/core: take it from there.
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
type Canned = { status?: number; type: string; body: string };
type Seen = { method: string; path: string; body: string; authorization?: string };

const CLIENT_ID = 'passerelle-unit';
const KID = 'idp-key-1';

let server: http.Server;
let issuer: string;
let idpKey: KeyPair;
let rogueKey: KeyPair;
let routes: Map<string, Canned>;
let seen: Seen[];

beforeAll(async () => {
  idpKey = await generateKeyPair('RS256', { extractable: true });
  rogueKey = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(idpKey.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', issuer).pathname;
      seen.push({
        method: req.method ?? 'GET',
        path,
        body: Buffer.concat(chunks).toString('utf8'),
        authorization: req.headers.authorization,
      });
      if (path === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
        return;
      }
      if (path === '/jwks') {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.end(JSON.stringify({ keys: [publicJwk] }));
        return;
      }
      const canned = routes.get(path);
      if (!canned) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(canned.status ?? 200, { 'content-type': canned.type, 'x-idp': 'local' });
      res.end(canned.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  routes = new Map();
  seen = [];
});

const settings = (): OidcSettings => ({
  id: 'proconnect',
  name: 'ProConnect',
  issuer,
  clientId: CLIENT_ID,
  clientSecret: 'secret',
  scope: 'openid email given_name usual_name',
});

const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: CLIENT_ID,
  sub: 'agent-42',
  email: 'agent@interieur.gouv.fr',
  given_name: 'Agent',
  usual_name: 'Public',
  ...over,
});

const sign = (payload: JWTPayload, key: CryptoKey = idpKey.privateKey, kid = KID) =>
  new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

const serveUserinfo = (jwt: string) =>
  routes.set('/userinfo', { type: 'application/jwt; charset=utf-8', body: jwt });

const fetchUserinfo = () =>
  createVerifyingFetch(settings())(`${issuer}/userinfo`, {
    headers: { authorization: 'Bearer at-1' },
  });

const tokenRequest = () =>
  createVerifyingFetch(settings())(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c-1' }),
  });

describe('createVerifyingFetch: signed userinfo', () => {
  it('passes a userinfo JWT signed by the provider key, body and headers intact', async () => {
    const jwt = await sign(claims());
    serveUserinfo(jwt);
    const response = await fetchUserinfo();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwt; charset=utf-8');
    expect(response.headers.get('x-idp')).toBe('local');
    expect(await response.text()).toBe(jwt);
    // The request reached the real server, then the keys were fetched from it.
    expect(seen.map((s) => s.path)).toEqual([
      '/userinfo',
      '/.well-known/openid-configuration',
      '/jwks',
    ]);
    expect(seen[0]?.authorization).toBe('Bearer at-1');
  });

  it('rejects a userinfo JWT signed by another key claiming the same kid', async () => {
    serveUserinfo(await sign(claims({ email: 'admin@passerelle.test' }), rogueKey.privateKey, KID));
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('rejects a userinfo JWT signed by a key absent from the JWKS', async () => {
    serveUserinfo(await sign(claims(), rogueKey.privateKey, 'unknown-kid'));
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('rejects a userinfo JWT for another audience', async () => {
    serveUserinfo(await sign(claims({ aud: 'another-client' })));
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('rejects a userinfo JWT from another issuer', async () => {
    serveUserinfo(await sign(claims({ iss: 'https://idp.example.test' })));
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('rejects an expired userinfo JWT', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT(claims({ iat: now - 3600, exp: now - 1800 }))
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .sign(idpKey.privateKey);
    serveUserinfo(jwt);
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('rejects an unsigned (alg: none) userinfo JWT', async () => {
    const unsigned = new UnsecuredJWT(claims()).setIssuedAt().setExpirationTime('5m').encode();
    expect(unsigned.endsWith('.')).toBe(true);
    serveUserinfo(unsigned);
    await expect(fetchUserinfo()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });

  it('names what failed and keeps the cause', async () => {
    serveUserinfo(await sign(claims(), rogueKey.privateKey));
    const error = await fetchUserinfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnverifiedTokenError);
    expect((error as Error).message).toMatch(/userinfo/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('createVerifyingFetch: token endpoint', () => {
  const tokenBody = (idToken: string) =>
    JSON.stringify({ access_token: 'at-1', token_type: 'Bearer', id_token: idToken });

  it('passes a token response whose ID token is signed by the provider, body intact', async () => {
    const body = tokenBody(await sign(claims({ nonce: 'n-1' })));
    routes.set('/token', { type: 'application/json; charset=utf-8', body });
    const response = await tokenRequest();
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/token' });
    expect(seen[0]?.body).toBe('grant_type=authorization_code&code=c-1');
  });

  it('rejects a token response carrying a forged ID token', async () => {
    const body = tokenBody(await sign(claims({ nonce: 'n-1' }), rogueKey.privateKey));
    routes.set('/token', { type: 'application/json', body });
    const error = await tokenRequest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnverifiedTokenError);
    expect((error as Error).message).toMatch(/ID token/);
  });

  it('rejects a token response whose ID token is unsigned', async () => {
    const body = tokenBody(new UnsecuredJWT(claims()).setExpirationTime('5m').encode());
    routes.set('/token', { type: 'application/json', body });
    await expect(tokenRequest()).rejects.toBeInstanceOf(UnverifiedTokenError);
  });
});

describe('createVerifyingFetch: other responses pass through', () => {
  it('passes JSON without an ID token, HTML, GET JSON and error answers unchanged', async () => {
    const cases: [string, Canned, RequestInit | undefined][] = [
      [
        '/token',
        { type: 'application/json', body: '{"access_token":"at-2","token_type":"Bearer"}' },
        { method: 'POST', body: 'x=1' },
      ],
      ['/page', { type: 'text/html; charset=utf-8', body: '<p>bonjour</p>' }, undefined],
      [
        '/userinfo-json',
        { type: 'application/json', body: '{"sub":"s","email":"a@b.c"}' },
        undefined,
      ],
      [
        '/userinfo',
        { status: 401, type: 'application/jwt', body: 'not-even-a-jwt' },
        { method: 'GET' },
      ],
      ['/broken', { type: 'application/json', body: '{not json' }, { method: 'POST' }],
    ];
    const verifyingFetch = createVerifyingFetch(settings());
    for (const [path, canned, init] of cases) {
      routes.set(path, canned);
      const response = await verifyingFetch(`${issuer}${path}`, init);
      expect(response.status, path).toBe(canned.status ?? 200);
      expect(await response.text(), path).toBe(canned.body);
    }
    // Nothing needed verifying, so the provider's keys were never fetched.
    expect(seen.some((s) => s.path === '/jwks')).toBe(false);
  });
});

describe('oidcSettings', () => {
  // Next's types make NODE_ENV a required member of ProcessEnv.
  const env = (vars: Record<string, string | undefined>) => vars as NodeJS.ProcessEnv;
  const full = {
    OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2/',
    OIDC_CLIENT_ID: 'client',
    OIDC_CLIENT_SECRET: 'secret',
  };

  it('is null unless issuer, client id and client secret are all set', () => {
    expect(oidcSettings(env({}))).toBeNull();
    for (const missing of Object.keys(full)) {
      expect(oidcSettings(env({ ...full, [missing]: undefined })), missing).toBeNull();
      expect(oidcSettings(env({ ...full, [missing]: '' })), missing).toBeNull();
    }
  });

  it('builds the ProConnect settings with defaults, without the trailing slash', () => {
    expect(oidcSettings(env(full))).toEqual({
      id: 'proconnect',
      name: 'ProConnect',
      issuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      clientId: 'client',
      clientSecret: 'secret',
      scope: 'openid email given_name usual_name',
    });
  });

  it('takes the display name and scope from the environment', () => {
    const s = oidcSettings(env({ ...full, OIDC_NAME: 'AgentConnect', OIDC_SCOPE: 'openid email' }));
    expect(s?.name).toBe('AgentConnect');
    expect(s?.scope).toBe('openid email');
  });
});
