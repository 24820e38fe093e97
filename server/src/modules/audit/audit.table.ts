import type { Generated, JSONColumnType } from 'kysely';

export interface AuditEventTable {
  id: Generated<string>;
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  divisionCode: string | null;
  summary: JSONColumnType<Record<string, unknown>, string, string>;
  requestId: string | null;
}
