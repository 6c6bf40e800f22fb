import type { NextRequest } from 'next/server';
import { registrationDataDownload } from '@/lib/privacy/download';

export const dynamic = 'force-dynamic';

/** The data of one registration, for whoever holds its manage link, as JSON. */
export async function GET(
  request: NextRequest,
  ctx: RouteContext<'/api/privacy/registrations/[token]'>,
) {
  const { token } = await ctx.params;
  return registrationDataDownload(request, token, request.nextUrl.searchParams.get('lang'));
}
