'use client';

import type { ReactNode } from 'react';
import { Link, usePathname } from '@/lib/i18n/link';

type Props = {
  href: string;
  className: string;
  children: ReactNode;
  /** Current only on this very page, not below it (a side menu whose items nest). */
  exact?: boolean;
};

/** A navigation link that says so when it leads to the current page or section. */
export function NavLink({ href, className, children, exact = false }: Props) {
  const pathname = usePathname();
  const below = !exact && pathname.startsWith(`${href}/`);
  const current = pathname === href ? 'page' : below ? 'true' : undefined;
  return (
    <Link className={className} href={href} aria-current={current}>
      {children}
    </Link>
  );
}
