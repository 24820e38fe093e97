import type { FastifyInstance } from 'fastify';
import {
  caseDetail,
  casePage,
  caseRecord,
  caseRecordParams,
  caseTransitionBody,
  createCaseBody,
  createRecordBody,
  listCasesQuery,
  returnBody,
  reviewBody,
  updateRecordBody,
} from '../../../../contracts/api/cases';
import { idParams } from '../../../../contracts/api/common';
import { caseHistory as caseHistorySchema } from '../../../../contracts/api/delivery';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  caseHistory,
  createCase,
  createRecord,
  getCase,
  listCases,
  reviewRecord,
  submitRecord,
  transitionCase,
  updateRecord,
} from './case.service';

const tags = ['cases'];
/** Case work happens inside the agency; who may do what on one case is decided by the service (worker, supervisor). */
const agencyStaff = policy.roles('agency_manager', 'social_worker');

export function caseRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get(
    '/api/cases',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '个案（社工：我的个案；机构负责人：本机构） Cases',
        querystring: listCasesQuery,
        response: { 200: casePage },
      },
    },
    async (request) => listCases(deps, authedContext(request), request.query),
  );
  r.post(
    '/api/cases',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '接案 Open a case', body: createCaseBody, response: { 201: caseDetail } },
    },
    async (request, reply) => reply.status(201).send(await createCase(deps, authedContext(request), request.body)),
  );
  r.get(
    '/api/cases/:id',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '个案详情 Case', params: idParams, response: { 200: caseDetail } },
    },
    async (request) => getCase(deps, authedContext(request), request.params.id),
  );
  r.get(
    '/api/cases/:id/history',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '个案阶段历史 Stage history of a case',
        params: idParams,
        response: { 200: caseHistorySchema },
      },
    },
    async (request) => caseHistory(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/cases/:id/records',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '新建阶段记录（草稿）或更正记录 New stage record (draft) or amendment',
        params: idParams,
        body: createRecordBody,
        response: { 201: caseRecord },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRecord(deps, authedContext(request), request.params.id, request.body)),
  );
  r.put(
    '/api/cases/:id/records/:recordId',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '修改草稿 Edit a draft',
        params: caseRecordParams,
        body: updateRecordBody,
        response: { 200: caseRecord },
      },
    },
    async (request) =>
      updateRecord(deps, authedContext(request), request.params.id, request.params.recordId, request.body),
  );
  r.post(
    '/api/cases/:id/records/:recordId/submit',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '提交督导审核 Submit for review',
        params: caseRecordParams,
        response: { 200: caseRecord },
      },
    },
    async (request) => submitRecord(deps, authedContext(request), request.params.id, request.params.recordId),
  );
  r.post(
    '/api/cases/:id/records/:recordId/approve',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '督导审核通过 Approve (supervisor)',
        params: caseRecordParams,
        body: reviewBody,
        response: { 200: caseRecord },
      },
    },
    async (request) =>
      reviewRecord(
        deps,
        authedContext(request),
        request.params.id,
        request.params.recordId,
        'approve',
        request.body.comment,
      ),
  );
  r.post(
    '/api/cases/:id/records/:recordId/return',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '督导退回修改 Return for changes (supervisor)',
        params: caseRecordParams,
        body: returnBody,
        response: { 200: caseRecord },
      },
    },
    async (request) =>
      reviewRecord(
        deps,
        authedContext(request),
        request.params.id,
        request.params.recordId,
        'return',
        request.body.comment,
      ),
  );
  r.post(
    '/api/cases/:id/transitions',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '阶段推进 Move the case to another stage',
        params: idParams,
        body: caseTransitionBody,
        response: { 200: caseDetail },
      },
    },
    async (request) => transitionCase(deps, authedContext(request), request.params.id, request.body),
  );
}
