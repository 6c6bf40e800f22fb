import { z } from 'zod';
import { ROLES } from './enums';

// Error messages are catalogue keys under `validation.` or a full key; forms and the
// server translate them the same way.
export const emailSchema = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .max(320, { error: 'tooLong' })
  .pipe(z.email({ error: 'invalidEmail' }))
  .transform((email) => email.toLowerCase());

export const grantRoleSchema = z
  .object({
    userId: z.string().min(1, { error: 'required' }).max(100),
    role: z.enum(ROLES, { error: 'invalidChoice' }),
    organisationId: z
      .union([z.literal(''), z.uuid({ error: 'invalidChoice' })])
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((value, ctx) => {
    if (value.role === 'nominator' && !value.organisationId) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisationId'],
        message: 'admin.organisationRequired',
      });
    }
    if (value.role === 'checkin_staff') {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'admin.checkinLater' });
    }
  });
export type GrantRoleInput = z.infer<typeof grantRoleSchema>;

export const revokeRoleSchema = z.object({
  grantId: z.uuid({ error: 'invalidChoice' }),
});
