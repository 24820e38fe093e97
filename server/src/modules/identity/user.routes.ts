import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams, uuid } from '../../../../contracts/api/common';
import {
  createUserBody,
  listUsersQuery,
  membership,
  membershipGrant,
  resetPasswordBody,
  userPage,
  userSummary,
} from '../../../../contracts/api/identity';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  createUser,
  disableUser,
  enableUser,
  getUser,
  grantMembership,
  listUsers,
  resetPassword,
  revokeMembership,
} from './user-admin.service';

const tags = ['users'];
const admins = policy.roles('bureau_admin');
const versionBody = z
  .object({ version: z.number().int().min(1).optional() })
  .strict()
  .optional();

export function userRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.get(
    '/api/users',
    {
      config: { policy: admins },
      schema: { tags, summary: '用户列表 Users in scope', querystring: listUsersQuery, response: { 200: userPage } },
    },
    async (request) => listUsers(deps, authedContext(request), request.query),
  );

  r.get(
    '/api/users/:id',
    {
      config: { policy: admins },
      schema: { tags, summary: '用户详情 User', params: idParams, response: { 200: userSummary } },
    },
    async (request) => getUser(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/users',
    {
      config: { policy: admins },
      schema: { tags, summary: '创建用户 Create a user', body: createUserBody, response: { 201: userSummary } },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, authedContext(request), request.body)),
  );

  r.post(
    '/api/users/:id/disable',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '停用用户 Disable',
        params: idParams,
        body: versionBody,
        response: { 200: userSummary },
      },
    },
    async (request) => disableUser(deps, authedContext(request), request.params.id, request.body?.version),
  );

  r.post(
    '/api/users/:id/enable',
    {
      config: { policy: admins },
      schema: { tags, summary: '启用用户 Enable', params: idParams, body: versionBody, response: { 200: userSummary } },
    },
    async (request) => enableUser(deps, authedContext(request), request.params.id, request.body?.version),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '重置密码 Reset password (must be changed at next sign-in)',
        params: idParams,
        body: resetPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resetPassword(deps, authedContext(request), request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/users/:id/memberships',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '授予角色 Grant a membership',
        params: idParams,
        body: membershipGrant,
        response: { 201: membership },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await grantMembership(deps, authedContext(request), request.params.id, request.body)),
  );

  r.delete(
    '/api/users/:id/memberships/:membershipId',
    {
      config: { policy: admins },
      schema: {
        tags,
        summary: '撤销角色 Revoke a membership',
        params: z.object({ id: uuid, membershipId: uuid }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeMembership(deps, authedContext(request), request.params.id, request.params.membershipId);
      return reply.status(204).send(null);
    },
  );
}
