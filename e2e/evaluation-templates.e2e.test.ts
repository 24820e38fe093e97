import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_NAME } from '../server/src/modules/projects/evaluation-template.service';
import { axeViolations, callApi, type E2E, newContext, screenshotPath, signedIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

interface TemplateJson {
  id: string;
  name: string;
  active: boolean;
  inUse: boolean;
  passFrom: number;
  goodFrom: number;
  excellentFrom: number;
  criteria: Array<{ dimension: string; name: string; weight: number }>;
}

const PATH = '/console/evaluation-templates';
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const templateItem = (page: Page, id: string) =>
  page.locator(`[data-testid="evaluation-template"][data-template-id="${id}"]`);

async function templatesNamed(page: Page, name: string): Promise<TemplateJson[]> {
  const res = await callApi<TemplateJson[]>(page, 'GET', '/api/evaluation-templates');
  expect(res.status).toBe(200);
  return res.json.filter((tp) => tp.name === name);
}

describe('evaluation templates (评估模板)', () => {
  it('the bureau copies the MZ/T 059-2014 template, must make the weights add up to 100, saves it and retires it', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-admin', DEMO_PASSWORD);

    // The menu item leads to the list; the seeded template is there, active and in use by the demo evaluations.
    await page.locator('.sg-nav-menu').getByText('评估模板', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(PATH);
    const seeded = templateItem(page, DEFAULT_TEMPLATE_ID);
    await seeded.waitFor();
    const seededText = (await seeded.textContent()) ?? '';
    expect(seededText).toContain(DEFAULT_TEMPLATE_NAME);
    expect(seededText).toContain('启用中');
    expect(seededText).toContain('已被评估使用');
    expect(await seeded.getByTestId('template-total').textContent()).toBe('100 分');
    expect(await seeded.getByTestId('template-bands').textContent()).toBe(
      '优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60 · 不合格 < 60',
    );

    // Expanded: the four dimensions of MZ/T 059-2014 with their weights, and each criterion's guidance.
    const toggle = seeded.getByTestId('template-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const criteria = seeded.getByTestId('template-criteria');
    expect(await criteria.locator('h3').allTextContents()).toEqual([
      '项目实施（35 分）',
      '项目管理（20 分）',
      '财务管理（20 分）',
      '成效评估（25 分）',
    ]);
    expect(await criteria.textContent()).toContain('对照项目书与合同，服务内容、进度与数量指标的完成情况');
    await page.screenshot({ path: screenshotPath('evaluation-templates'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // 以此为基础新建: the create drawer holds a copy of the nine criteria, adding up to 100.
    await seeded.getByTestId('template-copy').click();
    const drawer = page.getByRole('dialog', { name: '新建评估模板' });
    await drawer.getByTestId('template-name').waitFor();
    expect(await drawer.getByTestId('template-name').inputValue()).toBe(`${DEFAULT_TEMPLATE_NAME}（修订）`);
    const rows = drawer.getByTestId('template-criterion-row');
    expect(await rows.count()).toBe(9);
    const total = drawer.getByTestId('template-weight-total');
    expect(await total.getAttribute('data-total')).toBe('100');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('evaluation-template-create') });

    const name = `社会工作服务项目绩效评估（试行 ${Date.now()}）`;
    await drawer.getByTestId('template-name').fill(name);

    // One weight down by 1: the total reads 99, and saving is refused with the total named.
    const weight = (n: number) => rows.nth(n).getByLabel('分值', { exact: true });
    await weight(0).fill('14');
    await expect.poll(() => total.getAttribute('data-total')).toBe('99');
    expect(await total.textContent()).toContain('分值合计 99 / 100 分');
    expect(await total.textContent()).toContain('还差 1 分');
    await drawer.getByTestId('template-save').click();
    const listError = drawer.getByTestId('template-criteria-error');
    await expect.poll(() => listError.textContent()).toBe('各评分项分值合计应为 100 分（当前合计 99 分）');
    await page.screenshot({ path: screenshotPath('evaluation-template-total-99') });
    expect(await templatesNamed(page, name)).toEqual([]);

    // Another weight up by 1 makes it 100 again (14 + 11 + …); the list's message goes away as the total changes.
    await weight(1).fill('11');
    await expect.poll(() => total.getAttribute('data-total')).toBe('100');
    expect(await total.textContent()).toContain('合计正好 100 分');
    await expect.poll(() => listError.textContent()).toBe('');

    // The server's field errors land on the fields: the same criterion twice in one dimension.
    const criterionName = (n: number) => rows.nth(n).getByLabel('评分项名称', { exact: true });
    const secondName = (await criterionName(1).inputValue()) || '';
    await criterionName(1).fill(await criterionName(0).inputValue());
    await drawer.getByTestId('template-save').click();
    await expect
      .poll(() => page.locator('#evaluation-template_criteria_1_name_help').textContent())
      .toBe('同一维度下评分项名称重复');
    expect(await templatesNamed(page, name)).toEqual([]);
    await criterionName(1).fill(secondName);

    // Saved: the drawer closes and the new template heads the list, open, active and not yet in use.
    await drawer.getByTestId('template-save').click();
    await expect.poll(async () => (await templatesNamed(page, name)).length).toBe(1);
    const [created] = await templatesNamed(page, name);
    expect(created).toMatchObject({ active: true, inUse: false, excellentFrom: 90, goodFrom: 80, passFrom: 60 });
    expect(created?.criteria.map((c) => c.weight)).toEqual([14, 11, 10, 10, 10, 10, 10, 15, 10]);
    expect(created?.criteria.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
    await drawer.waitFor({ state: 'hidden' });
    const item = templateItem(page, created?.id ?? '');
    await item.waitFor();
    expect(await page.getByTestId('evaluation-template').first().getAttribute('data-template-id')).toBe(created?.id);
    expect(await item.getByTestId('template-total').textContent()).toBe('100 分');
    expect(await item.textContent()).toContain('启用中');
    expect(await item.getByTestId('template-in-use').count()).toBe(0);
    expect(await item.getByTestId('template-criteria').locator('h3').allTextContents()).toEqual([
      '项目实施（35 分）',
      '项目管理（20 分）',
      '财务管理（20 分）',
      '成效评估（25 分）',
    ]);

    // Retire it, after a confirmation naming it.
    await item.getByTestId('template-retire').click();
    const dialog = page.locator('.ant-modal-confirm');
    await expect.poll(() => dialog.textContent()).toContain(`停用评估模板“${name}”？`);
    await dialog.locator('.ant-btn-dangerous').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => item.textContent()).toContain('已停用');
    expect(await item.getByTestId('template-retire').count()).toBe(0);
    expect((await templatesNamed(page, name))[0]?.active).toBe(false);

    // The status filter: retired ones apart from active ones.
    const filter = page.getByTestId('template-status-filter');
    await filter.getByText('已停用', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('retired');
    await expect.poll(() => templateItem(page, DEFAULT_TEMPLATE_ID).count()).toBe(0);
    expect(await item.count()).toBe(1);
    await filter.getByText('启用中', { exact: true }).click();
    await expect.poll(() => templateItem(page, DEFAULT_TEMPLATE_ID).count()).toBe(1);
    expect(await item.count()).toBe(0);
    await context.close();
  });

  it('fits a 375 px phone: the list, the criteria and the create drawer', async () => {
    const context = await newContext(e2e, { width: 375, height: 812 });
    const page = await context.newPage();
    await signedIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.goto(PATH);
    const seeded = templateItem(page, DEFAULT_TEMPLATE_ID);
    await seeded.waitFor();
    await seeded.getByTestId('template-toggle').click();
    await seeded.getByTestId('template-criteria').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('evaluation-templates-phone'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('template-new').click();
    const drawer = page.getByRole('dialog', { name: '新建评估模板' });
    await drawer.getByTestId('template-name').waitFor();
    // A blank template: one empty criterion per dimension, the usual bands, nothing added up yet.
    expect(await drawer.getByTestId('template-criterion-row').count()).toBe(4);
    expect(await drawer.getByTestId('template-bands-preview').textContent()).toBe(
      '优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60 · 不合格 < 60',
    );
    expect(await drawer.getByTestId('template-weight-total').getAttribute('data-total')).toBe('0');
    // Bands must rise strictly.
    await drawer.getByTestId('template-good-from').fill('95');
    await expect
      .poll(() => page.locator('#evaluation-template_excellentFrom_help').textContent())
      .toBe('优秀分数线应高于良好分数线（95）');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const box = await drawer.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(375);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('evaluation-template-create-phone') });
    await context.close();
  });
});
