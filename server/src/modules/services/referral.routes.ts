import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import {
  acceptReferralBody,
  createReferralBody,
  decideReferralBody,
  listReferralsQuery,
  referral,
  referralPage,
  referralTargets as referralTargetList,
  referralTargetsQuery,
} from '../../../../contracts/api/delivery';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  acceptReferral,
  createReferral,
  decideReferral,
  getReferral,
  listReferrals,
  referralTargets,
} from './referral.service';

const tags = ['referrals'];
/**
 * Referrals run between agencies. Which side the caller is on (case worker or manager of the referring agency,
 * manager of the receiving one) is decided by the service, per referral.
 */
const agencyStaff = policy.roles('agency_manager', 'social_worker');

export function referralRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get(
    '/api/referrals',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '转介（转入：本机构收到的；转出：本机构发出的） Referrals in or out',
        querystring: listReferralsQuery,
        response: { 200: referralPage },
      },
    },
    async (request) => listReferrals(deps, authedContext(request), request.query),
  );
  r.get(
    '/api/referrals/targets',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '可转介的机构 Agencies a case can be referred to',
        querystring: referralTargetsQuery,
        response: { 200: referralTargetList },
      },
    },
    async (request) => referralTargets(deps, authedContext(request), request.query.q),
  );
  r.post(
    '/api/referrals',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '发起转介或转移 Refer or transfer a case to another agency',
        body: createReferralBody,
        response: { 201: referral },
      },
    },
    async (request, reply) => reply.status(201).send(await createReferral(deps, authedContext(request), request.body)),
  );
  r.get(
    '/api/referrals/:id',
    {
      config: { policy: agencyStaff },
      schema: { tags, summary: '转介详情 Referral', params: idParams, response: { 200: referral } },
    },
    async (request) => getReferral(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/referrals/:id/accept',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '接收转介（接收机构负责人） Accept (receiving agency manager)',
        params: idParams,
        body: acceptReferralBody,
        response: { 200: referral },
      },
    },
    async (request) => acceptReferral(deps, authedContext(request), request.params.id, request.body),
  );
  r.post(
    '/api/referrals/:id/reject',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '拒绝转介（接收机构负责人） Reject (receiving agency manager)',
        params: idParams,
        body: decideReferralBody,
        response: { 200: referral },
      },
    },
    async (request) => decideReferral(deps, authedContext(request), request.params.id, 'reject', request.body),
  );
  r.post(
    '/api/referrals/:id/revoke',
    {
      config: { policy: agencyStaff },
      schema: {
        tags,
        summary: '撤回转介（转出方） Revoke (referring side)',
        params: idParams,
        body: decideReferralBody,
        response: { 200: referral },
      },
    },
    async (request) => decideReferral(deps, authedContext(request), request.params.id, 'revoke', request.body),
  );
}
