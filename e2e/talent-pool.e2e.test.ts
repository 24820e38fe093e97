import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { axeViolations, type E2E, newContext, screenshotPath, signIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const MASKED_ID = /\d{4}\*{10}[\dX]{4}/;

describe('talent pool journeys', () => {
  it('the bureau searches the pool, opens a worker, sees the ID masked, and reveals it for a reason (audited)', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/workers');
    const table = page.getByTestId('worker-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Search for a worker of the demo pool by name.
    const target = await page.evaluate(
      async () => (await (await fetch('/api/workers?pageSize=1&sort=name')).json()).items[0],
    );
    await page.getByTestId('worker-search').fill(target.name);
    await page.getByTestId('worker-search').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(target.name);
    await expect.poll(() => table.locator('tbody').textContent()).toContain(target.name);
    await page.screenshot({ path: screenshotPath('talent-pool-search'), fullPage: true });

    await table.getByRole('link', { name: target.name }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/console/workers/${target.id}`);
    await expect.poll(() => page.locator('#main-content').textContent()).toMatch(MASKED_ID);
    const body = (await page.locator('#main-content').textContent()) ?? '';
    expect(body).not.toMatch(/\d{17}[\dX]/);
    await page.screenshot({ path: screenshotPath('worker-detail'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('reveal-idNumber').click();
    await page.getByRole('dialog').getByRole('textbox').fill('核对社工登记信息');
    // antd spaces out two-character Chinese labels (查 看): take the dialog's primary button.
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('revealed-idNumber').textContent()).toMatch(/^\d{17}[\dX]$/);
    const audit = await page.evaluate(
      async (id) => (await (await fetch(`/api/audit?action=worker.reveal&targetId=${id}`)).json()).items,
      target.id,
    );
    expect(audit[0]).toMatchObject({
      action: 'worker.reveal',
      summary: { field: 'idNumber', reason: '核对社工登记信息' },
    });
    await context.close();
  });

  it('an agency manager sees only their own agency’s workers', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-agency', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/workers');
    await page.getByTestId('worker-table').locator('tbody tr.ant-table-row').first().waitFor();
    const agencies = await page.evaluate(async () => {
      const list = await (await fetch('/api/workers?pageSize=200')).json();
      return [...new Set(list.items.map((w: { agencyId: string }) => w.agencyId))];
    });
    expect(agencies).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('agency-talent-pool'), fullPage: true });
    await context.close();
  });
});
