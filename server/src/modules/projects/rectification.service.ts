import type { Rectification } from '../../../../contracts/api/evaluations';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import * as repo from './evaluation.repository';
import { isProjectActive, seesWholeProject } from './evaluation.service';
import { lockProject, type ProjectRow } from './project.repository';
import { partiesOf, requireProject } from './project.service';
import type { ProjectParty } from './project.transitions';

type RectificationStatus = repo.RectificationRow['status'];
type RectificationAction = 'respond' | 'accept' | 'reopen';

/**
 * 整改: the contracted agency reports what it has put right; the purchasing side accepts it or sends it back with a
 * reason. A project closes only when every task is accepted (the close guard in project.service).
 */
export const RECTIFICATION_TRANSITIONS: ReadonlyArray<{
  from: RectificationStatus;
  action: RectificationAction;
  to: RectificationStatus;
  who: ProjectParty;
}> = [
  { from: 'open', action: 'respond', to: 'submitted', who: 'agency' },
  { from: 'submitted', action: 'accept', to: 'accepted', who: 'purchaser' },
  { from: 'submitted', action: 'reopen', to: 'open', who: 'purchaser' },
];

/** Which tasks of a project the caller sees: all to its parties and team, an evaluator those of its evaluations. */
async function visibleEvaluationIds(db: Executor, ctx: AuthedContext, project: ProjectRow) {
  if (await seesWholeProject(db, ctx, project)) return null;
  return (await repo.listProjectEvaluations(db, project.id, ctx.actor.userId)).map((e) => e.id);
}

function present(
  r: repo.RectificationRow,
  parties: ReadonlySet<ProjectParty>,
  active: boolean,
  today: string,
): Rectification {
  return {
    id: r.id,
    projectId: r.projectId,
    evaluationId: r.evaluationId,
    evaluationKind: r.evaluationKind,
    description: r.description,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status === 'open' && r.dueOn < today,
    response: r.response,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    reopenReason: r.status === 'open' ? r.reopenReason : null,
    createdAt: r.createdAt.toISOString(),
    can: {
      respond: active && r.status === 'open' && parties.has('agency'),
      review: active && r.status === 'submitted' && parties.has('purchaser'),
    },
  };
}

export async function listProjectRectifications(deps: Deps, ctx: AuthedContext, projectId: string) {
  const project = await requireProject(deps.db, ctx, projectId);
  const rows = await repo.listRectifications(deps.db, projectId, await visibleEvaluationIds(deps.db, ctx, project));
  const today = shanghaiDate(deps.clock.now());
  return rows.map((r) => present(r, partiesOf(ctx, project), isProjectActive(project.status), today));
}

/** One move of a task along RECTIFICATION_TRANSITIONS, with its audit row. */
export async function moveRectification(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  action: RectificationAction,
  input: { response?: string; reason?: string } = {},
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findRectification(trx, id);
    if (!row) throw notFound();
    const project = await requireProject(trx, ctx, row.projectId);
    const visible = await visibleEvaluationIds(trx, ctx, project);
    if (visible && !visible.includes(row.evaluationId)) throw notFound();
    const parties = partiesOf(ctx, project);
    const who = RECTIFICATION_TRANSITIONS.find((t) => t.action === action)!.who;
    if (!parties.has(who)) throw new AppError('auth.forbidden');
    const locked = (await lockProject(trx, row.projectId))!;
    if (!isProjectActive(locked.status)) throw new AppError('evaluation.project_inactive');
    const move = RECTIFICATION_TRANSITIONS.find((t) => t.action === action && t.from === row.status);
    if (!move) throw new AppError('rectification.invalid_transition', { status: row.status, action });

    const response = input.response?.trim() ?? '';
    if (action === 'respond' && !response)
      throw fieldError('body.response', 'too_small', '不能为空', 'must not be empty', ctx.locale);
    const patch =
      action === 'respond'
        ? { status: move.to, response, respondedAt: now }
        : action === 'accept'
          ? { status: move.to, closedAt: now }
          : { status: move.to, reopenReason: input.reason?.trim() ?? '' };
    // Compare-and-set on the state: of two concurrent moves, the second finds the task moved and is refused.
    if (!(await repo.moveRectification(trx, id, row.status, patch)))
      throw new AppError('rectification.invalid_transition', { status: row.status, action });
    await recordAudit(trx, ctx, now, {
      action: `rectification.${action}`,
      targetType: 'rectification',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: {
        before: { status: row.status },
        after: { status: move.to },
        ...(action === 'respond' ? { responseLength: response.length } : {}),
        ...(action === 'reopen' ? { reason: input.reason?.trim() ?? '' } : {}),
      },
    });
    const updated = (await repo.findRectification(trx, id))!;
    return present(updated, parties, true, shanghaiDate(now));
  });
}
