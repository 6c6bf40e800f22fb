import type { NextRequest } from 'next/server';
import { calendarResponse } from '@/lib/events/ics-download';

export async function GET(
  request: NextRequest,
  ctx: RouteContext<'/api/events/[slug]/sessions/[sessionId]/ics'>,
) {
  const { slug, sessionId } = await ctx.params;
  return calendarResponse(request, slug, sessionId);
}
