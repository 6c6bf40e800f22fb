import type { NextRequest } from 'next/server';
import { getViewer } from '@/lib/auth/session';
import { exportFile } from '@/lib/outputs/exports';

export const dynamic = 'force-dynamic';

// Under /api/events/[slug]: Next allows one name per dynamic segment; here it holds the
// event's id (the other routes there take a slug).
export async function GET(
  request: NextRequest,
  ctx: RouteContext<'/api/events/[slug]/exports/[kind]'>,
) {
  const { slug: eventId, kind } = await ctx.params;
  const search = request.nextUrl.searchParams;
  return exportFile(await getViewer(), eventId, kind, search.get('format'), search.get('locale'));
}
