import type { ReactNode } from 'react';
import { ClientIntl } from '@/app/_components/client-intl';

export default function Layout({ children }: { children: ReactNode }) {
  return <ClientIntl>{children}</ClientIntl>;
}
