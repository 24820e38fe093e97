import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import {
  createOrganizationBody,
  listOrganizationsQuery,
  organization,
  organizationPage,
} from '../../../../contracts/api/identity';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { createOrganization, getOrganization, listOrganizations } from './organization.service';

const tags = ['organizations'];

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
      schema: { tags, summary: '机构详情 Organization', params: idParams, response: { 200: organization } },
    },
    async (request) => getOrganization(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/organizations',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: { tags, summary: '新建机构 Create', body: createOrganizationBody, response: { 201: organization } },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganization(deps, authedContext(request), request.body)),
  );
}
