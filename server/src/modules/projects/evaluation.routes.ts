import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/api/common';
import {
  assignEvaluationBody,
  createTemplateBody,
  evaluationDetail,
  evaluationSummary,
  evaluationTemplate,
  evaluatorDirectory,
  listTemplatesQuery,
  myEvaluationPage,
  myEvaluationsQuery,
  rectification,
  reopenRectificationBody,
  respondRectificationBody,
  saveScoresBody,
  updateEvaluationBody,
  versionBody,
} from '../../../../contracts/api/evaluations';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  assignEvaluation,
  getEvaluation,
  listEvaluators,
  listMyEvaluations,
  listProjectEvaluations,
  saveScores,
  submitEvaluation,
  updateEvaluation,
} from './evaluation.service';
import { createTemplate, getTemplate, listTemplates, retireTemplate } from './evaluation-template.service';
import { listProjectRectifications, moveRectification } from './rectification.service';

const tags = ['evaluations'];
/** Everyone with a part in projects; what each sees is decided per evaluation in the service. */
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker', 'evaluator');
const purchasing = policy.roles('bureau_admin', 'purchaser');
const evaluators = policy.roles('evaluator');

export function evaluationRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  // ---- Templates --------------------------------------------------------------------------------------------

  r.get(
    '/api/evaluation-templates',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '评估模板 Evaluation templates (active first)',
        querystring: listTemplatesQuery,
        response: { 200: z.array(evaluationTemplate) },
      },
    },
    async (request) => listTemplates(deps, request.query),
  );

  r.post(
    '/api/evaluation-templates',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '新建评估模板 Create a template (weights add up to 100; never edited afterwards)',
        body: createTemplateBody,
        response: { 201: evaluationTemplate },
      },
    },
    async (request, reply) => reply.status(201).send(await createTemplate(deps, authedContext(request), request.body)),
  );

  r.get(
    '/api/evaluation-templates/:id',
    {
      config: { policy: readers },
      schema: { tags, summary: '评估模板 Template', params: idParams, response: { 200: evaluationTemplate } },
    },
    async (request) => getTemplate(deps, request.params.id),
  );

  r.post(
    '/api/evaluation-templates/:id/retire',
    {
      config: { policy: policy.roles('bureau_admin') },
      schema: {
        tags,
        summary: '停用评估模板 Retire a template (evaluations using it keep it)',
        params: idParams,
        response: { 200: evaluationTemplate },
      },
    },
    async (request) => retireTemplate(deps, authedContext(request), request.params.id),
  );

  // ---- Evaluations --------------------------------------------------------------------------------------------

  r.get(
    '/api/projects/:id/evaluations',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '项目评估 Evaluations of a project (an evaluator sees those assigned to them)',
        params: idParams,
        response: { 200: z.array(evaluationSummary) },
      },
    },
    async (request) => listProjectEvaluations(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/evaluations',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '安排评估 Assign a mid-term (in service) or final (in final review) evaluation',
        params: idParams,
        body: assignEvaluationBody,
        response: { 201: evaluationDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assignEvaluation(deps, authedContext(request), request.params.id, request.body)),
  );

  r.get(
    '/api/evaluators',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '评估机构与评估人员 Evaluation organizations and their evaluators (for assigning evaluations)',
        response: { 200: evaluatorDirectory },
      },
    },
    async () => listEvaluators(deps),
  );

  r.get(
    '/api/evaluations',
    {
      config: { policy: evaluators },
      schema: {
        tags,
        summary: '我的评估任务 Evaluations assigned to me',
        querystring: myEvaluationsQuery,
        response: { 200: myEvaluationPage },
      },
    },
    async (request) => listMyEvaluations(deps, authedContext(request), request.query),
  );

  r.get(
    '/api/evaluations/:id',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '评估详情 Evaluation with its criteria and scores',
        params: idParams,
        response: { 200: evaluationDetail },
      },
    },
    async (request) => getEvaluation(deps, authedContext(request), request.params.id),
  );

  r.patch(
    '/api/evaluations/:id',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '调整评估安排 Reassign before submission (version required)',
        params: idParams,
        body: updateEvaluationBody,
        response: { 200: evaluationDetail },
      },
    },
    async (request) => updateEvaluation(deps, authedContext(request), request.params.id, request.body),
  );

  r.put(
    '/api/evaluations/:id/scores',
    {
      config: { policy: evaluators },
      schema: {
        tags,
        summary: '保存评分草稿 Save the draft scores (partial allowed; version required)',
        params: idParams,
        body: saveScoresBody,
        response: { 200: evaluationDetail },
      },
    },
    async (request) => saveScores(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluations/:id/submit',
    {
      config: { policy: evaluators },
      schema: {
        tags,
        summary: '提交评估 Submit (all criteria scored; grade by the template bands; raises rectifications)',
        params: idParams,
        body: versionBody,
        response: { 200: evaluationDetail },
      },
    },
    async (request) => submitEvaluation(deps, authedContext(request), request.params.id, request.body.version),
  );

  // ---- Rectifications -----------------------------------------------------------------------------------------

  r.get(
    '/api/projects/:id/rectifications',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '整改任务 Rectification tasks of a project',
        params: idParams,
        response: { 200: z.array(rectification) },
      },
    },
    async (request) => listProjectRectifications(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/rectifications/:id/respond',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: {
        tags,
        summary: '提交整改情况 The contracted agency reports the rectification',
        params: idParams,
        body: respondRectificationBody,
        response: { 200: rectification },
      },
    },
    async (request) =>
      moveRectification(deps, authedContext(request), request.params.id, 'respond', {
        response: request.body.response,
      }),
  );

  r.post(
    '/api/rectifications/:id/accept',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '验收整改 The purchasing side accepts the rectification',
        params: idParams,
        response: { 200: rectification },
      },
    },
    async (request) => moveRectification(deps, authedContext(request), request.params.id, 'accept'),
  );

  r.post(
    '/api/rectifications/:id/reopen',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '退回整改 The purchasing side sends the rectification back with a reason',
        params: idParams,
        body: reopenRectificationBody,
        response: { 200: rectification },
      },
    },
    async (request) =>
      moveRectification(deps, authedContext(request), request.params.id, 'reopen', { reason: request.body.reason }),
  );
}
