import { z } from 'zod';
import { isoDateTime, line, paged, pageQuery, uuid } from './common';

export const health = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const division = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  level: z.enum(['district', 'street', 'community']),
  kind: z.string(),
});
export type Division = z.infer<typeof division>;

export const divisionList = z.object({ items: z.array(division) });

export const auditEvent = z.object({
  id: z.string(),
  at: isoDateTime,
  actorUserId: uuid.nullable(),
  actorUsername: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  divisionCode: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const listAuditQuery = z
  .object({
    action: line(64).optional(),
    actorUserId: uuid.optional(),
    targetType: line(64).optional(),
    targetId: line(64).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    ...pageQuery,
  })
  .strict();

export const auditPage = paged(auditEvent);
