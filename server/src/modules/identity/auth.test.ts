import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrganization,
  buildUser,
  login,
  minutes,
  PASSWORD,
  sessionCookie,
  setupTestApp,
  type TestApp,
} from '../../../../test/app';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await setupTestApp();
  orgId = (await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' })).id;
});
afterAll(() => t.close());

const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user, scope and CSRF token', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const res = await attempt(user.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sg_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    const body = res.json();
    expect(body.user.username).toBe(user.username);
    expect(body.roles).toEqual(['purchaser']);
    expect(body.scope.divisionPrefixes).toEqual(['440604012']);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(res.body).not.toContain('passwordHash');
  });

  it('accepts the username in any letter case', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId, username: `MixedCase${Date.now()}` });
    expect((await attempt(user.username.toUpperCase(), PASSWORD)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user alike, in Chinese by default and English on request', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const wrong = await attempt(user.username, 'Wrong#Pass1');
    const unknown = await attempt('nobody-here', 'Wrong#Pass1', { 'accept-language': 'en-US,en;q=0.9' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('Incorrect username or password');
  });

  it('locks the account after 5 failures within 15 minutes; the right password is refused until the lock ends', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const ip = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 1; i <= 4; i++) expect((await attempt(user.username, `Wrong#Pass${i}`, ip)).statusCode).toBe(401);
    const fifth = await attempt(user.username, 'Wrong#Pass5');
    expect(fifth.statusCode).toBe(429);
    const sixth = await attempt(user.username, 'Wrong#Pass6');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('auth.locked');
    expect(sixth.json().error.message).toContain('账号已锁定');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const right = await attempt(user.username, PASSWORD, { 'accept-language': 'en' });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.message).toMatch(/locked.*15 minutes/);

    t.clock.advance(minutes(15) + 1000);
    expect((await attempt(user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('does not count failures older than 15 minutes', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    for (let i = 0; i < 4; i++) await attempt(user.username, 'Wrong#Pass1');
    t.clock.advance(minutes(16));
    for (let i = 0; i < 4; i++) expect((await attempt(user.username, 'Wrong#Pass1')).statusCode).toBe(401);
    expect((await attempt(user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('writes audit rows for success, failure and the lock', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    await attempt(user.username, PASSWORD);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await attempt(user.username, 'Wrong#Pass1');
    }
    const rows = await t.deps.db
      .selectFrom('auditEvents')
      .select(['action'])
      .where('targetId', '=', user.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'auth.login',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.account_locked',
    ]);
  });

  it('refuses a disabled account, naming it only when the password is right', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    await t.deps.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    expect((await attempt(user.username, PASSWORD)).json().error.code).toBe('auth.disabled');
    expect((await attempt(user.username, 'Wrong#Pass1')).json().error.code).toBe('auth.invalid_credentials');
  });

  it('limits failed attempts per client address across accounts', async () => {
    const ip = '198.51.100.7';
    const trusted = await setupTrustedProxyApp();
    try {
      for (let i = 0; i < 20; i++) {
        const res = await trusted.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `ghost-${i}`, password: 'Wrong#Pass1' },
          headers: { 'x-forwarded-for': ip },
        });
        expect(res.statusCode).toBe(401);
      }
      const blocked = await trusted.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ghost-x', password: 'Wrong#Pass1' },
        headers: { 'x-forwarded-for': ip },
      });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('auth.rate_limited');
      expect(blocked.headers['retry-after']).toBeDefined();
      const other = await trusted.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ghost-x', password: 'Wrong#Pass1' },
        headers: { 'x-forwarded-for': '198.51.100.8' },
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await trusted.app.close();
    }
  });
});

async function setupTrustedProxyApp() {
  const { buildApp } = await import('../../app');
  const app = await buildApp({ ...t.deps, config: { ...t.deps.config, trustProxy: true } });
  await app.ready();
  return { app };
}

describe('session', () => {
  it('requires x-csrf-token on state-changing requests', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const s = await login(t, user.username);
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('auth.csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    const after = await s.inject({ method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('auth.session_expired');
  });

  it('expires after 30 idle minutes but not while in use, and after 12 hours regardless', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const s = await login(t, user.username);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(minutes(29));
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    }
    t.clock.advance(minutes(31));
    const idle = await s.inject({ method: 'GET', url: '/api/auth/me' });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('auth.session_expired');

    const s2 = await login(t, user.username);
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 25) {
      t.clock.advance(minutes(25));
      const res = await s2.inject({ method: 'GET', url: '/api/auth/me' });
      if (elapsed + 25 < 12 * 60) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('answers auth.required without a cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });
});

describe('password change', () => {
  it('enforces the policy, ends the other sessions and lets the new password in', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const s = await login(t, user.username);
    const other = await login(t, user.username);
    const change = (currentPassword: string, newPassword: string) =>
      s.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });

    const weak = await change(PASSWORD, 'short1A');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'auth.password_policy', details: { rules: ['length'] } });
    expect((await change(PASSWORD, 'alllowercase1')).json().error.details.rules).toEqual(['classes']);
    expect((await change(PASSWORD, `X#1${user.username}`)).json().error.details.rules).toContain('contains_username');
    const wrongCurrent = await change('Not#MyPass1', 'Brand#New2026');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.details.issues[0].field).toBe('body.currentPassword');

    expect((await change(PASSWORD, 'Brand#New2026')).statusCode).toBe(204);
    expect((await other.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await attempt(user.username, PASSWORD)).statusCode).toBe(401);
    expect((await attempt(user.username, 'Brand#New2026')).statusCode).toBe(200);
  });

  it('keeps a user with a pending password change away from everything but me, password and logout', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId, mustChangePassword: true });
    const s = await login(t, user.username);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().user.mustChangePassword).toBe(true);
    const blocked = await s.inject({ method: 'GET', url: '/api/organizations' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth.password_change_required');
    await s.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'Brand#New2026' },
    });
    expect((await s.inject({ method: 'GET', url: '/api/organizations' })).statusCode).toBe(200);
  });

  it('never returns the cookie value or hash in audit rows', async () => {
    const user = await buildUser(t, { role: 'purchaser', organizationId: orgId });
    const res = await attempt(user.username, PASSWORD);
    const cookie = sessionCookie(res).split('=')[1] ?? '';
    const rows = await t.deps.db.selectFrom('auditEvents').select('summary').execute();
    expect(JSON.stringify(rows)).not.toContain(cookie);
    expect(JSON.stringify(rows)).not.toContain('$argon2id');
  });
});
