import { describe, expect, it } from 'vitest';
import { localeOr, localizedHref, localizedPath, withoutLocale } from '@/lib/i18n/paths';

describe('paths in the visitor language', () => {
  it('prefix app paths with the locale and leave other links alone', () => {
    expect(localizedPath('fr', '/')).toBe('/fr');
    expect(localizedPath('en', '/events/abc')).toBe('/en/events/abc');
    expect(localizedPath('en', '/events?period=past#top')).toBe('/en/events?period=past#top');
    expect(localizedPath('fr', 'https://example.org/x')).toBe('https://example.org/x');
    expect(localizedPath('fr', '//evil.example/x')).toBe('//evil.example/x');
    expect(localizedPath('fr', '#content')).toBe('#content');
  });

  it('turn { pathname, query } into one encoded URL, repeating array values', () => {
    expect(localizedHref('fr', { pathname: '/events', query: {} })).toBe('/fr/events');
    expect(
      localizedHref('en', {
        pathname: '/events',
        query: { q: 'jeunes & école', language: ['fr', 'en'], page: undefined },
      }),
    ).toBe('/en/events?q=jeunes+%26+%C3%A9cole&language=fr&language=en');
  });

  it('strip only a real locale prefix', () => {
    expect(withoutLocale('/fr')).toBe('/');
    expect(withoutLocale('/en/events/x')).toBe('/events/x');
    expect(withoutLocale('/french/x')).toBe('/french/x');
    expect(localeOr('en', 'fr')).toBe('en');
    expect(localeOr('de', 'fr')).toBe('fr');
    expect(localeOr(undefined, 'en')).toBe('en');
  });
});

describe('countries', () => {
  it('lists each country once, under its current code', async () => {
    const { allRegionCodes, countryOptions, isCountryCode } = await import('@/lib/i18n/countries');
    const labels = countryOptions('fr').map((o) => o.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(allRegionCodes()).toContain('DE');
    expect(allRegionCodes()).toContain('GB');
    for (const withdrawn of ['DD', 'UK', 'YU', 'EU', 'ZZ'])
      expect(isCountryCode(withdrawn)).toBe(false);
    expect(labels.length).toBeGreaterThan(240);
  });
});

describe('SMTP transport options', () => {
  it('go in the URL, where nodemailer reads them, without overriding those given', async () => {
    const { withTransportDefaults } = await import('@/lib/mail/transport');
    const url = new URL(
      withTransportDefaults('smtp://user:pa%40ss@mail.example:2525/?socketTimeout=5'),
    );
    expect(url.searchParams.get('pool')).toBe('true');
    expect(url.searchParams.get('connectionTimeout')).toBe('10000');
    expect(url.searchParams.get('socketTimeout')).toBe('5');
    expect(url.password).toBe('pa%40ss');
  });
});
