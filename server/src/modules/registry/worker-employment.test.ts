import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, type Session, setupTestApp, signInAs, type TestApp, validIdNumber } from '../../../../test/app';

let t: TestApp;
let admin: Session;
let zumiaoAdmin: Session; // bureau admin for 祖庙 only
let zumiaoBuyer: Session;
let managerA: Session;
let managerB: Session;
let agencyA: { id: string; name: string }; // 祖庙
let agencyB: { id: string; name: string }; // 石湾
let agencyC: { id: string; name: string }; // 石湾, serves the district
let n = 5000;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  zumiaoAdmin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604012' });
  zumiaoBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  agencyB = await buildAgency(t, '440604010', ['440604010']);
  agencyC = await buildAgency(t, '440604010', ['440604']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
});
afterAll(() => t.close());

interface Worker {
  id: string;
  version: number;
  agencyId: string | null;
  idNumber: string;
}

/** A worker registered by the district admin, employed by `agencyId` (from `startedOn`) or by no one. */
async function registerWorker(agencyId: string | null, startedOn = '2024-03-01'): Promise<Worker> {
  n += 1;
  const idNumber = validIdNumber(n);
  const res = await admin.inject({
    method: 'POST',
    url: '/api/workers',
    payload: { name: `聘用测试${n}`, idNumber, ...(agencyId ? { agencyId } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const w = res.json();
  // Registration starts the job today; move it back so that ends and transfers have room.
  await t.deps.db.updateTable('workerEmployments').set({ startedOn }).where('workerId', '=', w.id).execute();
  return { id: w.id, version: w.version, agencyId: w.agencyId, idNumber };
}

async function auditOf(workerId: string, action: string) {
  return t.deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('targetId', '=', workerId)
    .where('action', '=', action)
    .execute();
}

const endBody = (w: Worker, overrides: Record<string, unknown> = {}) => ({
  endedOn: '2026-11-20',
  reason: '合同期满不再续签',
  version: w.version,
  ...overrides,
});

describe('ending an employment', () => {
  it('the employing agency ends it: the row gets an end date and reason, the worker leaves the agency', async () => {
    const w = await registerWorker(agencyA.id);
    const res = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
    });
    expect(res.statusCode, res.body).toBe(204);
    // The agency no longer sees someone who has left it.
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}` })).statusCode).toBe(404);
    const detail = (await admin.inject({ method: 'GET', url: `/api/workers/${w.id}` })).json();
    expect(detail).toMatchObject({ agencyId: null, agencyName: null, version: w.version + 1 });
    expect(detail.employment).toEqual([
      expect.objectContaining({
        agencyId: agencyA.id,
        startedOn: '2024-03-01',
        endedOn: '2026-11-20',
        endReason: '合同期满不再续签',
      }),
    ]);
    const audit = await auditOf(w.id, 'worker.employment.end');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: managerA.userId, targetType: 'worker' });
    expect(audit[0]?.summary).toMatchObject({
      before: { agencyId: agencyA.id, startedOn: '2024-03-01' },
      after: { agencyId: null, endedOn: '2026-11-20', reason: '合同期满不再续签' },
    });
  });

  it('a bureau admin ends it too; another agency’s manager gets 404 and a purchaser 403', async () => {
    const w = await registerWorker(agencyA.id);
    const other = await managerB.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
    });
    expect(other.statusCode).toBe(404);
    const buyer = await zumiaoBuyer.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
    });
    expect(buyer.statusCode).toBe(403);
    const res = await zumiaoAdmin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w, { endedOn: '2026-11-29' }),
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await auditOf(w.id, 'worker.employment.end')).toHaveLength(1);
  });

  it('refuses a stale version (409) and writes nothing', async () => {
    const w = await registerWorker(agencyA.id);
    const edit = await managerA.inject({
      method: 'PATCH',
      url: `/api/workers/${w.id}`,
      payload: { version: w.version, notes: '先改一下备注' },
    });
    expect(edit.statusCode).toBe(200);
    const stale = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    const rows = await t.deps.db.selectFrom('workerEmployments').selectAll().where('workerId', '=', w.id).execute();
    expect(rows.map((r) => r.endedOn)).toEqual([null]);
    expect(await auditOf(w.id, 'worker.employment.end')).toHaveLength(0);
  });

  it('checks the dates field by field: not in the future, not before the start', async () => {
    const w = await registerWorker(agencyA.id, '2025-06-01');
    const end = (endedOn: string, lang = 'zh-CN') =>
      managerA.inject({
        method: 'POST',
        url: `/api/workers/${w.id}/employment/end`,
        payload: endBody(w, { endedOn }),
        headers: { 'accept-language': lang },
      });
    const future = await end('2026-11-30');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.issues).toEqual([
      { field: 'body.endedOn', code: 'date.future', message: '日期不能晚于今天' },
    ]);
    const early = await end('2025-05-31', 'en');
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.issues[0]).toMatchObject({
      field: 'body.endedOn',
      code: 'date.before_start',
      message: 'cannot be before the employment started (2025-06-01)',
    });
    const noReason = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w, { reason: ' ' }),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues[0].field).toBe('body.reason');
    // Ending on the first day is allowed.
    expect((await end('2025-06-01')).statusCode).toBe(204);
  });

  it('a worker without a current job: 409 with a clear message in zh-CN and en', async () => {
    const w = await registerWorker(null);
    const zh = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
    });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({
      code: 'worker.not_employed',
      message: '该社工目前没有在职的聘用记录，无需结束聘用或调动',
    });
    const en = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('This social worker has no current employment to end or transfer');
  });
});

describe('transferring to another agency', () => {
  it('ends the current job the day before the new one starts and opens the new one', async () => {
    const w = await registerWorker(agencyA.id, '2023-01-01');
    const res = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/transfer`,
      payload: { agencyId: agencyC.id, role: '项目主管', startedOn: '2026-11-01', version: w.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ agencyId: agencyC.id, agencyName: agencyC.name, version: w.version + 1 });
    expect(detail.employment).toEqual([
      expect.objectContaining({
        agencyId: agencyA.id,
        startedOn: '2023-01-01',
        endedOn: '2026-10-31',
        endReason: `调动至${agencyC.name}`,
      }),
      expect.objectContaining({
        agencyId: agencyC.id,
        role: '项目主管',
        startedOn: '2026-11-01',
        endedOn: null,
        endReason: null,
      }),
    ]);
    // The old agency has lost the worker; the new one has them.
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}` })).statusCode).toBe(404);
    const audit = await auditOf(w.id, 'worker.employment.transfer');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).toMatchObject({
      before: { agencyId: agencyA.id, endedOn: '2026-10-31' },
      after: { agencyId: agencyC.id, role: '项目主管', startedOn: '2026-11-01' },
    });
  });

  it('a transfer on the first day of the current job ends it that same day', async () => {
    const w = await registerWorker(agencyA.id, '2026-11-10');
    const res = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/transfer`,
      payload: { agencyId: agencyB.id, role: '社工', startedOn: '2026-11-10', version: w.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().employment.map((e: { startedOn: string; endedOn: string | null }) => e.endedOn)).toEqual([
      '2026-11-10',
      null,
    ]);
  });

  it('is for the bureau only, within its scope, into an active agency, with the current version', async () => {
    const w = await registerWorker(agencyA.id);
    const body = { agencyId: agencyB.id, role: '社工', startedOn: '2026-11-01', version: w.version };
    const url = `/api/workers/${w.id}/employment/transfer`;
    expect((await managerA.inject({ method: 'POST', url, payload: body })).statusCode).toBe(403);
    // A 祖庙 admin sees this worker but agency B (石湾) is outside their divisions.
    const outOfScope = await zumiaoAdmin.inject({ method: 'POST', url, payload: body });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().error.details.issues[0]).toMatchObject({ field: 'body.agencyId', code: 'not_found' });
    const same = await admin.inject({ method: 'POST', url, payload: { ...body, agencyId: agencyA.id } });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('worker.already_employed_here');
    const early = await admin.inject({ method: 'POST', url, payload: { ...body, startedOn: '2024-02-29' } });
    expect(early.json().error.details.issues[0]).toMatchObject({
      field: 'body.startedOn',
      code: 'date.before_start',
    });
    const suspended = await buildAgency(t, '440604010', []);
    await t.deps.db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    const inactive = await admin.inject({ method: 'POST', url, payload: { ...body, agencyId: suspended.id } });
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json().error.code).toBe('organization.not_active');
    const stale = await admin.inject({ method: 'POST', url, payload: { ...body, version: w.version + 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    expect(await auditOf(w.id, 'worker.employment.transfer')).toHaveLength(0);
    const rows = await t.deps.db.selectFrom('workerEmployments').selectAll().where('workerId', '=', w.id).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('hiring a registered worker', () => {
  it('an agency manager hires a worker without a job by ID number and gets the worker back', async () => {
    const w = await registerWorker(null);
    const res = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber.toLowerCase(), role: '一线社工', startedOn: '2026-11-15' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    expect(detail).toMatchObject({ id: w.id, agencyId: agencyA.id, version: w.version + 1 });
    expect(detail.employment).toEqual([
      expect.objectContaining({ agencyId: agencyA.id, role: '一线社工', startedOn: '2026-11-15', endedOn: null }),
    ]);
    expect(res.body).not.toContain(w.idNumber);
    const audit = await auditOf(w.id, 'worker.employment.hire');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: managerA.userId });
    expect(JSON.stringify(audit[0]?.summary)).not.toContain(w.idNumber);
    // Hiring again into the same agency is a conflict.
    const again = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '一线社工', startedOn: '2026-11-15' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('worker.already_employed_here');
  });

  it('someone employed elsewhere is a 409 that does not say where', async () => {
    const w = await registerWorker(agencyB.id);
    const res = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-29' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('worker.employed_elsewhere');
    expect(res.json().error.details).toBeUndefined();
    expect(res.body).not.toContain(agencyB.id);
    expect(res.body).not.toContain(agencyB.name);
    expect(res.body).not.toContain(w.id);
  });

  it('an unknown ID number is a 404 suggesting registration; an invalid one a field error', async () => {
    const unknown = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: validIdNumber(99_999), role: '社工', startedOn: '2026-11-29' },
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('worker.not_registered');
    expect(unknown.json().error.message).toContain('Register a social worker');
    const id = validIdNumber(99_998);
    const invalid = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`, role: '社工', startedOn: '2026-11-29' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.issues[0]).toMatchObject({
      field: 'body.idNumber',
      code: 'id_number.check_digit',
    });
  });

  it('after one agency ends the job another hires the worker, not before the old job ended', async () => {
    const w = await registerWorker(agencyA.id);
    await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/employment/end`,
      payload: endBody(w, { endedOn: '2026-11-20' }),
    });
    const early = await managerB.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-19' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.issues[0]).toMatchObject({
      field: 'body.startedOn',
      code: 'date.before_previous_end',
    });
    const hired = await managerB.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-21' },
    });
    expect(hired.statusCode, hired.body).toBe(201);
    expect(hired.json().employment.map((e: { agencyId: string }) => e.agencyId)).toEqual([agencyA.id, agencyB.id]);
  });

  it('a bureau admin names the agency; a manager cannot hire into another agency', async () => {
    const w = await registerWorker(null);
    const missing = await admin.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-29' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues[0]).toMatchObject({ field: 'body.agencyId', code: 'required' });
    const forced = await managerA.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-29', agencyId: agencyB.id },
    });
    expect(forced.statusCode).toBe(403);
    const res = await admin.inject({
      method: 'POST',
      url: '/api/workers/hire',
      payload: { idNumber: w.idNumber, role: '社工', startedOn: '2026-11-29', agencyId: agencyC.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().agencyId).toBe(agencyC.id);
  });
});
