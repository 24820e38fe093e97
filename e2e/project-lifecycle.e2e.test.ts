import type { BrowserContext, Page } from 'playwright-core';
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

/*
 * The whole life of a government-purchased service project, each role in its own browser, on the demo data:
 * 立项 → 采购公告 → 投标 (sealed) → 开标、评分、定标签约 → 服务 → 末期评估 (scored on a phone) → 整改 → 结项.
 * The e2e server runs on the real clock, so the bid deadline is set a minute or two ahead and the test waits for it.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** An instant as Beijing wall-clock time, `YYYY-MM-DD HH:mm`. */
const beijingMinute = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
const beijingDate = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

const signedIn = (page: Page, username: string) => signedInAs(page, username, DEMO_PASSWORD);

async function as(username: string, options: { width?: number; height?: number } = {}) {
  const context = await newContext(e2e, options);
  const page = await context.newPage();
  await signedIn(page, username);
  return { context, page };
}

const main = (page: Page) => page.locator('#main-content');
const header = (page: Page) => page.locator('.sg-page-header');
const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

/** Opens an antd Select by its label and picks the option with this text. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByLabel(label, { exact: true }).click();
  await visibleOptions(page).filter({ hasText: option }).first().click();
}

async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Types a date (or date and time) into a picker and leaves it with Tab: Enter would submit the form around it. */
async function fillDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

/** The confirmation dialog that a consequential form opens; checks what it says, then confirms. */
async function confirmDialog(page: Page, text: string) {
  const dialog = page.locator('.ant-modal-confirm');
  await expect.poll(() => dialog.textContent()).toContain(text);
  await dialog.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Clicks an action button in the page header and confirms it in the dialog that names it. */
async function confirmAction(page: Page, action: string, name: string) {
  await page.getByTestId(`project-action-${action}`).click();
  const dialog = page.locator('.ant-modal-confirm');
  await expect.poll(() => dialog.textContent()).toContain(`确认${name}`);
  await dialog.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'detached' });
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
}

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The scores the evaluator gives, by criterion of the seeded MZ/T 059-2014 template: total 84 (良好). */
const SCORES: Record<string, number> = {
  服务计划执行: 13.5,
  服务对象覆盖: 9,
  服务过程记录: 8.5,
  团队配置与督导: 9,
  制度与档案: 8,
  预算执行: 9,
  // Below 60 % of its weight of 10: raises a rectification task.
  资金使用合规: 5,
  目标达成: 13,
  服务对象满意度: 9,
};

describe('project lifecycle, role by role', () => {
  it('purchaser, agency and evaluator take a project from draft to closed', { timeout: 600_000 }, async () => {
    const contexts: BrowserContext[] = [];
    try {
      // ---- 1. Purchaser: a project through the wizard, submitted and approved (立项) --------------------------
      const buyer = await as('demo-buyer-zumiao');
      contexts.push(buyer.context);
      const page = buyer.page;
      const title = `长者综合服务项目 ${Date.now()}`;
      await page.goto('/console/projects/new');
      await page.getByTestId('project-title').fill(title);
      await choose(page, '资金来源', '镇（街道）财政资金');
      await choose(page, '采购方式', '公开招标');
      await page.getByTestId('project-next').click();
      await page.getByLabel('服务区域', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-tree-treenode')
        .filter({ hasText: '祖庙' })
        .first()
        .locator('.ant-select-tree-checkbox')
        .click();
      await page.keyboard.press('Escape');
      await choose(page, '服务对象', '老年');
      await page.keyboard.press('Escape');
      await page.getByLabel('服务内容', { exact: true }).fill('为辖区高龄、独居长者提供探访、个案管理和社区活动。');
      await page.getByTestId('project-next').click();
      await page.getByTestId('project-budget').fill('480,000');
      await typeDate(page, '服务开始日期', '2027-01-01');
      await typeDate(page, '服务结束日期', '2027-12-31');
      await page.getByTestId('project-save').click();
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/projects\/[0-9a-f-]{36}$/);
      const projectId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const projectUrl = `/console/projects/${projectId}`;
      await expect.poll(() => header(page).textContent()).toContain('草稿');
      await confirmAction(page, 'submit', '提交立项');
      await expect.poll(() => header(page).textContent()).toContain('待立项');
      await confirmAction(page, 'approve', '批准立项');
      await expect.poll(() => header(page).textContent()).toContain('已立项');

      // ---- 2. Purchaser: the call, with a deadline a minute or two ahead ----------------------------------------
      // The header's "发布采购公告" leads to the procurement tab, where the form is.
      await page.getByTestId('project-action-publish_call').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('procurement');
      const form = page.getByTestId('call-form');
      await form.waitFor();
      expect(await page.getByTestId('call-title').inputValue()).toBe(`${title}采购公告`);
      // A deadline in the past is refused before anything is sent.
      await fillDate(page, '投标截止时间', beijingMinute(Date.now() - 60_000));
      await page.getByTestId('call-publish').click();
      await expect.poll(() => form.textContent()).toContain('投标截止时间须晚于当前时间');
      // The next whole minute at least 75 s ahead: time for the agency to bid, then the test waits for it.
      const deadlineMs = Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
      await fillDate(page, '投标截止时间', beijingMinute(deadlineMs));
      await page.getByTestId('call-content').fill('服务内容：长者探访、个案管理、社区活动。\n评审办法：综合评分法。');
      await page.getByTestId('call-publish').click();
      await confirmDialog(page, `${beijingMinute(deadlineMs)}（北京时间）前投标`);
      await expect.poll(() => header(page).textContent()).toContain('采购中');
      const call = page.getByTestId('call');
      await expect.poll(() => call.textContent()).toContain('投标中');
      expect(await page.getByTestId('call-deadline-text').textContent()).toBe(beijingMinute(deadlineMs));
      await expect.poll(() => call.getByTestId('bid-countdown').textContent()).toMatch(/\d{2} 分 \d{2} 秒/);
      // Sealed: the purchasing side sees no bid before the deadline.
      await page.getByTestId('bids-sealed').waitFor();
      await page.screenshot({ path: screenshotPath('lifecycle-call-sealed'), fullPage: true });
      await expectNoAxeViolations(page);

      // ---- 3. Agency: bids with its own workers, withdraws, bids again --------------------------------------------
      const agency = await as('demo-agency');
      contexts.push(agency.context);
      const ap = agency.page;
      await ap.goto(`${projectUrl}?tab=procurement`);
      const myBid = ap.getByTestId('my-bid');
      await ap.getByTestId('bid-form').waitFor();
      await ap.getByTestId('bid-proposal').fill('以个案管理为核心，组建 3 人持证社工团队，每月探访高龄独居长者。');
      // Over the budget: refused on the field.
      await ap.getByTestId('bid-price').fill('480,000.01');
      await ap.getByTestId('bid-submit').click();
      await expect.poll(() => myBid.textContent()).toContain('报价不能超过项目预算 ¥480,000.00');
      await ap.getByTestId('bid-price').fill('450,000.50');
      await ap.getByLabel('项目负责人', { exact: true }).click();
      const leadOption = visibleOptions(ap)
        .filter({ hasText: /（(助理社会工作师|社会工作师|高级社会工作师)）/ })
        .first();
      const leadLabel = (await leadOption.textContent()) ?? '';
      await leadOption.click();
      // The lead's list closes before the members' list opens (both are drawn in the page's body).
      await expect.poll(() => ap.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await ap.getByLabel('团队成员', { exact: true }).click();
      await visibleOptions(ap).nth(0).click();
      await visibleOptions(ap).nth(1).click();
      await ap.keyboard.press('Escape');
      await ap.screenshot({ path: screenshotPath('lifecycle-bid-form'), fullPage: true });
      await ap.getByTestId('bid-submit').click();
      await expect.poll(() => myBid.textContent()).toContain('已投标');
      expect(await ap.getByTestId('bid-price-text').textContent()).toBe('¥450,000.50');
      expect(await myBid.textContent()).toContain(leadLabel);
      // Yuan typed in the form arrive as exact integer fen.
      const ownBids = await callApi<{ sealed: boolean; bids: Array<{ priceFen: number; members: unknown[] }> }>(
        ap,
        'GET',
        `/api/projects/${projectId}/bids`,
      );
      expect(ownBids.json.sealed).toBe(true);
      expect(ownBids.json.bids.map((b) => [b.priceFen, b.members.length])).toEqual([[45_000_050, 2]]);

      await ap.getByTestId('bid-withdraw').click();
      await ap.locator('.ant-modal-confirm .ant-btn-dangerous').click();
      await expect.poll(() => myBid.textContent()).toContain('已撤回');
      await ap.getByTestId('bid-edit').click();
      await ap.getByTestId('bid-price').fill('430000.1');
      await ap.getByTestId('bid-submit').click();
      await expect.poll(() => myBid.textContent()).toContain('已投标');
      expect(await ap.getByTestId('bid-price-text').textContent()).toBe('¥430,000.10');
      await ap.screenshot({ path: screenshotPath('lifecycle-bid'), fullPage: true });
      await expectNoAxeViolations(ap);

      // ---- 4. The deadline passes: the purchaser's page opens the bids by itself --------------------------------
      expect(Date.now()).toBeLessThan(deadlineMs);
      const bidRow = page.getByTestId('bid-row');
      await expect.poll(() => bidRow.count(), { timeout: deadlineMs - Date.now() + 60_000, interval: 1000 }).toBe(1);
      await expect.poll(() => call.textContent()).toContain('已截止');
      const rowText = (await bidRow.textContent()) ?? '';
      expect(rowText).toContain('¥430,000.10');
      expect(rowText).toContain(leadLabel);
      expect(rowText).toContain('3 人');
      // The agency can no longer change its bid.
      await ap.reload();
      await expect.poll(() => myBid.textContent()).toContain('等待购买方评标定标');
      expect(await ap.getByTestId('bid-edit').count()).toBe(0);

      // ---- 5. Purchaser: scores and awards; the contract (≤ 1 year) is signed and published -------------------
      await bidRow.getByTestId('bid-score').click();
      await page.getByTestId('bid-score-input').fill('88.5');
      await page.getByTestId('bid-score-comment').fill('方案完整，团队持证等级较高。');
      await page.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => bidRow.getByTestId('bid-average').textContent()).toBe('88.5');
      expect(await bidRow.textContent()).toContain('祖庙街道购买方（示例）：88.5');
      await page.screenshot({ path: screenshotPath('lifecycle-bids-opened'), fullPage: true });
      await expectNoAxeViolations(page);

      await bidRow.getByTestId('bid-award').click();
      const award = page.getByTestId('award-form');
      await award.waitFor();
      expect(await page.getByTestId('award-amount').inputValue()).toBe('430000.10');
      // 财政部令第102号: a contract of a non-recurring service runs at most one year.
      await fillDate(page, '服务结束日期', '2028-06-30');
      await page.getByTestId('award-submit').click();
      await expect.poll(() => award.textContent()).toContain('服务期限不能超过 1 年，最晚至 2027-12-31');
      await fillDate(page, '服务结束日期', '2027-12-31');
      await page.getByTestId('award-quantityTerms').fill('个案 40 个，小组 8 节，社区活动 12 场。');
      await page
        .getByTestId('award-settlementTerms')
        .fill('签约后付 40%，中期评估合格后付 30%，末期评估合格后付 30%。');
      await page.screenshot({ path: screenshotPath('lifecycle-award'), fullPage: true });
      await page.getByTestId('award-submit').click();
      await confirmDialog(page, '合同金额：¥430,000.10；服务期限：2027-01-01 至 2027-12-31');
      await expect.poll(() => header(page).textContent()).toContain('已签约');
      const contract = page.getByTestId('contract');
      await expect.poll(() => contract.textContent()).toContain('¥430,000.10');
      expect(await contract.textContent()).toContain('2027-01-01 至 2027-12-31');
      await page.getByTestId('contract-published').waitFor();
      await expect.poll(() => call.textContent()).toContain('已定标');

      // ---- 6. Purchaser: service starts, then final review ------------------------------------------------------
      await confirmAction(page, 'start_service', '开始服务');
      await expect.poll(() => header(page).textContent()).toContain('服务中');
      await confirmAction(page, 'request_final_review', '申请末期评估');
      await expect.poll(() => header(page).textContent()).toContain('末期评估');

      // ---- 7. Purchaser: assigns the final evaluation to the demo evaluator ----------------------------------------
      const bp = page;
      await openTab(bp, '评估');
      await bp.getByTestId('evaluation-assign-open').click();
      const preview = bp.getByTestId('template-preview');
      await expect.poll(() => preview.textContent()).toContain('项目实施（35 分）');
      expect(await preview.textContent()).toContain('财务管理（20 分）');
      expect(await preview.textContent()).toContain('优秀 ≥ 90 · 良好 ≥ 80 · 合格 ≥ 60');
      await choose(bp, '评估机构', '佛山衡正社会服务评估中心（示例）');
      await choose(bp, '评估人员', '评估专家（示例）');
      await bp.keyboard.press('Escape');
      const dueOn = beijingDate(Date.now() + 14 * 86_400_000);
      await fillDate(bp, '截止日期', dueOn);
      await bp.screenshot({ path: screenshotPath('lifecycle-assign'), fullPage: true });
      await bp.getByTestId('evaluation-assign-submit').click();
      const evaluations = bp.getByTestId('project-evaluations');
      await expect.poll(() => evaluations.textContent()).toContain('待评分');
      expect(await evaluations.textContent()).toContain('评估专家（示例）');

      // ---- 8. Evaluator, on a phone: finds the task, scores every item, saves a draft, submits ------------------
      const evaluator = await as('demo-evaluator', { width: 375, height: 812 });
      contexts.push(evaluator.context);
      const ep = evaluator.page;
      await ep.getByRole('button', { name: '打开导航菜单' }).click();
      await ep.locator('.ant-drawer').getByText('评估任务', { exact: true }).click();
      await expect.poll(() => new URL(ep.url()).pathname).toBe('/console/evaluations');
      const card = ep.getByTestId('evaluation-row').filter({ hasText: title });
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.textContent()).toContain('末期评估');
      expect(await card.textContent()).toContain(dueOn);
      expect(await overflow(ep)).toBeLessThanOrEqual(0);
      await ep.screenshot({ path: screenshotPath('lifecycle-evaluations-phone'), fullPage: true });
      await expectNoAxeViolations(ep);

      await card.getByTestId('evaluation-open').click();
      await expect.poll(() => new URL(ep.url()).pathname).toMatch(/^\/console\/evaluations\/[0-9a-f-]{36}$/);
      const criteria = ep.getByTestId('criterion');
      await expect.poll(() => criteria.count()).toBe(9);
      for (const dimension of ['implementation', 'management', 'finance', 'outcome'])
        expect(await ep.getByTestId(`dimension-${dimension}`).count()).toBe(1);
      expect(await ep.getByTestId('dimension-implementation').textContent()).toContain('项目实施');
      expect(await overflow(ep)).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(ep);

      const names = await criteria.locator('.sg-criterion-name').allTextContents();
      expect(names.sort()).toEqual(Object.keys(SCORES).sort());
      // A score above the item's weight is held to the weight (服务计划执行 weighs 15).
      const first = criteria.filter({ hasText: '服务计划执行' }).locator('input.ant-input-number-input');
      await first.fill('20');
      await first.blur();
      await expect.poll(() => first.inputValue()).toBe('15.00');
      // The first half now, saved as a draft.
      const entries = Object.entries(SCORES);
      for (const [name, score] of entries.slice(0, 4)) {
        const item = criteria.filter({ hasText: name });
        await item.locator('input.ant-input-number-input').fill(String(score));
        await item.locator('textarea').first().fill(`${name}：现场查阅服务记录。`);
      }
      await expect.poll(() => ep.getByTestId('running-total').textContent()).toBe('当前总分 40 分');
      expect(await ep.getByTestId('running-count').textContent()).toBe('已评 4 / 9 项');
      await ep.getByTestId('evaluation-save').click();
      await expect.poll(() => ep.locator('.ant-message').textContent()).toContain('草稿已保存');
      // Submitting with items unscored is stopped, naming how many.
      await ep.getByTestId('evaluation-submit').click();
      await expect.poll(() => main(ep).textContent()).toContain('还有 5 个评分项未打分');
      // The draft survives a reload.
      await ep.reload();
      await expect.poll(() => ep.getByTestId('running-total').textContent()).toBe('当前总分 40 分');
      for (const [name, score] of entries.slice(4)) {
        const item = criteria.filter({ hasText: name });
        await item.locator('input.ant-input-number-input').fill(String(score));
        await item.locator('textarea').nth(1).fill('查阅台账与票据。');
      }
      await ep.getByTestId('evaluation-summary').fill('项目执行规范，资金使用需加强票据管理。');
      await expect.poll(() => ep.getByTestId('running-total').textContent()).toBe('当前总分 84 分');
      expect(await ep.getByTestId('running-grade').textContent()).toContain('良好');
      expect(await ep.getByTestId('running-count').textContent()).toBe('全部评分项已打分');
      expect(await ep.getByTestId('subtotal-finance').textContent()).toBe('本维度 14 / 20 分');
      expect(await overflow(ep)).toBeLessThanOrEqual(0);
      await ep.screenshot({ path: screenshotPath('lifecycle-scoring-phone'), fullPage: true });
      await expectNoAxeViolations(ep);
      await ep.getByTestId('evaluation-submit').click();
      const confirm = ep.locator('.ant-modal-confirm');
      await expect.poll(() => confirm.textContent()).toContain('总分 84 分，等级：良好');
      await confirm.locator('.ant-btn-primary').click();
      await ep.getByTestId('evaluation-submitted').waitFor();
      expect(await ep.getByTestId('evaluation-submitted').textContent()).toContain('总分 84 分');
      // Read-only now.
      expect(await ep.locator('input.ant-input-number-input').count()).toBe(0);
      expect(await ep.getByTestId('evaluation-save').count()).toBe(0);
      await ep.screenshot({ path: screenshotPath('lifecycle-scored-phone'), fullPage: true });
      await expectNoAxeViolations(ep);

      // ---- 9. Purchaser: the grade is in; closing waits for the rectification ------------------------------------
      await page.reload();
      const tab = page.getByTestId('project-evaluations');
      await expect.poll(() => tab.textContent()).toContain('已提交');
      expect(await tab.textContent()).toContain('良好');
      const task = page.getByTestId('rectification');
      await expect.poll(() => task.count()).toBe(1);
      expect(await task.textContent()).toContain('资金使用合规');
      expect(await task.textContent()).toContain('待整改');
      await page.getByTestId('project-action-close').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect.poll(() => page.locator('.ant-message').textContent()).toContain('还有 1 项整改未验收');
      await expect.poll(() => header(page).textContent()).toContain('末期评估');

      // ---- 10. Agency responds; purchaser accepts and closes ----------------------------------------------------
      await ap.goto(`${projectUrl}?tab=evaluations`);
      await ap.getByTestId('rectification-respond').click();
      await ap.getByTestId('rectification-text').fill('已建立票据台账并由财务专人复核，补齐 3 张缺失票据。');
      await ap.getByRole('dialog').locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => ap.getByTestId('rectification').textContent()).toContain('待验收');

      await page.reload();
      await expect.poll(() => task.textContent()).toContain('待验收');
      expect(await task.textContent()).toContain('已建立票据台账');
      await page.screenshot({ path: screenshotPath('lifecycle-rectification'), fullPage: true });
      await expectNoAxeViolations(page);
      await task.getByTestId('rectification-accept').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect.poll(() => task.textContent()).toContain('已验收');
      await confirmAction(page, 'close', '结项');
      await expect.poll(() => header(page).textContent()).toContain('已结项');
      const closed = await callApi<{
        status: string;
        finalGrade: string;
        finalScore: number;
        contractAmountFen: number;
      }>(page, 'GET', `/api/projects/${projectId}`);
      expect(closed.json).toMatchObject({
        status: 'closed',
        finalGrade: 'good',
        finalScore: 84,
        contractAmountFen: 43_000_010,
      });
    } catch (error) {
      // What each role's browser showed when the journey broke.
      for (const [i, context] of contexts.entries())
        for (const [j, p] of context.pages().entries())
          await p.screenshot({ path: screenshotPath(`lifecycle-failure-${i}-${j}`), fullPage: true }).catch(() => {});
      throw error;
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});
