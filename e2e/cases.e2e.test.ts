import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
import { BARTHEL } from '../contracts/scales';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, callApi, type E2E, newContext, screenshotPath, signedIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const suffix = Date.now() % 100_000;
const PHONE = { width: 375, height: 812 };

/** A valid 身份证号 of an elder born in 1946 (a Barthel assessment is the usual start of elder case work). */
function elderIdNumber(n: number): string {
  const body = `4406041946${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

interface Setup {
  /** demo-agency's page, signed in. */
  agency: Page;
  beneficiaryId: string;
  beneficiaryName: string;
  projectId: string;
  projectTitle: string;
  workerName: string;
  supervisorName: string;
}

interface WorkerRecord {
  id: string;
  name: string;
}

/**
 * Through the API: a beneficiary of the 祖庙 agency (service consent not yet recorded), and the agency's in-service
 * project that demo-worker delivers, with demo-supervisor on its team too (the team is whom a social worker can name
 * as supervisor).
 */
async function setUp(): Promise<Setup> {
  const ids: Record<string, WorkerRecord> = {};
  for (const username of ['demo-worker', 'demo-supervisor']) {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, username, DEMO_PASSWORD);
    const mine = await callApi<WorkerRecord>(page, 'GET', '/api/workers/mine');
    expect(mine.status).toBe(200);
    ids[username] = mine.json;
    await context.close();
  }
  const worker = ids['demo-worker']!;
  const supervisor = ids['demo-supervisor']!;

  const context = await newContext(e2e);
  const page = await context.newPage();
  await signedIn(page, 'demo-agency', DEMO_PASSWORD);
  const me = await callApi<{ memberships: { organizationId: string; role: string }[] }>(page, 'GET', '/api/auth/me');
  const agencyId = me.json.memberships.find((m) => m.role === 'agency_manager')!.organizationId;

  const beneficiaryName = `个案长者${suffix}`;
  const created = await callApi<{ id: string }>(page, 'POST', '/api/beneficiaries', {
    name: beneficiaryName,
    idNumber: elderIdNumber(suffix),
    divisionCode: '440604012001',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const beneficiaryId = created.json.id;

  const projects = await callApi<{ items: { id: string; title: string; agencyId: string | null }[] }>(
    page,
    'GET',
    '/api/projects?status=in_service&pageSize=200',
  );
  type Team = { team: { workerId: string; role: string }[]; leadWorkerId?: string; version: number };
  let project: { id: string; title: string; detail: Team } | undefined;
  for (const p of projects.json.items.filter((item) => item.agencyId === agencyId)) {
    const detail = await callApi<Team>(page, 'GET', `/api/projects/${p.id}`);
    if (detail.json.team.some((m) => m.workerId === worker.id)) {
      project = { id: p.id, title: p.title, detail: detail.json };
      break;
    }
  }
  expect(project, 'demo-worker delivers one of the agency’s in-service projects').toBeDefined();
  if (project && !project.detail.team.some((m) => m.workerId === supervisor.id)) {
    const lead = project.detail.team.find((m) => m.role === 'lead')!.workerId;
    const members = project.detail.team.filter((m) => m.role !== 'lead').map((m) => m.workerId);
    const set = await callApi(page, 'PUT', `/api/projects/${project.id}/team`, {
      leadWorkerId: lead,
      memberWorkerIds: [...members, supervisor.id],
      version: project.detail.version,
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
  }
  return {
    agency: page,
    beneficiaryId,
    beneficiaryName,
    projectId: project!.id,
    projectTitle: project!.title,
    workerName: worker.name,
    supervisorName: supervisor.name,
  };
}

const record = (page: Page, kind: string) => page.locator(`[data-testid=case-record][data-kind=${kind}]`);

/** Picks an option of an antd Select found by its label. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** Types a date into a picker and leaves it with Tab (Enter would submit the form around it). */
async function fillDate(scope: Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

/** The drawer holding the record form. */
const drawer = (page: Page) => page.getByRole('dialog').filter({ has: page.getByTestId('record-form') });

/** Opens the drawer for a new record of the kind, lets `fill` complete it, and submits it for review. */
async function writeAndSubmit(page: Page, kind: string, fill: (form: Locator) => Promise<void>) {
  const before = await record(page, kind).count();
  await page.getByTestId(`record-new-${kind}`).click();
  const form = drawer(page);
  await form.getByTestId('record-form').waitFor();
  await fill(form);
  await form.getByTestId('record-submit').click();
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => record(page, kind).count()).toBe(before + 1);
  await expect.poll(() => record(page, kind).first().getAttribute('data-status')).toBe('submitted');
}

/** The supervisor's page, read again, approves every submitted record of the kind. */
async function approveAll(page: Page, caseUrl: string, kind: string, expected: number) {
  await page.goto(caseUrl);
  await page.getByTestId('case-records').waitFor();
  await expect.poll(() => record(page, kind).locator('[data-testid=record-approve]').count()).toBe(expected);
  for (let i = 0; i < expected; i += 1) {
    await record(page, kind).locator('[data-testid=record-approve]').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('review-comment').fill('同意');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => record(page, kind).locator('[data-testid=record-approve]').count()).toBe(expected - i - 1);
  }
  await expect
    .poll(() => page.locator(`[data-testid=case-record][data-kind=${kind}][data-status=submitted]`).count())
    .toBe(0);
}

/** The worker's page, read again, takes a stage move (confirmed in its dialog) and waits for the new stage. */
async function moveTo(page: Page, caseUrl: string, action: string, stage: string) {
  await page.goto(caseUrl);
  await page.getByTestId(`case-action-${action}`).click();
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.locator('.ant-btn-primary').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('case-steps').getAttribute('data-stage')).toBe(stage);
}

/** The project's indicator actuals by kind, as the agency sees them (GET /api/projects/:id/indicators). */
async function projectActuals(page: Page, projectId: string): Promise<Record<string, number>> {
  const res = await callApi<{ indicators: { kind: string; actual: number }[] }>(
    page,
    'GET',
    `/api/projects/${projectId}/indicators`,
  );
  expect(res.status).toBe(200);
  const out: Record<string, number> = {};
  for (const i of res.json.indicators) out[i.kind] = (out[i.kind] ?? 0) + i.actual;
  return out;
}

describe('cases (个案)', () => {
  it('a worker runs a case from intake to closing on a phone, each stage record approved by the supervisor', async () => {
    const setup = await setUp();
    // The project counts 个案 and 服务人次: opening the case and its approved sessions must move them.
    const before = await projectActuals(setup.agency, setup.projectId);
    expect(Object.keys(before), 'the demo project measures cases and contacts').toEqual(
      expect.arrayContaining(['cases', 'contacts']),
    );
    const workerContext = await newContext(e2e, PHONE);
    const worker = await workerContext.newPage();
    await signedIn(worker, 'demo-worker', DEMO_PASSWORD);
    const supervisorContext = await newContext(e2e);
    const supervisor = await supervisorContext.newPage();
    await signedIn(supervisor, 'demo-supervisor', DEMO_PASSWORD);
    const overflow = () => worker.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    // 开案 from the beneficiary's page: the worker is the case worker, the supervisor one of the agency's workers
    // (those without an account, who could not review the records, are shown but cannot be chosen).
    await worker.goto(`/console/beneficiaries/${setup.beneficiaryId}`);
    await worker.getByTestId('case-open').click();
    const open = worker.getByRole('dialog');
    // The agency's workers loaded (the worker is preset), so the form no longer changes under the pointer.
    await expect.poll(() => open.getByTestId('open-case-worker').textContent()).toContain(setup.workerName);
    await choose(worker, open, '所属项目', setup.projectTitle);
    await expect.poll(() => open.getByTestId('open-case-project').textContent()).toContain(setup.projectTitle);
    await open.getByLabel('督导', { exact: true }).click();
    const withoutAccount = worker
      .locator('.ant-select-dropdown:visible .ant-select-item-option-disabled')
      .filter({ hasText: '无系统账号' });
    await expect.poll(() => withoutAccount.count()).toBeGreaterThan(0);
    // The list is long (and drawn only where it is in view): the supervisor is found by name and taken with Enter,
    // the first one who can be chosen (the list moves as it narrows, a click could miss).
    await worker.keyboard.type(setup.supervisorName);
    await worker
      .locator('.ant-select-dropdown:visible .ant-select-item-option-active')
      .filter({ hasText: setup.supervisorName })
      .waitFor();
    await worker.keyboard.press('Enter');
    await expect.poll(() => open.getByTestId('open-case-supervisor').textContent()).toContain(setup.supervisorName);
    await open.getByLabel('外展发现').check();
    // Without the beneficiary's consent to services the server refuses, and the dialog says why.
    await open.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => open.getByRole('alert').textContent()).toContain('服务对象未同意');
    const consent = await callApi(setup.agency, 'POST', `/api/beneficiaries/${setup.beneficiaryId}/consents`, {
      purpose: 'service',
      decision: 'given',
      givenBy: 'self',
      evidence: `知情同意书 No.${suffix}`,
    });
    expect(consent.status, JSON.stringify(consent.json)).toBe(201);
    await open.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => new URL(worker.url()).pathname).toMatch(/^\/console\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = new URL(worker.url()).pathname;
    const caseId = caseUrl.split('/').pop()!;
    expect(await projectActuals(setup.agency, setup.projectId)).toMatchObject({
      cases: before.cases! + 1,
      contacts: before.contacts,
    });
    await expect.poll(() => worker.getByTestId('case-steps').getAttribute('data-stage')).toBe('intake');
    expect(await worker.getByTestId('case-overview').textContent()).toContain(setup.supervisorName);
    expect(await overflow()).toBeLessThanOrEqual(0);

    // 接案: the intake record, submitted; the supervisor returns it once (a comment is required), then approves.
    await writeAndSubmit(worker, 'intake', async (form) => {
      await form.getByLabel('接案摘要', { exact: true }).fill('独居长者，行动不便，由社区网格员外展发现。');
      const needs = form.getByLabel('需求', { exact: true });
      for (const [i, need] of ['助浴', '陪同就医'].entries()) {
        await needs.fill(need);
        await needs.press('Enter');
        await expect.poll(() => form.locator('.ant-select-selection-item').count()).toBe(i + 1);
      }
      await needs.press('Tab');
    });
    await supervisor.goto(caseUrl);
    await record(supervisor, 'intake').getByTestId('record-return').click();
    const returning = supervisor.getByRole('dialog');
    await returning.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => returning.textContent()).toContain('请填写退回意见');
    await returning.getByTestId('review-comment').fill('请补充家庭支持情况');
    await returning.locator('.ant-modal-footer .ant-btn-primary').click();
    await returning.waitFor({ state: 'detached' });
    await expect.poll(() => record(supervisor, 'intake').getAttribute('data-status')).toBe('returned');

    await worker.goto(caseUrl);
    await expect.poll(() => record(worker, 'intake').textContent()).toContain('请补充家庭支持情况');
    await record(worker, 'intake').getByTestId('record-edit').click();
    const edit = drawer(worker);
    await edit
      .getByLabel('接案摘要', { exact: true })
      .fill('独居长者，行动不便，由社区网格员外展发现；女儿在外地，每月探望一次。');
    await edit.getByTestId('record-submit').click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => record(worker, 'intake').getAttribute('data-status')).toBe('submitted');
    await approveAll(supervisor, caseUrl, 'intake', 1);
    expect(await axeViolations(supervisor)).toEqual([]);

    // 预估: the Barthel index, scored live from the scale's definition.
    await moveTo(worker, caseUrl, 'assess', 'assessment');
    const answers: Record<string, number> = {
      feeding: 10,
      bathing: 0,
      grooming: 5,
      dressing: 5,
      bowels: 10,
      bladder: 10,
      toiletUse: 5,
      transfers: 10,
      mobility: 10,
      stairs: 0,
    };
    const total = Object.values(answers).reduce((a, b) => a + b, 0);
    const band = BARTHEL.bands.find((b) => total >= b.min && total <= b.max)!.name.zh;
    await writeAndSubmit(worker, 'assessment', async (form) => {
      for (const item of BARTHEL.items)
        await form.getByTestId(`scale-item-${item.key}`).getByText(String(answers[item.key]), { exact: true }).click();
      await expect.poll(() => form.getByTestId('scale-total').textContent()).toContain(`总分 ${total} / 100`);
      expect(await form.getByTestId('scale-total').textContent()).toContain(band);
      expect(await axeViolations(worker)).toEqual([]);
    });
    await approveAll(supervisor, caseUrl, 'assessment', 1);
    expect(await record(supervisor, 'assessment').getByTestId('record-scale-total').textContent()).toContain(
      `总分 ${total} / 100`,
    );

    // 计划: one SMART goal.
    await moveTo(worker, caseUrl, 'plan', 'planning');
    await writeAndSubmit(worker, 'plan', async (form) => {
      const goal = form.getByTestId('plan-goal-0');
      await goal.getByLabel('目标', { exact: true }).fill('能在辅助下安全洗澡');
      await goal.getByLabel('衡量方式', { exact: true }).fill('Barthel 指数洗澡项得分');
      await goal.getByLabel('目标值', { exact: true }).fill('5 分');
      await fillDate(goal, '完成期限', '2026-12-31');
    });
    await approveAll(supervisor, caseUrl, 'plan', 1);

    // 介入: two session records, entered on the phone in a full-width drawer.
    await moveTo(worker, caseUrl, 'intervene', 'intervention');
    for (const [minutes, summary] of [
      ['60', '上门评估浴室环境，联系安装扶手。'],
      ['45', '陪同长者练习在扶手辅助下进出浴缸。'],
    ] as const) {
      await writeAndSubmit(worker, 'session', async (form) => {
        await expect
          .poll(async () => (await form.boundingBox())?.width ?? Number.POSITIVE_INFINITY)
          .toBeLessThanOrEqual(PHONE.width);
        await form.getByLabel('时长（分钟）', { exact: true }).fill(minutes);
        await form.getByLabel('服务摘要', { exact: true }).fill(summary);
        if (minutes === '60') await worker.screenshot({ path: screenshotPath('case-session-phone') });
      });
    }
    expect(await overflow()).toBeLessThanOrEqual(0);
    await approveAll(supervisor, caseUrl, 'session', 2);
    // Each approved session is a service record: two more 服务人次.
    expect(await projectActuals(setup.agency, setup.projectId)).toMatchObject({
      cases: before.cases! + 1,
      contacts: before.contacts! + 2,
    });

    // 评估: the plan's goal comes prefilled and is rated; the closing record is written in the same stage.
    await moveTo(worker, caseUrl, 'evaluate', 'evaluation');
    await writeAndSubmit(worker, 'evaluation', async (form) => {
      const goal = form.getByTestId('evaluation-goal-0');
      await expect.poll(() => goal.getByLabel('目标', { exact: true }).inputValue()).toBe('能在辅助下安全洗澡');
      await goal.getByLabel('已达成').check();
      await form.getByLabel('评估总结', { exact: true }).fill('长者已能在扶手辅助下安全洗澡，服务目标达成。');
    });
    await writeAndSubmit(worker, 'closing', async (form) => {
      await choose(worker, form, '结案原因', '服务目标达成');
      await form.getByLabel('结案说明', { exact: true }).fill('转为社区日常关怀。');
    });
    await approveAll(supervisor, caseUrl, 'evaluation', 1);
    await approveAll(supervisor, caseUrl, 'closing', 1);

    // 结案.
    await moveTo(worker, caseUrl, 'close', 'closed');
    await supervisor.goto(caseUrl);
    const steps = supervisor.getByTestId('case-steps');
    await expect.poll(() => steps.getAttribute('data-stage')).toBe('closed');
    expect(await steps.locator('.ant-steps-item-finish').last().textContent()).toContain('结案');
    expect(await steps.locator('.ant-steps-item-process, .ant-steps-item-wait').count()).toBe(0);
    await supervisor.screenshot({ path: screenshotPath('case-closed'), fullPage: true });
    expect(await axeViolations(supervisor)).toEqual([]);

    // 历史: every move, in order.
    await supervisor.getByRole('tab', { name: '历史' }).click();
    const history = supervisor.getByTestId('case-history');
    await expect
      .poll(() =>
        history.getByTestId('case-history-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
      )
      .toEqual(['open', 'assess', 'plan', 'intervene', 'evaluate', 'close']);
    expect(await history.textContent()).toContain(setup.workerName);
    expect(await axeViolations(supervisor)).toEqual([]);

    // An approved record is amended, not edited: the amendment is reviewed, and both stay, linked.
    await worker.goto(caseUrl);
    await record(worker, 'intake').getByTestId('record-amend').click();
    const amend = drawer(worker);
    await expect
      .poll(() => amend.getByLabel('接案摘要', { exact: true }).inputValue())
      .toContain('女儿在外地，每月探望一次。');
    await amend.getByLabel('接案摘要', { exact: true }).fill('独居长者，行动不便；女儿在外地，每周电话联系。');
    await amend.getByTestId('record-submit').click();
    await amend.waitFor({ state: 'detached' });
    await expect.poll(() => record(worker, 'intake').count()).toBe(2);
    await approveAll(supervisor, caseUrl, 'intake', 1);
    const [amending, original] = [record(supervisor, 'intake').first(), record(supervisor, 'intake').last()];
    await expect.poll(() => original.getByTestId('record-amended-by').textContent()).toContain('已被');
    expect(await amending.getByTestId('record-amends').textContent()).toContain('修订自');
    expect(await amending.getAttribute('data-status')).toBe('approved');

    // The case, as the server has it.
    const detail = await callApi<{ stage: string; closingReason: string; projectId: string }>(
      worker,
      'GET',
      `/api/cases/${caseId}`,
    );
    expect(detail.json).toMatchObject({ stage: 'closed', closingReason: 'goals_met', projectId: setup.projectId });

    // The caseload list finds it among the closed cases.
    await worker.goto('/console/cases?stage=closed');
    const table = worker.getByTestId('case-table');
    await expect.poll(() => table.locator('tbody').textContent()).toContain(setup.beneficiaryName);
    await workerContext.close();
    await supervisorContext.close();
    await setup.agency.context().close();
  });
});
