import type { GrantedRole, Role } from '@/lib/people/enums';

// Authorization is data: each permission lists the roles that hold it. Scoped roles
// (a nominator's organisation, check-in staff's event) are matched against the
// resource by `allows` below.
export const PERMISSIONS = {
  'admin.access': ['admin'],
  'users.list': ['admin'],
  'roles.grant': ['admin'],
  'roles.revoke': ['admin'],
  'organisations.list': ['admin', 'organiser'],
  'organisations.manage': ['admin'],
  'account.view': ['participant', 'nominator', 'organiser', 'checkin_staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type Grant = {
  role: GrantedRole;
  organisationId: string | null;
  eventId: string | null;
};

export type Viewer = {
  id: string;
  email: string;
  name: string | null;
  grants: Grant[];
};

/** What a permission is checked against; absent keys mean "not scoped". */
export type Resource = { organisationId?: string | null; eventId?: string | null };

/** Whether a grant's scope (its organisation, its event) reaches the resource. */
export function grantCovers(grant: Grant, resource: Resource | undefined): boolean {
  if (grant.organisationId && resource?.organisationId !== grant.organisationId) return false;
  if (grant.eventId && resource?.eventId !== grant.eventId) return false;
  return true;
}

export function rolesOf(viewer: Viewer | null): Role[] {
  if (!viewer) return [];
  return ['participant', ...new Set(viewer.grants.map((g) => g.role))];
}

/** True when the viewer holds the permission for this resource. */
export function allows(
  viewer: Viewer | null,
  permission: Permission,
  resource?: Resource,
): boolean {
  if (!viewer) return false;
  const roles: readonly Role[] = PERMISSIONS[permission];
  if (roles.includes('participant')) return true;
  return viewer.grants.some((g) => roles.includes(g.role) && grantCovers(g, resource));
}
