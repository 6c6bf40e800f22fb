import type { NextRequest } from 'next/server';
import { certificateDownload } from '@/lib/outputs/certificates-download';

export const dynamic = 'force-dynamic';

/**
 * One's certificate of attendance (the first segment is the event's id): `holder` is the
 * manage link's token, or, signed in, the registration's id; ?lang= picks the language.
 */
export async function GET(
  request: NextRequest,
  ctx: RouteContext<'/api/events/[slug]/certificates/[holder]'>,
) {
  const { slug, holder } = await ctx.params;
  return certificateDownload(request, slug, holder, request.nextUrl.searchParams.get('lang'));
}
