import type { NextRequest } from 'next/server';
import { withSignInContext } from '@/lib/auth/amr';
import { handlers } from '@/lib/auth/config';
import { limitAuthRoute } from '@/lib/auth/sign-in-limits';

// Each request in its own sign-in context (an OIDC sign-in's amr reaches the session
// written for it, lib/auth/amr.ts), after its rate limits.
export async function GET(request: NextRequest) {
  return (await limitAuthRoute(request)) ?? withSignInContext(() => handlers.GET(request));
}

export async function POST(request: NextRequest) {
  return (await limitAuthRoute(request)) ?? withSignInContext(() => handlers.POST(request));
}
