'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import type { Viewer } from '@/lib/auth/permissions';
import { kickWorker } from '@/lib/jobs/worker';
import { enforce, limitOn } from '@/lib/rate-limit';
import { appOrigin } from '@/lib/site-url';
import type { ScanOutcome } from './enums';
import { inviteCheckinStaff, scan, undoScan } from './mutations';
import { type DoorCount, doorCount } from './queries';
import { scanInputSchema, staffSchema } from './validation';

// The check-in desk's actions: the gate admits whoever keeps some event's doors; each
// mutation checks this very event.

const PAGE = '/[locale]/checkin/[eventId]';
const id = z.uuid({ error: 'invalidChoice' });

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
  return viewer;
}

/** A scan's answer as the browser gets it (times as ISO strings). */
export type ScanAnswer = {
  outcome: ScanOutcome;
  scanId: string | null;
  since: string | null;
  name: string | null;
  organisation: string | null;
  status: string | null;
  /** The door's count after a scan that changed it (an entry or an exit written). */
  count: DoorCount | null;
};

export const scanAction = defineAction(
  { permission: 'checkin.scan', schema: scanInputSchema.and(z.object({ eventId: id })) },
  async ({ eventId, ...input }, { viewer }): Promise<ScanAnswer> => {
    const staff = signedIn(viewer);
    await enforce(limitOn('scanUser', staff.id), limitOn('scanEvent', eventId));
    const result = await scan(staff, eventId, input);
    // The desk page is not rendered again for a scan (revalidatePath would send the whole
    // page back with every answer, the bulk of a scan's cost): the answer carries the
    // door's new count, and a desk showing a list of people refreshes itself.
    return {
      outcome: result.outcome,
      scanId: result.outcome === 'replayed' ? null : (result.scanId ?? null),
      since: result.since?.toISOString() ?? null,
      name: result.person ? `${result.person.firstName} ${result.person.lastName}` : null,
      organisation: result.person?.organisation ?? null,
      status: result.status ?? null,
      count: result.scanId ? await doorCount(staff, eventId, input.sessionId) : null,
    };
  },
);

export const undoScanAction = defineAction(
  {
    permission: 'checkin.scan',
    schema: z.object({
      eventId: id,
      scanId: id,
      clientScanId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'invalidChoice' }),
    }),
  },
  async ({ eventId, scanId, clientScanId }, { viewer }) => {
    await undoScan(signedIn(viewer), eventId, scanId, clientScanId);
    revalidatePath(PAGE, 'page');
    return null;
  },
);

export const inviteCheckinStaffAction = defineAction(
  { permission: 'events.manage', schema: staffSchema.extend({ eventId: id }) },
  async ({ eventId, ...person }, { viewer }) => {
    await inviteCheckinStaff(signedIn(viewer), eventId, person, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return { email: person.email };
  },
);
