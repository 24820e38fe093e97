import type { ReactNode } from 'react';
import type { Role } from '../../../contracts/roles';
import ForbiddenPage from '../features/errors/ForbiddenPage';
import { hasAnyRole, useMe } from './session';

/** Renders the 403 page unless the user holds one of `roles` (undefined = everyone). */
export function RequireRole({ roles, children }: { roles: readonly Role[] | undefined; children: ReactNode }) {
  const me = useMe();
  return hasAnyRole(me, roles) ? children : <ForbiddenPage />;
}
