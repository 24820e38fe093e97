import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { health } from '../../contracts/api/platform';
import { auditRoutes } from './modules/audit/audit.routes';
import { divisionRoutes } from './modules/divisions/division.routes';
import { authRoutes } from './modules/identity/auth.routes';
import { userRoutes } from './modules/identity/user.routes';
import { projectDeliveryRoutes } from './modules/projects/delivery.routes';
import { evaluationRoutes } from './modules/projects/evaluation.routes';
import { procurementRoutes } from './modules/projects/procurement.routes';
import { projectRoutes } from './modules/projects/project.routes';
import { importRoutes } from './modules/registry/import/import.routes';
import { organizationRoutes } from './modules/registry/organization.routes';
import { residentRoutes } from './modules/registry/resident.routes';
import { taxonomyRoutes } from './modules/registry/taxonomy.routes';
import { workerRoutes } from './modules/registry/worker.routes';
import { beneficiaryRoutes } from './modules/services/beneficiary.routes';
import { caseRoutes } from './modules/services/case.routes';
import { serviceDeliveryRoutes } from './modules/services/delivery.routes';
import { referralRoutes } from './modules/services/referral.routes';
import { policy, registerAuth } from './platform/auth';
import { BODY_LIMIT_BYTES, registerBodyParsing } from './platform/body';
import type { Deps } from './platform/context';
import { registerErrorHandling, sendError } from './platform/error-handler';
import { AppError } from './platform/errors';
import { typed } from './platform/http';
import { registerIdempotency } from './platform/idempotency';
import { zodValidatorCompiler } from './platform/validation';

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from this folder (skipped when it does not exist). */
  webRoot?: string;
}

/** Builds the HTTP application without listening: main.ts listens, tests use inject(). */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Query strings: at most 100 parameters, and only `a=1` style (no nested objects) — zod validates the rest.
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // Errors Fastify raises before routing (a path with broken %-encoding, a bad Content-Type) get our shape too.
    frameworkErrors: (_error, request, reply) => {
      sendError(request, reply, new AppError('request.malformed'));
    },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // API answers are not cached, unless a route says otherwise (a worker's photo, for a minute, privately).
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  registerBodyParsing(app);
  registerErrorHandling(app);
  registerAuth(app, deps);
  registerIdempotency(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shegong 数字社工 API',
        version: deps.config.version,
        description:
          'Social-work service platform. Sign in with POST /api/auth/login; the session is a cookie. Every ' +
          'state-changing request must send the `x-csrf-token` header returned by login and /api/auth/me. ' +
          'A POST may carry an `Idempotency-Key` header (8–200 visible ASCII characters): a retry with the same key ' +
          'gets the first answer again (header `idempotent-replayed: true`) instead of repeating the action. ' +
          'Errors: `{ "error": { "code", "message", "details" } }`, message in zh-CN or en by Accept-Language.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sg_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  typed(app).get(
    '/api/health',
    {
      config: { policy: policy.public },
      schema: { tags: ['platform'], summary: '健康检查 Health', response: { 200: health } },
    },
    async () => ({ status: 'ok' as const, db: deps.dbKind, version: deps.config.version }),
  );
  typed(app).get('/api/openapi.json', { config: { policy: policy.public }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  authRoutes(app, deps);
  userRoutes(app, deps);
  organizationRoutes(app, deps);
  divisionRoutes(app, deps);
  auditRoutes(app, deps);
  taxonomyRoutes(app, deps);
  workerRoutes(app, deps);
  residentRoutes(app, deps);
  importRoutes(app, deps);
  projectRoutes(app, deps);
  evaluationRoutes(app, deps);
  procurementRoutes(app, deps);
  projectDeliveryRoutes(app, deps);
  beneficiaryRoutes(app, deps);
  caseRoutes(app, deps);
  serviceDeliveryRoutes(app, deps);
  referralRoutes(app, deps);

  const webRoot = options.webRoot;
  const indexHtml = webRoot ? path.join(webRoot, 'index.html') : undefined;
  const hasWeb = indexHtml !== undefined && fs.existsSync(indexHtml);
  if (hasWeb && webRoot) {
    // wildcard: files are looked up at request time, so a rebuilt web app is served without a restart.
    // Hashed assets never change under one name: cache them for a year; index.html is revalidated (below).
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return sendError(request, reply, new AppError('route.not_found'));
    }
    // The web app routes itself: any other GET for a page (not a missing file such as an old asset) gets index.html.
    const isFile = /\.[A-Za-z0-9]+$/.test(request.url.split('?')[0] ?? '');
    if (hasWeb && !isFile && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, new AppError('route.not_found'));
  });

  return app;
}
