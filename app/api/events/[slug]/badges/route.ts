import type { NextRequest } from 'next/server';
import { badgesDownload } from '@/lib/outputs/badges-download';

export const dynamic = 'force-dynamic';

/** The badges of an event (the segment is the event's id): ?session=, ?registration=, ?lang=. */
export async function GET(request: NextRequest, ctx: RouteContext<'/api/events/[slug]/badges'>) {
  const { slug } = await ctx.params;
  return badgesDownload(slug, request.nextUrl.searchParams);
}
