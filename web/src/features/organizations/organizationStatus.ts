import type { OrganizationStatus } from '../../api/endpoints';

export const STATUS_COLORS: Record<OrganizationStatus, string> = {
  active: 'success',
  suspended: 'warning',
  deregistered: 'default',
};
