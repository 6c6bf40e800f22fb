import { describe, expect, it } from 'vitest';
import {
  catalogueQuery,
  hasFilters,
  isIsoDate,
  pageWindow,
  parseCatalogueParams,
  toCatalogueFilters,
} from '@/lib/events/catalogue-params';

describe('parseCatalogueParams', () => {
  it('keeps valid filters', () => {
    const p = parseCatalogueParams({
      period: 'past',
      q: '  Colloquium ',
      network: 'eu-knowledge-hub',
      workingGroup: 'euhub-y-e',
      format: 'colloquium',
      language: 'en',
      mode: 'hybrid',
      country: 'fr',
      city: 'Paris',
      from: '2027-04-01',
      to: '2027-04-30',
      page: '3',
    });
    expect(p).toEqual({
      period: 'past',
      q: 'Colloquium',
      network: 'eu-knowledge-hub',
      workingGroup: 'euhub-y-e',
      format: 'colloquium',
      language: 'en',
      mode: 'hybrid',
      country: 'FR',
      city: 'Paris',
      from: '2027-04-01',
      to: '2027-04-30',
      page: 3,
    });
    expect(hasFilters(p)).toBe(true);
  });

  it('drops bad values instead of failing', () => {
    const p = parseCatalogueParams({
      period: 'future',
      format: 'colloque',
      language: 'klingon',
      mode: 'in person',
      country: 'FRA',
      network: 'RAN; drop table',
      workingGroup: '../x',
      from: '2027-02-30',
      to: 'tomorrow',
      page: 'abc',
    });
    expect(p).toMatchObject({
      period: 'upcoming',
      format: '',
      language: '',
      mode: '',
      country: '',
      network: '',
      workingGroup: '',
      from: '',
      to: '',
      page: 1,
    });
    expect(hasFilters(p)).toBe(false);
  });

  it('resets impossible page numbers to 1', () => {
    for (const page of ['-3', '0', '1.5', '1e3', '99999999', '', ' ']) {
      expect(parseCatalogueParams({ page }).page, page).toBe(1);
    }
    expect(parseCatalogueParams({ page: ['2', '5'] }).page).toBe(2);
  });

  it('caps free text and removes control characters', () => {
    const p = parseCatalogueParams({ q: `a\u0000b${'x'.repeat(500)}`, city: ['Lyon', 'Paris'] });
    expect(p.q.startsWith('a b')).toBe(true);
    expect(p.q.length).toBe(100);
    expect(p.city).toBe('Lyon');
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('27-01-01')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(false);
  });
});

describe('catalogueQuery and toCatalogueFilters', () => {
  const p = parseCatalogueParams({ format: 'webinar', page: '2', period: 'past' });

  it('leaves defaults out of the URL', () => {
    expect(catalogueQuery(p)).toEqual({ period: 'past', format: 'webinar', page: '2' });
    expect(catalogueQuery(p, { period: 'upcoming', page: 1 })).toEqual({ format: 'webinar' });
  });

  it('passes only set filters to the query', () => {
    expect(toCatalogueFilters(p)).toEqual({
      period: 'past',
      q: undefined,
      network: undefined,
      workingGroup: undefined,
      format: 'webinar',
      language: undefined,
      mode: undefined,
      country: undefined,
      city: undefined,
      from: undefined,
      to: undefined,
      page: 2,
    });
  });
});

describe('pageWindow', () => {
  it('shows the ends and two pages either side of the current one', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageWindow(20, 20)).toEqual([1, 'gap', 18, 19, 20]);
  });
});
