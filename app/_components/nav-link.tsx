'use client';

import type { ReactNode } from 'react';
import { Link, usePathname } from '@/lib/i18n/link';

type Props = { href: string; className: string; children: ReactNode };

/** A navigation link that says so when it leads to the current page or section. */
export function NavLink({ href, className, children }: Props) {
  const pathname = usePathname();
  const current = pathname === href ? 'page' : pathname.startsWith(`${href}/`) ? 'true' : undefined;
  return (
    <Link className={className} href={href} aria-current={current}>
      {children}
    </Link>
  );
}
