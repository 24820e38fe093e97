import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import {
  createResidentBody,
  listResidentsQuery,
  resident,
  residentPage,
  revealBody,
  revealResult,
  updateResidentBody,
} from '../../../../contracts/api/registry';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { createResident, getResident, listResidents, revealResidentField, updateResident } from './resident.service';

const tags = ['residents'];
const readers = policy.roles('bureau_admin', 'purchaser', 'community_staff', 'volunteer', 'resident');
const keepers = policy.roles('bureau_admin', 'community_staff', 'volunteer', 'resident');

export function residentRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get(
    '/api/residents',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '居民与志愿者 Residents and volunteers in scope',
        querystring: listResidentsQuery,
        response: { 200: residentPage },
      },
    },
    async (request) => listResidents(deps, authedContext(request), request.query),
  );
  r.get(
    '/api/residents/:id',
    {
      config: { policy: readers },
      schema: { tags, summary: '居民详情 Resident', params: idParams, response: { 200: resident } },
    },
    async (request) => getResident(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/residents',
    {
      config: { policy: policy.roles('bureau_admin', 'community_staff') },
      schema: { tags, summary: '登记居民/志愿者 Register', body: createResidentBody, response: { 201: resident } },
    },
    async (request, reply) => reply.status(201).send(await createResident(deps, authedContext(request), request.body)),
  );
  r.patch(
    '/api/residents/:id',
    {
      config: { policy: keepers },
      schema: { tags, summary: '修改 Update', params: idParams, body: updateResidentBody, response: { 200: resident } },
    },
    async (request) => updateResident(deps, authedContext(request), request.params.id, request.body),
  );
  r.post(
    '/api/residents/:id/reveal',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '查看完整证件号/手机号（留痕） Reveal, audited',
        params: idParams,
        body: revealBody,
        response: { 200: revealResult },
      },
    },
    async (request) => revealResidentField(deps, authedContext(request), request.params.id, request.body),
  );
}
