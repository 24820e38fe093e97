import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, type Session, setupTestApp, signInAs, type TestApp } from '../../../../test/app';

let t: TestApp;
let zumiaoBuyer: Session;
let shiwanBuyer: Session;
let admin: Session;
let agencyManager: Session & { organizationId: string };
type Org = { id: string; divisionCode: string };
const orgs = {} as { zumiaoAgency: Org; zumiaoCommunity: Org; shiwanAgency: Org; shiwanCommunity: Org };

beforeAll(async () => {
  t = await setupTestApp();
  orgs.zumiaoAgency = await buildOrganization(t, { kind: 'agency', divisionCode: '440604012' });
  orgs.zumiaoCommunity = await buildOrganization(t, { kind: 'community', divisionCode: '440604012001' });
  orgs.shiwanAgency = await buildOrganization(t, { kind: 'agency', divisionCode: '440604010' });
  orgs.shiwanCommunity = await buildOrganization(t, { kind: 'community', divisionCode: '440604010001' });
  zumiaoBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  shiwanBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604010' });
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  agencyManager = await signInAs(t, 'agency_manager', { id: orgs.zumiaoAgency.id });
});
afterAll(() => t.close());

const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((o) => o.id);

describe('organization data scope', () => {
  it('a 祖庙 purchaser lists only organizations inside 祖庙 (440604012…)', async () => {
    const res = await zumiaoBuyer.inject({ method: 'GET', url: '/api/organizations?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ divisionCode: string }>;
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const o of items) expect(o.divisionCode.startsWith('440604012')).toBe(true);
    expect(ids(res)).toContain(orgs.zumiaoCommunity.id);
    expect(ids(res)).not.toContain(orgs.shiwanAgency.id);
  });

  it('answers 404 (not 403) for an organization outside the caller’s scope, as for one that does not exist', async () => {
    const outside = await zumiaoBuyer.inject({ method: 'GET', url: `/api/organizations/${orgs.shiwanAgency.id}` });
    const missing = await zumiaoBuyer.inject({
      method: 'GET',
      url: '/api/organizations/00000000-0000-4000-8000-000000000000',
    });
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(
      (await zumiaoBuyer.inject({ method: 'GET', url: `/api/organizations/${orgs.zumiaoAgency.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await shiwanBuyer.inject({ method: 'GET', url: `/api/organizations/${orgs.shiwanAgency.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await shiwanBuyer.inject({ method: 'GET', url: `/api/organizations/${orgs.zumiaoAgency.id}` })).statusCode,
    ).toBe(404);
  });

  it('an agency manager sees only their own agency', async () => {
    const res = await agencyManager.inject({ method: 'GET', url: '/api/organizations' });
    expect(ids(res)).toEqual([agencyManager.organizationId]);
    expect(
      (await agencyManager.inject({ method: 'GET', url: `/api/organizations/${orgs.zumiaoCommunity.id}` })).statusCode,
    ).toBe(404);
  });

  it('the district admin sees organizations in every street', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/organizations?pageSize=200' });
    expect(ids(res)).toEqual(expect.arrayContaining(Object.values(orgs).map((o) => o.id)));
  });

  it('filters by kind, division subtree and name', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/organizations?kind=community&divisionCode=440604010' });
    expect(ids(res)).toEqual([orgs.shiwanCommunity.id]);
    const none = await admin.inject({ method: 'GET', url: `/api/organizations?q=${encodeURIComponent('%_no such')}` });
    expect(none.json().total).toBe(0);
  });
});

describe('creating organizations', () => {
  it('is for bureau admins: they create, with an audit row in the same transaction', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: '新建社区居委会', kind: 'community', divisionCode: '440604011001' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ kind: 'community', divisionCode: '440604011001', version: 1, status: 'active' });
    const audit = await t.deps.db.selectFrom('auditEvents').selectAll().where('targetId', '=', created.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'organization.create', divisionCode: '440604011001' });
  });

  it('refuses purchasers (403), unknown divisions (400) and duplicate names (400) without writing anything', async () => {
    const before = await t.deps.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const byBuyer = await zumiaoBuyer.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: '越权机构', kind: 'agency', divisionCode: '440604012' },
    });
    expect(byBuyer.statusCode).toBe(403);
    const unknown = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: '不存在区划', kind: 'agency', divisionCode: '440604999' },
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'division.unknown',
      message: 'Unknown division code: 440604999',
    });
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: '新建社区居委会', kind: 'community', divisionCode: '440604011001' },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.issues[0].field).toBe('body.name');
    const after = await t.deps.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('lists every invalid field at once', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: '', kind: 'shop', divisionCode: '12', extra: true },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.issues as Array<{ field: string }>).map((i) => i.field).sort();
    expect(fields).toEqual(['body.divisionCode', 'body.extra', 'body.kind', 'body.name']);
  });
});
