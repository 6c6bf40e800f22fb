'use client';

import { useEffect } from 'react';

declare global {
  interface Window {
    dsfr?: { verbose: boolean; mode: string; start?: () => void };
  }
}

let started = false;

// Loads the DSFR's own script after hydration and starts it in its "react" mode (it
// then watches the DOM for components that client navigation adds). This replaces
// react-dsfr's provider: we use the DSFR's markup and CSS, none of react-dsfr's client
// components, and its provider cost every page 15 KB of gzipped JS (colour tables, a
// dark-mode cookie sync) that we do not need; the colour scheme is set before paint by
// DsfrHead's inline script and then kept by the DSFR script itself.
export function DsfrStart() {
  useEffect(() => {
    if (started) return;
    started = true;
    window.dsfr = { verbose: false, mode: 'react' };
    // @ts-expect-error the DSFR module ships no type declarations
    import('@codegouvfr/react-dsfr/dsfr/dsfr.module').then(() => window.dsfr?.start?.());
  }, []);
  return null;
}
