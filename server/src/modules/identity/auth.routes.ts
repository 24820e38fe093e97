import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changePasswordBody, loginBody, me as meSchema } from '../../../../contracts/api/identity';
import { authedContext, policy, requestContext, SESSION_COOKIE } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { changePassword, login, logout, me } from './auth.service';

const tags = ['auth'];

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, deps: Deps, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.config.cookieSecure || request.protocol === 'https',
    maxAge: deps.config.session.absoluteTimeoutSeconds,
  });
}

export function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.post(
    '/api/auth/login',
    {
      config: { policy: policy.public },
      schema: { tags, summary: '登录 Sign in', body: loginBody, response: { 200: meSchema } },
    },
    async (request, reply) => {
      const { token, actor } = await login(deps, requestContext(request), request.body);
      setSessionCookie(request, reply, deps, token);
      return me(deps, actor);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { policy: policy.signedInAnyState },
      schema: { tags, summary: '退出登录 Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await logout(deps, authedContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { policy: policy.signedInAnyState },
      schema: { tags, summary: '当前用户 Current user, memberships and data scope', response: { 200: meSchema } },
    },
    async (request) => me(deps, authedContext(request).actor),
  );

  r.post(
    '/api/auth/password',
    {
      config: { policy: policy.signedInAnyState },
      schema: { tags, summary: '修改密码 Change own password', body: changePasswordBody, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await changePassword(deps, authedContext(request), request.body);
      return reply.status(204).send(null);
    },
  );
}
