import type { ColumnType, Generated } from 'kysely';
import type { OrganizationKind } from '../../../../contracts/roles';

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  kind: OrganizationKind;
  divisionCode: string;
  status: Generated<'active' | 'suspended' | 'deregistered'>;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}
