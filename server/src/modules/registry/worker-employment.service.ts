import type { z } from 'zod';
import type {
  endEmploymentBody,
  hireWorkerBody,
  transferEmploymentBody,
  WorkerDetail,
} from '../../../../contracts/api/registry';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { blindIndex } from '../../platform/pii';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { addDays } from './compliance';
import { loadOrganization } from './organization.service';
import type { WorkerScope } from './worker.repository';
import * as repo from './worker.repository';
import { checkIdNumber, getWorker, requireVisible } from './worker.service';

/*
 * Employment changes: an agency ends a job (结束聘用), the bureau moves a worker to another agency (调动机构), an
 * agency takes on a worker who is already in the registry (聘用已登记社工). A worker holds at most one job at a time;
 * `workers.agency_id` mirrors the open employment row and both change in one transaction with the audit row.
 */

/** A bureau admin acts on workers in their bureau_admin divisions (a purchaser role they also hold does not count). */
function bureauScope(ctx: AuthedContext): WorkerScope {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  return { all: prefixes.some((p) => p.length === 6), divisionPrefixes: prefixes, agencyIds: [], selfUserId: null };
}

async function bureauCovers(db: Executor, ctx: AuthedContext, workerId: string): Promise<boolean> {
  if (!ctx.actor.roles.has('bureau_admin')) return false;
  return repo.isWorkerVisible(db, workerId, bureauScope(ctx));
}

function managesAgency(ctx: AuthedContext, agencyId: string | null): boolean {
  return (
    agencyId !== null && ctx.actor.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === agencyId)
  );
}

const stale = () => new AppError('conflict.stale_version');

function notInFuture(date: string, field: string, today: string, locale: string) {
  if (date > today) throw fieldError(field, 'date.future', '日期不能晚于今天', 'cannot be in the future', locale);
}

/**
 * The agency a worker joins: one the caller manages, or (bureau admins) an agency in their divisions. It must be
 * active: a suspended or deregistered agency takes on no one.
 */
async function receivingAgency(
  db: Executor,
  ctx: AuthedContext,
  agencyId: string | undefined,
  options: { bureauOnly: boolean },
) {
  const managed = ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId);
  const isAdmin = ctx.actor.roles.has('bureau_admin');
  const chosen = agencyId ?? (options.bureauOnly ? undefined : managed[0]);
  if (!chosen) {
    throw fieldError('body.agencyId', 'required', '请选择社工机构', 'choose an agency', ctx.locale);
  }
  const byManager = !options.bureauOnly && managed.includes(chosen);
  if (!byManager && !isAdmin) throw new AppError('auth.forbidden');
  const org = await loadOrganization(db, chosen);
  const reachable =
    org?.kind === 'agency' &&
    (byManager || coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin']), org.divisionCode));
  if (!org || !reachable) {
    throw fieldError(
      'body.agencyId',
      'not_found',
      '社工机构不存在或不在您的管理范围内',
      'no such agency in your scope',
      ctx.locale,
    );
  }
  if (org.status !== 'active') throw new AppError('organization.not_active');
  return org;
}

/**
 * 结束聘用: the agency that employs the worker, or the bureau, ends the current job. Answers nothing: an agency
 * manager no longer sees a worker who has left their agency.
 */
export async function endEmployment(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof endEmploymentBody>,
): Promise<void> {
  const now = deps.clock.now();
  notInFuture(input.endedOn, 'body.endedOn', shanghaiDate(now), ctx.locale);
  await deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!managesAgency(ctx, worker.agencyId) && !(await bureauCovers(trx, ctx, id))) {
      throw new AppError('auth.forbidden');
    }
    if (worker.version !== input.version) throw stale();
    const current = await repo.findOpenEmployment(trx, id);
    if (!current) throw new AppError('worker.not_employed');
    if (input.endedOn < current.startedOn) {
      throw fieldError(
        'body.endedOn',
        'date.before_start',
        `结束日期不能早于入职日期（${current.startedOn}）`,
        `cannot be before the employment started (${current.startedOn})`,
        ctx.locale,
      );
    }
    // The version-checked update comes first: it takes the row lock, so a concurrent change waits and then fails.
    if (!(await repo.updateWorkerRow(trx, id, input.version, { agencyId: null, updatedAt: now }))) throw stale();
    await repo.endEmployment(trx, current.id, input.endedOn, input.reason);
    await recordAudit(trx, ctx, now, {
      action: 'worker.employment.end',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: {
        before: { agencyId: current.agencyId, role: current.role, startedOn: current.startedOn },
        after: { agencyId: null, endedOn: input.endedOn, reason: input.reason },
      },
    });
  });
}

/**
 * 调动机构 (bureau only): the current job ends the day before the new one starts (the same day when the new one
 * starts on the day the current one started, so that no job ends before it began), and the new one opens.
 */
export async function transferEmployment(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof transferEmploymentBody>,
): Promise<WorkerDetail> {
  const now = deps.clock.now();
  notInFuture(input.startedOn, 'body.startedOn', shanghaiDate(now), ctx.locale);
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!(await bureauCovers(trx, ctx, id))) throw new AppError('auth.forbidden');
    const target = await receivingAgency(trx, ctx, input.agencyId, { bureauOnly: true });
    if (worker.version !== input.version) throw stale();
    const current = await repo.findOpenEmployment(trx, id);
    if (!current) throw new AppError('worker.not_employed');
    if (current.agencyId === target.id) throw new AppError('worker.already_employed_here');
    if (input.startedOn < current.startedOn) {
      throw fieldError(
        'body.startedOn',
        'date.before_start',
        `调入日期不能早于现任职的入职日期（${current.startedOn}）`,
        `cannot be before the current employment started (${current.startedOn})`,
        ctx.locale,
      );
    }
    const endedOn = input.startedOn === current.startedOn ? input.startedOn : addDays(input.startedOn, -1);
    if (!(await repo.updateWorkerRow(trx, id, input.version, { agencyId: target.id, updatedAt: now }))) {
      throw stale();
    }
    // Stored as the end reason shown in the history; agency names are Chinese, so is this note.
    await repo.endEmployment(trx, current.id, endedOn, `调动至${target.name}`);
    await repo.insertEmployment(trx, {
      workerId: id,
      agencyId: target.id,
      role: input.role,
      startedOn: input.startedOn,
      endedOn: null,
    });
    await recordAudit(trx, ctx, now, {
      action: 'worker.employment.transfer',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: {
        before: { agencyId: current.agencyId, role: current.role, startedOn: current.startedOn, endedOn },
        after: { agencyId: target.id, role: input.role, startedOn: input.startedOn },
      },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

/**
 * 聘用已登记社工: an agency takes on a worker found by 身份证号 (the blind index, as registration de-duplicates).
 * Someone still employed elsewhere is refused without saying where: the other agency's staff list is not this
 * caller's to read.
 */
export async function hireWorker(
  deps: Deps,
  ctx: AuthedContext,
  input: z.infer<typeof hireWorkerBody>,
): Promise<WorkerDetail> {
  const now = deps.clock.now();
  const idNumber = checkIdNumber(input.idNumber, 'body.idNumber', ctx.locale, now);
  notInFuture(input.startedOn, 'body.startedOn', shanghaiDate(now), ctx.locale);
  return deps.db.transaction().execute(async (trx) => {
    const agency = await receivingAgency(trx, ctx, input.agencyId, { bureauOnly: false });
    const worker = await repo.findByIdNumberIndex(trx, blindIndex(deps.pii, 'idNumber', idNumber));
    if (!worker) throw new AppError('worker.not_registered');
    const current = await repo.findOpenEmployment(trx, worker.id);
    const employer = current?.agencyId ?? worker.agencyId;
    if (employer === agency.id) throw new AppError('worker.already_employed_here');
    if (employer) throw new AppError('worker.employed_elsewhere');
    const lastEnd = await repo.lastEmploymentEnd(trx, worker.id);
    if (lastEnd && input.startedOn < lastEnd) {
      throw fieldError(
        'body.startedOn',
        'date.before_previous_end',
        '入职日期不能早于该社工上一段聘用的结束日期',
        'cannot be before the worker’s previous employment ended',
        ctx.locale,
      );
    }
    if (!(await repo.updateWorkerRow(trx, worker.id, worker.version, { agencyId: agency.id, updatedAt: now }))) {
      throw stale();
    }
    await repo.insertEmployment(trx, {
      workerId: worker.id,
      agencyId: agency.id,
      role: input.role,
      startedOn: input.startedOn,
      endedOn: null,
    });
    await recordAudit(trx, ctx, now, {
      action: 'worker.employment.hire',
      targetType: 'worker',
      targetId: worker.id,
      divisionCode: worker.divisionCode,
      summary: { after: { agencyId: agency.id, role: input.role, startedOn: input.startedOn } },
    });
    return getWorker(deps, ctx, worker.id, trx);
  });
}
