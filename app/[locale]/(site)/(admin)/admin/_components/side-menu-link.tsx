'use client';

import type { ReactNode } from 'react';
import { NavLink } from '@/app/_components/nav-link';
import { usePathname } from '@/lib/i18n/link';

/** A side-menu entry, marked active on its page. */
export function SideMenuLink({ href, children }: { href: string; children: ReactNode }) {
  const active = usePathname() === href;
  return (
    <li className={`fr-sidemenu__item${active ? ' fr-sidemenu__item--active' : ''}`}>
      <NavLink className="fr-sidemenu__link" href={href} exact>
        {children}
      </NavLink>
    </li>
  );
}
