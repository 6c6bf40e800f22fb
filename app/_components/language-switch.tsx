'use client';

import { usePathname, useSearchParams } from 'next/navigation';

type Props = { target: 'fr' | 'en'; label: string; title: string };

// A full page load, not client navigation: the DSFR runtime must restart with the
// new <html lang>.
export function LanguageSwitch({ target, label, title }: Props) {
  const pathname = usePathname() ?? '/';
  const search = useSearchParams()?.toString();
  const rest = pathname.replace(/^\/(fr|en)(?=\/|$)/, '');
  const href = `/${target}${rest}${search ? `?${search}` : ''}`;
  return (
    <a
      className="fr-btn fr-icon-translate-2"
      href={href}
      hrefLang={target}
      lang={target}
      title={title}
    >
      {label}
    </a>
  );
}
