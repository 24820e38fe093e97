import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, type E2E, newContext, screenshotPath, signIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('console journeys (zh-CN)', () => {
  it('the 祖庙 purchaser signs in and sees the console within 祖庙 scope only', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-buyer-zumiao', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('祖庙街道购买方');
    expect(new URL(page.url()).pathname).toBe('/console');
    // The home page states the role and the data scope: 祖庙街道 and what lies under it.
    const main = page.locator('#main-content');
    await expect.poll(() => main.textContent()).toContain('我的数据范围');
    await expect.poll(() => main.textContent()).toContain('祖庙街道 · 街道');
    expect(await main.textContent()).toContain('购买方');
    await page.screenshot({ path: screenshotPath('purchaser-home'), fullPage: true });

    await page.goto('/console/organizations');
    await expect.poll(() => page.locator('body').textContent()).toContain('祖庙街道办事处（示例）');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('澜石社区居委会');
    await page.screenshot({ path: screenshotPath('purchaser-organizations'), fullPage: true });

    // No user administration for a purchaser: not in the menu, and the URL shows the 403 page.
    expect(await page.locator('nav, aside, .ant-menu').first().textContent()).not.toContain('用户管理');
    await page.goto('/console/users');
    await expect.poll(() => page.locator('body').textContent()).toContain('403');
    await context.close();
  });

  it('a wrong password is answered with a clear message and no session', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-worker', 'Wrong#Pass2026');
    await expect.poll(() => page.locator('body').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect((await context.cookies()).find((c) => c.name === 'sg_session')).toBeUndefined();
    await context.close();
  });

  it('the admin creates a user, who must change the password at first sign-in', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('区民政局管理员');

    // Created through the API with the browser's own session (the form itself is covered by its labels below).
    const created = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const orgs = await (await fetch('/api/organizations?kind=agency&pageSize=50')).json();
      const res = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          username: 'e2e.worker',
          displayName: '端到端社工',
          password: 'Initial#2026',
          membership: { organizationId: orgs.items[0].id, role: 'social_worker' },
        }),
      });
      return res.status;
    });
    expect(created).toBe(201);
    await page.goto('/console/users?q=e2e.worker');
    await expect.poll(() => page.locator('body').textContent()).toContain('e2e.worker');
    await page.screenshot({ path: screenshotPath('admin-users'), fullPage: true });
    await page.goto('/console/audit');
    await expect.poll(() => page.locator('body').textContent()).toContain('user.create');
    await context.close();

    const fresh = await newContext(e2e);
    const newcomer = await fresh.newPage();
    await signIn(newcomer, 'e2e.worker', 'Initial#2026');
    await expect.poll(() => newcomer.getByRole('dialog').textContent()).toContain('修改密码');
    await newcomer.screenshot({ path: screenshotPath('must-change-password') });
    await fresh.close();
  });

  it('a lost session sends the user back to sign in, then to the page they were on', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('区民政局管理员');
    await context.clearCookies();
    await page.goto('/console/divisions');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/login');
    await page.getByTestId('login-username').fill('demo-admin');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/divisions');
    await expect.poll(() => page.locator('body').textContent()).toContain('祖庙街道');
    await context.close();
  });

  it('switches to English', async () => {
    const context = await newContext(e2e, { locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/console/login');
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) localStorage.removeItem(key);
    });
    await signIn(page, 'demo-community', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('朝安东社区工作人员');
    await page.getByTestId('current-user').click();
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('Community staff');
    await page.screenshot({ path: screenshotPath('community-home-en'), fullPage: true });
    await context.close();
  });

  it('works at phone width (375 px)', async () => {
    const context = await newContext(e2e, { width: 375, height: 740 });
    const page = await context.newPage();
    await signIn(page, 'demo-buyer-zumiao', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('我的数据范围');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('phone-home'), fullPage: true });
    await context.close();
  });

  it('the login page and the home page have no WCAG 2.1 A/AA violations (axe)', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await page.goto('/console/login');
    await page.getByTestId('login-submit').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('login') });
    await signIn(page, 'demo-buyer-zumiao', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
