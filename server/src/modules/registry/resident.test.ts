import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
let zumiaoStaff: Session;
let shiwanStaff: Session;
let n = 5000;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  zumiaoStaff = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604012001' });
  shiwanStaff = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604010001' });
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return {
    name: `居民${n}`,
    idNumber: validIdNumber(n),
    mobile: `137${String(20_000_000 + n).slice(-8)}`,
    divisionCode: '440604012001',
    latitude: 23.031_234,
    longitude: 113.123_456,
    skills: ['haircut', 'companionship'],
    contactConsent: true,
    ...overrides,
  };
};

describe('residents and volunteers', () => {
  it('community staff register volunteers in their community: masked identifiers, volunteer number, approximate location', async () => {
    const input = body();
    const res = await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: input });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      isVolunteer: true,
      contactConsent: true,
      latitude: 23.031,
      longitude: 113.123,
      skills: ['haircut', 'companionship'],
    });
    expect(r.volunteerNo).toMatch(/^V440604-\d{6}$/);
    expect(res.body).not.toContain(input.idNumber);
    expect(res.body).not.toContain(input.mobile);
    const second = (await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: body() })).json();
    expect(second.volunteerNo).not.toBe(r.volunteerNo);
    const resident = (
      await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: body({ isVolunteer: false }) })
    ).json();
    expect(resident.volunteerNo).toBeNull();
  });

  it('refuses another community, duplicates and bad identifiers', async () => {
    const outside = await zumiaoStaff.inject({
      method: 'POST',
      url: '/api/residents',
      payload: body({ divisionCode: '440604010001' }),
    });
    expect(outside.statusCode).toBe(403);
    const input = body();
    await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: input });
    const dup = await admin.inject({ method: 'POST', url: '/api/residents', payload: { ...input, name: '别名' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('resident.duplicate');
    expect(dup.json().error.details.existingId).toBeDefined();
    const bad = await zumiaoStaff.inject({
      method: 'POST',
      url: '/api/residents',
      payload: body({ idNumber: '440604199001011234' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('body.idNumber');
  });

  it('staff of another community cannot read them (404); the district sees all; filters work', async () => {
    const r = (
      await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: body({ skills: ['legal'] }) })
    ).json();
    expect((await shiwanStaff.inject({ method: 'GET', url: `/api/residents/${r.id}` })).statusCode).toBe(404);
    expect((await shiwanStaff.inject({ method: 'GET', url: '/api/residents' })).json().total).toBe(0);
    expect((await admin.inject({ method: 'GET', url: `/api/residents/${r.id}` })).statusCode).toBe(200);
    const bySkill = (await admin.inject({ method: 'GET', url: '/api/residents?skill=legal' })).json();
    expect(bySkill.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    expect(
      (await admin.inject({ method: 'GET', url: '/api/residents?volunteer=false' }))
        .json()
        .items.every((x: { isVolunteer: boolean }) => !x.isVolunteer),
    ).toBe(true);
  });

  it('records consent changes with version checks, reveals with audit, and lets a resident see only themself', async () => {
    const r = (
      await zumiaoStaff.inject({ method: 'POST', url: '/api/residents', payload: body({ contactConsent: false }) })
    ).json();
    expect(r.contactConsentAt).toBeNull();
    const upd = await zumiaoStaff.inject({
      method: 'PATCH',
      url: `/api/residents/${r.id}`,
      payload: { version: r.version, contactConsent: true },
    });
    expect(upd.json()).toMatchObject({ contactConsent: true, version: r.version + 1 });
    // The date consent was given is part of the record (shown on the detail page).
    expect(Date.parse(upd.json().contactConsentAt)).not.toBeNaN();
    expect(
      (
        await zumiaoStaff.inject({
          method: 'PATCH',
          url: `/api/residents/${r.id}`,
          payload: { version: r.version, notes: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    const reveal = await zumiaoStaff.inject({
      method: 'POST',
      url: `/api/residents/${r.id}/reveal`,
      payload: { field: 'mobile', reason: '安排上门服务' },
    });
    expect(reveal.json().value).toMatch(/^137\d{8}$/);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', r.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['resident.create', 'resident.update', 'resident.reveal']);

    const community = await t.deps.db
      .selectFrom('organizations')
      .select('id')
      .where('divisionCode', '=', '440604012001')
      .executeTakeFirstOrThrow();
    const user = await buildUser(t, { role: 'resident', organizationId: community.id });
    await t.deps.db.updateTable('residents').set({ userId: user.id }).where('id', '=', r.id).execute();
    const self = await login(t, user.username);
    const mine = (await self.inject({ method: 'GET', url: '/api/residents' })).json();
    // A resident's membership is in a community organization, not a division-scoped role: they see only themself.
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
  });
});
