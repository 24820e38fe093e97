import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildOrganization,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
} from '../../../../test/app';
import { buildProject } from '../../../../test/projects';
import { buildBeneficiary, buildCase, buildLinkedWorker } from '../../../../test/services';
import { syncDefaultEvaluationTemplate } from '../projects/evaluation-template.service';

let t: TestApp;
let managerA: Session;
let managerB: Session;
let workerA: Session;
let supervisorA: Session;
let bystander: Session; // a social worker of agency A on none of the records
let buyer: Session;
let admin: Session;
let evaluator: Session;
let agencyA: { id: string };
let workerId: string;
let supervisorWorkerId: string;
let purchaserId: string;

const TODAY = '2026-11-29';

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  const unit = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' });
  purchaserId = unit.id;
  buyer = await signInAs(t, 'purchaser', { id: unit.id });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  const agencyB = await buildAgency(t, '440604010', ['440604010']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
  const w = await buildLinkedWorker(t, managerA, agencyA.id, 'assistant');
  const s = await buildLinkedWorker(t, managerA, agencyA.id, 'senior');
  bystander = (await buildLinkedWorker(t, managerA, agencyA.id, 'assistant')).session;
  workerA = w.session;
  workerId = w.workerId;
  supervisorA = s.session;
  supervisorWorkerId = s.workerId;
  const evalOrg = await buildOrganization(t, { kind: 'evaluator', divisionCode: '440604' });
  evaluator = await signInAs(t, 'evaluator', { id: evalOrg.id });
  await syncDefaultEvaluationTemplate(t.deps.db, t.clock.now());
});
afterAll(() => t.close());

type Kind = 'cases' | 'groups' | 'activities' | 'contacts' | 'satisfaction';

/** A project in service delivered by agency A, with the given indicators (one of each kind by default). */
async function projectWith(kinds: Kind[] = ['cases', 'groups', 'activities', 'contacts', 'satisfaction']) {
  const p = await buildProject(t, { status: 'in_service', purchaserId, agencyId: agencyA.id });
  for (const [sort, kind] of kinds.entries())
    await t.deps.db
      .insertInto('indicators')
      .values({ projectId: p.id, kind, name: `${kind} ${sort}`, unit: '', target: 100, sort, createdAt: t.clock.now() })
      .execute();
  return p;
}

async function actuals(projectId: string): Promise<Record<string, number>> {
  const res = await managerA.inject({ method: 'GET', url: `/api/projects/${projectId}/indicators` });
  expect(res.statusCode, res.body).toBe(200);
  const out: Record<string, number> = {};
  for (const i of res.json().indicators as { kind: string; actual: number }[]) out[i.kind] = i.actual;
  return out;
}

async function group(projectId: string, members: string[]) {
  const res = await managerA.inject({
    method: 'POST',
    url: '/api/groups',
    payload: {
      agencyId: agencyA.id,
      projectId,
      name: '长者互助小组',
      groupType: 'support',
      plannedSessions: 6,
      divisionCode: '440604012001',
      leaderWorkerId: workerId,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const m = await workerA.inject({ method: 'POST', url: `/api/groups/${id}/members`, payload: { add: members } });
  expect(m.statusCode, m.body).toBe(200);
  return m.json() as { id: string; memberCount: number; version: number };
}

async function activity(projectId: string) {
  const res = await managerA.inject({
    method: 'POST',
    url: '/api/activities',
    payload: {
      agencyId: agencyA.id,
      projectId,
      name: '重阳敬老游园会',
      theme: '敬老',
      divisionCode: '440604012001',
      leadWorkerId: workerId,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const held = (extra: Record<string, unknown> = {}) => ({
  heldOn: TODAY,
  durationMinutes: 90,
  content: '第一节：相互认识，订立小组契约',
  ...extra,
});

describe('groups, activities and their sessions count toward the project indicators', () => {
  it('schedules a group session, completes it with attendance, and voiding takes the counts back', async () => {
    const p = await projectWith();
    const members = [
      await buildBeneficiary(managerA, { name: '梁伯' }),
      await buildBeneficiary(managerA, { name: '何婆婆' }),
      await buildBeneficiary(managerA, { name: '区叔' }),
    ];
    const g = await group(p.id, members);
    expect(g.memberCount).toBe(3);

    const scheduled = await workerA.inject({
      method: 'POST',
      url: '/api/service-records',
      payload: {
        kind: 'group_session',
        groupId: g.id,
        workerIds: [workerId],
        location: '社区活动室',
        scheduledAt: '2026-12-01T02:00:00Z',
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const record = scheduled.json();
    expect(record).toMatchObject({ status: 'scheduled', participantCount: 0 });
    expect((await actuals(p.id)).groups).toBe(0);

    const work = (await workerA.inject({ method: 'GET', url: '/api/me/work' })).json();
    expect(work.upcoming).toEqual([expect.objectContaining({ id: record.id, subject: '长者互助小组' })]);

    // Only members can be marked present.
    const stranger = await buildBeneficiary(managerA);
    const wrong = await workerA.inject({
      method: 'POST',
      url: `/api/service-records/${record.id}/complete`,
      payload: { ...held(), presentBeneficiaryIds: [stranger], version: record.version },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].field).toBe('body.presentBeneficiaryIds.0');

    const done = await workerA.inject({
      method: 'POST',
      url: `/api/service-records/${record.id}/complete`,
      payload: { ...held(), presentBeneficiaryIds: members.slice(0, 2), version: record.version },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', participantCount: 2 });
    expect(done.json().attendees.filter((a: { present: boolean }) => a.present)).toHaveLength(2);
    expect(await actuals(p.id)).toMatchObject({ groups: 1, contacts: 2, activities: 0 });

    const again = await workerA.inject({
      method: 'POST',
      url: `/api/service-records/${record.id}/complete`,
      payload: { ...held(), presentBeneficiaryIds: members, version: done.json().version },
    });
    expect(again.statusCode).toBe(409);

    const voided = await managerA.inject({
      method: 'POST',
      url: `/api/service-records/${record.id}/void`,
      payload: { reason: '重复登记', version: done.json().version },
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await actuals(p.id)).toMatchObject({ groups: 0, contacts: 0 });
  });

  it('counts an activity by its head count, and refuses records outside the period, in the future or unscoped', async () => {
    const p = await projectWith();
    const a = await activity(p.id);
    const record = (extra: Record<string, unknown>) =>
      workerA.inject({
        method: 'POST',
        url: '/api/service-records',
        payload: { kind: 'activity', activityId: a.id, workerIds: [workerId], completed: held(extra) },
      });
    const ok = await record({ participantCount: 45 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await actuals(p.id)).toMatchObject({ activities: 1, contacts: 45 });

    expect((await record({})).statusCode).toBe(400); // no head count
    expect((await record({ participantCount: 5, heldOn: '2026-11-30' })).statusCode).toBe(400); // future
    expect((await record({ participantCount: 5, heldOn: '2025-12-31' })).statusCode).toBe(400); // before the period
    const notMine = await managerB.inject({
      method: 'POST',
      url: '/api/service-records',
      payload: { kind: 'activity', activityId: a.id, workerIds: [workerId], completed: held({ participantCount: 5 }) },
    });
    expect(notMine.statusCode).toBe(404);
    expect(await actuals(p.id)).toMatchObject({ activities: 1, contacts: 45 });
  });

  it('asks which indicator when the project has two of the kind', async () => {
    const p = await projectWith(['activities', 'activities', 'contacts']);
    const a = await activity(p.id);
    const payload = {
      kind: 'activity',
      activityId: a.id,
      workerIds: [workerId],
      completed: held({ participantCount: 3 }),
    };
    const ambiguous = await workerA.inject({ method: 'POST', url: '/api/service-records', payload });
    expect(ambiguous.statusCode).toBe(400);
    const indicators = (await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/indicators` })).json()
      .indicators as { id: string; kind: string; actual: number }[];
    const second = indicators.filter((i) => i.kind === 'activities')[1]!;
    const chosen = await workerA.inject({
      method: 'POST',
      url: '/api/service-records',
      payload: { ...payload, indicatorId: second.id },
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    const after = (await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/indicators` })).json()
      .indicators as { id: string; actual: number }[];
    expect(after.find((i) => i.id === second.id)?.actual).toBe(1);
    expect(after.filter((i) => i.id !== second.id).map((i) => i.actual)).toEqual([0, 3]);

    // A session scheduled with a choice keeps it for its completion; one scheduled without may choose on completion.
    const first = indicators.filter((i) => i.kind === 'activities')[0]!;
    const schedule = (extra: Record<string, unknown>) =>
      workerA.inject({
        method: 'POST',
        url: '/api/service-records',
        payload: {
          kind: 'activity',
          activityId: a.id,
          workerIds: [workerId],
          scheduledAt: '2026-12-05T01:00:00Z',
          ...extra,
        },
      });
    const chosenEarly = (await schedule({ indicatorId: first.id })).json();
    const undecided = (await schedule({})).json();
    const complete = (r: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
      workerA.inject({
        method: 'POST',
        url: `/api/service-records/${r.id}/complete`,
        payload: { ...held({ participantCount: 2 }), version: r.version, ...extra },
      });
    expect((await complete(chosenEarly)).statusCode).toBe(200);
    expect((await complete(undecided)).statusCode).toBe(400);
    expect((await complete(undecided, { indicatorId: second.id })).statusCode).toBe(200);
    const final = (await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/indicators` })).json()
      .indicators as { id: string; actual: number }[];
    expect(final.map((i) => i.actual)).toEqual([1, 2, 7]);
  });

  it('turns a case opened under the project and its approved sessions into counts; an amendment moves them', async () => {
    const p = await projectWith();
    const b = await buildBeneficiary(managerA);
    const c = await buildCase(managerA, { beneficiaryId: b, workerId, supervisorWorkerId });
    // Re-open with the project (buildCase has no project): a second case of the same person under the project.
    const res = await managerA.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { beneficiaryId: b, workerId, supervisorWorkerId, intakeSource: 'outreach', projectId: p.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().id as string;
    expect(c.id).not.toBe(caseId);
    expect(await actuals(p.id)).toMatchObject({ cases: 1, contacts: 0 });

    // Move to intervention directly in the database: the stage rules are case.test's subject, not this one's.
    await t.deps.db.updateTable('cases').set({ stage: 'intervention' }).where('id', '=', caseId).execute();
    const approve = async (content: Record<string, unknown>, amendsRecordId?: string) => {
      const d = await workerA.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/records`,
        payload: { kind: 'session', content, ...(amendsRecordId ? { amendsRecordId } : {}) },
      });
      expect(d.statusCode, d.body).toBe(201);
      const id = d.json().id as string;
      expect(
        (await workerA.inject({ method: 'POST', url: `/api/cases/${caseId}/records/${id}/submit` })).statusCode,
      ).toBe(200);
      const a = await supervisorA.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/records/${id}/approve`,
        payload: { comment: '' },
      });
      expect(a.statusCode, a.body).toBe(200);
      return id;
    };
    const first = await approve({ heldOn: '2026-11-20', durationMinutes: 45, summary: '入户会谈' });
    expect(await actuals(p.id)).toMatchObject({ cases: 1, contacts: 1 });
    await approve({ heldOn: '2026-11-27', durationMinutes: 45, summary: '电话跟进' }, first);
    expect(await actuals(p.id)).toMatchObject({ cases: 1, contacts: 1 });

    const sessions = (await workerA.inject({ method: 'GET', url: `/api/service-records?caseId=${caseId}` })).json()
      .items as { status: string; heldOn: string; voidReason: string | null }[];
    expect(sessions.map((s) => [s.status, s.heldOn]).sort()).toEqual([
      ['completed', '2026-11-27'],
      ['voided', '2026-11-20'],
    ]);
    const voidCase = await managerA.inject({
      method: 'POST',
      url: `/api/service-records/${(await workerA.inject({ method: 'GET', url: `/api/service-records?caseId=${caseId}&status=completed` })).json().items[0].id}/void`,
      payload: { reason: 'x', version: 1 },
    });
    expect(voidCase.statusCode).toBe(409);
  });

  it('computes satisfaction as the satisfied share of all surveys', async () => {
    const p = await projectWith();
    for (const [score, day] of [
      [5, '2026-11-02'],
      [4, '2026-11-03'],
      [2, '2026-11-03'],
    ] as const) {
      const res = await workerA.inject({
        method: 'POST',
        url: '/api/satisfaction-surveys',
        payload: { projectId: p.id, score, surveyedOn: day },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await actuals(p.id)).satisfaction).toBe(66.67);
    // A survey dated earlier than the others changes the later days' rates too.
    await workerA.inject({
      method: 'POST',
      url: '/api/satisfaction-surveys',
      payload: { projectId: p.id, score: 5, surveyedOn: '2026-11-01' },
    });
    expect((await actuals(p.id)).satisfaction).toBe(75);
    const bad = await workerA.inject({
      method: 'POST',
      url: '/api/satisfaction-surveys',
      payload: { projectId: p.id, score: 6, surveyedOn: TODAY },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await managerB.inject({
          method: 'POST',
          url: '/api/satisfaction-surveys',
          payload: { projectId: p.id, score: 5, surveyedOn: TODAY },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('consent and visits', () => {
  it('refuses a visit without service consent and a photo of someone who has not consented (or withdrew)', async () => {
    const p = await projectWith();
    const noConsent = await buildBeneficiary(managerA, { consents: [] });
    const visit = (beneficiaryId: string) =>
      workerA.inject({
        method: 'POST',
        url: '/api/service-records',
        payload: { kind: 'visit', beneficiaryId, projectId: p.id, workerIds: [workerId], completed: held() },
      });
    const refused = await visit(noConsent);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('consent.missing');

    const person = await buildBeneficiary(managerA, { consents: ['service', 'photos'] });
    const ok = await visit(person);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await actuals(p.id)).toMatchObject({ contacts: 1 });
    const record = ok.json();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = (pictured: string) =>
      workerA.inject({
        method: 'POST',
        url: `/api/service-records/${record.id}/photos?pictured=${pictured}&fileName=visit.png`,
        headers: { 'content-type': 'image/png' },
        payload: png,
      });
    const withConsent = await upload(person);
    expect(withConsent.statusCode, withConsent.body).toBe(201);
    expect(withConsent.json().attachments).toHaveLength(1);
    const withdraw = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${person}/consents/photos/withdraw`,
      payload: { reason: '不再同意拍照' },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const blocked = await upload(person);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('consent.missing');
    const notAnImage = await workerA.inject({
      method: 'POST',
      url: `/api/service-records/${record.id}/photos?fileName=x.png`,
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from('<html></html>'),
    });
    expect(notAnImage.statusCode).toBe(400);
  });
});

describe('who sees what (field-level visibility and scope)', () => {
  it('shows the agency names, the purchaser masked names, the evaluator pseudonyms, the bureau aggregates only', async () => {
    const p = await projectWith();
    const name = '欧阳娜娜';
    const b = await buildBeneficiary(managerA, { name });
    const res = await workerA.inject({
      method: 'POST',
      url: '/api/service-records',
      payload: {
        kind: 'visit',
        beneficiaryId: b,
        projectId: p.id,
        workerIds: [workerId],
        completed: held({ content: `探访${name}，了解用药情况` }),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const url = `/api/projects/${p.id}/service-records`;

    const full = await managerA.inject({ method: 'GET', url });
    expect(full.json().items[0].subject).toContain(name);

    const masked = await buyer.inject({ method: 'GET', url });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.body).not.toContain(name);
    expect(masked.json().items[0].subject).toContain('欧***');
    expect(masked.json().items[0].content).toBe('探访欧***，了解用药情况');

    // An evaluator sees a project once assigned to evaluate it.
    const evalOrgId = (
      await t.deps.db
        .selectFrom('memberships')
        .select('organizationId')
        .where('userId', '=', evaluator.userId)
        .executeTakeFirstOrThrow()
    ).organizationId;
    const template = await t.deps.db
      .selectFrom('evaluationTemplates')
      .select('id')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    const assign = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/evaluations`,
      payload: {
        kind: 'midterm',
        templateId: template.id,
        evaluatorOrgId: evalOrgId,
        assigneeUserIds: [evaluator.userId],
        dueOn: '2026-12-31',
      },
    });
    expect(assign.statusCode, assign.body).toBe(201);
    const anonymised = await evaluator.inject({ method: 'GET', url });
    expect(anonymised.statusCode, anonymised.body).toBe(200);
    expect(anonymised.body).not.toContain('欧阳');
    expect(anonymised.json().items[0].content).toBe('探访服务对象 A，了解用药情况');

    // Exports leave the system: names are masked even in the agency's own, anonymised in an evaluator's; audited.
    const ownExport = await managerA.inject({
      method: 'GET',
      url: `/api/service-records/export?format=csv&projectId=${p.id}`,
    });
    expect(ownExport.statusCode, ownExport.body).toBe(200);
    expect(ownExport.body).toContain('探访欧***，了解用药情况');
    expect(ownExport.body).not.toContain(name);
    const evaluatorExport = await evaluator.inject({ method: 'GET', url: `${url}/export?format=csv` });
    expect(evaluatorExport.statusCode, evaluatorExport.body).toBe(200);
    expect(evaluatorExport.body).toContain('服务对象 A');
    expect(evaluatorExport.body).not.toContain('欧阳');
    const audited = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', '=', 'service_record.export')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect((await managerB.inject({ method: 'GET', url: `${url}/export?format=csv` })).statusCode).toBe(404);

    const bureau = await admin.inject({ method: 'GET', url });
    expect(bureau.statusCode).toBe(403);
    // A social worker of the delivering agency on the project's team reads its records masked (their own work is
    // in full under /api/service-records); off the team, the project is not theirs to see (404).
    expect((await bystander.inject({ method: 'GET', url })).statusCode).toBe(404);
    const bystanderWorker = await t.deps.db
      .selectFrom('workers')
      .select('id')
      .where('userId', '=', bystander.userId)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('projectTeam')
      .values({ projectId: p.id, workerId: bystanderWorker.id, role: 'member', joinedOn: TODAY })
      .execute();
    const colleague = await bystander.inject({ method: 'GET', url });
    expect(colleague.statusCode, colleague.body).toBe(200);
    expect(colleague.body).not.toContain(name);
    // The bureau as the purchasing unit of its own project sees it like any purchaser: masked.
    const bureauOrg = (
      await t.deps.db
        .selectFrom('memberships')
        .select('organizationId')
        .where('userId', '=', admin.userId)
        .executeTakeFirstOrThrow()
    ).organizationId;
    const own = await buildProject(t, { status: 'in_service', purchaserId: bureauOrg, agencyId: agencyA.id });
    const ownList = await admin.inject({ method: 'GET', url: `/api/projects/${own.id}/service-records` });
    expect(ownList.statusCode, ownList.body).toBe(200);
    const dashboard = await admin.inject({ method: 'GET', url: '/api/delivery/dashboard' });
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    expect(dashboard.body).not.toContain(name);
    expect(dashboard.json().totals.contacts).toBeGreaterThanOrEqual(1);
    expect(dashboard.json().projects.some((x: { projectId: string }) => x.projectId === p.id)).toBe(true);
    const other = await managerB.inject({ method: 'GET', url: '/api/delivery/dashboard' });
    expect(other.json().projects.some((x: { projectId: string }) => x.projectId === p.id)).toBe(false);
  });

  it('answers 404 to another agency on every group, activity and record endpoint; a bystander worker sees no visits', async () => {
    const p = await projectWith();
    const member = await buildBeneficiary(managerA);
    const g = await group(p.id, [member]);
    const a = await activity(p.id);
    const visit = await workerA.inject({
      method: 'POST',
      url: '/api/service-records',
      payload: { kind: 'visit', beneficiaryId: member, workerIds: [workerId], completed: held() },
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const r = visit.json();
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/groups/${g.id}`],
      ['PATCH', `/api/groups/${g.id}`, { name: '改名', version: g.version }],
      ['POST', `/api/groups/${g.id}/members`, { add: [] }],
      ['GET', `/api/activities/${a.id}`],
      ['PATCH', `/api/activities/${a.id}`, { name: '改名', version: 1 }],
      ['GET', `/api/service-records/${r.id}`],
      ['POST', `/api/service-records/${r.id}/complete`, { ...held(), version: r.version }],
      ['POST', `/api/service-records/${r.id}/void`, { reason: '越权', version: r.version }],
      ['GET', `/api/projects/${p.id}/service-records`],
    ];
    for (const [method, url, payload] of calls) {
      const res = await managerB.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    const list = (await managerB.inject({ method: 'GET', url: '/api/service-records' })).json();
    expect(list.items.some((x: { id: string }) => x.id === r.id)).toBe(false);
    expect((await managerB.inject({ method: 'GET', url: '/api/groups' })).json().total).toBe(0);

    // A colleague on neither the visit nor the case sees the group's work but not the person's visit.
    expect((await bystander.inject({ method: 'GET', url: `/api/groups/${g.id}` })).statusCode).toBe(200);
    expect((await bystander.inject({ method: 'GET', url: `/api/service-records/${r.id}` })).statusCode).toBe(404);
    expect((await workerA.inject({ method: 'GET', url: `/api/service-records/${r.id}` })).statusCode).toBe(200);
    // Referral targets: other active agencies, never the caller's own.
    const targets = (await workerA.inject({ method: 'GET', url: '/api/referrals/targets' })).json() as { id: string }[];
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.some((x) => x.id === agencyA.id)).toBe(false);
    // Workers run sessions but do not set up programmes.
    const create = await workerA.inject({
      method: 'POST',
      url: '/api/activities',
      payload: { agencyId: agencyA.id, name: '义诊', divisionCode: '440604012001', leadWorkerId: workerId },
    });
    expect(create.statusCode).toBe(403);
  });
});

describe('day totals stay equal to the records (property)', () => {
  it('after any sequence of recording and voiding activity sessions, indicator actuals equal a recount', async () => {
    const p = await projectWith(['activities', 'contacts']);
    const a = await activity(p.id);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('record' as const),
        day: fc.integer({ min: 1, max: 28 }),
        people: fc.integer({ min: 1, max: 500 }),
      }),
      fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'record') {
            const heldOn = `2026-11-${String(o.day).padStart(2, '0')}`;
            const res = await workerA.inject({
              method: 'POST',
              url: '/api/service-records',
              payload: {
                kind: 'activity',
                activityId: a.id,
                workerIds: [workerId],
                completed: held({ heldOn, participantCount: o.people }),
              },
            });
            expect(res.statusCode, res.body).toBe(201);
          } else {
            const live = (
              await workerA.inject({
                method: 'GET',
                url: `/api/service-records?activityId=${a.id}&status=completed&pageSize=200`,
              })
            ).json().items as { id: string; version: number }[];
            const target = live[o.pick % Math.max(1, live.length)];
            if (!target) continue;
            const res = await workerA.inject({
              method: 'POST',
              url: `/api/service-records/${target.id}/void`,
              payload: { reason: '更正', version: target.version },
            });
            expect(res.statusCode, res.body).toBe(200);
          }
        }
        const recount = await t.deps.db
          .selectFrom('serviceRecords')
          .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('participantCount').as('people')])
          .where('activityId', '=', a.id)
          .where('status', '=', 'completed')
          .executeTakeFirstOrThrow();
        const got = await actuals(p.id);
        expect(got.activities).toBe(Number(recount.n));
        expect(got.contacts).toBe(Number(recount.people ?? 0));
        // The month totals move with the day rows.
        const [days, months] = await Promise.all([
          t.deps.db
            .selectFrom('indicatorActuals')
            .select((eb) => eb.fn.sum<string>('value').as('v'))
            .where('projectId', '=', p.id)
            .where('source', '=', 'service_record')
            .executeTakeFirstOrThrow(),
          t.deps.db
            .selectFrom('indicatorMonthTotals')
            .select((eb) => eb.fn.sum<string>('value').as('v'))
            .where('projectId', '=', p.id)
            .executeTakeFirstOrThrow(),
        ]);
        expect(Number(months.v ?? 0)).toBe(Number(days.v ?? 0));
      }),
      { numRuns: 12 },
    );
  });
});

describe('dashboard periods', () => {
  it('gives the same totals from whole months and edge days as a sum of the day rows, for any period', async () => {
    const p = await projectWith(['activities', 'contacts']);
    const a = await activity(p.id);
    for (const [heldOn, people] of [
      ['2026-09-30', 7],
      ['2026-10-01', 11],
      ['2026-10-15', 13],
      ['2026-10-31', 17],
      ['2026-11-01', 19],
      ['2026-11-28', 23],
    ] as const) {
      const res = await workerA.inject({
        method: 'POST',
        url: '/api/service-records',
        payload: {
          kind: 'activity',
          activityId: a.id,
          workerIds: [workerId],
          completed: held({ heldOn, participantCount: people }),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const day = fc.integer({ min: 0, max: 90 }).map((n) => {
      const d = new Date(Date.UTC(2026, 8, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    await fc.assert(
      fc.asyncProperty(day, day, async (x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const res = await managerA.inject({ method: 'GET', url: `/api/delivery/dashboard?from=${from}&to=${to}` });
        expect(res.statusCode, res.body).toBe(200);
        const direct = await t.deps.db
          .selectFrom('indicatorActuals as ia')
          .innerJoin('indicators as i', 'i.id', 'ia.indicatorId')
          .select(['i.kind', (eb) => eb.fn.sum<string>('ia.value').as('v')])
          .where('ia.source', '=', 'service_record')
          .where('ia.periodEnd', '>=', from)
          .where('ia.periodEnd', '<=', to)
          .where('ia.projectId', 'in', (eb) =>
            eb.selectFrom('projects').select('id').where('agencyId', '=', agencyA.id),
          )
          .groupBy('i.kind')
          .execute();
        const want = Object.fromEntries(direct.map((r) => [r.kind, Number(r.v)]));
        const totals = res.json().totals;
        for (const kind of ['cases', 'groups', 'activities', 'contacts'])
          expect(totals[kind], `${kind} ${from}..${to}`).toBe(want[kind] ?? 0);
      }),
      { numRuns: 25 },
    );
  });
});
