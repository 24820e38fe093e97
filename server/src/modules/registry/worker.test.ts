import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildUser,
  login,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
  validIdNumber,
} from '../../../../test/app';

let t: TestApp;
let admin: Session;
let zumiaoBuyer: Session;
let managerA: Session;
let managerB: Session;
let agencyA: { id: string }; // based in 祖庙
let agencyB: { id: string }; // based in 石湾, serves only 石湾
let agencyC: { id: string }; // based in 石湾, serves the whole district
let n = 100;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  zumiaoBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  agencyB = await buildAgency(t, '440604010', ['440604010']);
  agencyC = await buildAgency(t, '440604010', ['440604']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
});
afterAll(() => t.close());

function workerBody(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `测试社工${n}`,
    idNumber: validIdNumber(n, { female: n % 2 === 0 }),
    mobile: `139${String(10_000_000 + n).slice(-8)}`,
    specialties: ['elderly'],
    languages: ['mandarin', 'cantonese'],
    credential: { level: 'assistant', certificateNo: `ZL2020${String(n).padStart(6, '0')}`, issuedOn: '2020-06-01' },
    ...overrides,
  };
}

async function createAs(session: Session, overrides: Record<string, unknown> = {}) {
  const res = await session.inject({ method: 'POST', url: '/api/workers', payload: workerBody(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('registering social workers', () => {
  it('stores ID number and mobile encrypted, shows them masked, derives birth date and gender', async () => {
    const body = workerBody({ agencyId: agencyA.id, divisionCode: '440604012001' });
    const res = await admin.inject({ method: 'POST', url: '/api/workers', payload: body });
    expect(res.statusCode).toBe(201);
    const w = res.json();
    expect(w.idNumberMasked).toBe(`${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(-4)}`);
    expect(w.mobileMasked).toBe(`${body.mobile.slice(0, 3)}****${body.mobile.slice(-4)}`);
    expect(res.body).not.toContain(body.idNumber);
    expect(res.body).not.toContain(body.mobile);
    expect(w.birthDate).toBe(
      `${body.idNumber.slice(6, 10)}-${body.idNumber.slice(10, 12)}-${body.idNumber.slice(12, 14)}`,
    );
    expect(w.gender).toBe(Number(body.idNumber[16]) % 2 === 1 ? 'male' : 'female');
    expect(w.credentialLevel).toBe('assistant');
    expect(w.employment).toEqual([expect.objectContaining({ agencyId: agencyA.id, endedOn: null })]);
    const raw = await t.deps.db.selectFrom('workers').selectAll().where('id', '=', w.id).executeTakeFirstOrThrow();
    expect(raw.idNumberEnc.startsWith('v1:')).toBe(true);
    expect(JSON.stringify(raw)).not.toContain(body.idNumber);
    expect(JSON.stringify(raw)).not.toContain(body.mobile);
    const audit = await t.deps.db.selectFrom('auditEvents').select('summary').where('targetId', '=', w.id).execute();
    expect(JSON.stringify(audit)).not.toContain(body.idNumber);
  });

  it('refuses invalid identifiers with a field-level message in zh-CN and en, writing nothing', async () => {
    const good = workerBody();
    const badCheck = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
    const zh = await admin.inject({ method: 'POST', url: '/api/workers', payload: { ...good, idNumber: badCheck } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details.issues).toEqual([
      { field: 'body.idNumber', code: 'id_number.check_digit', message: '身份证号校验位不正确' },
    ]);
    const en = await admin.inject({
      method: 'POST',
      url: '/api/workers',
      payload: { ...good, mobile: '12345' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.details.issues[0]).toMatchObject({
      field: 'body.mobile',
      message: 'must be an 11-digit mainland mobile number',
    });
    const unknownTerm = await admin.inject({
      method: 'POST',
      url: '/api/workers',
      payload: { ...good, specialties: ['astrology'] },
    });
    expect(unknownTerm.json().error.details.issues[0]).toMatchObject({
      field: 'body.specialties',
      code: 'taxonomy.unknown_term',
    });
    const count = await t.deps.db
      .selectFrom('workers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('name', '=', good.name)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('accepts an ID number ending in x or X', async () => {
    let id = '';
    for (let i = 0; i < 500 && !id.endsWith('X'); i++) id = validIdNumber(1000 + i);
    expect(id.endsWith('X')).toBe(true);
    const w = await createAs(admin, { idNumber: id.toLowerCase() });
    expect(w.idNumberMasked.endsWith('X')).toBe(true);
  });

  it('registers a person once: a duplicate ID number is a 409 naming the record when the caller may see it', async () => {
    const body = workerBody({ agencyId: agencyA.id });
    const first = await admin.inject({ method: 'POST', url: '/api/workers', payload: body });
    const again = await admin.inject({
      method: 'POST',
      url: '/api/workers',
      payload: { ...body, credential: undefined },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'worker.duplicate', details: { existingId: first.json().id } });
    const byOther = await managerB.inject({
      method: 'POST',
      url: '/api/workers',
      payload: { ...body, agencyId: undefined, credential: undefined },
    });
    expect(byOther.statusCode).toBe(409);
    expect(byOther.json().error.details).toEqual({});
  });
});

describe('access to workers', () => {
  it('lists an agency’s colleagues to its own staff only, with no personal data', async () => {
    const mine = await createAs(managerA);
    const worker = await buildUser(t, { role: 'social_worker', organizationId: agencyA.id });
    await t.deps.db.updateTable('workers').set({ userId: worker.id }).where('id', '=', mine.id).execute();
    const colleague = await login(t, worker.username);
    const url = `/api/workers/colleagues?agencyId=${agencyA.id}`;
    const res = await colleague.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json().find((w: { id: string }) => w.id === mine.id);
    expect(found).toEqual({ id: mine.id, name: mine.name, credentialLevel: 'assistant', hasAccount: true });
    expect(res.body).not.toMatch(/idNumber|mobile|1391/);
    expect((await managerA.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await managerB.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await admin.inject({ method: 'GET', url })).statusCode).toBe(403);
    expect((await managerA.inject({ method: 'GET', url: '/api/workers/colleagues?agencyId=x' })).statusCode).toBe(400);
  });

  it('agency managers register into their own agency and cannot see or change another agency’s workers (404)', async () => {
    const mine = await createAs(managerA);
    expect(mine.agencyId).toBe(agencyA.id);
    const forced = await managerA.inject({
      method: 'POST',
      url: '/api/workers',
      payload: workerBody({ agencyId: agencyB.id }),
    });
    expect(forced.statusCode).toBe(403);
    expect((await managerB.inject({ method: 'GET', url: `/api/workers/${mine.id}` })).statusCode).toBe(404);
    const patch = await managerB.inject({
      method: 'PATCH',
      url: `/api/workers/${mine.id}`,
      payload: { version: mine.version, notes: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    const reveal = await managerB.inject({
      method: 'POST',
      url: `/api/workers/${mine.id}/reveal`,
      payload: { field: 'idNumber', reason: '核对身份信息' },
    });
    expect(reveal.statusCode).toBe(404);
    const list = (await managerB.inject({ method: 'GET', url: '/api/workers?pageSize=200' })).json();
    expect(list.items.every((w: { agencyId: string }) => w.agencyId === agencyB.id)).toBe(true);
  });

  it('a 祖庙 purchaser reads workers of agencies based in or serving 祖庙, never others, and cannot change them', async () => {
    const inA = await createAs(admin, { agencyId: agencyA.id });
    const inB = await createAs(admin, { agencyId: agencyB.id });
    const inC = await createAs(admin, { agencyId: agencyC.id });
    const get = (id: string) => zumiaoBuyer.inject({ method: 'GET', url: `/api/workers/${id}` });
    expect((await get(inA.id)).statusCode).toBe(200);
    expect((await get(inC.id)).statusCode).toBe(200);
    expect((await get(inB.id)).statusCode).toBe(404);
    const ids = (await zumiaoBuyer.inject({ method: 'GET', url: '/api/workers?pageSize=200' }))
      .json()
      .items.map((w: { id: string }) => w.id);
    expect(ids).toEqual(expect.arrayContaining([inA.id, inC.id]));
    expect(ids).not.toContain(inB.id);
    expect(
      (
        await zumiaoBuyer.inject({
          method: 'PATCH',
          url: `/api/workers/${inA.id}`,
          payload: { version: 1, notes: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const orgIds = (await zumiaoBuyer.inject({ method: 'GET', url: '/api/organizations?kind=agency&pageSize=200' }))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(orgIds).toEqual(expect.arrayContaining([agencyA.id, agencyC.id]));
    expect(orgIds).not.toContain(agencyB.id);
  });

  it('a social worker sees and edits only their own profile; evaluators and residents are refused', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    const user = await buildUser(t, { role: 'social_worker', organizationId: agencyA.id });
    await t.deps.db.updateTable('workers').set({ userId: user.id }).where('id', '=', w.id).execute();
    const self = await login(t, user.username);
    const list = (await self.inject({ method: 'GET', url: '/api/workers' })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([w.id]);
    const edit = await self.inject({
      method: 'PATCH',
      url: `/api/workers/${w.id}`,
      payload: { version: w.version, availability: 'limited' },
    });
    expect(edit.statusCode).toBe(200);
    const evaluator = await signInAs(t, 'evaluator', { kind: 'evaluator', divisionCode: '440604' });
    expect((await evaluator.inject({ method: 'GET', url: '/api/workers' })).statusCode).toBe(403);
  });

  it('reveals a full identifier only with a reason, and audits every reveal', async () => {
    const body = workerBody({ agencyId: agencyA.id });
    const w = (await admin.inject({ method: 'POST', url: '/api/workers', payload: body })).json();
    const noReason = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/reveal`,
      payload: { field: 'idNumber' },
    });
    expect(noReason.statusCode).toBe(400);
    const res = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/reveal`,
      payload: { field: 'idNumber', reason: '签订劳动合同核对' },
    });
    expect(res.json()).toEqual({ field: 'idNumber', value: body.idNumber });
    const mobile = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/reveal`,
      payload: { field: 'mobile', reason: '联系社工本人' },
    });
    expect(mobile.json().value).toBe(body.mobile);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('targetId', '=', w.id)
      .where('action', '=', 'worker.reveal')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      { field: 'idNumber', reason: '签订劳动合同核对' },
      { field: 'mobile', reason: '联系社工本人' },
    ]);
    expect(audit.every((a) => a.actorUserId === managerA.userId)).toBe(true);
    expect(
      (
        await zumiaoBuyer.inject({
          method: 'POST',
          url: `/api/workers/${w.id}/reveal`,
          payload: { field: 'idNumber', reason: '核对身份信息' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a stale edit with 409', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    expect(
      (
        await managerA.inject({
          method: 'PATCH',
          url: `/api/workers/${w.id}`,
          payload: { version: w.version, notes: '第一次修改' },
        })
      ).statusCode,
    ).toBe(200);
    const stale = await managerA.inject({
      method: 'PATCH',
      url: `/api/workers/${w.id}`,
      payload: { version: w.version, notes: '过期的修改' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
  });
});

describe('registrations and continuing education', () => {
  it('tracks CE hours per 3-year registration and warns before expiry', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    expect(w.compliance.warnings).toEqual(['no_registration']);
    // The test clock is 2026-11-29: a registration from 2024-01-01 ends 2026-12-31, 32 days ahead.
    const reg = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2024-01-01' },
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().compliance).toMatchObject({
      periodTo: '2026-12-31',
      requiredHours: 72,
      completedHours: 0,
      compliant: false,
      daysToExpiry: 32,
    });
    expect(reg.json().compliance.warnings).toEqual(['expires_in_90_days', 'ce_shortfall']);
    const add = (hours: number, completedOn: string) =>
      managerA.inject({
        method: 'POST',
        url: `/api/workers/${w.id}/ce-records`,
        payload: { course: '老年社会工作实务', provider: '佛山市社会工作协会', hours, completedOn },
      });
    expect((await add(40, '2025-05-01')).json().compliance.completedHours).toBe(40);
    expect((await add(10, '2023-05-01')).json().compliance.completedHours).toBe(40); // before the period: not counted
    const done = (await add(32, '2026-03-01')).json();
    expect(done.compliance).toMatchObject({ completedHours: 72, compliant: true, warnings: ['expires_in_90_days'] });
    expect(done.ceRecords).toHaveLength(3);
    const future = await add(2, '2027-01-01');
    expect(future.statusCode).toBe(400);
    const halfHours = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/ce-records`,
      payload: { course: 'x', provider: 'y', hours: 1.25, completedOn: '2026-01-01' },
    });
    expect(halfHours.statusCode).toBe(400);
  });

  it('refuses overlapping periods and periods before the credential', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2021-01-01' },
    });
    const overlap = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2023-06-01' },
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('registration.overlap');
    const early = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2019-01-01' },
    });
    expect(early.json().error.code).toBe('registration.before_credential');
    const byManager = await managerA.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2024-01-01' },
    });
    expect(byManager.statusCode).toBe(403);
    const next = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/registrations`,
      payload: { validFrom: '2024-01-01' },
    });
    expect(next.json().registrations).toHaveLength(2);
  });

  it('the bureau verifies credentials', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    expect(w.credential.verificationStatus).toBe('unverified');
    const res = await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/credential/verify`,
      payload: { decision: 'verified' },
    });
    expect(res.json().credential.verificationStatus).toBe('verified');
    expect(
      (
        await managerA.inject({
          method: 'POST',
          url: `/api/workers/${w.id}/credential/verify`,
          payload: { decision: 'verified' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('talent-pool search', () => {
  let target: { id: string };
  beforeAll(async () => {
    target = await createAs(admin, {
      name: '欧阳娜娜',
      agencyId: agencyC.id,
      divisionCode: '440604011001',
      specialties: ['drug_rehab', 'youth'],
      languages: ['mandarin', 'english'],
      notes: '擅长禁毒社会工作与青少年小组',
      credential: { level: 'senior', certificateNo: 'GJ2019000001', issuedOn: '2019-01-01' },
    });
  });

  const search = async (qs: string) => (await admin.inject({ method: 'GET', url: `/api/workers?${qs}` })).json();

  it('finds by name, part of a name, and words in notes and specialties', async () => {
    for (const q of ['欧阳娜娜', '欧阳', '娜娜', '禁毒', '青少年']) {
      const page = await search(`q=${encodeURIComponent(q)}`);
      expect(
        page.items.map((w: { id: string }) => w.id),
        q,
      ).toContain(target.id);
    }
    expect((await search(`q=${encodeURIComponent('，。')}`)).total).toBe(0);
    // One character is a surname.
    expect((await search(`q=${encodeURIComponent('欧')}`)).items.map((w: { id: string }) => w.id)).toContain(target.id);
    expect((await search(`q=${encodeURIComponent('娜')}`)).items.map((w: { id: string }) => w.id)).not.toContain(
      target.id,
    );
  });

  it('filters by level, specialty, language, agency, division and availability', async () => {
    const ids = async (qs: string) => (await search(`${qs}&pageSize=200`)).items.map((w: { id: string }) => w.id);
    expect(await ids('level=senior')).toContain(target.id);
    expect(await ids('level=assistant')).not.toContain(target.id);
    expect(await ids('specialty=drug_rehab')).toContain(target.id);
    expect(await ids('specialty=elderly')).not.toContain(target.id);
    expect(await ids('language=english')).toContain(target.id);
    expect(await ids(`agencyId=${agencyC.id}`)).toContain(target.id);
    expect(await ids('divisionCode=440604011')).toContain(target.id);
    expect(await ids('divisionCode=440604012')).not.toContain(target.id);
    expect(await ids('registration=none')).toContain(target.id);
    expect(await ids('compliance=shortfall')).toContain(target.id);
  });

  it('pages and sorts, masking every row', async () => {
    const page1 = await search('pageSize=2&page=1&sort=name');
    const page2 = await search('pageSize=2&page=2&sort=name');
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(4);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    for (const w of [...page1.items, ...page2.items]) expect(w.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    const bad = await admin.inject({ method: 'GET', url: '/api/workers?sort=salary' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows the distribution by street and by level', async () => {
    const d = (await admin.inject({ method: 'GET', url: '/api/workers/distribution' })).json();
    expect(d.total).toBeGreaterThan(5);
    expect(d.byStreet).toEqual(
      expect.arrayContaining([expect.objectContaining({ divisionCode: '440604011', divisionName: '张槎街道' })]),
    );
    expect(d.byLevel.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(d.total);
  });
});

describe('credentials recorded later, and my own record', () => {
  it('an agency manager records a credential for a worker registered without one; verified ones are the bureau’s', async () => {
    const w = await createAs(managerA, { credential: undefined });
    expect(w.credential).toBeNull();
    const set = await managerA.inject({
      method: 'PUT',
      url: `/api/workers/${w.id}/credential`,
      payload: { level: 'intermediate', certificateNo: 'ZJ2022000777', issuedOn: '2022-09-01' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ credentialLevel: 'intermediate', compliance: { requiredHours: 90 } });
    await admin.inject({
      method: 'POST',
      url: `/api/workers/${w.id}/credential/verify`,
      payload: { decision: 'verified' },
    });
    const again = await managerA.inject({
      method: 'PUT',
      url: `/api/workers/${w.id}/credential`,
      payload: { level: 'senior', certificateNo: 'ZJ2022000777', issuedOn: '2022-09-01' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('credential.verified');
  });

  it('a social worker opens their own record; an unlinked account gets 404', async () => {
    const w = await createAs(admin, { agencyId: agencyA.id });
    const user = await buildUser(t, { role: 'social_worker', organizationId: agencyA.id });
    const self = await login(t, user.username);
    expect((await self.inject({ method: 'GET', url: '/api/workers/mine' })).statusCode).toBe(404);
    await t.deps.db.updateTable('workers').set({ userId: user.id }).where('id', '=', w.id).execute();
    expect((await self.inject({ method: 'GET', url: '/api/workers/mine' })).json().id).toBe(w.id);
  });
});

describe('taxonomies', () => {
  it('lists initial terms and lets the bureau add one', async () => {
    const list = (await managerA.inject({ method: 'GET', url: '/api/taxonomies/specialty' })).json();
    expect(list.items.map((t: { code: string }) => t.code)).toContain('drug_rehab');
    const add = await admin.inject({
      method: 'PUT',
      url: '/api/taxonomies/specialty/hospice',
      payload: { nameZh: '安宁疗护', nameEn: 'Hospice care' },
    });
    expect(add.statusCode).toBe(200);
    expect(
      (
        await managerA.inject({
          method: 'PUT',
          url: '/api/taxonomies/specialty/x1',
          payload: { nameZh: 'x', nameEn: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const w = await createAs(managerA, { specialties: ['hospice'] });
    expect(w.specialties).toEqual(['hospice']);
  });
});
