import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  taxonomyList,
  taxonomyScheme,
  taxonomyTerm,
  termCode,
  upsertTermBody,
} from '../../../../contracts/api/registry';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { saveTerm, taxonomy } from './taxonomy.service';

const tags = ['taxonomies'];

export function taxonomyRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get(
    '/api/taxonomies/:scheme',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags,
        summary: '分类字典 Managed taxonomy (specialty, language, skill)',
        params: z.object({ scheme: taxonomyScheme }).strict(),
        response: { 200: taxonomyList },
      },
    },
    async (request) => taxonomy(deps.db, request.params.scheme),
  );
  r.put(
    '/api/taxonomies/:scheme/:code',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '新增或修改分类 Create or update a term',
        params: z.object({ scheme: taxonomyScheme, code: termCode }).strict(),
        body: upsertTermBody,
        response: { 200: taxonomyTerm },
      },
    },
    async (request) => saveTerm(deps, authedContext(request), request.params.scheme, request.params.code, request.body),
  );
}
