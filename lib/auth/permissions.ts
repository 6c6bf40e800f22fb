import type { GrantedRole, Role } from '@/lib/people/enums';

// Authorization is data: each permission lists the roles that hold it. Scoped roles
// (a nominator's organisation, check-in staff's event) are matched against the
// resource by `allows` below.
export const PERMISSIONS = {
  'admin.access': ['admin'],
  'users.list': ['admin'],
  'roles.grant': ['admin'],
  'roles.revoke': ['admin'],
  /** Remove someone's authenticator (lost phone): they enrol again at their next visit. */
  'secondFactor.reset': ['admin'],
  'organisations.list': ['admin', 'organiser'],
  'organisations.manage': ['admin'],
  'events.create': ['admin', 'organiser'],
  'events.manage': ['admin', 'organiser'],
  /** Nominate people for one's organisation (a nominator's grant names it). */
  'nominations.nominate': ['admin', 'nominator'],
  /** Check people in and out at an event's doors (check-in staff: their event only). */
  'checkin.scan': ['admin', 'organiser', 'checkin_staff'],
  /** Erase a person everywhere; see the erasure requests. */
  'privacy.erase': ['admin'],
  'account.view': ['participant', 'nominator', 'organiser', 'checkin_staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

// Permissions that a non-admin holds only through a grant naming that very event or
// organisation: a platform-wide organiser grant lets a person create events, not
// manage everyone's.
export const SCOPE_REQUIRED: Partial<Record<Permission, 'eventId' | 'organisationId'>> = {
  'events.manage': 'eventId',
  'nominations.nominate': 'organisationId',
  'checkin.scan': 'eventId',
};

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
  /**
   * Organiser and admin grants this session does not carry yet: it has not passed the
   * second factor. Every check reads `grants` only, so they refuse until it does.
   */
  withheldGrants?: Grant[];
};

/** The roles a session carries only once it passed the second factor. */
export const SECOND_FACTOR_ROLES: readonly GrantedRole[] = ['organiser', 'admin'];

/** The viewer of a session: without the second factor, its organiser and admin grants are held back. */
export function withSecondFactor(viewer: Viewer, passed: boolean): Viewer {
  if (passed) return viewer;
  const withheld = viewer.grants.filter((g) => SECOND_FACTOR_ROLES.includes(g.role));
  if (withheld.length === 0) return viewer;
  return {
    ...viewer,
    grants: viewer.grants.filter((g) => !SECOND_FACTOR_ROLES.includes(g.role)),
    withheldGrants: withheld,
  };
}

/** True when a refused check would pass once this session passes the second factor. */
export function secondFactorWouldAllow(
  viewer: Viewer | null,
  check: (unlocked: Viewer) => boolean,
): boolean {
  if (!viewer?.withheldGrants?.length) return false;
  return check({ ...viewer, grants: [...viewer.grants, ...viewer.withheldGrants] });
}

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
  const key = SCOPE_REQUIRED[permission];
  return viewer.grants.some(
    (g) =>
      roles.includes(g.role) &&
      grantCovers(g, resource) &&
      (!key || g.role === 'admin' || (g[key] !== null && g[key] === resource?.[key])),
  );
}

/**
 * Whether the viewer holds the permission for at least one resource. Action wrappers
 * use it to turn away people who can never act; the mutation then checks the very
 * event or organisation with `allows`.
 */
export function holdsAnywhere(viewer: Viewer | null, permission: Permission): boolean {
  if (!viewer) return false;
  const roles: readonly Role[] = PERMISSIONS[permission];
  return roles.includes('participant') || viewer.grants.some((g) => roles.includes(g.role));
}
