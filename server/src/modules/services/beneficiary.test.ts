import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../../contracts/identifiers';
import { buildAgency, type Session, setupTestApp, signInAs, type TestApp, validIdNumber } from '../../../../test/app';

let t: TestApp;
let admin: Session;
let managerA: Session;
let workerA: Session;
let managerB: Session;
let zumiaoStaff: Session;
let shiwanStaff: Session;
let agencyA: { id: string };
let n = 7000;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  const agencyB = await buildAgency(t, '440604010', ['440604010']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  workerA = await signInAs(t, 'social_worker', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
  zumiaoStaff = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604012001' });
  shiwanStaff = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604010001' });
});
afterAll(() => t.close());

/** A valid 身份证号 of a child born in 2018 (8 years old on the test clock's date, 2026-11-29). */
function childIdNumber(k: number) {
  const body = `4406042018060${1 + (k % 9)}${String((k * 2 + 1) % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

const body = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return {
    name: `对象${n}`,
    idNumber: validIdNumber(n),
    mobile: `139${String(30_000_000 + n).slice(-8)}`,
    address: `祖庙路${n}号3座501房`,
    divisionCode: '440604012001',
    latitude: 23.031_234,
    longitude: 113.123_456,
    categories: ['living_alone_elderly', 'dibao'],
    ...overrides,
  };
};

const create = (s: Session, payload: Record<string, unknown>) =>
  s.inject({ method: 'POST', url: '/api/beneficiaries', payload });

async function created(s: Session, payload = body()) {
  const res = await create(s, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const auditOf = (id: string) =>
  t.deps.db
    .selectFrom('auditEvents')
    .select(['action', 'summary', 'actorUserId'])
    .where('targetId', '=', id)
    .orderBy('id')
    .execute();

describe('beneficiaries: personal information', () => {
  it('agency staff register for their agency: ciphertext at rest, masked in responses, derived fields', async () => {
    const input = body();
    const res = await create(workerA, input);
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      name: input.name,
      agencyId: agencyA.id,
      divisionName: '朝安东社区',
      addressMasked: '祖庙街道****',
      latitude: 23.031,
      longitude: 113.123,
      categories: ['living_alone_elderly', 'dibao'],
      riskLevel: null,
      householdRelation: 'self',
      guardian: null,
      disability: null,
      version: 1,
    });
    expect(b.idNumberMasked).toBe(`${input.idNumber.slice(0, 4)}**********${input.idNumber.slice(-4)}`);
    expect(b.mobileMasked).toBe(`139****${input.mobile.slice(-4)}`);
    expect(b.birthDate).toBe(
      `${input.idNumber.slice(6, 10)}-${input.idNumber.slice(10, 12)}-${input.idNumber.slice(12, 14)}`,
    );
    for (const secret of [input.idNumber, input.mobile, input.address]) expect(res.body).not.toContain(secret);

    const raw = await t.deps.db
      .selectFrom('beneficiaries')
      .selectAll()
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    for (const column of [raw.idNumberEnc, raw.mobileEnc, raw.addressEnc]) expect(column).toMatch(/^v1:/);
    const rowText = JSON.stringify(raw);
    for (const secret of [input.idNumber, input.mobile, input.address, '祖庙路']) expect(rowText).not.toContain(secret);
    expect(raw.idNumberIndex).not.toContain(input.idNumber);

    const detail = await managerA.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(input.idNumber);
  });

  it('reveals one field at a time with a reason, each audited in the same transaction', async () => {
    const input = body();
    const b = await created(managerA, input);
    const reveal = (field: string, reason = '上门探访核对身份') =>
      workerA.inject({ method: 'POST', url: `/api/beneficiaries/${b.id}/reveal`, payload: { field, reason } });
    expect((await reveal('idNumber')).json()).toEqual({ field: 'idNumber', value: input.idNumber });
    expect((await reveal('mobile')).json().value).toBe(input.mobile);
    expect((await reveal('address')).json().value).toBe(input.address);
    expect((await reveal('guardianMobile')).json().value).toBeNull();
    expect((await reveal('idNumber', '')).statusCode).toBe(400);
    const audit = await auditOf(b.id);
    expect(audit.map((a) => a.action)).toEqual([
      'beneficiary.create',
      'beneficiary.reveal',
      'beneficiary.reveal',
      'beneficiary.reveal',
      'beneficiary.reveal',
    ]);
    expect(audit[1]).toMatchObject({
      actorUserId: workerA.userId,
      summary: { field: 'idNumber', reason: '上门探访核对身份' },
    });
    // The audit trail itself never holds the clear value.
    expect(JSON.stringify(audit)).not.toContain(input.idNumber);
  });

  it('de-duplicates on the blind index: 409 names the existing record only to someone who may see it', async () => {
    const input = body();
    const b = await created(managerA, input);
    const sameAgency = await create(workerA, { ...input, name: '别名' });
    expect(sameAgency.statusCode).toBe(409);
    expect(sameAgency.json().error).toMatchObject({ code: 'beneficiary.duplicate', details: { existingId: b.id } });
    const otherAgency = await create(managerB, { ...input, divisionCode: '440604010001' });
    expect(otherAgency.statusCode).toBe(409);
    expect(otherAgency.json().error.details?.existingId).toBeUndefined();
    expect(otherAgency.body).not.toContain(b.id);
    const bureau = await create(admin, input);
    expect(bureau.statusCode).toBe(409);
    expect(bureau.body).not.toContain(b.id);
    // Community staff of the person's community may see them: they are told which record it is.
    const community = await create(zumiaoStaff, input);
    expect(community.json().error.details.existingId).toBe(b.id);
  });

  it('refuses bad input with field errors: check digit, unknown category, bad division, disability', async () => {
    const field = async (payload: Record<string, unknown>) => {
      const res = await create(managerA, payload);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.issues.map((i: { field: string }) => i.field);
    };
    const id = validIdNumber(++n);
    const wrongCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(await field(body({ idNumber: wrongCheck }))).toEqual(['body.idNumber']);
    expect(await field(body({ categories: ['living_alone_elderly', 'astronaut'] }))).toEqual(['body.categories']);
    expect(await field(body({ divisionCode: '440604999999' }))).toEqual(['body.divisionCode']);
    // A street is not a community.
    expect(await field(body({ divisionCode: '440604012' }))).toEqual(['body.divisionCode']);
    expect(await field(body({ divisionCode: '44x' }))).toEqual(['body.divisionCode']);
    expect(await field(body({ categories: ['disabled_person'] }))).toEqual(['body.disability']);
    expect(await field(body({ disability: { type: 'visual', grade: 2 } }))).toEqual(['body.disability']);
    expect(
      (await create(managerA, body({ categories: ['disabled_person'], disability: { type: 'visual', grade: 5 } })))
        .statusCode,
    ).toBe(400);
    expect(await field(body({ mobile: '12345' }))).toEqual(['body.mobile']);
    const ok = await created(
      managerA,
      body({ categories: ['disabled_person'], disability: { type: 'physical', grade: 2 } }),
    );
    expect(ok.disability).toEqual({ type: 'physical', grade: 2 });
  });

  it('a child under 14 needs a guardian (PIPL art. 31); the guardian mobile is encrypted too', async () => {
    const idNumber = childIdNumber(++n);
    const noGuardian = await create(
      managerA,
      body({ idNumber, categories: ['left_behind_children'], mobile: undefined }),
    );
    expect(noGuardian.statusCode).toBe(400);
    expect(noGuardian.json().error.details.issues[0]).toMatchObject({
      field: 'body.guardian',
      code: 'beneficiary.guardian_required',
    });
    const guardian = { name: '李奶奶', relation: 'grandparent', mobile: '13922223333' };
    const child = await created(
      managerA,
      body({ idNumber, categories: ['left_behind_children'], mobile: undefined, guardian }),
    );
    expect(child.guardian).toEqual({ name: '李奶奶', relation: 'grandparent', mobileMasked: '139****3333' });
    const raw = await t.deps.db
      .selectFrom('beneficiaries')
      .select(['guardianMobileEnc'])
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(raw.guardianMobileEnc).toMatch(/^v1:/);
    expect(raw.guardianMobileEnc).not.toContain('13922223333');
    const reveal = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${child.id}/reveal`,
      payload: { field: 'guardianMobile', reason: '联系监护人' },
    });
    expect(reveal.json().value).toBe('13922223333');
    // The guardian cannot be removed while the child is under 14.
    const remove = await managerA.inject({
      method: 'PATCH',
      url: `/api/beneficiaries/${child.id}`,
      payload: { version: child.version, guardian: null },
    });
    expect(remove.statusCode).toBe(400);
    expect(remove.json().error.details.issues[0].field).toBe('body.guardian');
  });

  it('updates with a version check, keeps the address masked, groups a household', async () => {
    const b = await created(managerA);
    const upd = await workerA.inject({
      method: 'PATCH',
      url: `/api/beneficiaries/${b.id}`,
      payload: { version: b.version, categories: ['very_old'], address: '升平路8号', mobile: null },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ categories: ['very_old'], mobileMasked: null, version: 2 });
    expect(upd.json().addressMasked).toBe('祖庙街道****');
    const stale = await workerA.inject({
      method: 'PATCH',
      url: `/api/beneficiaries/${b.id}`,
      payload: { version: b.version, name: '旧版本' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');

    const spouse = await created(managerA, body({ household: { id: b.householdId, relation: 'spouse' } }));
    expect(spouse).toMatchObject({ householdId: b.householdId, householdRelation: 'spouse' });
    const secondHead = await create(managerA, body({ household: { id: b.householdId, relation: 'self' } }));
    expect(secondHead.json().error.details.issues[0].field).toBe('body.household.relation');
    // Another agency cannot attach someone to a household it cannot see.
    const foreign = await create(
      managerB,
      body({ divisionCode: '440604010001', household: { id: b.householdId, relation: 'child' } }),
    );
    expect(foreign.json().error.details.issues[0].field).toBe('body.household.id');
    const members = (
      await managerA.inject({ method: 'GET', url: `/api/beneficiaries?householdId=${b.householdId}` })
    ).json();
    expect(members.items.map((m: { id: string }) => m.id).sort()).toEqual([b.id, spouse.id].sort());
    expect((await auditOf(b.id)).map((a) => a.action)).toEqual(['beneficiary.create', 'beneficiary.update']);
  });
});

describe('beneficiaries: who sees whom', () => {
  it('another agency gets 404 on detail, patch, reveal and consents, and does not list them', async () => {
    const b = await created(managerA);
    const url = `/api/beneficiaries/${b.id}`;
    const calls = [
      managerB.inject({ method: 'GET', url }),
      managerB.inject({ method: 'PATCH', url, payload: { version: 1, name: '改名' } }),
      managerB.inject({ method: 'POST', url: `${url}/reveal`, payload: { field: 'idNumber', reason: '越权尝试' } }),
      managerB.inject({ method: 'GET', url: `${url}/consents` }),
      managerB.inject({
        method: 'POST',
        url: `${url}/consents`,
        payload: { purpose: 'service', decision: 'given', givenBy: 'self', evidence: '表格 001' },
      }),
      managerB.inject({ method: 'POST', url: `${url}/consents/service/withdraw`, payload: { reason: '越权尝试' } }),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode, res.body).toBe(404);
    const list = (await managerB.inject({ method: 'GET', url: '/api/beneficiaries?pageSize=200' })).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(b.id);
    expect((await auditOf(b.id)).map((a) => a.action)).toEqual(['beneficiary.create']);
  });

  it('community staff see and register in their community only', async () => {
    const byAgency = await created(managerA);
    expect((await zumiaoStaff.inject({ method: 'GET', url: `/api/beneficiaries/${byAgency.id}` })).statusCode).toBe(
      200,
    );
    expect((await shiwanStaff.inject({ method: 'GET', url: `/api/beneficiaries/${byAgency.id}` })).statusCode).toBe(
      404,
    );
    const own = await created(zumiaoStaff);
    expect(own.agencyId).toBeNull();
    // An agency sees only whom it serves: a person the community registered without an agency is not theirs.
    expect((await managerA.inject({ method: 'GET', url: `/api/beneficiaries/${own.id}` })).statusCode).toBe(404);
    const outside = await create(zumiaoStaff, body({ divisionCode: '440604010001' }));
    expect(outside.statusCode).toBe(403);
    const assigned = await created(zumiaoStaff, body({ agencyId: agencyA.id }));
    expect((await managerA.inject({ method: 'GET', url: `/api/beneficiaries/${assigned.id}` })).statusCode).toBe(200);
    const shiwanList = (await shiwanStaff.inject({ method: 'GET', url: '/api/beneficiaries' })).json();
    expect(shiwanList.total).toBe(0);
    const zumiaoList = (await zumiaoStaff.inject({ method: 'GET', url: '/api/beneficiaries?category=dibao' })).json();
    expect(zumiaoList.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([own.id, byAgency.id]));
  });

  it('the bureau gets aggregates and an exact, audited lookup that grants nothing more', async () => {
    const input = body({ categories: ['entitled_veterans'] });
    const b = await created(managerA, input);
    expect((await admin.inject({ method: 'GET', url: '/api/beneficiaries' })).statusCode).toBe(403);
    expect((await admin.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}` })).statusCode).toBe(404);

    const stats = await admin.inject({ method: 'GET', url: '/api/beneficiaries/stats' });
    expect(stats.statusCode, stats.body).toBe(200);
    const s = stats.json();
    const total = await t.deps.db
      .selectFrom('beneficiaries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(s.total).toBe(Number(total.n));
    expect(s.byCategory.find((c: { code: string }) => c.code === 'entitled_veterans')).toMatchObject({
      nameZh: '优抚对象',
      count: 1,
    });
    // Community counts of 1–4 are suppressed; the total still includes them.
    const rows = await t.deps.db
      .selectFrom('beneficiaries')
      .select(['divisionCode', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('divisionCode')
      .execute();
    for (const row of rows) {
      const n = Number(row.n);
      const shown = s.byDivision.find((d: { divisionCode: string }) => d.divisionCode === row.divisionCode);
      expect(shown.count, row.divisionCode).toBe(n < s.suppressedBelow ? null : n);
    }
    expect(s.suppressedBelow).toBe(5);
    expect(stats.body).not.toContain(b.id);
    expect((await managerA.inject({ method: 'GET', url: '/api/beneficiaries/stats' })).statusCode).toBe(403);

    const noReason = await admin.inject({
      method: 'POST',
      url: '/api/beneficiaries/lookup',
      payload: { idNumber: input.idNumber },
    });
    expect(noReason.statusCode).toBe(400);
    const lookup = await admin.inject({
      method: 'POST',
      url: '/api/beneficiaries/lookup',
      payload: { idNumber: input.idNumber, reason: '信访核查 2026-118 号' },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().beneficiary).toMatchObject({ id: b.id, idNumberMasked: b.idNumberMasked });
    expect(lookup.body).not.toContain(input.idNumber);
    const audit = await auditOf(b.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'beneficiary.lookup',
      actorUserId: admin.userId,
      summary: { reason: '信访核查 2026-118 号', found: true },
    });
    // Finding someone does not open the record: detail and reveal stay closed to the bureau.
    expect(
      (
        await admin.inject({
          method: 'POST',
          url: `/api/beneficiaries/${b.id}/reveal`,
          payload: { field: 'idNumber', reason: '继续查看' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}` })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}/consents` })).statusCode).toBe(404);
    const missing = await admin.inject({
      method: 'POST',
      url: '/api/beneficiaries/lookup',
      payload: { idNumber: validIdNumber(++n), reason: '信访核查 2026-119 号' },
    });
    expect(missing.json()).toEqual({ beneficiary: null });
    const misses = await t.deps.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('action', '=', 'beneficiary.lookup')
      .where('targetId', 'is', null)
      .execute();
    expect(misses.map((m) => (m.summary as { reason: string }).reason)).toContain('信访核查 2026-119 号');
    // The bureau may register someone; the answer is the masked record it typed in, and the 409 on a repeat hides it.
    const own = await created(admin, body({ agencyId: agencyA.id }));
    expect((await managerA.inject({ method: 'GET', url: `/api/beneficiaries/${own.id}` })).statusCode).toBe(200);
  });
});
