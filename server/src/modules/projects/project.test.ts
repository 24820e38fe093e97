import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildOrganization,
  buildUser,
  login,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
  validIdNumber,
} from '../../../../test/app';
import { buildProject } from '../../../../test/projects';

let t: TestApp;
let zumiaoBuyer: Session;
let shiwanBuyer: Session;
let districtBuyer: Session;
let admin: Session;
let agencyManager: Session;
let zumiao: { id: string };

beforeAll(async () => {
  t = await setupTestApp();
  zumiao = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012', name: '祖庙街道办事处' });
  zumiaoBuyer = await signInAs(t, 'purchaser', { id: zumiao.id });
  shiwanBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604011' });
  districtBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604' });
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  const agency = await buildAgency(t, '440604012', ['440604012']);
  agencyManager = await signInAs(t, 'agency_manager', { id: agency.id });
});
afterAll(() => t.close());

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: '祖庙街道长者关爱服务项目',
  fundingSource: 'town_budget',
  budgetFen: 48_000_000,
  serviceDivisionCodes: ['440604012001', '440604012002'],
  targetGroups: ['elderly'],
  serviceContent: '为辖区独居、高龄长者提供探访、个案及小组服务。',
  procurementMethod: 'competitive_consultation',
  periodFrom: '2027-01-01',
  periodTo: '2027-12-31',
  ...overrides,
});

async function create(session: Session, overrides: Record<string, unknown> = {}) {
  const res = await session.inject({ method: 'POST', url: '/api/projects', payload: draft(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const move = (session: Session, id: string, action: string, version: number, reason?: string) =>
  session.inject({
    method: 'POST',
    url: `/api/projects/${id}/transitions`,
    payload: reason === undefined ? { action, version } : { action, version, reason },
  });

describe('projects', () => {
  it('creates a draft with a yearly code, its divisions and a history entry', async () => {
    const p = await create(zumiaoBuyer);
    expect(p).toMatchObject({
      code: expect.stringMatching(/^CC-2026-\d{4}$/),
      status: 'draft',
      purchaserId: zumiao.id,
      purchaserName: '祖庙街道办事处',
      budgetFen: 48_000_000,
      contractAmountFen: null,
      can: { edit: true },
    });
    expect(p.serviceDivisions.map((d: { code: string }) => d.code)).toEqual(['440604012001', '440604012002']);
    expect(p.allowedActions.map((a: { action: string }) => a.action)).toEqual(['submit']);
    const second = await create(zumiaoBuyer, { title: '第二个项目' });
    expect(Number(second.code.slice(-4))).toBe(Number(p.code.slice(-4)) + 1);
    const history = (await zumiaoBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/history` })).json();
    expect(history).toEqual([expect.objectContaining({ action: 'create', fromStatus: null, toStatus: 'draft' })]);
  });

  it('refuses over-long terms, services outside the purchaser’s area and bad input, with clear messages', async () => {
    const long = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ periodTo: '2028-01-01' }),
      headers: { 'accept-language': 'en' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'project.term_too_long' });
    expect(long.json().error.message).toContain('1 year');
    const recurring = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ periodTo: '2029-12-31', recurring: true }),
    });
    expect(recurring.statusCode, recurring.body).toBe(201);
    const tooLongEvenRecurring = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ periodTo: '2030-01-01', recurring: true }),
    });
    expect(tooLongEvenRecurring.json().error.code).toBe('project.term_too_long');
    const outside = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ serviceDivisionCodes: ['440604011001'] }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.issues[0]).toMatchObject({ field: 'body.serviceDivisionCodes' });
    const fractional = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ budgetFen: 1.5 }),
    });
    expect(fractional.statusCode).toBe(400);
    const negative = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: draft({ budgetFen: -1 }),
    });
    expect(negative.statusCode).toBe(400);
    const agency = await agencyManager.inject({ method: 'POST', url: '/api/projects', payload: draft() });
    expect(agency.statusCode).toBe(403);
  });

  it('runs submit → approve, refuses invalid moves with the state named, and needs reasons to reject', async () => {
    const p = await create(zumiaoBuyer);
    const early = await move(zumiaoBuyer, p.id, 'approve', p.version);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'project.invalid_transition' });
    expect(early.json().error.message).toContain('草稿');
    const submitted = (await move(zumiaoBuyer, p.id, 'submit', p.version)).json();
    expect(submitted.status).toBe('submitted');
    const stale = await move(zumiaoBuyer, p.id, 'approve', p.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    const noReason = await move(zumiaoBuyer, p.id, 'reject', submitted.version);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('project.reason_required');
    const rejected = (await move(zumiaoBuyer, p.id, 'reject', submitted.version, '预算测算依据不足')).json();
    expect(rejected).toMatchObject({ status: 'draft', statusReason: '预算测算依据不足' });
    const edited = await zumiaoBuyer.inject({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { budgetFen: 45_000_000, version: rejected.version },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = (await move(zumiaoBuyer, p.id, 'submit', edited.json().version)).json();
    const approved = await move(districtBuyer, p.id, 'approve', again.version);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(approved.json().allowedActions.map((a: { action: string }) => a.action)).toEqual([
      'publish_call',
      'terminate',
    ]);
    const notDraft = await zumiaoBuyer.inject({
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { title: '改名', version: approved.json().version },
    });
    expect(notDraft.json().error.code).toBe('project.not_editable');
    const history = (await zumiaoBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/history` })).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'reject',
      'submit',
      'approve',
    ]);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', p.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'project.create',
      'project.submit',
      'project.reject',
      'project.update',
      'project.submit',
      'project.approve',
    ]);
    const terminated = await move(zumiaoBuyer, p.id, 'terminate', approved.json().version, '资金调整');
    expect(terminated.json()).toMatchObject({ status: 'terminated', allowedActions: [] });
  });

  it('scopes projects: other towns get 404, the district sees all, counts per status follow the filters', async () => {
    const p = await create(zumiaoBuyer, { title: '范围测试项目' });
    expect((await shiwanBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(404);
    expect((await move(shiwanBuyer, p.id, 'submit', p.version)).statusCode).toBe(404);
    expect((await agencyManager.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(404);
    expect((await districtBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(200);
    expect((await admin.inject({ method: 'GET', url: `/api/projects/${p.id}` })).statusCode).toBe(200);
    const shiwanList = (await shiwanBuyer.inject({ method: 'GET', url: '/api/projects' })).json();
    expect(shiwanList.total).toBe(0);
    const list = (await zumiaoBuyer.inject({ method: 'GET', url: '/api/projects?status=draft' })).json();
    expect(list.items.every((i: { status: string }) => i.status === 'draft')).toBe(true);
    expect(list.statusCounts.draft).toBe(list.total);
    expect(list.statusCounts.terminated).toBe(1);
    const searched = (
      await zumiaoBuyer.inject({ method: 'GET', url: `/api/projects?q=${encodeURIComponent('范围测试')}` })
    ).json();
    expect(searched.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });

  it('stores documents by their real type and refuses disguised files', async () => {
    const p = await create(zumiaoBuyer);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 32)]);
    const up = await zumiaoBuyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/documents?kind=proposal`,
      payload: pdf,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('项目申报书.pdf') },
    });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'proposal', fileName: '项目申报书.pdf', contentType: 'application/pdf' });
    const down = await zumiaoBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/documents/${up.json().id}` });
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(String(down.headers['content-disposition'])).toContain(encodeURIComponent('项目申报书.pdf'));
    const exe = await zumiaoBuyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/documents?kind=other`,
      payload: Buffer.from('MZ\x90\x00 this is not a pdf'),
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'x.pdf' },
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('project.document_type');
    const other = await shiwanBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/documents/${up.json().id}` });
    expect(other.statusCode).toBe(404);
  });

  it('discloses approved projects publicly without personal data, and never drafts', async () => {
    const p = await create(zumiaoBuyer, { title: '公开测试项目' });
    const hidden = (await t.app.inject({ method: 'GET', url: '/api/public/projects?pageSize=200' })).json();
    expect(hidden.items.map((i: { code: string }) => i.code)).not.toContain(p.code);
    const submitted = (await move(zumiaoBuyer, p.id, 'submit', p.version)).json();
    await move(zumiaoBuyer, p.id, 'approve', submitted.version);
    const res = await t.app.inject({ method: 'GET', url: '/api/public/projects?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const shown = res.json().items.find((i: { code: string }) => i.code === p.code);
    expect(shown).toMatchObject({
      title: '公开测试项目',
      purchaserName: '祖庙街道办事处',
      amountFen: 48_000_000,
      amountIsContract: false,
      serviceDivisionNames: expect.arrayContaining([expect.any(String)]),
    });
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect(Object.keys(shown)).not.toContain('id');
  });
});

describe('project scope per role', () => {
  it('shows agencies their own projects, team workers theirs, evaluators only what they evaluate', async () => {
    const agencyA = await buildAgency(t, '440604012', ['440604012']);
    const agencyB = await buildAgency(t, '440604012', ['440604012']);
    const managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
    const mine = await buildProject(t, { status: 'in_service', purchaserId: zumiao.id, agencyId: agencyA.id });
    const theirs = await buildProject(t, { status: 'in_service', purchaserId: zumiao.id, agencyId: agencyB.id });
    const draftElsewhere = await buildProject(t, { status: 'draft', purchaserId: zumiao.id });

    expect((await managerA.inject({ method: 'GET', url: `/api/projects/${mine.id}` })).statusCode).toBe(200);
    expect((await managerA.inject({ method: 'GET', url: `/api/projects/${theirs.id}` })).statusCode).toBe(404);
    expect((await managerA.inject({ method: 'GET', url: `/api/projects/${draftElsewhere.id}` })).statusCode).toBe(404);
    const listed = (await managerA.inject({ method: 'GET', url: '/api/projects?pageSize=200' })).json();
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(mine.id);
    expect(listed.items.map((p: { id: string }) => p.id)).not.toContain(theirs.id);

    // A social worker of agency A on the project's team.
    const worker = await managerA.inject({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '团队社工',
        idNumber: validIdNumber(91_001),
        credential: { level: 'intermediate', certificateNo: 'TEAM000001', issuedOn: '2020-01-01' },
      },
    });
    expect(worker.statusCode, worker.body).toBe(201);
    const workerUser = await buildUser(t, { role: 'social_worker', organizationId: agencyA.id });
    await t.deps.db.updateTable('workers').set({ userId: workerUser.id }).where('id', '=', worker.json().id).execute();
    await t.deps.db
      .insertInto('projectTeam')
      .values({ projectId: mine.id, workerId: worker.json().id, role: 'lead', joinedOn: '2026-01-01' })
      .execute();
    const teamWorker = await login(t, workerUser.username);
    expect((await teamWorker.inject({ method: 'GET', url: `/api/projects/${mine.id}` })).statusCode).toBe(200);
    expect((await teamWorker.inject({ method: 'GET', url: `/api/projects/${theirs.id}` })).statusCode).toBe(404);
    const transition = await teamWorker.inject({
      method: 'POST',
      url: `/api/projects/${mine.id}/transitions`,
      payload: { action: 'request_final_review', version: mine.version },
    });
    expect(transition.statusCode).toBe(403);

    // An evaluator assigned to one evaluation of `mine` only.
    const evaluatorOrg = await buildOrganization(t, { kind: 'evaluator', divisionCode: '440604' });
    const evaluatorUser = await buildUser(t, { role: 'evaluator', organizationId: evaluatorOrg.id });
    const template = await t.deps.db
      .selectFrom('evaluationTemplates')
      .select('id')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    const evaluation = await t.deps.db
      .insertInto('evaluations')
      .values({
        projectId: mine.id,
        kind: 'midterm',
        templateId: template.id,
        evaluatorOrgId: evaluatorOrg.id,
        assignedAt: t.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('evaluationAssignees')
      .values({ evaluationId: evaluation.id, userId: evaluatorUser.id })
      .execute();
    const evaluator = await login(t, evaluatorUser.username);
    expect((await evaluator.inject({ method: 'GET', url: `/api/projects/${mine.id}` })).statusCode).toBe(200);
    expect((await evaluator.inject({ method: 'GET', url: `/api/projects/${theirs.id}` })).statusCode).toBe(404);
    const evaluatorList = (await evaluator.inject({ method: 'GET', url: '/api/projects?pageSize=200' })).json();
    expect(evaluatorList.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    expect((await evaluator.inject({ method: 'GET', url: `/api/projects/${mine.id}/finance` })).statusCode).toBe(403);
    const otherEvaluator = await signInAs(t, 'evaluator', { kind: 'evaluator', divisionCode: '440604' });
    expect((await otherEvaluator.inject({ method: 'GET', url: `/api/projects/${mine.id}` })).statusCode).toBe(404);
    expect((await otherEvaluator.inject({ method: 'GET', url: `/api/evaluations/${evaluation.id}` })).statusCode).toBe(
      404,
    );
  });
});
