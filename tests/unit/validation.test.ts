import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { emailSchema, grantRoleSchema, revokeRoleSchema } from '@/lib/people/validation';

const USER = 'b7a0a4c2-0000-4000-8000-000000000001';
const ORG = '6f1c3a52-1b1e-4c2a-9a51-2f0a7a1b9c10';

/** The message of each issue, by field path, as the action wrapper reads them. */
function issues(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

describe('emailSchema', () => {
  it.each([
    'alice',
    'alice@',
    '@example.fr',
    'alice@example',
    'alice example@example.fr',
    'alice@@example.fr',
    'alice@exa mple.fr',
    'alice@example.fr>',
    '<alice@example.fr>',
    'alice@example..fr',
  ])('refuses %j as invalidEmail', (value) => {
    expect(issues(emailSchema, value)).toEqual({ _: ['invalidEmail'] });
  });

  it.each(['', '   '])('refuses %j as required', (value) => {
    expect(issues(emailSchema, value)).toEqual({ _: ['required'] });
  });

  it('refuses a missing value as required', () => {
    expect(issues(emailSchema, undefined)).toEqual({ _: ['required'] });
  });

  it('refuses an address longer than 320 characters', () => {
    const long = `${'a'.repeat(64)}@${Array(4).fill('b'.repeat(63)).join('.')}.fr`;
    expect(long.length).toBeGreaterThan(320);
    expect(issues(emailSchema, long)._).toContain('tooLong');
  });

  it('trims and lower-cases a valid address', () => {
    expect(emailSchema.parse('  Alice.Martin@Interieur.GOUV.fr ')).toBe(
      'alice.martin@interieur.gouv.fr',
    );
    expect(emailSchema.parse('jean-luc+ran@example.eu')).toBe('jean-luc+ran@example.eu');
  });
});

describe('grantRoleSchema', () => {
  it('accepts a nominator with an organisation', () => {
    expect(grantRoleSchema.parse({ userId: USER, role: 'nominator', organisationId: ORG })).toEqual(
      { userId: USER, role: 'nominator', organisationId: ORG },
    );
  });

  it('turns an empty or missing organisation into null for platform-wide roles', () => {
    expect(grantRoleSchema.parse({ userId: USER, role: 'organiser', organisationId: '' })).toEqual({
      userId: USER,
      role: 'organiser',
      organisationId: null,
    });
    expect(grantRoleSchema.parse({ userId: USER, role: 'admin' })).toEqual({
      userId: USER,
      role: 'admin',
      organisationId: null,
    });
  });

  it.each([undefined, ''])('refuses a nominator without organisation (%j)', (organisationId) => {
    expect(issues(grantRoleSchema, { userId: USER, role: 'nominator', organisationId })).toEqual({
      organisationId: ['admin.organisationRequired'],
    });
  });

  it('refuses the check-in role, which is granted from an event', () => {
    expect(issues(grantRoleSchema, { userId: USER, role: 'checkin_staff' })).toEqual({
      role: ['admin.checkinLater'],
    });
  });

  it.each(['not-a-uuid', `${ORG}x`, '6f1c3a52-1b1e-4c2a-9a51', "' or 1=1 --"])(
    'refuses the organisation id %j',
    (organisationId) => {
      expect(
        issues(grantRoleSchema, { userId: USER, role: 'nominator', organisationId }),
      ).toMatchObject({ organisationId: ['invalidChoice'] });
    },
  );

  it('refuses an unknown role and an empty user', () => {
    expect(issues(grantRoleSchema, { userId: USER, role: 'superuser' })).toEqual({
      role: ['invalidChoice'],
    });
    expect(issues(grantRoleSchema, { userId: '', role: 'admin' })).toEqual({
      userId: ['required'],
    });
    expect(issues(grantRoleSchema, { userId: 'x'.repeat(101), role: 'admin' })).toHaveProperty(
      'userId',
    );
  });
});

describe('revokeRoleSchema', () => {
  it('accepts a uuid and refuses anything else', () => {
    expect(revokeRoleSchema.parse({ grantId: ORG })).toEqual({ grantId: ORG });
    expect(issues(revokeRoleSchema, { grantId: 'abc' })).toEqual({ grantId: ['invalidChoice'] });
    expect(issues(revokeRoleSchema, {})).toHaveProperty('grantId');
  });
});
