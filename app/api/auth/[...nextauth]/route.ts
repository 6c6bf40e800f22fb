import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { limitAuthRoute } from '@/lib/auth/sign-in-limits';

export async function GET(request: NextRequest) {
  return (await limitAuthRoute(request)) ?? handlers.GET(request);
}

export async function POST(request: NextRequest) {
  return (await limitAuthRoute(request)) ?? handlers.POST(request);
}
