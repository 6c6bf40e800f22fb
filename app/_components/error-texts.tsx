'use client';

import { createContext, type ReactNode, useContext } from 'react';

export type ErrorTexts = { title: string; body: string; retry: string };

const Context = createContext<ErrorTexts | null>(null);

// The error boundary is a client component on every page. It reads its three strings,
// translated on the server by the layout, from this context rather than from
// next-intl's client runtime, which public pages then need not download.
export function ErrorTextsProvider({
  value,
  children,
}: {
  value: ErrorTexts;
  children: ReactNode;
}) {
  return <Context value={value}>{children}</Context>;
}

export function useErrorTexts(): ErrorTexts {
  const texts = useContext(Context);
  if (!texts) throw new Error('useErrorTexts outside ErrorTextsProvider');
  return texts;
}
