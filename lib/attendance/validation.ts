import { z } from 'zod';
import { LOCALES } from '@/lib/people/enums';
import { line, NAME_MAX, personEmailSchema } from '@/lib/registrations/validation';

// What a device sends for one scan, or a check-in by name. Messages are catalogue keys
// under `validation.` (or full keys).

/** How far a device's clock may run ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How long a scan queued on a device without network may wait to be sent. */
export const QUEUED_FOR_MS = 3 * 24 * 3600 * 1000;

const blankToNull = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;

export const scanInputSchema = z
  .object({
    /** What the camera read (or a scanner typed), or the ticket code typed in. */
    code: z.preprocess(blankToNull, z.string().max(200, { error: 'tooLong' }).nullable()),
    /** A person picked by name instead. */
    registrationId: z.preprocess(blankToNull, z.uuid({ error: 'invalidChoice' }).nullable()),
    /** The session scanned for; none: the event's entrance. */
    sessionId: z.preprocess(blankToNull, z.uuid({ error: 'invalidChoice' }).nullable()),
    direction: z.enum(['in', 'out'], { error: 'invalidChoice' }).default('in'),
    /** When the scan was made on the device (ISO 8601); none: now. */
    scannedAt: z.preprocess(blankToNull, z.iso.datetime({ offset: true }).nullable()),
    /** The device's id for this scan, so that a scan sent twice counts once. */
    clientScanId: z
      .string({ error: 'required' })
      .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'invalidChoice' }),
    door: z.preprocess(blankToNull, line(80).nullable()),
  })
  .superRefine((v, ctx) => {
    if (!v.code === !v.registrationId) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'attendance.errors.codeOrPerson' });
    }
  });

export type ScanInput = z.output<typeof scanInputSchema>;

/** Someone an organiser gives the keeping of the event's doors. */
export const staffSchema = z.object({
  email: personEmailSchema,
  name: z.preprocess(blankToNull, line(NAME_MAX).nullable()),
  locale: z.enum(LOCALES, { error: 'invalidChoice' }),
});
