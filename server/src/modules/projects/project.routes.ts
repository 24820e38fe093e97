import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams, uuid } from '../../../../contracts/api/common';
import {
  createProjectBody,
  documentKind,
  listProjectsQuery,
  projectDetail,
  projectDocument,
  projectHistoryEntry,
  projectPage,
  publicProjectPage,
  publicProjectsQuery,
  setTeamBody,
  transitionBody,
  updateProjectBody,
} from '../../../../contracts/api/projects';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { sendAttachment, sendSpreadsheet } from '../../platform/download';
import { AppError } from '../../platform/errors';
import { typed } from '../../platform/http';
import {
  createProject,
  downloadDocument,
  getProject,
  listProjectDocuments,
  listProjects,
  listPublicProjects,
  MAX_DOCUMENT_BYTES,
  projectHistory,
  setTeam,
  transitionProject,
  updateProject,
  uploadDocument,
} from './project.service';
import { exportProjectLedger } from './project-export';

const tags = ['projects'];
/** Everyone with a part in projects reads them; what each sees is the project scope. */
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker', 'evaluator');
const purchasing = policy.roles('bureau_admin', 'purchaser');
const participants = policy.roles('bureau_admin', 'purchaser', 'agency_manager');

export function projectRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.get(
    '/api/projects',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '项目列表 Projects in scope, with counts per status',
        querystring: listProjectsQuery,
        response: { 200: projectPage },
      },
    },
    async (request) => listProjects(deps, authedContext(request), request.query),
  );

  r.get(
    '/api/projects/export',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '导出项目台账 Export the project ledger (the list’s filters, within scope)',
        querystring: listProjectsQuery
          .omit({ page: true, pageSize: true })
          .extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      return sendSpreadsheet(
        reply,
        await exportProjectLedger(deps, authedContext(request), filters, format),
        `项目台账.${format}`,
        format,
      );
    },
  );

  r.post(
    '/api/projects',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '新建项目（草稿） Create a project draft',
        body: createProjectBody,
        response: { 201: projectDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createProject(deps, authedContext(request), request.body)),
  );

  r.get(
    '/api/projects/:id',
    {
      config: { policy: readers },
      schema: { tags, summary: '项目详情 Project', params: idParams, response: { 200: projectDetail } },
    },
    async (request) => getProject(deps, authedContext(request), request.params.id),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '修改草稿 Edit a draft (version required)',
        params: idParams,
        body: updateProjectBody,
        response: { 200: projectDetail },
      },
    },
    async (request) => updateProject(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/transitions',
    {
      config: { policy: participants },
      schema: {
        tags,
        summary: '变更项目状态 Move the project (submit, approve, reject, start, final review, close, terminate)',
        params: idParams,
        body: transitionBody,
        response: { 200: projectDetail },
      },
    },
    async (request) => transitionProject(deps, authedContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/history',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '状态历史 Status history',
        params: idParams,
        response: { 200: z.array(projectHistoryEntry) },
      },
    },
    async (request) => projectHistory(deps, authedContext(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/team',
    {
      config: { policy: participants },
      schema: {
        tags,
        summary: '设置项目团队 Set the delivery team (lead and members from the contracted agency)',
        params: idParams,
        body: setTeamBody,
        response: { 200: projectDetail },
      },
    },
    async (request) => setTeam(deps, authedContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/documents',
    {
      config: { policy: readers },
      schema: { tags, summary: '项目文档 Documents', params: idParams, response: { 200: z.array(projectDocument) } },
    },
    async (request) => listProjectDocuments(deps, authedContext(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/documents/:documentId',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '下载文档 Download a document',
        params: z.object({ id: uuid, documentId: uuid }).strict(),
      },
    },
    async (request, reply) => {
      const doc = await downloadDocument(deps, authedContext(request), request.params.id, request.params.documentId);
      return sendAttachment(reply, doc.bytes, doc.fileName, doc.contentType);
    },
  );

  // Uploads arrive as the raw file. Their own context: any declared type is read as bytes (the service trusts only
  // the file's signature), up to the document limit.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        throw new AppError('request.body_too_large', { limit: MAX_DOCUMENT_BYTES });
      throw error;
    });
    typed(scope).post(
      '/api/projects/:id/documents',
      {
        config: { policy: participants },
        bodyLimit: MAX_DOCUMENT_BYTES,
        schema: {
          tags,
          summary: '上传文档 Upload a document (raw body; name in x-file-name; PDF, Office, image or ZIP, ≤ 20 MB)',
          params: idParams,
          querystring: z.object({ kind: documentKind }).strict(),
          headers: z.object({ 'x-file-name': z.string().min(1).max(300) }).passthrough(),
          response: { 201: projectDocument },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('request.empty_body');
        let fileName: string;
        try {
          fileName = decodeURIComponent(request.headers['x-file-name']).trim().slice(0, 200);
        } catch {
          throw new AppError('request.malformed');
        }
        if (!fileName) throw new AppError('request.malformed');
        const doc = await uploadDocument(
          deps,
          authedContext(request),
          request.params.id,
          request.query.kind,
          fileName,
          body,
        );
        return reply.status(201).send(doc);
      },
    );
  });

  r.get(
    '/api/public/projects',
    {
      config: { policy: policy.public },
      schema: {
        tags: ['public'],
        summary: '项目信息公开 Disclosed projects (no login, no personal data)',
        querystring: publicProjectsQuery,
        response: { 200: publicProjectPage },
      },
    },
    async (request) => listPublicProjects(deps, request.query),
  );
}
