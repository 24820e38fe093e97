import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import {
  axeViolations,
  callApi,
  type E2E,
  newContext,
  screenshotPath,
  signedIn as signedInAs,
  startE2E,
} from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** 祖庙街道, the demo purchaser's own division. */
const ZUMIAO = '440604012';
const FULL_ID = /\d{17}[\dX]/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

interface ProjectJson {
  id: string;
  code: string;
  title: string;
  status: string;
  version: number;
}

const signedIn = (page: Page, username: string) => signedInAs(page, username, DEMO_PASSWORD);

/** A draft of the signed-in purchaser's own, created through the API (each test makes its own). */
async function draftProject(page: Page, title: string): Promise<ProjectJson> {
  const res = await callApi<ProjectJson>(page, 'POST', '/api/projects', {
    title,
    fundingSource: 'town_budget',
    budgetFen: 12_345_678,
    serviceDivisionCodes: [ZUMIAO],
    targetGroups: ['elderly'],
    serviceContent: '为辖区高龄独居长者提供探访与个案服务。',
    procurementMethod: 'competitive_consultation',
    periodFrom: '2026-03-01',
    periodTo: '2027-02-28',
  });
  expect(res.status).toBe(201);
  return res.json;
}

async function move(page: Page, project: ProjectJson, action: string, reason?: string): Promise<ProjectJson> {
  const res = await callApi<ProjectJson>(page, 'POST', `/api/projects/${project.id}/transitions`, {
    action,
    reason,
    version: project.version,
  });
  expect(res.status).toBe(200);
  return res.json;
}

/** Opens an antd Select by its label and picks the option with this text. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

async function pickDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const main = (page: Page) => page.locator('#main-content');

/** Clicks an action button in the page header and confirms it in the dialog that names it. */
async function confirmAction(page: Page, action: string, name: string) {
  await page.getByTestId(`project-action-${action}`).click();
  const dialog = page.locator('.ant-modal-confirm');
  await expect.poll(() => dialog.textContent()).toContain(`确认${name}`);
  await dialog.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'detached' });
}

describe('government-purchased service projects', () => {
  it('a purchaser creates a project in the wizard, submits and approves it, sets targets, and the public sees it', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-buyer-zumiao');
    const title = `长者关爱服务项目 ${Date.now()}`;

    // The menu leads to the list; "新建项目" opens the wizard.
    await page.locator('.sg-nav-menu').getByText('项目管理').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/projects');
    await page.getByTestId('project-new').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/projects/new');

    // Step 1: 基本信息 (the purchaser's own unit is filled in).
    await page.getByTestId('project-next').click();
    await expect.poll(() => main(page).textContent()).toContain('请填写项目名称');
    await page.getByTestId('project-title').fill(title);
    await choose(page, '资金来源', '镇（街道）财政资金');
    await choose(page, '采购方式', '公开招标');
    expect(await main(page).textContent()).toContain('祖庙街道办事处（示例）');
    await page.getByTestId('project-next').click();

    // Step 2: 服务内容 — the whole of 祖庙街道, older people, what is delivered.
    await page.getByLabel('服务区域', { exact: true }).click();
    const tree = page.locator('.ant-select-dropdown:visible');
    await tree
      .locator('.ant-select-tree-treenode')
      .filter({ hasText: '祖庙' })
      .first()
      .locator('.ant-select-tree-checkbox')
      .click();
    await page.keyboard.press('Escape');
    await choose(page, '服务对象', '老年');
    await page.keyboard.press('Escape');
    await page.getByLabel('服务内容', { exact: true }).fill('为辖区高龄、独居长者提供定期探访、个案管理和社区活动。');
    await page.screenshot({ path: screenshotPath('project-wizard-content') });
    await page.getByTestId('project-next').click();

    // Step 3: 预算与期限 — 18 months without the recurring box is refused, with the rule's message.
    await page.getByTestId('project-budget').fill('480,000');
    await expect.poll(() => main(page).textContent()).toContain('¥480,000.00');
    await pickDate(page, '服务开始日期', '2026-07-01');
    await pickDate(page, '服务结束日期', '2027-12-31');
    await page.getByTestId('project-save').click();
    const periodToHelp = page.locator('#project_periodTo_help');
    await expect
      .poll(() => periodToHelp.textContent())
      .toBe('服务期限不能超过 1 年（最晚至 2027-06-30）；稳定的经常性服务请勾选下方选项');
    expect(await main(page).textContent()).toContain('稳定的经常性服务（最长 3 年，财政部令第102号）');
    await page.screenshot({ path: screenshotPath('project-wizard-term') });
    expect(new URL(page.url()).pathname).toBe('/console/projects/new');
    const none = await callApi<{ total: number }>(page, 'GET', `/api/projects?q=${encodeURIComponent(title)}`);
    expect(none.json.total).toBe(0);
    // The recurring box lifts the limit to three years.
    await page.getByTestId('project-recurring').check();
    await expect.poll(() => periodToHelp.count()).toBe(0);
    await page.getByTestId('project-recurring').uncheck();
    await expect.poll(() => periodToHelp.textContent()).toContain('服务期限不能超过 1 年');
    await pickDate(page, '服务结束日期', '2027-06-30');
    await expect.poll(() => periodToHelp.count()).toBe(0);
    await page.getByTestId('project-save').click();

    // The draft's detail page.
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/projects\/[0-9a-f-]{36}$/);
    const projectId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('project-code').textContent()).toMatch(/^CC-\d{4}-\d{4}$/);
    const code = (await page.getByTestId('project-code').textContent()) ?? '';
    expect(await page.locator('h1').textContent()).toBe(title);
    await expect.poll(() => main(page).textContent()).toContain('草稿');
    const saved = await callApi<ProjectJson & { budgetFen: number; periodTo: string; recurring: boolean }>(
      page,
      'GET',
      `/api/projects/${projectId}`,
    );
    expect(saved.json).toMatchObject({ budgetFen: 48_000_000, periodTo: '2027-06-30', recurring: false });

    // Submit, then approve (立项), each after a confirmation naming the action.
    await confirmAction(page, 'submit', '提交立项');
    await expect.poll(() => page.locator('.sg-page-header').textContent()).toContain('待立项');
    await confirmAction(page, 'approve', '批准立项');
    await expect.poll(() => page.locator('.sg-page-header').textContent()).toContain('已立项');
    expect(await page.getByTestId('project-edit').count()).toBe(0);

    // The history lists every move with who made it.
    await page.getByRole('tab', { name: '历史' }).click();
    const history = page.getByTestId('project-history');
    await expect.poll(() => history.textContent()).toContain('批准立项');
    const historyText = (await history.textContent()) ?? '';
    expect(historyText).toContain('新建项目');
    expect(historyText).toContain('提交立项');
    expect(historyText).toContain('demo-buyer-zumiao');
    expect(historyText).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    // Service targets: two indicators, shown with their progress bars.
    await page.getByRole('tab', { name: '服务指标' }).click();
    await page.getByTestId('indicator-edit').click();
    await page.getByTestId('indicator-add').click();
    await page.getByLabel('目标值', { exact: true }).fill('40');
    await page.getByTestId('indicator-add').click();
    const rows = page.locator('.sg-indicator-edit-row');
    await rows.nth(1).getByLabel('类型', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '服务人次' }).click();
    await expect.poll(() => rows.nth(1).getByLabel('指标名称', { exact: true }).inputValue()).toBe('服务人次');
    await rows.nth(1).getByLabel('目标值', { exact: true }).fill('1200');
    await page.screenshot({ path: screenshotPath('project-indicators-edit') });
    await page.getByTestId('indicator-save').click();
    const indicators = page.getByTestId('project-indicators');
    await expect.poll(() => indicators.locator('[data-testid="project-indicator"]').count()).toBe(2);
    expect(await indicators.textContent()).toContain('完成 0 个 / 目标 40 个');
    expect(await indicators.textContent()).toContain('完成 0 人次 / 目标 1200 人次');
    const overview = await callApi<{ indicators: Array<{ kind: string; target: number }> }>(
      page,
      'GET',
      `/api/projects/${projectId}/indicators`,
    );
    expect(overview.json.indicators.map((i) => [i.kind, i.target])).toEqual([
      ['cases', 40],
      ['contacts', 1200],
    ]);
    await page.screenshot({ path: screenshotPath('project-indicators'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    // 项目信息公开: anyone, from the login page's footer, finds the approved project; nothing personal is shown.
    const visitor = await newContext(e2e);
    const publicPage = await visitor.newPage();
    await publicPage.goto('/console/login');
    await publicPage.getByTestId('public-projects-link').click();
    await expect.poll(() => new URL(publicPage.url()).pathname).toBe('/public/projects');
    const search = publicPage.getByPlaceholder('输入项目名称');
    await search.fill(title);
    await search.press('Enter');
    const card = publicPage.getByTestId('public-project').filter({ hasText: title });
    await expect.poll(() => card.count()).toBe(1);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(code);
    expect(text).toContain('祖庙街道办事处（示例）');
    expect(text).toContain('预算金额');
    expect(text).toContain('¥480,000.00');
    expect(text).toContain('2026-07-01 至 2027-06-30');
    expect(text).toContain('祖庙');
    expect(text).toContain('老年');
    const body = (await publicPage.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(FULL_ID);
    expect(body).not.toMatch(MOBILE);
    await publicPage.screenshot({ path: screenshotPath('public-projects'), fullPage: true });
    expect(await axeViolations(publicPage)).toEqual([]);
    await visitor.close();
  });

  it('sending a submitted project back needs a reason, which the draft then shows', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-admin');
    await page.goto('/console');
    // The bureau approves; the purchaser drafted and submitted.
    const buyerContext = await newContext(e2e);
    const buyer = await buyerContext.newPage();
    await signedIn(buyer, 'demo-buyer-zumiao');
    const draft = await draftProject(buyer, `青少年成长支持项目 ${Date.now()}`);
    await move(buyer, draft, 'submit');
    await buyerContext.close();

    await page.goto(`/console/projects/${draft.id}`);
    await page.getByTestId('project-action-reject').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => dialog.textContent()).toContain('请填写原因');
    await dialog.getByTestId('project-reason').fill('预算测算依据不足，请补充服务人次测算');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('.sg-page-header').textContent()).toContain('草稿');
    await expect
      .poll(() => page.getByTestId('project-status-reason').textContent())
      .toContain('预算测算依据不足，请补充服务人次测算');
    await page.getByRole('tab', { name: '历史' }).click();
    await expect.poll(() => page.getByTestId('project-history').textContent()).toContain('退回修改');
    expect(await page.getByTestId('project-history').textContent()).toContain('demo-admin');
    await context.close();
  });

  it('the list filters by status with counts, links to the detail, and passes axe', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-buyer-zumiao');
    const title = `社区营造项目 ${Date.now()}`;
    const submitted = await move(page, await draftProject(page, title), 'submit');

    await page.goto('/console/projects');
    const table = page.getByTestId('project-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const filter = page.getByTestId('project-status-filter');
    await expect.poll(() => filter.textContent()).toMatch(/待立项 [1-9]/);
    await filter.getByText(/^待立项 \d+$/).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('submitted');
    await expect.poll(() => table.textContent()).toContain(title);
    expect(await table.textContent()).toContain('¥123,456.78');
    await page.screenshot({ path: screenshotPath('projects-list'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await table.getByRole('link', { name: title }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/projects/${submitted.id}`);
    await expect.poll(() => page.locator('.sg-page-header').textContent()).toContain('待立项');
    await page.screenshot({ path: screenshotPath('project-detail'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Back to the list with its filter.
    await page.getByRole('button', { name: '返回项目列表' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('submitted');
    await context.close();
  });

  it('the detail page fits a 375 px phone and the public page does too', async () => {
    const context = await newContext(e2e, { width: 375, height: 812 });
    const page = await context.newPage();
    await signedIn(page, 'demo-buyer-zumiao');
    const project = await move(page, await draftProject(page, `困境儿童关爱项目 ${Date.now()}`), 'submit');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    await page.goto(`/console/projects/${project.id}`);
    await page.getByTestId('project-overview').waitFor();
    await expect.poll(() => main(page).textContent()).toContain(project.code);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('project-detail-phone'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/console/projects');
    await page.getByTestId('project-cards').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('projects-list-phone'), fullPage: true });

    await page.goto('/public/projects');
    await page.locator('h1').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('public-projects-phone'), fullPage: true });

    await page.goto('/console/projects/00000000-0000-4000-8000-000000000000');
    await expect.poll(() => main(page).textContent()).toContain('404');
    await context.close();
  });
});
