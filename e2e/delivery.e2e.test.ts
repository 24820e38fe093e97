import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, callApi, type E2E, newContext, screenshotPath, signedIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const suffix = Date.now() % 100_000;
const PHONE = { width: 375, height: 812 };
/** Answers after a save: the lists and counts are read again from the server. */
const WAIT = { timeout: 15_000 };
const COMMUNITY = '440604012001';
/** The smallest valid PNG (1×1 px): the server checks the type against the file's first bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A valid 身份证号 of an elder born in 1950. */
function elderIdNumber(n: number): string {
  const body = `4406041950${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

/** Tomorrow at 10:00 Beijing time. */
function tomorrowAtTen(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const next = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T10:00:00+08:00`;
}

interface Indicator {
  kind: string;
  actual: number;
}

interface Setup {
  projectId: string;
  projectTitle: string;
  agencyName: string;
  workerName: string;
  groupId: string;
  groupName: string;
  recordId: string;
  members: { id: string; name: string }[];
  before: Record<string, number>;
}

async function actuals(page: Page, projectId: string): Promise<Record<string, number>> {
  const res = await callApi<{ indicators: Indicator[] }>(page, 'GET', `/api/projects/${projectId}/indicators`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const out: Record<string, number> = {};
  for (const i of res.json.indicators) out[i.kind] = (out[i.kind] ?? 0) + i.actual;
  return out;
}

/** A beneficiary of the manager's agency who has consented to services (what a visit and group membership need). */
async function registerWithConsent(page: Page, name: string, n: number): Promise<{ id: string; name: string }> {
  const created = await callApi<{ id: string }>(page, 'POST', '/api/beneficiaries', {
    name,
    idNumber: elderIdNumber(suffix * 10 + n),
    divisionCode: COMMUNITY,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const consent = await callApi(page, 'POST', `/api/beneficiaries/${created.json.id}/consents`, {
    purpose: 'service',
    decision: 'given',
    givenBy: 'self',
    evidence: `知情同意书 No.${suffix}-${n}`,
  });
  expect(consent.status, JSON.stringify(consent.json)).toBe(201);
  return { id: created.json.id, name };
}

/**
 * Through the API, as demo-agency (the 祖庙 agency's manager): a group under the agency's in-service project that
 * demo-worker delivers, led by demo-worker, with two members who consented to services, and a session planned for
 * tomorrow with demo-worker as its worker.
 */
async function setUp(): Promise<Setup> {
  const workerContext = await newContext(e2e);
  const workerPage = await workerContext.newPage();
  await signedIn(workerPage, 'demo-worker', DEMO_PASSWORD);
  const worker = await callApi<{ id: string; name: string }>(workerPage, 'GET', '/api/workers/mine');
  expect(worker.status).toBe(200);
  await workerContext.close();

  const context = await newContext(e2e);
  const page = await context.newPage();
  await signedIn(page, 'demo-agency', DEMO_PASSWORD);
  const projects = await callApi<{ items: { id: string; title: string; agencyId: string | null }[] }>(
    page,
    'GET',
    '/api/projects?status=in_service&pageSize=200',
  );
  let project: { id: string; title: string; agencyId: string } | undefined;
  for (const p of projects.json.items) {
    if (!p.agencyId) continue;
    const detail = await callApi<{ team: { workerId: string }[] }>(page, 'GET', `/api/projects/${p.id}`);
    if (detail.json.team?.some((m) => m.workerId === worker.json.id)) {
      project = { id: p.id, title: p.title, agencyId: p.agencyId };
      break;
    }
  }
  expect(project, 'demo-worker delivers one of the agency’s in-service projects').toBeDefined();
  const { id: projectId, agencyId } = project!;
  const me = await callApi<{ memberships: { organizationId: string; organizationName: string; role: string }[] }>(
    page,
    'GET',
    '/api/auth/me',
  );
  const agencyName = me.json.memberships.find((m) => m.organizationId === agencyId)!.organizationName;

  const members: { id: string; name: string }[] = [];
  for (const n of [0, 1]) members.push(await registerWithConsent(page, `小组组员${suffix}${n === 0 ? '甲' : '乙'}`, n));

  const groupName = `长者互助小组${suffix}`;
  const group = await callApi<{ id: string }>(page, 'POST', '/api/groups', {
    agencyId,
    projectId,
    name: groupName,
    groupType: 'support',
    goals: '增进长者之间的互助与联系',
    plannedSessions: 6,
    divisionCode: COMMUNITY,
    leaderWorkerId: worker.json.id,
  });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  const joined = await callApi<{ members: unknown[] }>(page, 'POST', `/api/groups/${group.json.id}/members`, {
    add: members.map((m) => m.id),
  });
  expect(joined.status, JSON.stringify(joined.json)).toBe(200);
  expect(joined.json.members).toHaveLength(2);
  const scheduled = await callApi<{ id: string; status: string }>(page, 'POST', '/api/service-records', {
    kind: 'group_session',
    groupId: group.json.id,
    workerIds: [worker.json.id],
    location: '朝安东社区活动室',
    scheduledAt: tomorrowAtTen(),
  });
  expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(201);
  expect(scheduled.json.status).toBe('scheduled');
  const before = await actuals(page, projectId);
  await context.close();
  return {
    projectId,
    projectTitle: project!.title,
    agencyName,
    workerName: worker.json.name,
    groupId: group.json.id,
    groupName,
    recordId: scheduled.json.id,
    members,
    before,
  };
}

/** Picks an option of an antd Select found by its label. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('service delivery (我的工作台, 服务记录, 小组, 社区活动)', () => {
  it('a worker records a planned group session on a phone; the manager sees it held and records an activity', async () => {
    const setup = await setUp();

    // ---- demo-worker on a phone: 我的工作台 → 登记完成 with one member present ----
    const workerContext = await newContext(e2e, PHONE);
    const worker = await workerContext.newPage();
    await signedIn(worker, 'demo-worker', DEMO_PASSWORD);
    await worker.goto('/console/my-work');
    const item = worker.locator(`[data-testid=upcoming-item][data-record-id="${setup.recordId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain(setup.groupName);
    await worker.getByTestId('my-work-caseload').waitFor();
    await worker.getByTestId('my-work-review').waitFor();
    expect(await overflow(worker)).toBeLessThanOrEqual(0);
    await worker.screenshot({ path: screenshotPath('delivery-my-work-phone'), fullPage: true });
    expect(await axeViolations(worker)).toEqual([]);

    await item.getByTestId('upcoming-complete').click();
    const drawer = worker.getByRole('dialog').filter({ has: worker.getByTestId('complete-form') });
    await drawer.getByTestId('complete-form').waitFor();
    await expect
      .poll(async () => (await drawer.boundingBox())?.width ?? Number.POSITIVE_INFINITY, WAIT)
      .toBeLessThanOrEqual(PHONE.width);
    // Both members are listed for the attendance; one came.
    await drawer.getByLabel(setup.members[1]!.name, { exact: true }).waitFor();
    await drawer.getByLabel(setup.members[0]!.name, { exact: true }).check();
    await drawer.getByLabel('时长（分钟）', { exact: true }).fill('90');
    await drawer.getByLabel('服务内容', { exact: true }).fill('第一节：相互认识，分享日常生活中的困难与互助经验。');
    await worker.screenshot({ path: screenshotPath('delivery-complete-phone') });
    await drawer.getByTestId('complete-submit').click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => item.count(), WAIT).toBe(0);

    // ---- 服务记录: the session is completed; a photo of a member without photo consent is refused ----
    await worker.goto('/console/service-records');
    const table = worker.getByTestId('service-record-table');
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: setup.groupName });
    await row.first().waitFor();
    await expect
      .poll(() => row.first().getByTestId('record-status').getAttribute('data-status'), WAIT)
      .toBe('completed');
    expect(await overflow(worker)).toBeLessThanOrEqual(0);
    expect(await axeViolations(worker)).toEqual([]);

    await row.first().getByTestId('record-open').click();
    const detail = worker.getByTestId('service-record-detail');
    await detail.waitFor();
    await expect
      .poll(() => detail.getByTestId('record-attendees').textContent(), WAIT)
      .toContain(`${setup.members[0]!.name} · 出席`);
    expect(await detail.getByTestId('record-attendees').textContent()).toContain(`${setup.members[1]!.name} · 缺席`);
    await detail.getByLabel('照片中可辨认的服务对象', { exact: true }).click();
    await worker
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: setup.members[0]!.name })
      .click();
    await detail.locator('input[type=file]').setInputFiles({ name: 'session.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => detail.getByTestId('photo-error').textContent(), WAIT).toContain('服务对象未同意');
    await worker.screenshot({ path: screenshotPath('delivery-record-phone') });
    await workerContext.close();

    // ---- demo-agency on a desktop: the group shows one session held ----
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-agency', DEMO_PASSWORD);
    await page.goto(`/console/groups/${setup.groupId}`);
    await expect.poll(() => page.getByTestId('programme-sessions-held').getAttribute('data-value'), WAIT).toBe('1');
    await expect
      .poll(() => page.getByTestId('session-table').locator('tbody tr.ant-table-row').first().textContent(), WAIT)
      .toContain('1/2');
    await page.screenshot({ path: screenshotPath('delivery-group-detail'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // ---- a community activity created in the UI, and a session with a head count of 30 ----
    const activityName = `重阳敬老活动${suffix}`;
    await page.goto('/console/activities');
    await page.getByTestId('programme-table').waitFor();
    await page.getByTestId('programme-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).waitFor();
    // The agency is asked for only when the manager manages several.
    if (await dialog.getByLabel('社工机构', { exact: true }).isVisible())
      await choose(page, dialog, '社工机构', setup.agencyName);
    await dialog.getByLabel('名称', { exact: true }).fill(activityName);
    await dialog.getByLabel('活动主题', { exact: true }).fill('敬老');
    await choose(page, dialog, '所属项目', setup.projectTitle);
    await dialog.getByLabel('所在社区', { exact: true }).click();
    await page.keyboard.type('朝安东');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
      .filter({ hasText: '朝安东社区' })
      .first()
      .click();
    await choose(page, dialog, '负责社工', setup.workerName);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/console\/activities\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: activityName }).waitFor();

    await page.getByTestId('session-record').click();
    const form = page.getByRole('dialog').filter({ has: page.getByTestId('new-record-form') });
    await form.getByTestId('new-record-form').waitFor();
    // The lead worker is the session's worker unless someone else is chosen.
    await expect.poll(() => form.getByTestId('record-workers').textContent(), WAIT).toContain(setup.workerName);
    await form.getByLabel('时长（分钟）', { exact: true }).fill('120');
    await form.getByLabel('参与人数', { exact: true }).fill('30');
    await form.getByLabel('服务内容', { exact: true }).fill('重阳节敬老游园活动，长者与志愿者共同参与。');
    await form.getByTestId('new-record-submit').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('programme-sessions-held').getAttribute('data-value'), WAIT).toBe('1');
    await expect.poll(() => page.getByTestId('programme-participant-total').textContent(), WAIT).toBe('30');

    // ---- the project's indicators moved: 1 group session, 1 activity session, 1 + 30 contacts ----
    const after = await actuals(page, setup.projectId);
    expect(after.groups! - setup.before.groups!).toBe(1);
    expect(after.activities! - setup.before.activities!).toBe(1);
    expect(after.contacts! - setup.before.contacts!).toBe(31);
    await context.close();
  });

  it('a manager creates a group and adds a member; a worker records a home visit on a phone, with a photo', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-agency', DEMO_PASSWORD);
    const visitee = await registerWithConsent(page, `探访长者${suffix}`, 5);
    const joiner = await registerWithConsent(page, `新组员${suffix}`, 6);

    // 新建小组 in the UI, then a member found by name.
    const groupName = `照顾者支持小组${suffix}`;
    await page.goto('/console/groups');
    await page.getByTestId('programme-table').waitFor();
    await page.getByTestId('programme-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(groupName);
    await choose(page, dialog, '小组类型', '支持小组');
    await dialog.getByLabel('计划节数', { exact: true }).fill('8');
    await dialog.getByLabel('所在社区', { exact: true }).click();
    await page.keyboard.type('朝安东');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
      .filter({ hasText: '朝安东社区' })
      .first()
      .click();
    await dialog.getByLabel('带领社工', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/console\/groups\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: groupName }).waitFor();
    const members = page.getByTestId('group-members');
    await members.getByTestId('member-search').click();
    await page.keyboard.type(joiner.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: joiner.name }).click();
    await members.getByTestId('member-add').click();
    await expect.poll(() => members.locator('tbody').textContent(), WAIT).toContain(joiner.name);
    await context.close();

    // 登记探访 on a phone: the beneficiary found by name, the worker themselves, recorded as held today.
    const workerContext = await newContext(e2e, PHONE);
    const worker = await workerContext.newPage();
    await signedIn(worker, 'demo-worker', DEMO_PASSWORD);
    const mine = await callApi<{ name: string }>(worker, 'GET', '/api/workers/mine');
    await worker.goto('/console/service-records');
    await worker.getByTestId('service-record-table').waitFor();
    await worker.getByTestId('visit-new').click();
    const form = worker.getByRole('dialog').filter({ has: worker.getByTestId('new-record-form') });
    await form.getByTestId('new-record-form').waitFor();
    await form.getByLabel('服务对象', { exact: true }).click();
    await worker.keyboard.type(visitee.name);
    await worker
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: visitee.name })
      .click();
    await expect.poll(() => form.getByTestId('record-workers').textContent(), WAIT).toContain(mine.json.name);
    await form.getByLabel('时长（分钟）', { exact: true }).fill('45');
    await form.getByLabel('服务内容', { exact: true }).fill('入户探访，了解长者近况与居家安全。');
    await worker.screenshot({ path: screenshotPath('delivery-visit-phone') });
    await form.getByTestId('new-record-submit').click();
    await form.waitFor({ state: 'detached' });
    const row = worker
      .getByTestId('service-record-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: visitee.name });
    await expect
      .poll(() => row.first().getByTestId('record-status').getAttribute('data-status'), WAIT)
      .toBe('completed');

    // A photo in which no one can be recognised needs no consent; it shows as a thumbnail.
    await row.first().getByTestId('record-open').click();
    const detail = worker.getByTestId('service-record-detail');
    await detail.waitFor();
    await detail.locator('input[type=file]').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: PNG });
    const photo = detail.getByTestId('record-photos').locator('img[alt="visit.png"]');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT).toBe(1);
    await workerContext.close();
  });
});
