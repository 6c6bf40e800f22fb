import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '@/lib/auth/config';

// Auth.js's own cookies (CSRF, callback, and the session set by the same defaults) as our
// configuration sends them, through the real route handler: over HTTPS they carry the
// __Host-/__Secure- prefix and Secure; always HttpOnly and SameSite=Lax.

const saved = { AUTH_URL: process.env.AUTH_URL, AUTH_SECRET: process.env.AUTH_SECRET };

beforeEach(() => {
  process.env.AUTH_SECRET = 'auth-cookies-test-secret-0123456789abcdef';
});
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function cookiesOf(url: string): Promise<string[]> {
  const response = await handlers.GET(new NextRequest(url));
  expect(response.status).toBe(200);
  return response.headers.getSetCookie();
}

describe('Auth.js cookies', () => {
  it('over HTTPS (AUTH_URL https): prefixed, Secure, HttpOnly, SameSite=Lax', async () => {
    process.env.AUTH_URL = 'https://passerelle.example';
    const cookies = await cookiesOf('https://passerelle.example/api/auth/csrf');
    const csrf = cookies.find((c) => c.startsWith('__Host-authjs.csrf-token='));
    const callback = cookies.find((c) => c.startsWith('__Secure-authjs.callback-url='));
    for (const cookie of [csrf, callback]) {
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
    }
  });

  it('over plain HTTP (a local run): HttpOnly and SameSite=Lax, without the prefix', async () => {
    delete process.env.AUTH_URL;
    const cookies = await cookiesOf('http://localhost:3000/api/auth/csrf');
    const csrf = cookies.find((c) => c.startsWith('authjs.csrf-token='));
    expect(csrf).toMatch(/; HttpOnly/i);
    expect(csrf).toMatch(/; SameSite=Lax/i);
    expect(csrf).not.toMatch(/; Secure/i);
  });
});
