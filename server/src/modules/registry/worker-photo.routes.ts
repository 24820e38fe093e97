import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/api/common';
import { workerPhotoInfo } from '../../../../contracts/api/registry';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from '../../../../contracts/photos';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  getWorkerPhoto,
  photoContentType,
  photoTooLarge,
  removeWorkerPhoto,
  setWorkerPhoto,
} from './worker-photo.service';

const tags = ['workers'];
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker');
const editors = policy.roles('bureau_admin', 'agency_manager', 'social_worker');

/**
 * The photo routes live in their own encapsulation context: the image body parsers (raw bytes up to 2 MB) and the
 * "too large" wording apply here only, beside the JSON parser and the spreadsheet parsers of the import routes.
 */
export function workerPhotoRoutes(app: FastifyInstance, deps: Deps) {
  return app.register(async (scope) => {
    scope.addContentTypeParser(
      [...PHOTO_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    // Fastify refuses an oversized image before the handler runs; say so with the photo limit, not the JSON one.
    // Anything else goes on to the application's error handler.
    scope.setErrorHandler((error: FastifyError, request) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && photoContentType(request.headers['content-type'])) {
        throw photoTooLarge();
      }
      throw error;
    });

    const r = typed(scope);

    r.get(
      '/api/workers/:id/photo',
      {
        config: { policy: readers },
        schema: {
          tags,
          summary: '社工照片 The worker’s photo (image bytes)',
          params: idParams,
          // `v` lets the console ask for a fresh copy after an upload (the image is cached for a minute).
          querystring: z.object({ v: z.string().max(40).optional() }).strict(),
        },
      },
      async (request, reply) => {
        const photo = await getWorkerPhoto(deps, authedContext(request), request.params.id);
        return reply
          .header('content-type', photo.contentType)
          .header('cache-control', 'private, max-age=60')
          .send(photo.bytes);
      },
    );

    r.put(
      '/api/workers/:id/photo',
      {
        config: { policy: editors },
        schema: {
          tags,
          summary: '上传照片 Set the photo (raw JPEG, PNG or WebP body, at most 2 MB)',
          params: idParams,
          response: { 200: workerPhotoInfo },
        },
      },
      async (request) =>
        setWorkerPhoto(deps, authedContext(request), request.params.id, request.headers['content-type'], request.body),
    );

    r.delete(
      '/api/workers/:id/photo',
      {
        config: { policy: editors },
        schema: { tags, summary: '删除照片 Remove the photo', params: idParams, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await removeWorkerPhoto(deps, authedContext(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  });
}
