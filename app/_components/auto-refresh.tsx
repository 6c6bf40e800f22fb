'use client';

import { useEffect } from 'react';
import { useRouter } from '@/lib/i18n/link';

/** Renders the page again from the server every `seconds`, while it is shown. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
