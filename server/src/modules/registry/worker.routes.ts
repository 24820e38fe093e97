import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { idParams } from '../../../../contracts/api/common';
import {
  addCeRecordBody,
  addRegistrationBody,
  colleagueList,
  colleaguesQuery,
  createWorkerBody,
  endEmploymentBody,
  hireWorkerBody,
  revealBody,
  revealResult,
  setCredentialBody,
  transferEmploymentBody,
  updateWorkerBody,
  verifyBody,
  workerDetail,
  workerDistribution,
  workerPage,
  workerSearchQuery,
} from '../../../../contracts/api/registry';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  addCeRecord,
  addRegistration,
  createWorker,
  workerDistribution as distribution,
  getWorker,
  listColleagues,
  myWorkerRecord,
  revealWorkerField,
  searchWorkerPool,
  setCredential,
  updateWorker,
  verifyCredential,
} from './worker.service';
import { endEmployment, hireWorker, transferEmployment } from './worker-employment.service';
import { workerPhotoRoutes } from './worker-photo.routes';

const tags = ['workers'];
/** The talent pool is read by the bureau, purchasers and agencies; a social worker sees their own profile. */
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker');
const editors = policy.roles('bureau_admin', 'agency_manager', 'social_worker');

export function workerRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.get(
    '/api/workers',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '人才库检索 Search the talent pool',
        querystring: workerSearchQuery,
        response: { 200: workerPage },
      },
    },
    async (request) => searchWorkerPool(deps, authedContext(request), request.query),
  );

  r.get(
    '/api/workers/distribution',
    {
      config: { policy: readers },
      schema: { tags, summary: '人才分布 Distribution by street and level', response: { 200: workerDistribution } },
    },
    async (request) => distribution(deps, authedContext(request)),
  );

  r.get(
    '/api/workers/mine',
    {
      config: { policy: policy.roles('social_worker') },
      schema: { tags, summary: '我的档案 The signed-in social worker’s own record', response: { 200: workerDetail } },
    },
    async (request) => myWorkerRecord(deps, authedContext(request)),
  );

  r.get(
    '/api/workers/colleagues',
    {
      config: { policy: policy.roles('agency_manager', 'social_worker') },
      schema: {
        tags,
        summary: '本机构社工（分派工作用）Workers of my agency, to assign work',
        querystring: colleaguesQuery,
        response: { 200: colleagueList },
      },
    },
    async (request) => listColleagues(deps, authedContext(request), request.query.agencyId),
  );

  r.put(
    '/api/workers/:id/credential',
    {
      config: { policy: policy.roles('bureau_admin', 'agency_manager') },
      schema: {
        tags,
        summary: '登记或更正证书 Record or correct an unverified credential',
        params: idParams,
        body: setCredentialBody,
        response: { 200: workerDetail },
      },
    },
    async (request) => setCredential(deps, authedContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/workers/:id',
    {
      config: { policy: readers },
      schema: { tags, summary: '社工详情 Worker', params: idParams, response: { 200: workerDetail } },
    },
    async (request) => getWorker(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/workers',
    {
      config: { policy: policy.roles('bureau_admin', 'agency_manager') },
      schema: {
        tags,
        summary: '登记社工 Register a social worker',
        body: createWorkerBody,
        response: { 201: workerDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createWorker(deps, authedContext(request), request.body)),
  );

  r.patch(
    '/api/workers/:id',
    {
      config: { policy: editors },
      schema: {
        tags,
        summary: '修改社工资料 Update',
        params: idParams,
        body: updateWorkerBody,
        response: { 200: workerDetail },
      },
    },
    async (request) => updateWorker(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/workers/:id/reveal',
    {
      config: { policy: editors },
      schema: {
        tags,
        summary: '查看完整证件号/手机号（留痕） Reveal a protected field, audited',
        params: idParams,
        body: revealBody,
        response: { 200: revealResult },
      },
    },
    async (request) => revealWorkerField(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/workers/:id/registrations',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '登记有效期 Add a 3-year registration period',
        params: idParams,
        body: addRegistrationBody,
        response: { 201: workerDetail },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addRegistration(deps, authedContext(request), request.params.id, request.body.validFrom)),
  );

  r.post(
    '/api/workers/:id/ce-records',
    {
      config: { policy: editors },
      schema: {
        tags,
        summary: '继续教育记录 Add a continuing-education record',
        params: idParams,
        body: addCeRecordBody,
        response: { 201: workerDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCeRecord(deps, authedContext(request), request.params.id, request.body)),
  );

  r.post(
    '/api/workers/:id/credential/verify',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '核验证书 Verify the credential',
        params: idParams,
        body: verifyBody,
        response: { 200: workerDetail },
      },
    },
    async (request) => verifyCredential(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/workers/hire',
    {
      config: { policy: policy.roles('bureau_admin', 'agency_manager') },
      schema: {
        tags,
        summary: '聘用已登记社工 Hire a registered social worker, found by ID number',
        body: hireWorkerBody,
        response: { 201: workerDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await hireWorker(deps, authedContext(request), request.body)),
  );

  r.post(
    '/api/workers/:id/employment/end',
    {
      config: { policy: policy.roles('bureau_admin', 'agency_manager') },
      schema: {
        tags,
        summary: '结束聘用 End the current employment (an agency manager no longer sees the worker afterwards)',
        params: idParams,
        body: endEmploymentBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await endEmployment(deps, authedContext(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/workers/:id/employment/transfer',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '调动机构 Transfer to another agency',
        params: idParams,
        body: transferEmploymentBody,
        response: { 200: workerDetail },
      },
    },
    async (request) => transferEmployment(deps, authedContext(request), request.params.id, request.body),
  );

  void workerPhotoRoutes(app, deps);
}
