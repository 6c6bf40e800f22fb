import 'server-only';
import { notFound } from 'next/navigation';
import { ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getEventForEdit } from '@/lib/events/editor-queries';
import { isUuid } from '@/lib/events/validation';
import type { Locale } from '@/lib/people/enums';

/**
 * The event an organiser page works on, for a viewer who manages it: sign-in first
 * (then back to `returnTo`), and a 404 for a garbled id, an unknown event or someone
 * else's (they look the same).
 */
export async function loadManagedEvent(
  locale: Locale,
  id: string,
  returnTo: string,
): Promise<{ viewer: Viewer; event: Awaited<ReturnType<typeof getEventForEdit>> }> {
  if (!isUuid(id)) notFound();
  const viewer = await requirePermission('events.manage', returnTo, { eventId: id });
  try {
    return { viewer, event: await getEventForEdit(viewer, id, locale) };
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}
