import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from './errors';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Refuses input PostgreSQL cannot store or people cannot read: NUL characters and unpaired UTF-16 surrogates, in
 * keys and values, and nesting deeper than MAX_DEPTH. Walks iteratively so a hostile body cannot exhaust the stack.
 */
export function assertCleanInput(value: unknown): void {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (!v.isWellFormed() || v.includes('\u0000')) throw new AppError('request.invalid_text');
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) throw new AppError('request.too_deep');
      for (const [k, child] of Object.entries(v)) {
        if (!k.isWellFormed() || k.includes('\u0000')) throw new AppError('request.invalid_text');
        stack.push({ v: child, depth: depth + 1 });
      }
    }
  }
}

/** JSON bodies: strict UTF-8, prototype-poisoning keys refused, clean text only. */
export function registerBodyParsing(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json$/,
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
      if (body.length === 0) return done(null, undefined);
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(new AppError('request.invalid_utf8'));
      }
      let parsed: unknown;
      try {
        parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        return done(new AppError('request.invalid_json'));
      }
      try {
        assertCleanInput(parsed);
      } catch (error) {
        return done(error as Error);
      }
      done(null, parsed);
    },
  );
  // Query strings and path parameters get the same text rules before validation.
  app.addHook('preValidation', async (request) => {
    assertCleanInput(request.query);
    assertCleanInput(request.params);
  });
}
