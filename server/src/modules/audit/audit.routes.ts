import type { FastifyInstance } from 'fastify';
import { auditPage, listAuditQuery } from '../../../../contracts/api/platform';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { queryAudit } from './audit.service';

export function auditRoutes(app: FastifyInstance, deps: Deps) {
  typed(app).get(
    '/api/audit',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit trail',
        querystring: listAuditQuery,
        response: { 200: auditPage },
      },
    },
    async (request) => queryAudit(deps, authedContext(request), request.query),
  );
}
