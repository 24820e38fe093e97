import type { z } from 'zod';
import type {
  completeServiceRecordBody,
  createServiceRecordBody,
  listServiceRecordsQuery,
  ServiceRecordKind,
  ServiceRecordView,
  satisfactionSurveyBody,
  voidServiceRecordBody,
} from '../../../../contracts/api/delivery';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { maskName } from '../../platform/pii';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireProject } from '../projects/project.service';
import { checkPhoto } from '../registry/worker-photo.service';
import { requireVisibleBeneficiary } from './beneficiary.service';
import type { CaseRecordRow, CaseRow } from './case.repository';
import { requireConsent } from './consent.service';
import * as repo from './delivery.repository';
import { caseOpenedCredits, countIndicatorKind, recordCredits, satisfactionRate } from './indicator-credit';

/** Records count toward a project while its agency delivers it (and during the final review, for late entries). */
const RECORDING_STATUSES = new Set(['in_service', 'final_review']);

const agencyIdsWith = (ctx: AuthedContext, roles: readonly string[]) => [
  ...new Set(ctx.actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.organizationId)),
];

export function recordScope(ctx: AuthedContext): repo.RecordScope {
  return {
    managerAgencyIds: agencyIdsWith(ctx, ['agency_manager']),
    workerAgencyIds: agencyIdsWith(ctx, ['social_worker']),
    userId: ctx.actor.userId,
  };
}

/** The agencies whose delivery the caller records: managers and social workers of an agency. */
export const staffAgencyIds = (ctx: AuthedContext) => agencyIdsWith(ctx, ['agency_manager', 'social_worker']);

// ---- presenting, by who is looking ------------------------------------------------------------------------------

/**
 * full: the agency delivering. masked: the purchasing side (张**). anonymised: evaluators — each person becomes
 * 服务对象 A, B … in the order they first appear in the answer, and their names are replaced in the free text too.
 */
export type Viewer = 'full' | 'masked' | 'anonymised';

function nameMapper(viewer: Viewer, locale: string) {
  const pseudonyms = new Map<string, string>();
  const label = locale === 'en' ? 'Beneficiary' : '服务对象';
  const letter = (n: number) =>
    n < 26 ? String.fromCharCode(65 + n) : `${String.fromCharCode(65 + (n % 26))}${Math.floor(n / 26)}`;
  const name = (id: string | null, real: string) => {
    if (viewer === 'full') return real;
    if (viewer === 'masked') return maskName(real);
    const key = id ?? real;
    let p = pseudonyms.get(key);
    if (!p) {
      p = `${label} ${letter(pseudonyms.size)}`;
      pseudonyms.set(key, p);
    }
    return p;
  };
  return name;
}

/** Replaces each known person's full name in free text by what the viewer may see of it. */
function scrub(
  text: string,
  people: readonly { id: string | null; name: string }[],
  show: (id: string | null, n: string) => string,
) {
  let out = text;
  for (const p of people) if (p.name.length >= 2) out = out.split(p.name).join(show(p.id, p.name));
  return out;
}

export async function present(
  db: Executor,
  rows: readonly repo.ServiceRecordRow[],
  viewer: Viewer,
  locale: string,
): Promise<ServiceRecordView[]> {
  const details = await repo.recordDetails(
    db,
    rows.map((r) => r.id),
  );
  const show = nameMapper(viewer, locale);
  return rows.map((r) => {
    const attendees = details.attendees.filter((a) => a.recordId === r.id);
    const people = [
      ...(r.beneficiaryId && r.beneficiaryName ? [{ id: r.beneficiaryId, name: r.beneficiaryName }] : []),
      ...attendees.map((a) => ({ id: a.beneficiaryId, name: a.name })),
    ];
    const person = r.beneficiaryId && r.beneficiaryName ? show(r.beneficiaryId, r.beneficiaryName) : null;
    const subject =
      r.groupName ?? r.activityName ?? [r.caseCode, person].filter((x): x is string => Boolean(x)).join(' · ');
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      projectId: r.projectId,
      projectName: r.projectName,
      caseId: r.caseId,
      caseCode: r.caseCode,
      beneficiaryId: viewer === 'full' ? r.beneficiaryId : null,
      groupId: r.groupId,
      activityId: r.activityId,
      subject,
      scheduledAt: r.scheduledAt?.toISOString() ?? null,
      heldOn: r.heldOn,
      durationMinutes: r.durationMinutes,
      participantCount: r.participantCount,
      location: r.location,
      content: viewer === 'full' ? r.content : scrub(r.content, people, show),
      outcome: viewer === 'full' ? r.outcome : scrub(r.outcome, people, show),
      workers: details.workers.filter((w) => w.recordId === r.id).map((w) => ({ id: w.id, name: w.name })),
      attendees: attendees.map((a) => ({
        beneficiaryId: viewer === 'full' ? a.beneficiaryId : null,
        name: show(a.beneficiaryId, a.name),
        present: a.present,
      })),
      // Photos show people: only the agency sees them.
      attachments:
        viewer === 'full'
          ? details.attachments
              .filter((a) => a.recordId === r.id)
              .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes }))
          : [],
      voidReason: r.voidReason,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

// ---- indicator credits ------------------------------------------------------------------------------------------

/** A case opened under a project adds one to the project's 个案 indicators. */
export async function creditCaseOpened(trx: Executor, projectId: string, openedOn: string, now: Date) {
  const indicators = await repo.projectIndicators(trx, projectId);
  await repo.applyCredits(trx, projectId, caseOpenedCredits(openedOn, indicators), now);
}

/** Credits (or, with sign -1, takes back) what a completed record adds to its project's indicators. */
async function creditRecord(
  trx: Executor,
  record: { projectId: string | null; heldOn: string | null; participantCount: number; indicatorId: string | null },
  now: Date,
  sign: 1 | -1,
) {
  if (!record.projectId || !record.heldOn) return;
  const indicators = await repo.projectIndicators(trx, record.projectId);
  const credits = recordCredits(
    { heldOn: record.heldOn, participantCount: record.participantCount, countIndicatorId: record.indicatorId },
    indicators,
  ).map((c) => ({ ...c, value: c.value * sign }));
  await repo.applyCredits(trx, record.projectId, credits, now);
}

/** The indicator of the record kind's count (小组/社区活动) that the record counts toward. */
async function chooseCountIndicator(
  trx: Executor,
  projectId: string,
  kind: ServiceRecordKind,
  requested: string | undefined,
  locale: string,
) {
  const countKind = countIndicatorKind(kind);
  const indicators = await repo.projectIndicators(trx, projectId);
  const candidates = countKind ? indicators.filter((i) => i.kind === countKind) : [];
  if (requested !== undefined) {
    if (!candidates.some((i) => i.id === requested))
      throw fieldError(
        'body.indicatorId',
        'not_found',
        '项目没有这个类型的指标',
        "no indicator of the record's kind on this project",
        locale,
      );
    return requested;
  }
  if (candidates.length > 1)
    throw fieldError(
      'body.indicatorId',
      'required',
      '项目有多个同类指标，请选择计入哪一个',
      'the project has several indicators of this kind: choose one',
      locale,
    );
  return candidates[0]?.id ?? null;
}

/** A project the agency may attach records to now, with the date checked against its service period. */
async function requireRecordingProject(
  trx: Executor,
  projectId: string,
  agencyId: string,
  heldOn: string | null,
  locale: string,
) {
  const project = await repo.deliveryProject(trx, projectId);
  if (!project || project.agencyId !== agencyId || !RECORDING_STATUSES.has(project.status))
    throw fieldError(
      'body.projectId',
      'service_record.project_not_delivering',
      '须为本机构正在服务中的项目',
      'must be a project the agency is delivering',
      locale,
    );
  if (heldOn && (heldOn < project.periodFrom || heldOn > project.periodTo))
    throw fieldError(
      'body.completed.heldOn',
      'service_record.outside_period',
      `服务日期须在项目服务期内（${project.periodFrom} 至 ${project.periodTo}）`,
      `must be within the project's service period (${project.periodFrom} to ${project.periodTo})`,
      locale,
    );
  return project;
}

// ---- case sessions ---------------------------------------------------------------------------------------------

/**
 * An approved session record of a case becomes a completed service record (one 服务人次). An approved amendment
 * replaces the record of the session it amends: the old one is voided, so the counts move with the correction.
 */
export async function recordCaseSession(
  trx: Executor,
  ctx: AuthedContext,
  c: CaseRow,
  record: CaseRecordRow,
  now: Date,
) {
  const content = record.content as { heldOn: string; durationMinutes: number; summary: string };
  if (record.amendsRecordId) {
    const old = await repo.findRecordByCaseRecord(trx, record.amendsRecordId);
    if (old && old.status === 'completed') {
      await repo.updateRecordRow(trx, old.id, old.version, {
        status: 'voided',
        voidedBy: ctx.actor.userId,
        voidedAt: now,
        voidReason: 'amended',
        updatedAt: now,
      });
      await creditRecord(trx, old, now, -1);
    }
  }
  const project = c.projectId ? await repo.deliveryProject(trx, c.projectId) : undefined;
  // A session outside the project's period (or after it stopped) is still recorded, without counting toward it.
  const counts =
    project &&
    RECORDING_STATUSES.has(project.status) &&
    content.heldOn >= project.periodFrom &&
    content.heldOn <= project.periodTo;
  const values = {
    agencyId: c.agencyId,
    projectId: counts ? project.id : null,
    indicatorId: null,
    kind: 'case_session' as const,
    status: 'completed' as const,
    caseId: c.id,
    caseRecordId: record.id,
    groupId: null,
    activityId: null,
    beneficiaryId: c.beneficiaryId,
    divisionCode: c.divisionCode,
    scheduledAt: null,
    heldOn: content.heldOn,
    durationMinutes: content.durationMinutes,
    participantCount: 1,
    content: content.summary,
    createdBy: record.authorUserId,
    completedBy: ctx.actor.userId,
    completedAt: now,
    voidedBy: null,
    voidedAt: null,
    voidReason: null,
    createdAt: now,
    updatedAt: now,
  };
  const { id } = await repo.insertRecord(trx, values);
  await repo.insertRecordWorkers(trx, id, [c.workerId]);
  await creditRecord(trx, values, now, 1);
}

// ---- records: create, complete, void ---------------------------------------------------------------------------

interface Subject {
  agencyId: string;
  projectId: string | null;
  divisionCode: string;
  groupId: string | null;
  activityId: string | null;
  beneficiaryId: string | null;
}

async function resolveSubject(
  trx: Executor,
  ctx: AuthedContext,
  input: z.infer<typeof createServiceRecordBody>,
  now: Date,
): Promise<Subject> {
  const locale = ctx.locale;
  const scope = { agencyIds: staffAgencyIds(ctx) };
  const missing = (field: string) =>
    fieldError(`body.${field}`, 'required', '请选择服务对象或活动', 'required for this kind of record', locale);
  if (input.kind === 'group_session') {
    if (!input.groupId) throw missing('groupId');
    const g = await repo.findGroupInScope(trx, input.groupId, scope);
    if (!g) throw notFound();
    if (g.status !== 'active') throw new AppError('service_record.programme_closed');
    return {
      agencyId: g.agencyId,
      projectId: g.projectId,
      divisionCode: g.divisionCode,
      groupId: g.id,
      activityId: null,
      beneficiaryId: null,
    };
  }
  if (input.kind === 'activity') {
    if (!input.activityId) throw missing('activityId');
    const a = await repo.findActivityInScope(trx, input.activityId, scope);
    if (!a) throw notFound();
    if (a.status !== 'active') throw new AppError('service_record.programme_closed');
    return {
      agencyId: a.agencyId,
      projectId: a.projectId,
      divisionCode: a.divisionCode,
      groupId: null,
      activityId: a.id,
      beneficiaryId: null,
    };
  }
  if (!input.beneficiaryId) throw missing('beneficiaryId');
  const b = await requireVisibleBeneficiary(trx, ctx, input.beneficiaryId);
  const mine = scope.agencyIds;
  const agencyId = b.agencyId && mine.includes(b.agencyId) ? b.agencyId : mine[0];
  if (!agencyId) throw notFound();
  // A home visit processes the person's information: it needs their service consent (PIPL art. 13/29).
  await requireConsent(trx, b.id, 'service', now);
  return {
    agencyId,
    projectId: input.projectId ?? null,
    divisionCode: b.divisionCode,
    groupId: null,
    activityId: null,
    beneficiaryId: b.id,
  };
}

async function checkWorkers(trx: Executor, agencyId: string, workerIds: readonly string[], locale: string) {
  const found = await repo.workersOfAgency(trx, agencyId, workerIds);
  const index = workerIds.findIndex((id) => !found.some((w) => w.id === id));
  if (index >= 0)
    throw fieldError(
      `body.workerIds.${index}`,
      'worker.not_in_agency',
      '须为本机构的社工',
      'must be a worker of the agency',
      locale,
    );
}

/** Who was there: for a group session the members present, for an activity the head count, otherwise one person. */
async function attendance(
  trx: Executor,
  subject: Subject,
  completed: NonNullable<z.infer<typeof createServiceRecordBody>['completed']>,
  field: string,
  locale: string,
) {
  if (subject.groupId) {
    const members = await repo.activeMemberIds(trx, subject.groupId);
    const present = [...new Set(completed.presentBeneficiaryIds ?? [])];
    const stranger = present.findIndex((id) => !members.includes(id));
    if (stranger >= 0)
      throw fieldError(
        `${field}.presentBeneficiaryIds.${stranger}`,
        'group.not_member',
        '不是本小组的组员',
        'not a member of this group',
        locale,
      );
    if (present.length === 0)
      throw fieldError(
        `${field}.presentBeneficiaryIds`,
        'required',
        '请至少勾选一名出席组员',
        'mark at least one member present',
        locale,
      );
    return {
      participantCount: present.length,
      attendees: members.map((beneficiaryId) => ({ beneficiaryId, present: present.includes(beneficiaryId) })),
    };
  }
  if (subject.activityId) {
    if (completed.participantCount === undefined)
      throw fieldError(`${field}.participantCount`, 'required', '请填写参与人数', 'enter the head count', locale);
    return { participantCount: completed.participantCount, attendees: [] };
  }
  return { participantCount: 1, attendees: [] };
}

function checkHeldOn(heldOn: string, now: Date, field: string, locale: string) {
  if (heldOn > shanghaiDate(now))
    throw fieldError(`${field}.heldOn`, 'date.future', '服务日期不能晚于今天', 'cannot be in the future', locale);
}

export async function createServiceRecord(
  deps: Deps,
  ctx: AuthedContext,
  input: z.infer<typeof createServiceRecordBody>,
) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  if (!input.completed && !input.scheduledAt)
    throw fieldError(
      'body.scheduledAt',
      'required',
      '请填写计划时间，或直接填写服务记录',
      'schedule it or record it as held',
      locale,
    );
  if (input.scheduledAt && !input.completed && new Date(input.scheduledAt) < now)
    throw fieldError('body.scheduledAt', 'date.past', '计划时间不能早于现在', 'cannot be in the past', locale);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await resolveSubject(trx, ctx, input, now);
    if (subject.projectId)
      await requireRecordingProject(trx, subject.projectId, subject.agencyId, input.completed?.heldOn ?? null, locale);
    await checkWorkers(trx, subject.agencyId, input.workerIds, locale);
    const done = input.completed;
    if (done) checkHeldOn(done.heldOn, now, 'body.completed', locale);
    const who = done
      ? await attendance(trx, subject, done, 'body.completed', locale)
      : { participantCount: 0, attendees: [] };
    // Chosen now when recording, or when scheduling with an explicit choice (kept for the completion).
    const indicatorId =
      subject.projectId && (done || input.indicatorId)
        ? await chooseCountIndicator(trx, subject.projectId, input.kind, input.indicatorId, locale)
        : null;
    const values = {
      ...subject,
      indicatorId,
      kind: input.kind,
      status: done ? ('completed' as const) : ('scheduled' as const),
      caseId: null,
      caseRecordId: null,
      scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
      heldOn: done?.heldOn ?? null,
      durationMinutes: done?.durationMinutes ?? null,
      participantCount: who.participantCount,
      location: input.location,
      content: done?.content ?? '',
      outcome: done?.outcome ?? '',
      createdBy: ctx.actor.userId,
      completedBy: done ? ctx.actor.userId : null,
      completedAt: done ? now : null,
      voidedBy: null,
      voidedAt: null,
      voidReason: null,
      createdAt: now,
      updatedAt: now,
    };
    const { id } = await repo.insertRecord(trx, values);
    await repo.insertRecordWorkers(trx, id, input.workerIds);
    await repo.replaceAttendees(trx, id, who.attendees);
    if (done) await creditRecord(trx, values, now, 1);
    await recordAudit(trx, ctx, now, {
      action: done ? 'service_record.create' : 'service_record.schedule',
      targetType: 'service_record',
      targetId: id,
      divisionCode: subject.divisionCode,
      summary: {
        after: {
          kind: input.kind,
          projectId: subject.projectId,
          heldOn: values.heldOn,
          participantCount: who.participantCount,
        },
      },
    });
    return requireRecordView(trx, ctx, id);
  });
}

async function requireRecordView(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findRecordInScope(db, id, recordScope(ctx));
  if (!row) throw notFound();
  return (await present(db, [row], 'full', ctx.locale))[0]!;
}

/** Records are changed by their agency's staff: a visible record is not enough for a purchaser. */
async function requireOwnRecord(trx: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findRecordInScope(trx, id, recordScope(ctx));
  if (!row) throw notFound();
  const locked = (await repo.lockRecord(trx, id))!;
  return { row, locked };
}

export async function completeServiceRecord(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof completeServiceRecordBody>,
) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  return deps.db.transaction().execute(async (trx) => {
    const { locked } = await requireOwnRecord(trx, ctx, id);
    if (locked.status !== 'scheduled') throw new AppError('service_record.not_scheduled', { status: locked.status });
    if (locked.version !== input.version) throw new AppError('conflict.stale_version');
    checkHeldOn(input.heldOn, now, 'body', locale);
    const subject: Subject = {
      agencyId: locked.agencyId,
      projectId: locked.projectId,
      divisionCode: locked.divisionCode,
      groupId: locked.groupId,
      activityId: locked.activityId,
      beneficiaryId: locked.beneficiaryId,
    };
    if (subject.projectId)
      await requireRecordingProject(trx, subject.projectId, subject.agencyId, input.heldOn, locale);
    const who = await attendance(trx, subject, input, 'body', locale);
    const indicatorId = subject.projectId
      ? await chooseCountIndicator(
          trx,
          subject.projectId,
          locked.kind,
          input.indicatorId ?? locked.indicatorId ?? undefined,
          locale,
        )
      : null;
    const patch = {
      status: 'completed' as const,
      indicatorId,
      heldOn: input.heldOn,
      durationMinutes: input.durationMinutes,
      participantCount: who.participantCount,
      content: input.content,
      outcome: input.outcome,
      completedBy: ctx.actor.userId,
      completedAt: now,
      updatedAt: now,
    };
    const updated = await repo.updateRecordRow(trx, id, input.version, patch);
    if (!updated) throw new AppError('conflict.stale_version');
    await repo.replaceAttendees(trx, id, who.attendees);
    await creditRecord(trx, { ...locked, ...patch }, now, 1);
    await recordAudit(trx, ctx, now, {
      action: 'service_record.complete',
      targetType: 'service_record',
      targetId: id,
      divisionCode: locked.divisionCode,
      summary: { after: { heldOn: input.heldOn, participantCount: who.participantCount } },
    });
    return requireRecordView(trx, ctx, id);
  });
}

/** Voiding keeps the record (with its reason) and takes back what it counted. Case sessions are amended instead. */
export async function voidServiceRecord(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof voidServiceRecordBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { locked } = await requireOwnRecord(trx, ctx, id);
    if (locked.caseRecordId) throw new AppError('service_record.case_session_amend');
    if (locked.status === 'voided') throw new AppError('service_record.already_voided');
    if (locked.version !== input.version) throw new AppError('conflict.stale_version');
    const updated = await repo.updateRecordRow(trx, id, input.version, {
      status: 'voided',
      voidedBy: ctx.actor.userId,
      voidedAt: now,
      voidReason: input.reason,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    if (locked.status === 'completed') await creditRecord(trx, locked, now, -1);
    await recordAudit(trx, ctx, now, {
      action: 'service_record.void',
      targetType: 'service_record',
      targetId: id,
      divisionCode: locked.divisionCode,
      summary: { before: { status: locked.status }, reason: input.reason },
    });
    return requireRecordView(trx, ctx, id);
  });
}

export async function getServiceRecord(deps: Deps, ctx: AuthedContext, id: string) {
  return requireRecordView(deps.db, ctx, id);
}

export async function listServiceRecords(
  deps: Deps,
  ctx: AuthedContext,
  query: z.infer<typeof listServiceRecordsQuery>,
) {
  const { limit, offset } = pageWindow(query);
  const { rows, total } = await repo.listRecordsInScope(deps.db, recordScope(ctx), { ...query, limit, offset });
  return pageOf(await present(deps.db, rows, 'full', ctx.locale), total, query);
}

/**
 * How a caller sees a project's records: the delivering agency's managers in full; its social workers, the
 * purchasing unit (its own staff, or purchasers covering the project's division) masked; an evaluator anonymised;
 * anyone else (the bureau when it is not the purchasing unit) not at all — the dashboard has the aggregates.
 */
export function projectRecordViewer(
  ctx: AuthedContext,
  project: { agencyId: string | null; purchaserId: string; divisionCode: string },
): Viewer | null {
  const m = ctx.actor.memberships;
  if (m.some((x) => x.role === 'agency_manager' && x.organizationId === project.agencyId)) return 'full';
  const purchasingUnit =
    m.some((x) => (x.role === 'purchaser' || x.role === 'bureau_admin') && x.organizationId === project.purchaserId) ||
    coversDivision(divisionPrefixes(ctx.actor, ['purchaser']), project.divisionCode);
  if (purchasingUnit || m.some((x) => x.role === 'social_worker' && x.organizationId === project.agencyId))
    return 'masked';
  return ctx.actor.roles.has('evaluator') ? 'anonymised' : null;
}

/**
 * A project's records as its parties may see them: the contracted agency's managers in full, the purchasing unit
 * masked, an evaluator of the project anonymised. The bureau, when it is not the purchasing unit, works from the
 * dashboard's aggregates (403 here).
 */
export async function listProjectServiceRecords(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  query: z.infer<typeof listServiceRecordsQuery>,
) {
  const project = await requireProject(deps.db, ctx, projectId);
  const viewer = projectRecordViewer(ctx, project);
  if (!viewer) throw new AppError('service_record.aggregates_only');
  const { limit, offset } = pageWindow(query);
  const { rows, total } = await repo.listProjectRecords(deps.db, projectId, { ...query, limit, offset });
  return pageOf(await present(deps.db, rows, viewer, ctx.locale), total, query);
}

// ---- photos -------------------------------------------------------------------------------------------------------

/** A photo of a session; everyone recognisable in it must have consented to photos (checked now, PIPL art. 29). */
export async function addRecordPhoto(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  fileName: string,
  pictured: readonly string[],
  contentTypeHeader: string | undefined,
  body: unknown,
) {
  const { contentType, bytes } = checkPhoto(contentTypeHeader, body);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { locked } = await requireOwnRecord(trx, ctx, id);
    if (locked.status === 'voided') throw new AppError('service_record.already_voided');
    for (const beneficiaryId of new Set(pictured)) {
      await requireVisibleBeneficiary(trx, ctx, beneficiaryId);
      await requireConsent(trx, beneficiaryId, 'photos', now);
    }
    const { id: attachmentId } = await repo.insertAttachment(trx, {
      recordId: id,
      fileName,
      contentType,
      sizeBytes: bytes.length,
      content: bytes,
      picturedBeneficiaryIds: [...new Set(pictured)],
      uploadedBy: ctx.actor.userId,
      uploadedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'service_record.photo_add',
      targetType: 'service_record',
      targetId: id,
      divisionCode: locked.divisionCode,
      summary: { after: { attachmentId, fileName, pictured: pictured.length } },
    });
    return requireRecordView(trx, ctx, id);
  });
}

export async function getRecordPhoto(deps: Deps, ctx: AuthedContext, id: string, attachmentId: string) {
  const row = await repo.findRecordInScope(deps.db, id, recordScope(ctx));
  if (!row) throw notFound();
  const photo = await repo.findAttachment(deps.db, id, attachmentId);
  if (!photo) throw notFound();
  return photo;
}

// ---- satisfaction ---------------------------------------------------------------------------------------------

/**
 * A satisfaction survey of a project's service. The project's satisfaction indicator holds, per survey day, the
 * satisfied share of all surveys up to that day; a survey dated earlier than others moves the later days too.
 */
export async function recordSurvey(deps: Deps, ctx: AuthedContext, input: z.infer<typeof satisfactionSurveyBody>) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  return deps.db.transaction().execute(async (trx) => {
    const project = await repo.deliveryProject(trx, input.projectId);
    if (!project?.agencyId || !staffAgencyIds(ctx).includes(project.agencyId)) throw notFound();
    await requireRecordingProject(trx, project.id, project.agencyId, null, locale);
    if (input.surveyedOn > shanghaiDate(now))
      throw fieldError('body.surveyedOn', 'date.future', '调查日期不能晚于今天', 'cannot be in the future', locale);
    if (input.surveyedOn < project.periodFrom)
      throw fieldError(
        'body.surveyedOn',
        'date.order',
        '调查日期不能早于服务期开始',
        'cannot be before the service period',
        locale,
      );
    if (input.recordId) {
      const r = await repo.findRecordInScope(trx, input.recordId, recordScope(ctx));
      if (!r || r.projectId !== project.id)
        throw fieldError(
          'body.recordId',
          'not_found',
          '该项目没有这条服务记录',
          'no such record on this project',
          locale,
        );
    }
    const { id } = await repo.insertSurvey(trx, {
      projectId: project.id,
      agencyId: project.agencyId,
      recordId: input.recordId ?? null,
      score: input.score,
      comment: input.comment,
      surveyedOn: input.surveyedOn,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
    });
    const satisfaction = (await repo.projectIndicators(trx, project.id)).filter((i) => i.kind === 'satisfaction');
    const days = [input.surveyedOn, ...(await repo.laterSurveyDays(trx, project.id, input.surveyedOn))];
    for (const day of days) {
      const rate = satisfactionRate(await repo.projectSurveyScores(trx, project.id, day));
      if (rate === null) continue;
      await repo.applyCredits(
        trx,
        project.id,
        satisfaction.map((i) => ({ indicatorId: i.id, periodEnd: day, value: rate })),
        now,
        'set',
      );
    }
    await recordAudit(trx, ctx, now, {
      action: 'satisfaction.record',
      targetType: 'project',
      targetId: project.id,
      divisionCode: project.divisionCode,
      summary: { after: { surveyId: id, score: input.score, surveyedOn: input.surveyedOn } },
    });
    const rate = satisfactionRate(await repo.projectSurveyScores(trx, project.id, '9999-12-31'));
    return { id, satisfactionRate: rate };
  });
}
