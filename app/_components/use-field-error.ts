'use client';

import { useTranslations } from 'next-intl';

/**
 * Translates a zod message from a shared schema: a bare key is read under
 * `validation.`, a dotted key is a full catalogue key (as the server does).
 */
export function useSchemaMessage() {
  const t = useTranslations();
  return (key: string | undefined): string | undefined => {
    if (!key) return undefined;
    const full = key.includes('.') ? key : `validation.${key}`;
    return t.has(full) ? t(full) : t('actions.invalid');
  };
}
