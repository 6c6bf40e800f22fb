import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { clientMessages } from '@/lib/i18n/client-messages';

// next-intl's client runtime (message formatting) is sent only with the pages that have
// client components reading translations, the forms: each such section's layout wraps
// its children in this. Public pages pass their client components translated strings.
export async function ClientIntl({ children }: { children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={clientMessages(messages)}>{children}</NextIntlClientProvider>
  );
}
