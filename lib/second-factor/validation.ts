import { z } from 'zod';

// Messages are catalogue keys, translated the same way by forms and the server.
const callbackUrl = z.string().max(2000).optional();

export const codeSchema = z
  .string({ error: 'secondFactor.errors.codeFormat' })
  .transform((v) => v.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: 'secondFactor.errors.codeFormat' }));

export const enrolSchema = z.object({
  sealedSecret: z.string().min(1).max(500),
  code: codeSchema,
  callbackUrl,
});

export const verifyCodeSchema = z.object({ code: codeSchema, callbackUrl });

export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string({ error: 'secondFactor.errors.recoveryFormat' })
    .transform((v) => v.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{10}$/, { error: 'secondFactor.errors.recoveryFormat' })),
  callbackUrl,
});

export const regenerateSchema = z.object({ code: codeSchema });

export const resetSchema = z.object({ userId: z.string().min(1, { error: 'required' }).max(100) });
