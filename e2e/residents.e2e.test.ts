import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, type E2E, newContext, screenshotPath, signIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const MASKED_ID = /\d{4}\*{10}[\dX]{4}/;
const FULL_ID = /\d{17}[\dX]/;

interface ResidentJson {
  id: string;
  name: string;
  notes: string;
  version: number;
  idNumberMasked: string;
}

/**
 * The n-th resident of the signed-in user's list, read through the browser's own session. Each test takes its own
 * resident so that no test depends on another's changes.
 */
function residentAt(page: Page, n: number): Promise<ResidentJson> {
  return page.evaluate(async (i) => (await (await fetch('/api/residents?pageSize=5')).json()).items[i], n);
}

async function signedIn(page: Page, username: string) {
  await signIn(page, username, DEMO_PASSWORD);
  await page.getByTestId('current-user').waitFor();
}

function getResident(page: Page, id: string): Promise<ResidentJson> {
  return page.evaluate(async (rid) => (await fetch(`/api/residents/${rid}`)).json(), id);
}

describe('resident detail journeys', () => {
  it('community staff open a resident from the list, reveal the ID for a reason, and edit the notes', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-community');
    await page.goto('/console/residents');
    const table = page.getByTestId('resident-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const target = await residentAt(page, 0);
    await page.getByTestId('resident-search').fill(target.name);
    await page.getByTestId('resident-search').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(target.name);
    await expect.poll(() => table.locator('tbody').textContent()).toContain(target.name);

    await table.getByRole('link', { name: target.name }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/residents/${target.id}`);
    const main = page.locator('#main-content');
    await page.getByTestId('resident-profile').waitFor();
    await expect.poll(() => main.textContent()).toMatch(MASKED_ID);
    expect(await main.textContent()).toContain(target.idNumberMasked);
    expect(await main.textContent()).not.toMatch(FULL_ID);
    await page.screenshot({ path: screenshotPath('resident-detail'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Reveal: a reason is required, the full number shows, and the server audits it.
    await page.getByTestId('reveal-idNumber').click();
    const revealDialog = page.getByRole('dialog');
    await revealDialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => revealDialog.textContent()).toContain('请填写查看原因');
    await revealDialog.getByRole('textbox').fill('核对居民登记信息');
    await revealDialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('revealed-idNumber').textContent()).toMatch(/^\d{17}[\dX]$/);
    const revealed = (await page.getByTestId('revealed-idNumber').textContent()) ?? '';
    expect(revealed.slice(0, 4) + '*'.repeat(10) + revealed.slice(-4)).toBe(target.idNumberMasked);

    // Edit the notes in the drawer; the page shows the saved value.
    const notes = `端到端备注：周三下午可参加活动 ${Date.now()}`;
    await page.getByTestId('resident-edit').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('备注').fill(notes);
    await page.screenshot({ path: screenshotPath('resident-edit') });
    expect(await axeViolations(page)).toEqual([]);
    await drawer.getByTestId('resident-save').click();
    await expect.poll(() => page.getByTestId('resident-notes').textContent()).toBe(notes);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await getResident(page, target.id)).toMatchObject({ notes, version: target.version + 1 });
    await context.close();

    // The bureau finds the reveal, with its reason, in the audit log.
    const adminContext = await newContext(e2e);
    const admin = await adminContext.newPage();
    await signedIn(admin, 'demo-admin');
    const audit = await admin.evaluate(
      async (id) => (await (await fetch(`/api/audit?action=resident.reveal&targetId=${id}`)).json()).items,
      target.id,
    );
    expect(audit[0]).toMatchObject({
      action: 'resident.reveal',
      summary: { field: 'idNumber', reason: '核对居民登记信息' },
    });
    await adminContext.close();
  });

  it('a save over someone else’s change is refused with a reload action (409)', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-community');
    const target = await residentAt(page, 1);
    await page.goto(`/console/residents/${target.id}`);
    await page.getByTestId('resident-profile').waitFor();
    await page.getByTestId('resident-edit').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('备注').fill('我的修改');

    // A colleague saves first.
    const colleague = '同事先保存的备注';
    const status = await page.evaluate(
      async ({ id, version, notes }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const res = await fetch(`/api/residents/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ version, notes }),
        });
        return res.status;
      },
      { id: target.id, version: target.version, notes: colleague },
    );
    expect(status).toBe(200);

    await drawer.getByTestId('resident-save').click();
    const stale = page.getByTestId('resident-stale');
    await expect.poll(() => stale.textContent()).toContain('该记录已被他人修改');
    await page.screenshot({ path: screenshotPath('resident-edit-stale') });
    await stale.getByRole('button').click();
    await expect.poll(() => page.getByTestId('resident-stale').count()).toBe(0);
    await expect.poll(() => drawer.getByLabel('备注').inputValue()).toBe(colleague);
    expect(await page.getByTestId('resident-notes').textContent()).toBe(colleague);
    await context.close();
  });

  it('a purchaser reads a record in scope without the edit and reveal actions', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-buyer-zumiao');
    const target = await residentAt(page, 0);
    await page.goto(`/console/residents/${target.id}`);
    const main = page.locator('#main-content');
    await page.getByTestId('resident-profile').waitFor();
    await expect.poll(() => main.textContent()).toContain(target.idNumberMasked);
    expect(await main.textContent()).not.toMatch(FULL_ID);
    expect(await page.getByTestId('resident-edit').count()).toBe(0);
    expect(await page.getByTestId('reveal-idNumber').count()).toBe(0);
    await context.close();
  });

  it('works on a 375 px phone, and an unknown id shows the not-found page', async () => {
    const context = await newContext(e2e, { width: 375, height: 812 });
    const page = await context.newPage();
    await signedIn(page, 'demo-community');
    const target = await residentAt(page, 2);
    await page.goto(`/console/residents/${target.id}`);
    await page.getByTestId('resident-profile').waitFor();
    await expect.poll(() => page.locator('#main-content').textContent()).toContain(target.idNumberMasked);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('resident-detail-phone'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('resident-edit').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('resident-save').waitFor();
    // The drawer takes the whole width of a phone (polled: it slides in).
    await expect
      .poll(async () => (await drawer.boundingBox())?.width ?? Number.POSITIVE_INFINITY)
      .toBeLessThanOrEqual(375);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('resident-edit-phone') });

    await page.goto('/console/residents/00000000-0000-4000-8000-000000000000');
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('404');
    await page.goto('/console/residents/not-an-id');
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('404');
    await context.close();
  });
});
