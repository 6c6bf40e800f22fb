import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/rate-limit';
import {
  freshManageLinkExpiry,
  MANAGE_LINK_DAYS,
  manageLinkExpiresAt,
} from '@/lib/registrations/manage-link';

const DAY = 86_400_000;
const endsAt = new Date('2030-03-10T16:00:00Z');

describe('manage link expiry', () => {
  it('defaults to the event’s end plus the grace days, never past the retention', () => {
    expect(manageLinkExpiresAt({ endsAt, retentionDays: 365 }, null).getTime()).toBe(
      endsAt.getTime() + MANAGE_LINK_DAYS * DAY,
    );
    expect(manageLinkExpiresAt({ endsAt, retentionDays: 7 }, null).getTime()).toBe(
      endsAt.getTime() + 7 * DAY,
    );
    const stored = new Date('2031-01-01T00:00:00Z');
    expect(manageLinkExpiresAt({ endsAt, retentionDays: 365 }, stored)).toBe(stored);
  });

  it('gives a new link the grace days from now (after the event), bounded by the retention', () => {
    const before = new Date('2030-01-01T00:00:00Z');
    expect(freshManageLinkExpiry({ endsAt, retentionDays: 365 }, before).getTime()).toBe(
      endsAt.getTime() + MANAGE_LINK_DAYS * DAY,
    );
    const after = new Date(endsAt.getTime() + 100 * DAY);
    expect(freshManageLinkExpiry({ endsAt, retentionDays: 365 }, after).getTime()).toBe(
      after.getTime() + MANAGE_LINK_DAYS * DAY,
    );
    expect(freshManageLinkExpiry({ endsAt, retentionDays: 110 }, after).getTime()).toBe(
      endsAt.getTime() + 110 * DAY,
    );
  });
});

describe('the table of rate limits', () => {
  it('has one prefix per limit, and positive limits and windows', () => {
    const all = Object.values(LIMITS);
    expect(new Set(all.map((l) => l.prefix)).size).toBe(all.length);
    for (const l of all) {
      expect(l.limit).toBeGreaterThan(0);
      expect(l.windowSeconds).toBeGreaterThan(0);
    }
  });
});
