import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { AuditEventTable } from './audit.table';

export type NewAuditEvent = Omit<Insertable<AuditEventTable>, 'summary'> & { summary: Record<string, unknown> };

export async function insertAuditEvents(db: Executor, events: readonly NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('auditEvents')
    .values(events.map((event) => ({ ...event, summary: JSON.stringify(event.summary) })))
    .execute();
}

export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** null = everything (district-wide admin); otherwise rows with a division in these prefixes. */
  divisionPrefixes: string[] | null;
  limit: number;
  offset: number;
}

export async function listAuditEvents(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('auditEvents');
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.actorUserId) q = q.where('actorUserId', '=', f.actorUserId);
  if (f.targetType) q = q.where('targetType', '=', f.targetType);
  if (f.targetId) q = q.where('targetId', '=', f.targetId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const prefixes = f.divisionPrefixes;
  if (prefixes) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('divisionCode'), prefixes));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
