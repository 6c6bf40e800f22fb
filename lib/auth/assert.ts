import { ForbiddenError } from './errors';
import { allows, type Permission, type Resource, type Viewer } from './permissions';

/** Throws ForbiddenError unless the viewer holds the permission for the resource. */
export function assertCan(
  viewer: Viewer | null,
  permission: Permission,
  resource?: Resource,
): asserts viewer is Viewer {
  if (!allows(viewer, permission, resource)) throw new ForbiddenError();
}
