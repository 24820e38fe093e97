import type { z } from 'zod';
import type {
  createActivityBody,
  createGroupBody,
  groupMembersBody,
  listProgrammesQuery,
  updateActivityBody,
  updateGroupBody,
} from '../../../../contracts/api/delivery';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleBeneficiary } from './beneficiary.service';
import { requireConsent } from './consent.service';
import * as repo from './delivery.repository';
import { staffAgencyIds } from './service-record.service';

/*
 * Group work (小组) and community activities (社区活动): programmes an agency runs, usually under a project. Their
 * sessions are service records (service-record.service.ts). Any staff member of the agency sees and runs them;
 * other agencies get 404.
 */

const programmeScope = (ctx: AuthedContext): repo.ProgrammeScope => ({ agencyIds: staffAgencyIds(ctx) });

const isManager = (ctx: AuthedContext, agencyId: string) =>
  ctx.actor.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === agencyId);

const count = (v: string | number | null) => Number(v ?? 0);

function presentProgramme<
  T extends { sessionsHeld: string | number | null; participantTotal: string | number | null; createdAt: Date },
>(r: T) {
  return {
    ...r,
    sessionsHeld: count(r.sessionsHeld),
    participantTotal: count(r.participantTotal),
    createdAt: r.createdAt.toISOString(),
  };
}

function presentGroup(r: repo.GroupRow) {
  return { ...presentProgramme(r), memberCount: count(r.memberCount) };
}

/** The checks both kinds of programme share: an agency the caller manages, a project it delivers, a community, a lead worker. */
async function checkProgramme(
  trx: Executor,
  ctx: AuthedContext,
  agencyId: string,
  fields: { projectId?: string; divisionCode?: string; workerId?: string; workerField: string },
) {
  const locale = ctx.locale;
  if (fields.projectId !== undefined) {
    const project = await repo.deliveryProject(trx, fields.projectId);
    if (
      !project ||
      project.agencyId !== agencyId ||
      !['contracted', 'in_service', 'final_review'].includes(project.status)
    )
      throw fieldError(
        'body.projectId',
        'service_record.project_not_delivering',
        '须为本机构正在服务中的项目',
        'must be a project the agency is delivering',
        locale,
      );
  }
  if (fields.divisionCode !== undefined) {
    const division = await trx
      .selectFrom('divisions')
      .select('level')
      .where('code', '=', fields.divisionCode)
      .executeTakeFirst();
    if (division?.level !== 'community')
      throw fieldError('body.divisionCode', 'division.not_community', '须为社区/村', 'must be a community', locale);
  }
  if (fields.workerId !== undefined) {
    const found = await repo.workersOfAgency(trx, agencyId, [fields.workerId]);
    if (found.length === 0)
      throw fieldError(
        `body.${fields.workerField}`,
        'worker.not_in_agency',
        '须为本机构的社工',
        'must be a worker of the agency',
        locale,
      );
  }
}

function requireManagerOf(ctx: AuthedContext, agencyId: string) {
  if (!staffAgencyIds(ctx).includes(agencyId)) throw notFound();
  if (!isManager(ctx, agencyId)) throw new AppError('auth.forbidden');
}

// ---- groups --------------------------------------------------------------------------------------------------------

export async function listGroups(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listProgrammesQuery>) {
  const { limit, offset } = pageWindow(query);
  const { rows, total } = await repo.listGroupsInScope(deps.db, programmeScope(ctx), { ...query, limit, offset });
  return pageOf(rows.map(presentGroup), total, query);
}

async function groupDetail(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findGroupInScope(db, id, programmeScope(ctx));
  if (!row) throw notFound();
  const members = await repo.listMembers(db, id);
  return { ...presentGroup(row), members };
}

export async function getGroup(deps: Deps, ctx: AuthedContext, id: string) {
  return groupDetail(deps.db, ctx, id);
}

export async function createGroup(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createGroupBody>) {
  const now = deps.clock.now();
  requireManagerOf(ctx, input.agencyId);
  return deps.db.transaction().execute(async (trx) => {
    await checkProgramme(trx, ctx, input.agencyId, {
      projectId: input.projectId,
      divisionCode: input.divisionCode,
      workerId: input.leaderWorkerId,
      workerField: 'leaderWorkerId',
    });
    const { id } = await repo.insertGroup(trx, {
      ...input,
      projectId: input.projectId ?? null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'group.create',
      targetType: 'service_group',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: { after: { name: input.name, groupType: input.groupType, projectId: input.projectId ?? null } },
    });
    return groupDetail(trx, ctx, id);
  });
}

export async function updateGroup(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof updateGroupBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockProgramme(trx, 'serviceGroups', id);
    const before = await repo.findGroupInScope(trx, id, programmeScope(ctx));
    if (!before) throw notFound();
    requireManagerOf(ctx, before.agencyId);
    const { version, ...patch } = input;
    await checkProgramme(trx, ctx, before.agencyId, {
      projectId: patch.projectId ?? undefined,
      divisionCode: patch.divisionCode,
      workerId: patch.leaderWorkerId,
      workerField: 'leaderWorkerId',
    });
    const updated = await repo.updateGroupRow(trx, id, version, { ...patch, updatedAt: now });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'group.update',
      targetType: 'service_group',
      targetId: id,
      divisionCode: before.divisionCode,
      summary: { after: patch },
    });
    return groupDetail(trx, ctx, id);
  });
}

/** Members join and leave (leaving keeps the history of the sessions they attended). Joining needs service consent. */
export async function changeMembers(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof groupMembersBody>,
) {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockProgramme(trx, 'serviceGroups', id);
    const group = await repo.findGroupInScope(trx, id, programmeScope(ctx));
    if (!group) throw notFound();
    if (group.status !== 'active') throw new AppError('service_record.programme_closed');
    for (const [index, beneficiaryId] of input.add.entries()) {
      try {
        await requireVisibleBeneficiary(trx, ctx, beneficiaryId);
      } catch {
        throw fieldError(`body.add.${index}`, 'not_found', '找不到该服务对象', 'no such beneficiary', ctx.locale);
      }
      await requireConsent(trx, beneficiaryId, 'service', now);
    }
    await repo.addMembers(trx, id, [...new Set(input.add)], today);
    await repo.removeMembers(trx, id, input.remove, today);
    await recordAudit(trx, ctx, now, {
      action: 'group.members',
      targetType: 'service_group',
      targetId: id,
      divisionCode: group.divisionCode,
      summary: { added: input.add.length, removed: input.remove.length },
    });
    return groupDetail(trx, ctx, id);
  });
}

// ---- community activities -------------------------------------------------------------------------------------

export async function listActivities(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listProgrammesQuery>) {
  const { limit, offset } = pageWindow(query);
  const { rows, total } = await repo.listActivitiesInScope(deps.db, programmeScope(ctx), { ...query, limit, offset });
  return pageOf(rows.map(presentProgramme), total, query);
}

async function activityDetail(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findActivityInScope(db, id, programmeScope(ctx));
  if (!row) throw notFound();
  return presentProgramme(row);
}

export async function getActivity(deps: Deps, ctx: AuthedContext, id: string) {
  return activityDetail(deps.db, ctx, id);
}

export async function createActivity(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createActivityBody>) {
  const now = deps.clock.now();
  requireManagerOf(ctx, input.agencyId);
  return deps.db.transaction().execute(async (trx) => {
    await checkProgramme(trx, ctx, input.agencyId, {
      projectId: input.projectId,
      divisionCode: input.divisionCode,
      workerId: input.leadWorkerId,
      workerField: 'leadWorkerId',
    });
    const { id } = await repo.insertActivity(trx, {
      ...input,
      projectId: input.projectId ?? null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'activity.create',
      targetType: 'community_activity',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: { after: { name: input.name, projectId: input.projectId ?? null } },
    });
    return activityDetail(trx, ctx, id);
  });
}

export async function updateActivity(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateActivityBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockProgramme(trx, 'communityActivities', id);
    const before = await repo.findActivityInScope(trx, id, programmeScope(ctx));
    if (!before) throw notFound();
    requireManagerOf(ctx, before.agencyId);
    const { version, ...patch } = input;
    await checkProgramme(trx, ctx, before.agencyId, {
      projectId: patch.projectId ?? undefined,
      divisionCode: patch.divisionCode,
      workerId: patch.leadWorkerId,
      workerField: 'leadWorkerId',
    });
    const updated = await repo.updateActivityRow(trx, id, version, { ...patch, updatedAt: now });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'activity.update',
      targetType: 'community_activity',
      targetId: id,
      divisionCode: before.divisionCode,
      summary: { after: patch },
    });
    return activityDetail(trx, ctx, id);
  });
}
