import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import { listOrganizationsQuery, organizationPage } from '../../../../contracts/api/identity';
import {
  createOrganizationWithProfileBody,
  organizationDetail,
  organizationStatusBody,
  updateOrganizationBody,
  verifyBody,
} from '../../../../contracts/api/registry';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  setOrganizationStatus,
  updateOrganization,
  verifyOrganization,
} from './organization.service';

const tags = ['organizations'];
const admins = policy.roles('bureau_admin');

export function organizationRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.get(
    '/api/organizations',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags,
        summary: '机构列表 Organizations in scope',
        querystring: listOrganizationsQuery,
        response: { 200: organizationPage },
      },
    },
    async (request) => listOrganizations(deps, authedContext(request), request.query),
  );

  r.get(
    '/api/organizations/:id',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags,
        summary: '机构详情 Organization with profile',
        params: idParams,
        response: { 200: organizationDetail },
      },
    },
    async (request) => getOrganization(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/organizations',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '新建机构 Create',
        body: createOrganizationWithProfileBody,
        response: { 201: organizationDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganization(deps, authedContext(request), request.body)),
  );

  r.patch(
    '/api/organizations/:id',
    {
      config: { policy: policy.roles('bureau_admin', 'agency_manager') },
      schema: {
        tags,
        summary: '修改机构资料 Update the profile (agency managers: their own agency)',
        params: idParams,
        body: updateOrganizationBody,
        response: { 200: organizationDetail },
      },
    },
    async (request) => updateOrganization(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/organizations/:id/verify',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '核验登记信息 Verify registration',
        params: idParams,
        body: verifyBody,
        response: { 200: organizationDetail },
      },
    },
    async (request) => verifyOrganization(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/organizations/:id/status',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '变更状态 Suspend, deregister or reactivate',
        params: idParams,
        body: organizationStatusBody,
        response: { 200: organizationDetail },
      },
    },
    async (request) => setOrganizationStatus(deps, authedContext(request), request.params.id, request.body),
  );
}
