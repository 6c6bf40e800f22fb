import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  headerRules,
  nonceOfPolicy,
  PERMISSIONS_POLICY,
} from '@/lib/http/security-headers';
import { proxy } from '@/proxy';

/** The policy as a map of directive → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('runs no inline script without the nonce in production, and allows the QR decoder', () => {
    const csp = parse(contentSecurityPolicy({ nonce: 'abc123==' }));
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'nonce-abc123=='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).toContain("'wasm-unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(csp.get('style-src-elem')).not.toContain("'unsafe-inline'");
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it("lets the sign-in form's redirect reach the OIDC server, and upgrades over HTTPS", () => {
    const csp = parse(
      contentSecurityPolicy({
        nonce: 'n',
        https: true,
        oidcIssuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      }),
    );
    expect(csp.get('form-action')).toEqual(["'self'", 'https://auth.agentconnect.gouv.fr']);
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    // A malformed setting adds nothing.
    expect(
      parse(contentSecurityPolicy({ nonce: 'n', oidcIssuer: 'not a url' })).get('form-action'),
    ).toEqual(["'self'"]);
  });

  it('relaxes only what next dev needs', () => {
    const csp = parse(contentSecurityPolicy({ nonce: 'n', dev: true }));
    expect(csp.get('script-src')).toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('reads its nonce back', () => {
    expect(nonceOfPolicy(contentSecurityPolicy({ nonce: 'q+/Z09==' }))).toBe('q+/Z09==');
    expect(nonceOfPolicy(null)).toBeUndefined();
    expect(nonceOfPolicy("script-src 'self'")).toBeUndefined();
  });
});

describe('headerRules', () => {
  it('sends HSTS in production only, and no Referer from the addresses that carry a token', () => {
    const [all, ...tokens] = headerRules({ production: true });
    const keys = all?.headers.map((h) => h.key);
    expect(keys).toContain('Strict-Transport-Security');
    expect(keys).toEqual(
      expect.arrayContaining([
        'X-Content-Type-Options',
        'Referrer-Policy',
        'X-Frame-Options',
        'Permissions-Policy',
        'Cross-Origin-Opener-Policy',
      ]),
    );
    expect(headerRules({ production: false })[0]?.headers.map((h) => h.key)).not.toContain(
      'Strict-Transport-Security',
    );
    expect(tokens.map((t) => t.source)).toEqual(
      expect.arrayContaining(['/:locale/registrations/:token', '/api/auth/callback/:path*']),
    );
    for (const t of tokens)
      expect(t.headers).toEqual([{ key: 'Referrer-Policy', value: 'no-referrer' }]);
    expect(PERMISSIONS_POLICY).toMatch(/(^|, )camera=\(self\)/);
    expect(PERMISSIONS_POLICY).toMatch(/(^|, )microphone=\(\)/);
  });

  it('is what next.config.js answers, in production and not', async () => {
    const config = require('../../next.config.js') as { headers: () => Promise<unknown> };
    const env = process.env as Record<string, string | undefined>;
    const before = env.NODE_ENV;
    try {
      for (const production of [true, false]) {
        env.NODE_ENV = production ? 'production' : 'development';
        expect(await config.headers()).toEqual(headerRules({ production }));
      }
    } finally {
      env.NODE_ENV = before;
    }
  });
});

describe('proxy', () => {
  const authUrl = process.env.AUTH_URL;
  afterEach(() => {
    if (authUrl === undefined) delete process.env.AUTH_URL;
    else process.env.AUTH_URL = authUrl;
  });

  it("gives each page request its own nonce, in the answer's policy and in the one Next renders with", async () => {
    const first = await proxy(new NextRequest('http://localhost:3000/fr/events'));
    const second = await proxy(new NextRequest('http://localhost:3000/fr/events'));
    const policy = first.headers.get('content-security-policy');
    const nonce = nonceOfPolicy(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOfPolicy(second.headers.get('content-security-policy'))).not.toBe(nonce);
    // Forwarded to the page's rendering as a request header (Next's middleware protocol).
    expect(first.headers.get('x-middleware-override-headers')?.split(',')).toContain(
      'content-security-policy',
    );
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    // No cached rendering any more: the page is rendered for this request.
    expect(first.headers.get('x-middleware-rewrite')).toBeNull();
  });

  it('makes the locale cookie HttpOnly, and Secure over HTTPS', async () => {
    process.env.AUTH_URL = 'https://passerelle.example';
    const response = await proxy(
      new NextRequest('https://passerelle.example/en', {
        headers: { 'accept-language': 'fr', 'sec-fetch-dest': 'document' },
      }),
    );
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^NEXT_LOCALE=en;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('answers 400, translated, to a server action whose body React could not have sent', async () => {
    const action = (body: string, type: string, path = '/fr/events') =>
      proxy(
        new NextRequest(`http://localhost:3000${path}`, {
          method: 'POST',
          headers: { 'next-action': 'abc123', 'content-type': type },
          body,
        }),
      );
    for (const [body, type] of [
      ['[null,', 'text/plain;charset=UTF-8'],
      ['{"a":1}', 'text/plain;charset=UTF-8'],
      ['--x\r\nnothing', 'multipart/form-data; boundary=x'],
    ]) {
      const answer = await action(body as string, type as string);
      expect(answer.status, body).toBe(400);
      expect(await answer.text()).toMatch(/illisible/);
    }
    const english = await action('oops', 'text/plain', '/en/events');
    expect(await english.text()).toMatch(/could not be read/);
    // What React sends goes on to the action.
    const fine = await action('[null,{"email":"a@b.fr"}]', 'text/plain;charset=UTF-8');
    expect(fine.status).not.toBe(400);
  });
});
