import type { NextRequest } from 'next/server';
import { exportRosterCsv } from '@/lib/rosters/export';

export const dynamic = 'force-dynamic';

export async function GET(
  request: NextRequest,
  ctx: RouteContext<'/api/rosters/[rosterId]/export'>,
) {
  const { rosterId } = await ctx.params;
  return exportRosterCsv(rosterId, request.nextUrl.searchParams.get('locale'));
}
