import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type OrganizationKind, ROLE_ORGANIZATION_KINDS, ROLES, type Role } from '../../../../contracts/roles';

/** Roles that may be granted in an organization of this kind. */
export function rolesForKind(kind: OrganizationKind | undefined): Role[] {
  if (!kind) return [];
  return ROLES.filter((r) => ROLE_ORGANIZATION_KINDS[r].includes(kind));
}

export function RoleSelect({
  id,
  value,
  onChange,
  organizationKind,
  'aria-label': ariaLabel,
  className,
}: {
  id?: string;
  value?: Role;
  onChange?: (role: Role | undefined) => void;
  organizationKind: OrganizationKind | undefined;
  'aria-label'?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const roles = rolesForKind(organizationKind);
  return (
    <Select<Role>
      id={id}
      className={className}
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      disabled={!organizationKind}
      placeholder={organizationKind ? undefined : t('users.selectOrganizationFirst')}
      options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
    />
  );
}
