import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrganization,
  buildUser,
  login,
  PASSWORD,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
} from '../../../../test/app';

let t: TestApp;
let admin: Session;
let streetAdmin: Session;
let buyer: Session;
let zumiaoAgency: { id: string };
let shiwanAgency: { id: string };

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  // A bureau office scoped to 石湾 only: user administration is limited to that subtree.
  streetAdmin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604010' });
  buyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  zumiaoAgency = await buildOrganization(t, { kind: 'agency', divisionCode: '440604012' });
  shiwanAgency = await buildOrganization(t, { kind: 'agency', divisionCode: '440604010' });
});
afterAll(() => t.close());

async function auditActions(targetId: string) {
  const rows = await t.deps.db
    .selectFrom('auditEvents')
    .select('action')
    .where('targetId', '=', targetId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('user administration', () => {
  it('creates a user who must change the initial password, audited', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'new.worker',
        displayName: '新社工',
        password: 'Initial#2026',
        membership: { organizationId: zumiaoAgency.id, role: 'social_worker' },
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'new.worker', status: 'active', mustChangePassword: true });
    expect(user.memberships).toEqual([
      expect.objectContaining({ organizationId: zumiaoAgency.id, role: 'social_worker' }),
    ]);
    expect(await auditActions(user.id)).toEqual(['user.create']);
    const s = await login(t, 'new.worker', 'Initial#2026');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(true);
  });

  it('refuses a taken username (409), a weak password, and a role the organization kind cannot hold', async () => {
    const base = {
      displayName: 'X',
      password: 'Initial#2026',
      membership: { organizationId: zumiaoAgency.id, role: 'social_worker' },
    };
    const taken = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { ...base, username: 'NEW.WORKER' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('user.username_taken');
    const weak = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { ...base, username: 'weak1', password: 'password' },
    });
    expect(weak.json().error.code).toBe('auth.password_policy');
    const wrongRole = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { ...base, username: 'wrongrole', membership: { organizationId: zumiaoAgency.id, role: 'purchaser' } },
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().error.code).toBe('membership.role_not_allowed');
    expect(
      await t.deps.db.selectFrom('users').select('id').where('username', 'in', ['weak1', 'wrongrole']).execute(),
    ).toEqual([]);
  });

  it('disables (ending sessions) and enables, honouring a stale version with 409', async () => {
    const target = await buildUser(t, { role: 'social_worker', organizationId: zumiaoAgency.id });
    const s = await login(t, target.username);
    const current = (await admin.inject({ method: 'GET', url: `/api/users/${target.id}` })).json();
    const stale = await admin.inject({
      method: 'POST',
      url: `/api/users/${target.id}/disable`,
      payload: { version: current.version + 5 },
    });
    expect(stale.statusCode).toBe(409);
    const disabled = await admin.inject({
      method: 'POST',
      url: `/api/users/${target.id}/disable`,
      payload: { version: current.version },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: target.username, password: PASSWORD },
        })
      ).json().error.code,
    ).toBe('auth.disabled');
    expect((await admin.inject({ method: 'POST', url: `/api/users/${target.id}/enable` })).json().status).toBe(
      'active',
    );
    expect(await auditActions(target.id)).toEqual(['auth.login', 'user.disable', 'auth.login_failed', 'user.enable']);
  });

  it('an admin cannot disable themselves', async () => {
    const res = await admin.inject({ method: 'POST', url: `/api/users/${admin.userId}/disable` });
    expect(res.statusCode).toBe(409);
  });

  it('resets a password: old one stops working, new one must be changed at sign-in', async () => {
    const target = await buildUser(t, { role: 'social_worker', organizationId: zumiaoAgency.id });
    const res = await admin.inject({
      method: 'POST',
      url: `/api/users/${target.id}/reset-password`,
      payload: { newPassword: 'Reset#Pass2026' },
    });
    expect(res.statusCode).toBe(204);
    const s = await login(t, target.username, 'Reset#Pass2026');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(true);
    expect(await auditActions(target.id)).toContain('user.password_reset');
    const rows = await t.deps.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('targetId', '=', target.id)
      .execute();
    expect(JSON.stringify(rows)).not.toContain('Reset#Pass2026');
  });

  it('grants and revokes memberships; the change applies to the next request', async () => {
    const target = await buildUser(t, { role: 'social_worker', organizationId: zumiaoAgency.id });
    const s = await login(t, target.username);
    const granted = await admin.inject({
      method: 'POST',
      url: `/api/users/${target.id}/memberships`,
      payload: { organizationId: zumiaoAgency.id, role: 'agency_manager' },
    });
    expect(granted.statusCode).toBe(201);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().roles.sort()).toEqual([
      'agency_manager',
      'social_worker',
    ]);
    const again = await admin.inject({
      method: 'POST',
      url: `/api/users/${target.id}/memberships`,
      payload: { organizationId: zumiaoAgency.id, role: 'agency_manager' },
    });
    expect(again.statusCode).toBe(409);
    const revoke = await admin.inject({
      method: 'DELETE',
      url: `/api/users/${target.id}/memberships/${granted.json().id}`,
    });
    expect(revoke.statusCode).toBe(204);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().roles).toEqual(['social_worker']);
    expect(await auditActions(target.id)).toEqual(expect.arrayContaining(['membership.grant', 'membership.revoke']));
  });

  it('will not revoke the last bureau administrator role', async () => {
    const fresh = await setupIsolated();
    try {
      const me = (await fresh.admin.inject({ method: 'GET', url: '/api/auth/me' })).json();
      const res = await fresh.admin.inject({
        method: 'DELETE',
        url: `/api/users/${me.user.id}/memberships/${me.memberships[0].id}`,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('membership.last_admin');
    } finally {
      await fresh.t.close();
    }
  });
});

async function setupIsolated() {
  const t2 = await setupTestApp();
  return { t: t2, admin: await signInAs(t2, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' }) };
}

describe('user administration scope', () => {
  it('is refused to non-admins with 403', async () => {
    expect((await buyer.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    expect(
      (
        await buyer.inject({
          method: 'POST',
          url: '/api/users',
          payload: {
            username: 'sneaky',
            displayName: 'x',
            password: 'Initial#2026',
            membership: { organizationId: zumiaoAgency.id, role: 'social_worker' },
          },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a street-level admin sees and manages only users of their street; others are 404', async () => {
    const shiwanUser = await buildUser(t, { role: 'social_worker', organizationId: shiwanAgency.id });
    const zumiaoUser = await buildUser(t, { role: 'social_worker', organizationId: zumiaoAgency.id });
    const list = (await streetAdmin.inject({ method: 'GET', url: '/api/users?pageSize=200' })).json();
    const names = (list.items as Array<{ username: string }>).map((u) => u.username);
    expect(names).toContain(shiwanUser.username);
    expect(names).not.toContain(zumiaoUser.username);
    expect((await streetAdmin.inject({ method: 'GET', url: `/api/users/${zumiaoUser.id}` })).statusCode).toBe(404);
    expect((await streetAdmin.inject({ method: 'POST', url: `/api/users/${zumiaoUser.id}/disable` })).statusCode).toBe(
      404,
    );
    expect(
      (
        await streetAdmin.inject({
          method: 'POST',
          url: `/api/users/${zumiaoUser.id}/reset-password`,
          payload: { newPassword: 'Reset#Pass2026' },
        })
      ).statusCode,
    ).toBe(404);
    const grantOutside = await streetAdmin.inject({
      method: 'POST',
      url: `/api/users/${shiwanUser.id}/memberships`,
      payload: { organizationId: zumiaoAgency.id, role: 'agency_manager' },
    });
    expect(grantOutside.statusCode).toBe(400);
    expect(grantOutside.json().error.details.issues[0].field).toBe('body.organizationId');
    expect((await streetAdmin.inject({ method: 'GET', url: `/api/users/${shiwanUser.id}` })).statusCode).toBe(200);
  });

  it('filters the list by text, organization and status', async () => {
    const u = await buildUser(t, { role: 'social_worker', organizationId: shiwanAgency.id, username: 'findme.zhang' });
    const byText = (await admin.inject({ method: 'GET', url: '/api/users?q=FINDME' })).json();
    expect(byText.items.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const byOrg = (
      await admin.inject({ method: 'GET', url: `/api/users?organizationId=${shiwanAgency.id}&status=active` })
    ).json();
    expect(
      byOrg.items.every((x: { memberships: Array<{ organizationId: string }> }) =>
        x.memberships.some((m) => m.organizationId === shiwanAgency.id),
      ),
    ).toBe(true);
  });
});
