import type { NextRequest } from 'next/server';
import { personalDataDownload } from '@/lib/privacy/download';

export const dynamic = 'force-dynamic';

/** The signed-in person's data, as JSON (the right of access). */
export async function GET(request: NextRequest) {
  return personalDataDownload(request.nextUrl.searchParams.get('lang'));
}
