import { describe, expect, it } from 'vitest';
import { localeFromCallback, safeCallbackPath } from '@/lib/auth/locale';

describe('safeCallbackPath', () => {
  it.each([
    'https://evil.example',
    'https://evil.example/fr/admin',
    'http://localhost:3000/fr/admin',
    '//evil.example',
    '//evil.example/fr',
    '/\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'fr/admin',
    '',
    '/api/auth/signout',
    '/api/auth/callback/email?token=x',
    '/api',
    '/fr/../api/auth/signout',
    '/%2e%2e/api/auth/signout',
    '/\t/evil.example',
  ])('sends %j home', (value) => {
    expect(safeCallbackPath(value, 'fr')).toBe('/fr');
    expect(safeCallbackPath(value, 'en')).toBe('/en');
  });

  it.each([undefined, null, 42, ['/fr/admin'], { href: '/fr' }])(
    'sends a non-string (%j) home',
    (value) => {
      expect(safeCallbackPath(value, 'en')).toBe('/en');
    },
  );

  it.each(['/fr/admin/users', '/en', '/en/events/2026-colloque?tab=programme#day-2', '/fr/apiary'])(
    'keeps the same-site path %j',
    (value) => {
      expect(safeCallbackPath(value, 'fr')).toBe(value);
    },
  );
});

describe('localeFromCallback', () => {
  const link = (callbackUrl?: string) => {
    const url = new URL('http://localhost:3000/api/auth/callback/email');
    if (callbackUrl !== undefined) url.searchParams.set('callbackUrl', callbackUrl);
    url.searchParams.set('token', 'abc');
    url.searchParams.set('email', 'a@b.test');
    return url.toString();
  };

  it.each([
    ['http://localhost:3000/en/admin/users', 'en'],
    ['http://localhost:3000/en', 'en'],
    ['/en/admin', 'en'],
    ['/en', 'en'],
    ['/en?x=1', 'en'],
    ['/en#top', 'en'],
    ['http://localhost:3000/en?x=1', 'en'],
    ['http://localhost:3000/fr/admin', 'fr'],
    ['/fr', 'fr'],
    ['/english', 'fr'],
    ['/fr/en/x', 'fr'],
    ['', 'fr'],
    ['not a url', 'fr'],
  ] as const)('reads %j as %s', (callbackUrl, locale) => {
    expect(localeFromCallback(link(callbackUrl))).toBe(locale);
  });

  it('falls back to French without callback or with a malformed link', () => {
    expect(localeFromCallback(link())).toBe('fr');
    expect(localeFromCallback('not a url at all')).toBe('fr');
    expect(localeFromCallback('')).toBe('fr');
  });
});
