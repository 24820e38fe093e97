import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams, uuid } from '../../../../contracts/api/common';
import {
  activityPage,
  activitySummary,
  completeServiceRecordBody,
  createActivityBody,
  createGroupBody,
  createServiceRecordBody,
  dashboardQuery,
  deliveryDashboard,
  groupDetail,
  groupMembersBody,
  groupPage,
  listProgrammesQuery,
  listServiceRecordsQuery,
  myWork,
  satisfactionSurveyBody,
  serviceRecord,
  serviceRecordPage,
  updateActivityBody,
  updateGroupBody,
  voidServiceRecordBody,
} from '../../../../contracts/api/delivery';
import { PHOTO_MAX_BYTES } from '../../../../contracts/photos';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { sendAttachment, sendSpreadsheet } from '../../platform/download';
import { AppError } from '../../platform/errors';
import { typed } from '../../platform/http';
import { photoTooLarge } from '../registry/worker-photo.service';
import { deliveryDashboardFor, myWorkFor } from './dashboard.service';
import {
  changeMembers,
  createActivity,
  createGroup,
  getActivity,
  getGroup,
  listActivities,
  listGroups,
  updateActivity,
  updateGroup,
} from './programme.service';
import {
  addRecordPhoto,
  completeServiceRecord,
  createServiceRecord,
  getRecordPhoto,
  getServiceRecord,
  listProjectServiceRecords,
  listServiceRecords,
  recordSurvey,
  voidServiceRecord,
} from './service-record.service';
import { exportProjectServiceRecords, exportServiceRecords } from './service-record-export';

const tags = ['delivery'];
const agencyStaff = policy.roles('agency_manager', 'social_worker');

export function serviceDeliveryRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  // ---- groups --------------------------------------------------------------------------------------------------
  r.get(
    '/api/groups',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '小组 Groups of my agencies',
        querystring: listProgrammesQuery,
        response: { 200: groupPage },
      },
    },
    async (request) => listGroups(deps, authedContext(request), request.query),
  );
  r.post(
    '/api/groups',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: { tags, summary: '新建小组 New group', body: createGroupBody, response: { 201: groupDetail } },
    },
    async (request, reply) => reply.status(201).send(await createGroup(deps, authedContext(request), request.body)),
  );
  r.get(
    '/api/groups/:id',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '小组详情 Group', params: idParams, response: { 200: groupDetail } },
    },
    async (request) => getGroup(deps, authedContext(request), request.params.id),
  );
  r.patch(
    '/api/groups/:id',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: {
        tags,
        summary: '修改小组 Edit a group',
        params: idParams,
        body: updateGroupBody,
        response: { 200: groupDetail },
      },
    },
    async (request) => updateGroup(deps, authedContext(request), request.params.id, request.body),
  );
  r.post(
    '/api/groups/:id/members',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '组员加入/退出 Members join or leave',
        params: idParams,
        body: groupMembersBody,
        response: { 200: groupDetail },
      },
    },
    async (request) => changeMembers(deps, authedContext(request), request.params.id, request.body),
  );

  // ---- community activities ---------------------------------------------------------------------------------------
  r.get(
    '/api/activities',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '社区活动 Community activities of my agencies',
        querystring: listProgrammesQuery,
        response: { 200: activityPage },
      },
    },
    async (request) => listActivities(deps, authedContext(request), request.query),
  );
  r.post(
    '/api/activities',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: {
        tags,
        summary: '新建社区活动 New activity',
        body: createActivityBody,
        response: { 201: activitySummary },
      },
    },
    async (request, reply) => reply.status(201).send(await createActivity(deps, authedContext(request), request.body)),
  );
  r.get(
    '/api/activities/:id',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '社区活动详情 Activity', params: idParams, response: { 200: activitySummary } },
    },
    async (request) => getActivity(deps, authedContext(request), request.params.id),
  );
  r.patch(
    '/api/activities/:id',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: {
        tags,
        summary: '修改社区活动 Edit an activity',
        params: idParams,
        body: updateActivityBody,
        response: { 200: activitySummary },
      },
    },
    async (request) => updateActivity(deps, authedContext(request), request.params.id, request.body),
  );

  // ---- service records ---------------------------------------------------------------------------------------------
  r.get(
    '/api/service-records',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '服务记录 Service records I may see',
        querystring: listServiceRecordsQuery,
        response: { 200: serviceRecordPage },
      },
    },
    async (request) => listServiceRecords(deps, authedContext(request), request.query),
  );
  const exportQuery = listServiceRecordsQuery
    .omit({ page: true, pageSize: true })
    .extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
  r.get(
    '/api/service-records/export',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '导出服务记录台账（姓名脱敏）Export service records (names masked)',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const bytes = await exportServiceRecords(deps, authedContext(request), filters, format);
      return sendSpreadsheet(reply, bytes, `服务记录台账.${format}`, format);
    },
  );
  r.get(
    '/api/projects/:id/service-records/export',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags,
        summary: '导出项目服务记录（脱敏/匿名）Export a project’s records (masked or anonymised)',
        params: idParams,
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const bytes = await exportProjectServiceRecords(deps, authedContext(request), request.params.id, filters, format);
      return sendSpreadsheet(reply, bytes, `项目服务记录.${format}`, format);
    },
  );
  r.post(
    '/api/service-records',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '计划或登记服务（探访、小组节次、活动场次）Schedule or record a visit, group session or activity',
        body: createServiceRecordBody,
        response: { 201: serviceRecord },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createServiceRecord(deps, authedContext(request), request.body)),
  );
  r.get(
    '/api/service-records/:id',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '服务记录 Service record', params: idParams, response: { 200: serviceRecord } },
    },
    async (request) => getServiceRecord(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/service-records/:id/complete',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '登记完成 Record a scheduled session as held',
        params: idParams,
        body: completeServiceRecordBody,
        response: { 200: serviceRecord },
      },
    },
    async (request) => completeServiceRecord(deps, authedContext(request), request.params.id, request.body),
  );
  r.post(
    '/api/service-records/:id/void',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '作废（撤回计数）Void a record (its counts are taken back)',
        params: idParams,
        body: voidServiceRecordBody,
        response: { 200: serviceRecord },
      },
    },
    async (request) => voidServiceRecord(deps, authedContext(request), request.params.id, request.body),
  );
  r.get(
    '/api/service-records/:id/photos/:photoId',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '服务照片 A photo of the session',
        params: z.object({ id: uuid, photoId: uuid }).strict(),
      },
    },
    async (request, reply) => {
      const photo = await getRecordPhoto(deps, authedContext(request), request.params.id, request.params.photoId);
      return sendAttachment(reply, photo.content, photo.fileName, photo.contentType);
    },
  );
  app.register(async (scope) => {
    // Photos arrive as the raw body with their image type; the pictured people are named in the query.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw photoTooLarge();
      throw error;
    });
    typed(scope).post(
      '/api/service-records/:id/photos',
      {
        config: { policy: agencyStaff },
        bodyLimit: PHOTO_MAX_BYTES,
        schema: {
          tags,
          summary: '上传服务照片（JPEG/PNG/WebP ≤ 2 MB；照片中可辨认的服务对象须同意拍照）Upload a photo',
          params: idParams,
          querystring: z
            .object({
              pictured: z.string().max(2000).default(''),
              fileName: z.string().trim().min(1).max(200).default('photo'),
            })
            .strict(),
          response: { 201: serviceRecord },
        },
      },
      async (request, reply) => {
        const pictured = request.query.pictured
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (!pictured.every((id) => uuid.safeParse(id).success)) throw new AppError('request.malformed');
        const record = await addRecordPhoto(
          deps,
          authedContext(request),
          request.params.id,
          request.query.fileName,
          pictured,
          request.headers['content-type'],
          request.body,
        );
        return reply.status(201).send(record);
      },
    );
  });

  r.get(
    '/api/projects/:id/service-records',
    {
      config: { policy: policy.signedIn },
      schema: {
        tags,
        summary: '项目服务记录（购买方脱敏、评估方匿名）Records of a project, masked or anonymised by viewer',
        params: idParams,
        querystring: listServiceRecordsQuery,
        response: { 200: serviceRecordPage },
      },
    },
    async (request) => listProjectServiceRecords(deps, authedContext(request), request.params.id, request.query),
  );
  r.post(
    '/api/satisfaction-surveys',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '满意度调查 Record a satisfaction survey',
        body: satisfactionSurveyBody,
        response: { 201: z.object({ id: uuid, satisfactionRate: z.number().nullable() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordSurvey(deps, authedContext(request), request.body)),
  );

  // ---- dashboards and worker tools -----------------------------------------------------------------------------
  r.get(
    '/api/delivery/dashboard',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser', 'agency_manager') },
      schema: {
        tags,
        summary: '服务数据看板（指标实际值汇总）Delivery dashboard of indicator actuals',
        querystring: dashboardQuery,
        response: { 200: deliveryDashboard },
      },
    },
    async (request) => deliveryDashboardFor(deps, authedContext(request), request.query),
  );
  r.get(
    '/api/me/work',
    {
      config: { policy: policy.roles('social_worker') },
      schema: { tags, summary: '我的工作台 My caseload, upcoming sessions, reviews', response: { 200: myWork } },
    },
    async (request) => myWorkFor(deps, authedContext(request)),
  );
}
