import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { maskName } from '../server/src/platform/pii';
import { validIdNumber } from '../test/app';
import { axeViolations, callApi, type E2E, newContext, screenshotPath, signedIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const suffix = Date.now() % 100_000;
const main = (page: Page) => page.locator('#main-content');

const todayInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date())
    .slice(0, 10);

interface ProjectItem {
  id: string;
  title: string;
  agencyId: string | null;
}
interface ProjectDetail {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  team: { workerId: string; role: string }[];
}

async function signedInPage(username: string) {
  const context = await newContext(e2e);
  const page = await context.newPage();
  await signedIn(page, username, DEMO_PASSWORD);
  return { context, page };
}

async function agencyIdOf(page: Page): Promise<string> {
  const me = await callApi<{ memberships: { organizationId: string; role: string }[] }>(page, 'GET', '/api/auth/me');
  return me.json.memberships.find((m) => m.role === 'agency_manager')!.organizationId;
}

/** A beneficiary of demo-agency's 祖庙 agency with the given consents recorded. */
async function registerBeneficiary(page: Page, name: string, n: number, purposes: string[]): Promise<string> {
  const created = await callApi<{ id: string }>(page, 'POST', '/api/beneficiaries', {
    name,
    idNumber: validIdNumber(n),
    divisionCode: '440604012001',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  for (const purpose of purposes) {
    const consent = await callApi(page, 'POST', `/api/beneficiaries/${created.json.id}/consents`, {
      purpose,
      decision: 'given',
      givenBy: 'self',
      evidence: `知情同意书 No.${suffix}-${purpose}`,
    });
    expect(consent.status, JSON.stringify(consent.json)).toBe(201);
  }
  return created.json.id;
}

/**
 * An in-service project that demo-agency's agency delivers for 祖庙 (demo-buyer-zumiao's purchasing unit), with one
 * visit recorded on it today through the API; returns the visited person's full name as the agency sees it.
 */
async function projectWithVisit(): Promise<{ project: ProjectDetail; fullName: string }> {
  const buyer = await signedInPage('demo-buyer-zumiao');
  const bought = await callApi<{ items: ProjectItem[] }>(
    buyer.page,
    'GET',
    '/api/projects?status=in_service&pageSize=200',
  );
  await buyer.context.close();
  const boughtIds = new Set(bought.json.items.map((p) => p.id));

  const { context, page } = await signedInPage('demo-agency');
  const agencyId = await agencyIdOf(page);
  const delivered = await callApi<{ items: ProjectItem[] }>(
    page,
    'GET',
    '/api/projects?status=in_service&pageSize=200',
  );
  const shared = delivered.json.items.find((p) => p.agencyId === agencyId && boughtIds.has(p.id));
  expect(shared, 'demo-agency delivers one of 祖庙’s in-service projects').toBeDefined();
  const project = (await callApi<ProjectDetail>(page, 'GET', `/api/projects/${shared!.id}`)).json;

  const fullName = `探访长者${suffix}`;
  const beneficiaryId = await registerBeneficiary(page, fullName, suffix + 31, ['service']);
  const today = todayInShanghai();
  // The latest day the project still records (the service period may end before today).
  const heldOn = [today, project.periodTo].sort()[0]!;
  const visit = await callApi<{ id: string; subject: string }>(page, 'POST', '/api/service-records', {
    kind: 'visit',
    beneficiaryId,
    projectId: project.id,
    workerIds: [project.team[0]!.workerId],
    location: '朝安东社区',
    completed: { heldOn, durationMinutes: 45, content: `入户探访${fullName}，了解近况并提供情绪支持` },
  });
  expect(visit.status, JSON.stringify(visit.json)).toBe(201);
  // The agency itself sees the record with the full name.
  const own = await callApi<{ subject: string }>(page, 'GET', `/api/service-records/${visit.json.id}`);
  expect(own.json.subject).toContain(fullName);
  await context.close();
  return { project, fullName };
}

describe('delivery insights (服务数据看板, 服务记录)', () => {
  let setup: { project: ProjectDetail; fullName: string };
  beforeAll(async () => {
    setup = await projectWithVisit();
  });

  it('the bureau opens the delivery dashboard: totals, the monthly chart and its table alternative', async () => {
    const { context, page } = await signedInPage('demo-admin');
    await page.locator('.sg-nav-menu').getByText('服务数据看板').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/delivery-dashboard');
    await page.getByTestId('delivery-dashboard').waitFor();
    for (const kind of ['cases', 'groups', 'activities', 'contacts', 'satisfaction']) {
      await page.getByTestId(`delivery-total-${kind}`).waitFor();
    }
    // Today's visit counts one service contact.
    await expect
      .poll(async () =>
        Number(
          (await page.locator('[data-testid=delivery-total-contacts] .ant-statistic-content-value').textContent())
            ?.replace(/,/g, '')
            .trim(),
        ),
      )
      .toBeGreaterThan(0);
    const chart = page.getByTestId('delivery-chart');
    await expect.poll(() => chart.getAttribute('data-ready')).toBe('true');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('服务人次');
    await expect.poll(() => chart.locator('svg').count()).toBeGreaterThan(0);
    await page.getByText('以表格查看各月数据').click();
    await expect
      .poll(() => page.getByTestId('delivery-month-table').textContent())
      .toContain(todayInShanghai().slice(0, 7));
    await page.getByTestId('delivery-projects').waitFor();
    expect(await main(page).textContent()).not.toContain(setup.fullName);
    await page.screenshot({ path: screenshotPath('delivery-dashboard'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The bureau is not the purchasing unit: a project's records tab points to the dashboard instead.
    await page.goto(`/console/projects/${setup.project.id}?tab=serviceRecords`);
    await page.getByTestId('service-records-aggregates-only').waitFor();
    await page.getByTestId('service-records-dashboard').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/delivery-dashboard');
    await context.close();
  });

  it('the dashboard fits a 375 px phone', async () => {
    const context = await newContext(e2e, { width: 375, height: 812 });
    const page = await context.newPage();
    await signedIn(page, 'demo-buyer-zumiao', DEMO_PASSWORD);
    await page.goto('/console/delivery-dashboard');
    await page.getByTestId('delivery-dashboard').waitFor();
    await expect.poll(() => page.getByTestId('delivery-chart').getAttribute('data-ready')).toBe('true');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('delivery-dashboard-phone'), fullPage: true });
    await context.close();
  });

  it('the purchaser sees a project’s service records with masked names only', async () => {
    const { context, page } = await signedInPage('demo-buyer-zumiao');
    await page.goto(`/console/projects/${setup.project.id}`);
    await page.getByTestId('project-code').waitFor();
    await page.getByRole('tab', { name: '服务记录' }).click();
    const table = page.getByTestId('service-record-table');
    await table.waitFor();
    await expect.poll(() => page.getByTestId('service-records-viewer').getAttribute('data-viewer')).toBe('masked');
    expect(await page.getByTestId('service-records-viewer').textContent()).toContain('购买方看到脱敏信息');
    // Completed records only (scheduled ones for the coming days come first otherwise).
    await page.getByLabel('状态', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已完成' }).click();
    await expect.poll(() => table.locator('tbody').textContent()).not.toContain('已计划');
    await expect.poll(() => table.textContent()).toContain(maskName(setup.fullName));
    // The record's content names the person too: expanded, it shows the masked form as well.
    const row = table
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: maskName(setup.fullName) })
      .first();
    await row.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => table.textContent()).toContain(`入户探访${maskName(setup.fullName)}`);
    expect(await main(page).textContent()).not.toContain(setup.fullName);
    await page.screenshot({ path: screenshotPath('project-service-records'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the delivering agency records a satisfaction survey and sees the new rate', async () => {
    const { context, page } = await signedInPage('demo-agency');
    await page.goto(`/console/projects/${setup.project.id}?tab=serviceRecords`);
    await page.getByTestId('service-record-table').waitFor();
    await expect.poll(() => page.getByTestId('service-records-viewer').getAttribute('data-viewer')).toBe('full');
    await expect.poll(() => page.getByTestId('service-record-table').textContent()).toContain(setup.fullName);
    await page.getByTestId('survey-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '4 · 满意' }).click();
    await expect.poll(() => dialog.textContent()).toContain('满意');
    await dialog.getByLabel('意见和建议', { exact: true }).fill('社工很耐心');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('survey-rate').textContent()).toMatch(/当前满意度：\d+(\.\d+)?%/);
    await context.close();
  });
});

describe('referrals (转介)', () => {
  it('a manager refers a case from its page without the sharing consent, on the record; it waits in 发出的 and can be revoked', async () => {
    const ids: Record<string, string> = {};
    for (const username of ['demo-worker', 'demo-supervisor']) {
      const { context, page } = await signedInPage(username);
      const mine = await callApi<{ id: string }>(page, 'GET', '/api/workers/mine');
      expect(mine.status).toBe(200);
      ids[username] = mine.json.id;
      await context.close();
    }
    // The 石湾 agency (the bureau sees the whole directory; an agency's staff only their own agency).
    const admin = await signedInPage('demo-admin');
    const agencies = await callApi<{ items: { id: string; name: string; status: string }[] }>(
      admin.page,
      'GET',
      '/api/organizations?kind=agency&divisionCode=440604010&pageSize=50',
    );
    await admin.context.close();
    const shiwan = agencies.json.items.find((o) => o.status === 'active');
    expect(shiwan, 'an active agency in 石湾').toBeDefined();

    // A case of someone who consented to services but not to their information going to another agency.
    const { context, page } = await signedInPage('demo-agency');
    const name = `转介对象${suffix}`;
    const beneficiaryId = await registerBeneficiary(page, name, suffix + 47, ['service']);
    const opened = await callApi<{ id: string; code: string }>(page, 'POST', '/api/cases', {
      beneficiaryId,
      workerId: ids['demo-worker'],
      supervisorWorkerId: ids['demo-supervisor'],
      intakeSource: 'self_referral',
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(201);

    // 转介 on the case's page: the receiving agency found by name among the others.
    await page.goto(`/console/cases/${opened.json.id}`);
    await page.getByTestId('case-refer').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain(opened.json.code);
    await dialog.getByLabel('接收机构', { exact: true }).click();
    await page.keyboard.type(shiwan!.name);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => option.count()).toBe(1);
    // Named with where it is based (its community or street), to tell agencies of similar names apart.
    expect(await option.textContent()).toMatch(/ · \S+$/);
    expect(await option.textContent()).toContain(shiwan!.name);
    // Taken with Enter: the list moves as it narrows, a click could miss.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('refer-agency').textContent()).toContain(shiwan!.name);
    await dialog.getByLabel('转介原因', { exact: true }).fill('服务对象搬到石湾居住，需就近提供服务');
    const submit = dialog.locator('.ant-modal-footer .ant-btn-primary');
    await submit.click();
    // Without the sharing consent the server refuses; the manager may still refer, with a reason on the record.
    const missing = dialog.getByTestId('refer-consent-missing');
    await expect.poll(() => missing.textContent()).toContain('服务对象未同意');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('仍然转介（记录理由）', { exact: true }).check();
    await dialog
      .getByLabel('未经同意转介的理由', { exact: true })
      .fill('服务对象行动不便，家属口头同意，书面同意补签中');
    expect(await axeViolations(page)).toEqual([]);
    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('refer-done').textContent()).toContain(shiwan!.name);

    // The message leads to 发出的, where the referral waits for the 石湾 agency.
    await page.getByTestId('refer-done-link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/referrals');
    const table = page.getByTestId('referral-table');
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: opened.json.code });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('待接收');
    expect(await row.textContent()).toContain(shiwan!.name);
    expect(await row.textContent()).toContain(name);
    await page.screenshot({ path: screenshotPath('referrals-outgoing'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await row.getByTestId('referral-open').click();
    const drawer = page.getByTestId('referral-drawer');
    await expect.poll(() => drawer.textContent()).toContain('服务对象搬到石湾居住');
    expect(await drawer.getByTestId('referral-override').textContent()).toContain('书面同意补签中');
    await page.getByTestId('referral-revoke').click();
    const revoke = page.locator('.ant-modal').filter({ hasText: '撤回原因' });
    const confirm = revoke.locator('.ant-modal-footer button').last();
    await confirm.click();
    await expect.poll(() => revoke.textContent()).toContain('请填写说明');
    await revoke.getByLabel('撤回原因', { exact: true }).fill('服务对象决定暂不搬家');
    expect(await axeViolations(page)).toEqual([]);
    await confirm.click();
    await expect.poll(() => drawer.textContent()).toContain('已撤回');
    await expect.poll(() => drawer.textContent()).toContain('服务对象决定暂不搬家');
    await context.close();
  });
});
