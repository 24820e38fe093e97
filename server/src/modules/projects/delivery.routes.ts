import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../../contracts/api/common';
import {
  financeOverview as financeOverviewSchema,
  indicatorOverview as indicatorOverviewSchema,
  progressReport,
  progressReportBody,
  recordPaymentBody,
  setIndicatorsBody,
  setMilestonesBody,
} from '../../../../contracts/api/projects';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import { indicatorOverview, listProgressReports, setIndicators, submitProgressReport } from './indicator.service';
import { financeOverview, recordPayment, setMilestones } from './payment.service';

const tags = ['projects'];
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker', 'evaluator');
const purchasing = policy.roles('bureau_admin', 'purchaser');

/** What a project is measured and paid by: indicators with progress reports, milestones with payments. */
export function projectDeliveryRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.get(
    '/api/projects/:id/indicators',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '服务指标与进度 Indicators with actuals, progress and shortfall',
        params: idParams,
        response: { 200: indicatorOverviewSchema },
      },
    },
    async (request) => indicatorOverview(deps, authedContext(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/indicators',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '设置服务指标 Set the targets (until service starts)',
        params: idParams,
        body: setIndicatorsBody,
        response: { 200: indicatorOverviewSchema },
      },
    },
    async (request) => setIndicators(deps, authedContext(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/progress-reports',
    {
      config: { policy: readers },
      schema: {
        tags,
        summary: '进度报告 Progress reports',
        params: idParams,
        response: { 200: z.array(progressReport) },
      },
    },
    async (request) => listProgressReports(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/progress-reports',
    {
      config: { policy: policy.roles('agency_manager') },
      schema: {
        tags,
        summary: '提交进度报告 Report progress for a period (the contracted agency)',
        params: idParams,
        body: progressReportBody,
        response: { 201: indicatorOverviewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitProgressReport(deps, authedContext(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/finance',
    {
      config: { policy: policy.roles('bureau_admin', 'purchaser', 'agency_manager') },
      schema: {
        tags,
        summary: '付款节点与付款记录 Milestones and payments',
        params: idParams,
        response: { 200: financeOverviewSchema },
      },
    },
    async (request) => financeOverview(deps, authedContext(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/milestones',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '设置付款节点 Set the payment schedule (≤ 100 % of the contract)',
        params: idParams,
        body: setMilestonesBody,
        response: { 200: financeOverviewSchema },
      },
    },
    async (request) => setMilestones(deps, authedContext(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/payments',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '登记付款 Record a payment (never beyond the contract or a milestone)',
        params: idParams,
        body: recordPaymentBody,
        response: { 201: financeOverviewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordPayment(deps, authedContext(request), request.params.id, request.body)),
  );
}
