import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../contracts/roles';
import { resolveSession } from '../modules/identity/auth.service';
import { sameToken } from '../modules/identity/tokens';
import type { Actor, AuthedContext, Deps, RequestContext } from './context';
import { AppError } from './errors';
import { localeFrom } from './i18n';

export const SESSION_COOKIE = 'sg_session';

/**
 * Every route names its policy (deny by default: a route without one is refused at start-up).
 * - `public`: anyone, signed in or not;
 * - `signedIn`: any signed-in user;
 * - `roles`: a signed-in user holding at least one of these roles.
 * `allowWithPendingPasswordChange` lets a user whose password must be changed reach the route anyway.
 */
export type RoutePolicy =
  | { kind: 'public' }
  | { kind: 'signedIn'; allowWithPendingPasswordChange?: boolean }
  | { kind: 'roles'; roles: readonly Role[] };

export const policy = {
  public: { kind: 'public' } as RoutePolicy,
  signedIn: { kind: 'signedIn' } as RoutePolicy,
  /** Routes a user must still reach while their password change is pending (me, change password, logout). */
  signedInAnyState: { kind: 'signedIn', allowWithPendingPasswordChange: true } as RoutePolicy,
  roles: (...roles: Role[]): RoutePolicy => ({ kind: 'roles', roles }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request carried a session cookie that is no longer valid. */
    sessionExpired: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestContext(request: FastifyRequest): RequestContext {
  return {
    actor: request.actor,
    ip: request.ip,
    requestId: request.id,
    locale: localeFrom(request.headers['accept-language']),
  };
}

/** The context of a route whose policy guarantees a signed-in actor. */
export function authedContext(request: FastifyRequest): AuthedContext {
  const ctx = requestContext(request);
  if (!ctx.actor) throw new AppError('auth.required');
  return ctx as AuthedContext;
}

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    // The API documentation pages (registered by @fastify/swagger-ui, which sets no config) are public.
    if (url === '/api/docs' || url.startsWith('/api/docs/')) {
      route.config = { ...route.config, policy: policy.public };
      return;
    }
    if (url.startsWith('/api') && !route.config?.policy) {
      throw new Error(`Route ${String(route.method)} ${url} declares no access policy (config.policy)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    // Static assets and the web app need no session lookup.
    if (!request.url.startsWith('/api/')) return;
    const routePolicy = request.routeOptions.config.policy;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const lookup = await resolveSession(deps, token);
      if (lookup.kind === 'active') request.actor = lookup.actor;
      else request.sessionExpired = true;
    }
    // Unmatched URLs (404 handler) have no policy: nothing to enforce there.
    if (!routePolicy || routePolicy.kind === 'public') return;

    const actor = request.actor;
    if (!actor) throw new AppError(request.sessionExpired ? 'auth.session_expired' : 'auth.required');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, actor.csrfToken)) throw new AppError('auth.csrf');
    }
    if (actor.mustChangePassword && !(routePolicy.kind === 'signedIn' && routePolicy.allowWithPendingPasswordChange)) {
      throw new AppError('auth.password_change_required');
    }
    if (routePolicy.kind === 'roles' && !routePolicy.roles.some((r) => actor.roles.has(r))) {
      throw new AppError('auth.forbidden');
    }
  });
}
