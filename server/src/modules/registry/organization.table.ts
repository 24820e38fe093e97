import type { ColumnType, Generated } from 'kysely';
import type { OrganizationKind } from '../../../../contracts/roles';

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  kind: OrganizationKind;
  divisionCode: string;
  status: Generated<'active' | 'suspended' | 'deregistered'>;
  department: string | null;
  creditCode: string | null;
  legalForm: 'private_non_enterprise' | 'social_group' | 'foundation' | null;
  registeredOn: string | null;
  registrationAuthority: string | null;
  rating: '1A' | '2A' | '3A' | '4A' | '5A' | null;
  ratedOn: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  serviceFields: ColumnType<string[], string[] | undefined, string[]>;
  contactName: string | null;
  contactPhone: string | null;
  verificationStatus: Generated<'unverified' | 'verified' | 'rejected'>;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}
