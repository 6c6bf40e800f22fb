import type { NextRequest } from 'next/server';
import { withSignInContext } from '@/lib/auth/amr';
import { handlers } from '@/lib/auth/config';

// Each request in its own sign-in context: an OIDC sign-in's amr reaches the session
// written for it (lib/auth/amr.ts).
export const GET = (request: NextRequest) => withSignInContext(() => handlers.GET(request));
export const POST = (request: NextRequest) => withSignInContext(() => handlers.POST(request));
