import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../../contracts/errors';
import { BODY_LIMIT_BYTES } from './body';
import { AppError, type ErrorCode } from './errors';
import { errorMessage, localeFrom } from './i18n';
import { formatIssues, RequestValidationError } from './validation';

/** Fastify's own error codes for bad requests, mapped to ours. Anything else below 500 becomes request.malformed. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
};

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const locale = localeFrom(request.headers['accept-language']);
  const body: ApiErrorBody = {
    error: { code: error.code, message: errorMessage(error.code, locale, error.details) },
  };
  if (error.details !== undefined) body.error.details = error.details;
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.status(error.status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof AppError) return sendError(request, reply, error);

    if (error instanceof RequestValidationError) {
      const locale = localeFrom(request.headers['accept-language']);
      return sendError(
        request,
        reply,
        new AppError('validation.failed', { issues: formatIssues(error.part, error.issues, locale) }),
      );
    }

    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const mapped = (fastifyError.code && FASTIFY_CODES[fastifyError.code]) || undefined;
      if (mapped === 'request.body_too_large') {
        return sendError(request, reply, new AppError(mapped, { limit: BODY_LIMIT_BYTES }));
      }
      if (mapped) return sendError(request, reply, new AppError(mapped));
      const malformed = new AppError('request.malformed');
      return sendError(request, reply, Object.assign(malformed, { status }));
    }

    // A 500 is a bug: log it with the request id, tell the user the id, reveal nothing else.
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return sendError(request, reply, new AppError('internal.error', { requestId: request.id }));
  });
}
