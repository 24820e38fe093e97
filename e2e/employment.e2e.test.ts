import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, type E2E, newContext, screenshotPath, signIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** A 1×1 PNG, so the browser really renders the uploaded photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Found {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

/** A worker of the caller's pool with a current agency and no linked account (the demo social worker is kept). */
async function employedWorker(page: Page, skip = 0): Promise<Found> {
  return page.evaluate(async (skipCount) => {
    const list = await (await fetch('/api/workers?pageSize=50&sort=name')).json();
    const found: Found[] = [];
    for (const w of list.items as Found[]) {
      if (!w.agencyId) continue;
      const detail = await (await fetch(`/api/workers/${w.id}`)).json();
      if (detail.userId === null && detail.employment.some((e: { endedOn: string | null }) => e.endedOn === null))
        found.push(w);
      if (found.length > skipCount) break;
    }
    const pick = found[skipCount];
    if (!pick) throw new Error('no employed worker in the demo data');
    return pick;
  }, skip);
}

describe('employment changes and the photo', () => {
  it('an agency manager uploads a photo, ends the employment, and hires the worker again by ID number', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-agency', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/workers');
    await page.getByTestId('worker-table').locator('tbody tr.ant-table-row').first().waitFor();
    const worker = await employedWorker(page);
    // The full ID number, for hiring later (a reveal, with a reason, like a person would).
    const idNumber = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(`/api/workers/${id}/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ field: 'idNumber', reason: '办理重新聘用' }),
      });
      return (await res.json()).value as string;
    }, worker.id);

    await page.goto(`/console/workers/${worker.id}`);
    await page.getByRole('button', { name: '上传照片' }).waitFor();
    await page.locator('.sg-worker-photo input[type=file]').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    const photo = page.getByRole('img', { name: `${worker.name}的照片` });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await page.getByRole('button', { name: '更换照片' }).waitFor();
    await page.screenshot({ path: screenshotPath('worker-photo'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: '从业经历' }).click();
    await page.getByRole('button', { name: '结束聘用' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '结束原因' }).fill('本人辞职');
    await page.screenshot({ path: screenshotPath('end-employment') });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    // The agency no longer sees the worker: back to the list.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/workers');

    await page.getByRole('button', { name: '聘用已登记社工' }).click();
    const hire = page.getByRole('dialog');
    await hire.locator('#hire-worker_idNumber').fill(idNumber);
    await page.screenshot({ path: screenshotPath('hire-worker') });
    await hire.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/workers/${worker.id}`);
    await page.getByRole('tab', { name: '从业经历' }).click();
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('本人辞职');
    await expect.poll(() => page.locator('#main-content').textContent()).toContain('在职');
    await context.close();
  });

  it('the bureau transfers a worker to another agency; the history shows why the old job ended', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/workers');
    await page.getByTestId('worker-table').locator('tbody tr.ant-table-row').first().waitFor();
    const worker = await employedWorker(page, 1);
    const target = await page.evaluate(async (current) => {
      const list = await (await fetch('/api/organizations?kind=agency&pageSize=50')).json();
      return (list.items as Array<{ id: string; name: string; status: string }>).find(
        (o) => o.status === 'active' && o.id !== current,
      );
    }, worker.agencyId);
    if (!target) throw new Error('no other active agency in the demo data');

    await page.goto(`/console/workers/${worker.id}?tab=employment`);
    await page.getByRole('button', { name: '调动机构' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#transfer-worker_agencyId').fill(target.name);
    await page.locator('.ant-select-item-option').filter({ hasText: target.name }).first().click();
    await page.screenshot({ path: screenshotPath('transfer-worker') });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('#main-content').textContent()).toContain(`调动至${target.name}`);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('worker-employment'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const detail = await page.evaluate(async (id) => (await fetch(`/api/workers/${id}`)).json(), worker.id);
    expect(detail.agencyId).toBe(target.id);
    await context.close();
  });
});
