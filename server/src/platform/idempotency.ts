import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Deps } from './context';
import { AppError } from './errors';
import * as repo from './idempotency.repository';

/*
 * `Idempotency-Key` on POST (DESIGN §5): a phone that lost the answer retries with the same key and gets the first
 * answer again instead of creating a second record. The key belongs to the signed-in user; the same key with a
 * different request is refused; a retry that arrives while the first is still running gets 409 and may retry later.
 * 5xx answers are not kept (the retry runs again). Requests without the header behave as before.
 */

const KEY_FORMAT = /^[\x21-\x7e]{8,200}$/;
/** A claim without an answer this old belongs to a request that died with its process. */
const ABANDONED_AFTER_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: string; key: string } | null;
  }
}

function fingerprint(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method} ${url}\n`);
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('hex');
}

export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('idempotency', null);

  // After authentication and validation: only a well-formed request of a signed-in user claims a key.
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.actor) return;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) throw new AppError('idempotency.key_invalid');
    const userId = request.actor.userId;
    const hash = fingerprint(request.method, request.url, request.body);
    const now = deps.clock.now();
    if (await repo.claimKey(deps.db, userId, header, hash, now)) {
      request.idempotency = { userId, key: header };
      return;
    }
    const seen = await repo.findKey(deps.db, userId, header);
    if (!seen) throw new AppError('idempotency.in_progress');
    if (seen.requestHash !== hash) throw new AppError('idempotency.key_reused');
    if (seen.statusCode === null || seen.responseBody === null) {
      const before = new Date(now.getTime() - ABANDONED_AFTER_MS);
      if (await repo.reclaimStale(deps.db, userId, header, hash, now, before)) {
        request.idempotency = { userId, key: header };
        return;
      }
      throw new AppError('idempotency.in_progress');
    }
    reply.header('idempotent-replayed', 'true');
    if (seen.contentType) reply.type(seen.contentType);
    return reply.status(seen.statusCode).send(seen.responseBody);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await repo.releaseKey(deps.db, claim.userId, claim.key);
      return payload;
    }
    const contentType = reply.getHeader('content-type');
    await repo.storeAnswer(deps.db, claim.userId, claim.key, {
      statusCode: reply.statusCode,
      responseBody: payload,
      contentType: typeof contentType === 'string' ? contentType : null,
    });
    return payload;
  });
}
