import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../../../contracts/roles';

export interface UserTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  passwordHash: string;
  status: Generated<'active' | 'disabled'>;
  mustChangePassword: Generated<boolean>;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  passwordChangedAt: ColumnType<Date, Date | undefined, Date>;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface MembershipTable {
  id: Generated<string>;
  userId: string;
  organizationId: string;
  role: Role;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface SessionTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  username: string;
  ip: string;
  succeeded: boolean;
  at: Date;
}
