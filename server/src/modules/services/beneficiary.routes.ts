import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../../contracts/api/common';
import {
  beneficiary,
  beneficiaryLookupBody,
  beneficiaryLookupResult,
  beneficiaryPage,
  beneficiaryRevealBody,
  beneficiaryRevealResult,
  beneficiaryStats,
  beneficiaryStatsQuery,
  consentOverview,
  consentPurposeParams,
  createBeneficiaryBody,
  listBeneficiariesQuery,
  recordConsentBody,
  updateBeneficiaryBody,
  withdrawConsentBody,
} from '../../../../contracts/api/services';
import { authedContext, policy } from '../../platform/auth';
import type { Deps } from '../../platform/context';
import { typed } from '../../platform/http';
import {
  createBeneficiary,
  getBeneficiary,
  listBeneficiaries,
  lookupBeneficiary,
  revealBeneficiaryField,
  beneficiaryStats as stats,
  updateBeneficiary,
} from './beneficiary.service';
import { getConsents, recordConsent, withdrawConsent } from './consent.service';

const tags = ['beneficiaries'];
/** Those who browse beneficiaries: each sees only their scope (agency or community). The bureau does not browse. */
const browsers = policy.roles('agency_manager', 'social_worker', 'community_staff');
/**
 * One record's routes. The bureau passes the policy but its scope holds nobody, so it gets the same 404 as every
 * out-of-scope caller: its way to a person is the audited lookup, which answers masked and opens nothing else.
 */
const keepers = policy.roles('agency_manager', 'social_worker', 'community_staff', 'bureau_admin');
const registrars = keepers;
const bureau = policy.roles('bureau_admin');

export function beneficiaryRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get(
    '/api/beneficiaries',
    {
      config: { policy: browsers },
      schema: {
        tags,
        summary: '服务对象（本机构/本社区） Beneficiaries in scope',
        querystring: listBeneficiariesQuery,
        response: { 200: beneficiaryPage },
      },
    },
    async (request) => listBeneficiaries(deps, authedContext(request), request.query),
  );
  r.get(
    '/api/beneficiaries/stats',
    {
      config: { policy: bureau },
      schema: {
        tags,
        summary: '服务对象统计（按类别、社区） Counts by category and division',
        querystring: beneficiaryStatsQuery,
        response: { 200: beneficiaryStats },
      },
    },
    async (request) => stats(deps, authedContext(request), request.query),
  );
  r.post(
    '/api/beneficiaries/lookup',
    {
      config: { policy: bureau },
      schema: {
        tags,
        summary: '按身份证号精确查找（须填写事由，留痕） Exact lookup, audited',
        body: beneficiaryLookupBody,
        response: { 200: beneficiaryLookupResult },
      },
    },
    async (request) => lookupBeneficiary(deps, authedContext(request), request.body),
  );
  r.get(
    '/api/beneficiaries/:id',
    {
      config: { policy: keepers },
      schema: { tags, summary: '服务对象详情 Beneficiary', params: idParams, response: { 200: beneficiary } },
    },
    async (request) => getBeneficiary(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/beneficiaries',
    {
      config: { policy: registrars },
      schema: {
        tags,
        summary: '登记服务对象 Register a beneficiary',
        body: createBeneficiaryBody,
        response: { 201: beneficiary },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBeneficiary(deps, authedContext(request), request.body)),
  );
  r.patch(
    '/api/beneficiaries/:id',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '修改 Update',
        params: idParams,
        body: updateBeneficiaryBody,
        response: { 200: beneficiary },
      },
    },
    async (request) => updateBeneficiary(deps, authedContext(request), request.params.id, request.body),
  );
  r.post(
    '/api/beneficiaries/:id/reveal',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '查看完整敏感信息（须填写事由，留痕） Reveal, audited',
        params: idParams,
        body: beneficiaryRevealBody,
        response: { 200: beneficiaryRevealResult },
      },
    },
    async (request) => revealBeneficiaryField(deps, authedContext(request), request.params.id, request.body),
  );
  r.get(
    '/api/beneficiaries/:id/consents',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '知情同意（各用途当前状态与历史） Consents',
        params: idParams,
        response: { 200: consentOverview },
      },
    },
    async (request) => getConsents(deps, authedContext(request), request.params.id),
  );
  r.post(
    '/api/beneficiaries/:id/consents',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '登记同意或拒绝 Record a consent decision',
        params: idParams,
        body: recordConsentBody,
        response: { 201: consentOverview },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordConsent(deps, authedContext(request), request.params.id, request.body)),
  );
  r.post(
    '/api/beneficiaries/:id/consents/:purpose/withdraw',
    {
      config: { policy: keepers },
      schema: {
        tags,
        summary: '撤回同意 Withdraw a consent',
        params: consentPurposeParams,
        body: withdrawConsentBody,
        response: { 200: consentOverview },
      },
    },
    async (request) =>
      withdrawConsent(deps, authedContext(request), request.params.id, request.params.purpose, request.body),
  );
}
