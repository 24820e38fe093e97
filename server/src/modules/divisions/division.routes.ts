import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { divisionCode } from '../../../../contracts/api/common';
import { divisionList } from '../../../../contracts/api/platform';
import { policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { divisionTree } from './division.service';

export function divisionRoutes(app: FastifyInstance, deps: Deps) {
  typed(app).get(
    '/api/divisions',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags: ['divisions'],
        summary: '行政区划 Division tree (flat, ordered by code)',
        querystring: z.object({ within: divisionCode.optional() }).strict(),
        response: { 200: divisionList },
      },
    },
    async (request) => ({ items: await divisionTree(deps.db, request.query.within) }),
  );
}
