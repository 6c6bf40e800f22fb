'use client';

import type { ReactNode } from 'react';
import { Link, usePathname } from '@/lib/i18n/navigation';

/** A side-menu entry that tells assistive technologies which page is the current one. */
export function SideMenuLink({ href, children }: { href: string; children: ReactNode }) {
  const current = usePathname() === href;
  return (
    <li className={`fr-sidemenu__item${current ? ' fr-sidemenu__item--active' : ''}`}>
      <Link className="fr-sidemenu__link" href={href} aria-current={current ? 'page' : undefined}>
        {children}
      </Link>
    </li>
  );
}
