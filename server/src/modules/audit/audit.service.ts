import type { z } from 'zod';
import type { auditEvent, listAuditQuery } from '../../../../contracts/api/platform';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps, RequestContext } from '../../platform/context';
import { pageOf, pageWindow } from '../../platform/pagination';
import { divisionPrefixes } from '../../platform/scope';
import { insertAuditEvents, listAuditEvents, type NewAuditEvent } from './audit.repository';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  divisionCode?: string | null;
  /** Before/after summary. Never secrets (password hashes, tokens) and never unmasked personal data. */
  summary?: Record<string, unknown>;
  /** For events without a signed-in actor (failed logins): who it was about. */
  actorOverride?: { userId: string | null; username: string | null };
}

/** Writes one audit row. Call it with the transaction that makes the change, so both commit or neither. */
export async function recordAudit(trx: Executor, ctx: RequestContext, at: Date, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, ctx, at, [entry]);
}

/** Writes an audit row per entry in one statement (bulk imports), in the caller's transaction. */
export async function recordAudits(
  trx: Executor,
  ctx: RequestContext,
  at: Date,
  entries: readonly AuditEntry[],
): Promise<void> {
  await insertAuditEvents(
    trx,
    entries.map(
      (entry): NewAuditEvent => ({
        at,
        actorUserId: entry.actorOverride ? entry.actorOverride.userId : (ctx.actor?.userId ?? null),
        actorUsername: entry.actorOverride ? entry.actorOverride.username : (ctx.actor?.username ?? null),
        ip: ctx.ip,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        divisionCode: entry.divisionCode ?? null,
        summary: entry.summary ?? {},
        requestId: ctx.requestId,
      }),
    ),
  );
}

type AuditQuery = z.infer<typeof listAuditQuery>;
type AuditView = z.infer<typeof auditEvent>;

/**
 * Admins read the audit trail of their scope. A district-wide admin sees every row (including rows without a
 * division, such as logins); a narrower admin sees rows tagged with a division inside their prefixes.
 */
export async function queryAudit(deps: Deps, ctx: AuthedContext, query: AuditQuery) {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  const districtWide = prefixes.some((p) => p.length === 6);
  const { rows, total } = await listAuditEvents(deps.db, {
    action: query.action,
    actorUserId: query.actorUserId,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    divisionPrefixes: districtWide ? null : prefixes,
    ...pageWindow(query),
  });
  const items: AuditView[] = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorUsername: r.actorUsername,
    ip: r.ip,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    divisionCode: r.divisionCode,
    summary: r.summary,
    requestId: r.requestId,
  }));
  return pageOf(items, total, query);
}
