import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { divisionCode, idParams, line } from '../../../../../contracts/api/common';
import {
  importJob,
  importKind,
  isoDate,
  listResidentsQuery,
  workerSearchQuery,
} from '../../../../../contracts/api/registry';
import { authedContext, policy } from '../../../platform/auth';
import type { Deps } from '../../../platform/context';
import { sendSpreadsheet } from '../../../platform/download';
import { AppError } from '../../../platform/errors';
import { typed } from '../../../platform/http';
import { exportAgencies, exportCeRecords, exportResidents, exportWorkers } from '../registry-export';
import {
  commitImport,
  getImportJob,
  importReport,
  importTemplate,
  MAX_IMPORT_BYTES,
  startImport,
  templateFileName,
} from './import.service';

const tags = ['imports'];
// Each kind narrows this further (see the strategies' roles).
const importers = policy.roles('bureau_admin', 'agency_manager', 'community_staff');
const format = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

export function importRoutes(app: FastifyInstance, deps: Deps) {
  // Spreadsheet uploads arrive as the raw file (no multipart), up to MAX_IMPORT_BYTES.
  app.addContentTypeParser(
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = typed(app);

  r.get(
    '/api/imports/templates/:kind',
    {
      config: { policy: importers },
      schema: {
        tags,
        summary: '下载导入模板 Download the import template',
        params: z.object({ kind: importKind }).strict(),
        querystring: format,
      },
    },
    async (request, reply) =>
      sendSpreadsheet(
        reply,
        await importTemplate(authedContext(request), request.params.kind, request.query.format),
        templateFileName(request.params.kind, request.query.format),
        request.query.format,
      ),
  );

  r.post(
    '/api/imports/:kind',
    {
      config: { policy: importers },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary: '上传并校验 Upload a file (raw .xlsx or .csv body; file name in x-file-name) and validate it',
        params: z.object({ kind: importKind }).strict(),
        headers: z.object({ 'x-file-name': z.string().max(300).optional() }).passthrough(),
        response: { 202: importJob },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0)
        throw new AppError('spreadsheet.unreadable', { reason: 'empty' });
      let fileName = 'upload';
      try {
        fileName = decodeURIComponent(request.headers['x-file-name'] ?? 'upload').slice(0, 200);
      } catch {
        // A malformed name is not worth refusing the file for.
      }
      return reply
        .status(202)
        .send(await startImport(deps, authedContext(request), request.params.kind, fileName, body));
    },
  );

  r.get(
    '/api/imports/:id',
    {
      config: { policy: importers },
      schema: {
        tags,
        summary: '导入进度与校验结果 Job progress and report',
        params: idParams,
        response: { 200: importJob },
      },
    },
    async (request) => getImportJob(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/imports/:id/commit',
    {
      config: { policy: importers },
      schema: {
        tags,
        summary: '确认导入 Run the import: all or nothing, or valid rows only',
        params: idParams,
        body: z.object({ mode: z.enum(['all_or_nothing', 'valid_rows_only']) }).strict(),
        response: { 202: importJob },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await commitImport(deps, authedContext(request), request.params.id, request.body.mode)),
  );

  r.get(
    '/api/imports/:id/report',
    {
      config: { policy: importers },
      schema: { tags, summary: '下载错误报告 Download the error report', params: idParams, querystring: format },
    },
    async (request, reply) =>
      sendSpreadsheet(
        reply,
        await importReport(deps, authedContext(request), request.params.id, request.query.format),
        `导入错误报告.${request.query.format}`,
        request.query.format,
      ),
  );

  r.get(
    '/api/workers/export',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser', 'agency_manager') },
      schema: {
        tags: ['workers'],
        summary: '导出人才库（脱敏） Export the talent pool (masked, within scope)',
        querystring: workerSearchQuery.omit({ page: true, pageSize: true }).extend(format.shape),
      },
    },
    async (request, reply) => {
      const { format: kind, ...filters } = request.query;
      return sendSpreadsheet(
        reply,
        await exportWorkers(deps, authedContext(request), filters, kind),
        `社工人才库.${kind}`,
        kind,
      );
    },
  );

  r.get(
    '/api/organizations/export',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser') },
      schema: {
        tags: ['organizations'],
        summary: '导出社工机构名录 Export the agency directory (within scope)',
        querystring: z
          .object({ q: line(64).optional(), divisionCode: divisionCode.optional(), ...format.shape })
          .strict(),
      },
    },
    async (request, reply) => {
      const { format: kind, ...filters } = request.query;
      return sendSpreadsheet(
        reply,
        await exportAgencies(deps, authedContext(request), filters, kind),
        `社工机构名录.${kind}`,
        kind,
      );
    },
  );

  r.get(
    '/api/workers/ce-records/export',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser', 'agency_manager') },
      schema: {
        tags: ['workers'],
        summary: '导出继续教育记录（脱敏） Export CE records (masked, within scope)',
        querystring: z.object({ from: isoDate.optional(), ...format.shape }).strict(),
      },
    },
    async (request, reply) => {
      const { format: kind, ...filters } = request.query;
      return sendSpreadsheet(
        reply,
        await exportCeRecords(deps, authedContext(request), filters, kind),
        `继续教育记录.${kind}`,
        kind,
      );
    },
  );

  r.get(
    '/api/residents/export',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser', 'community_staff') },
      schema: {
        tags: ['residents'],
        summary: '导出居民/志愿者名册（脱敏） Export residents or volunteers (masked, within scope)',
        querystring: listResidentsQuery.omit({ page: true, pageSize: true }).extend(format.shape),
      },
    },
    async (request, reply) => {
      const { format: kind, ...filters } = request.query;
      const name = filters.volunteer === 'true' ? '志愿者名册' : '居民名册';
      return sendSpreadsheet(
        reply,
        await exportResidents(deps, authedContext(request), filters, kind),
        `${name}.${kind}`,
        kind,
      );
    },
  );
}
