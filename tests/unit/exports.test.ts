import { describe, expect, it } from 'vitest';
import { utcToZonedLocal } from '@/lib/events/time';
import { zoneClock } from '@/lib/outputs/exports-rows';
import { columnName, xmlText } from '@/lib/outputs/exports-sheet';

describe('the export files’ small parts', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('escapes XML and drops what XML cannot carry', () => {
    expect(xmlText('a<b>&"c"\u0001\u0007\ud800 é😀\tz')).toBe(
      'a&lt;b&gt;&amp;&quot;c&quot; é😀\tz',
    );
  });

  it('writes local times as Intl does, across DST changes and in half-hour zones', () => {
    for (const zone of [
      'Europe/Paris',
      'Asia/Kolkata',
      'America/St_Johns',
      'Australia/Lord_Howe',
    ]) {
      const clock = zoneClock(zone);
      // Every 7 minutes over the March and October changes of 2030.
      for (const start of [Date.UTC(2030, 2, 29), Date.UTC(2030, 9, 25), Date.UTC(2030, 3, 5)]) {
        for (let ms = start; ms < start + 4 * 86_400_000; ms += 7 * 60_000) {
          expect(clock(new Date(ms))).toBe(utcToZonedLocal(new Date(ms), zone).replace('T', ' '));
        }
      }
    }
    expect(zoneClock('Europe/Paris')(null)).toBe('');
  });
});
