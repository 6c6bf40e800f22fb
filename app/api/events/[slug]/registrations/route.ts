import type { NextRequest } from 'next/server';
import { registrationApi } from '@/lib/registrations/api';

export async function POST(
  request: NextRequest,
  ctx: RouteContext<'/api/events/[slug]/registrations'>,
) {
  const { slug } = await ctx.params;
  return registrationApi(request, slug);
}
