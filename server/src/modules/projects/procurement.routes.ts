import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import {
  awardBody,
  bid,
  bidList,
  bidParams,
  contract,
  myBidQuery,
  procurementCall,
  publicCallPage,
  publicContractPage,
  publicListQuery,
  publishCallBody,
  scoreBidBody,
  submitBidBody,
  updateBidBody,
  withdrawBidBody,
} from '../../../../contracts/api/procurement';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  award,
  getCall,
  getContract,
  listBids,
  listPublicCalls,
  listPublicContracts,
  publishCall,
  publishContract,
  scoreBid,
  submitBid,
  updateMyBid,
  withdrawMyBid,
} from './procurement.service';

const tags = ['procurement'];
const readers = policy.roles('bureau_admin', 'purchaser', 'agency_manager', 'social_worker', 'evaluator');
const purchasing = policy.roles('bureau_admin', 'purchaser');
const bidders = policy.roles('agency_manager');
const participants = policy.roles('bureau_admin', 'purchaser', 'agency_manager');

export function procurementRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);

  r.post(
    '/api/projects/:id/call',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '发布采购公告 Publish the call (approved → tendering)',
        params: idParams,
        body: publishCallBody,
        response: { 201: procurementCall },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await publishCall(deps, authedContext(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/call',
    {
      config: { policy: readers },
      schema: { tags, summary: '采购公告 The call', params: idParams, response: { 200: procurementCall } },
    },
    async (request) => getCall(deps, authedContext(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/bids',
    {
      config: { policy: participants },
      schema: {
        tags,
        summary: '投标列表 Bids: an agency its own; the purchasing side all of them, with scores, after the deadline',
        params: idParams,
        response: { 200: bidList },
      },
    },
    async (request) => listBids(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/bids',
    {
      config: { policy: bidders },
      schema: {
        tags,
        summary: '投标 Submit the agency’s bid (one per agency, before the deadline)',
        params: idParams,
        body: submitBidBody,
        response: { 201: bid },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitBid(deps, authedContext(request), request.params.id, request.body)),
  );

  r.put(
    '/api/projects/:id/bids/mine',
    {
      config: { policy: bidders },
      schema: {
        tags,
        summary: '修改投标 Change the agency’s bid before the deadline (submits a withdrawn one again)',
        params: idParams,
        querystring: myBidQuery,
        body: updateBidBody,
        response: { 200: bid },
      },
    },
    async (request) =>
      updateMyBid(deps, authedContext(request), request.params.id, request.query.agencyId, request.body),
  );

  r.post(
    '/api/projects/:id/bids/mine/withdraw',
    {
      config: { policy: bidders },
      schema: {
        tags,
        summary: '撤回投标 Withdraw the agency’s bid before the deadline',
        params: idParams,
        querystring: myBidQuery,
        body: withdrawBidBody,
        response: { 200: bid },
      },
    },
    async (request) =>
      withdrawMyBid(deps, authedContext(request), request.params.id, request.query.agencyId, request.body.version),
  );

  r.put(
    '/api/projects/:id/bids/:bidId/score',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '评标打分 Score a bid 0–100 (one score per panel member, after the deadline)',
        params: bidParams,
        body: scoreBidBody,
        response: { 200: bid },
      },
    },
    async (request) => scoreBid(deps, authedContext(request), request.params.id, request.params.bidId, request.body),
  );

  r.post(
    '/api/projects/:id/award',
    {
      config: { policy: purchasing },
      schema: {
        tags,
        summary: '定标并签订合同 Award a bid and record the contract (tendering → contracted)',
        params: idParams,
        body: awardBody,
        response: { 201: contract },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await award(deps, authedContext(request), request.params.id, request.body)),
  );

  r.get(
    '/api/projects/:id/contract',
    {
      config: { policy: readers },
      schema: { tags, summary: '合同 The contract', params: idParams, response: { 200: contract } },
    },
    async (request) => getContract(deps, authedContext(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/contract/publish',
    {
      config: { policy: purchasing },
      schema: { tags, summary: '公开合同 Publish the contract', params: idParams, response: { 200: contract } },
    },
    async (request) => publishContract(deps, authedContext(request), request.params.id),
  );

  r.get(
    '/api/public/calls',
    {
      config: { policy: policy.public },
      schema: {
        tags: ['public'],
        summary: '采购公告公开 Open calls (no login, no personal data)',
        querystring: publicListQuery,
        response: { 200: publicCallPage },
      },
    },
    async (request) => listPublicCalls(deps, request.query),
  );

  r.get(
    '/api/public/contracts',
    {
      config: { policy: policy.public },
      schema: {
        tags: ['public'],
        summary: '合同公开 Published contracts of disclosed projects (no login, no personal data)',
        querystring: publicListQuery,
        response: { 200: publicContractPage },
      },
    },
    async (request) => listPublicContracts(deps, request.query),
  );
}
