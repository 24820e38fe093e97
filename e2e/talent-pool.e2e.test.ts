import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
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

  it('the register form flags a wrong check digit before sending, then registers the worker with a masked ID', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/workers');
    // Not “聘用已登记社工” (hire), which ends with the same words.
    await page.getByRole('button', { name: /(^|\s)登记社工$/ }).click();
    const dialog = page.getByRole('dialog');
    const body = '44060419880808123';
    const id = body + idNumberCheckChar(body);
    const wrong = body + (id.endsWith('0') ? '1' : '0');
    await dialog.getByLabel('姓名').fill('表单登记社工');
    await dialog.locator('#idNumber, [id$="_idNumber"]').first().fill(wrong);
    await dialog.locator('#mobile, [id$="_mobile"]').first().fill('12345');
    await dialog.locator('#mobile, [id$="_mobile"]').first().blur();
    await expect.poll(() => dialog.textContent()).toContain('身份证号校验位不正确');
    await expect.poll(() => dialog.textContent()).toContain('手机');
    await dialog.locator('#idNumber, [id$="_idNumber"]').first().fill(id);
    await dialog.locator('#mobile, [id$="_mobile"]').first().fill('+86 139-1234-5678');
    await expect.poll(() => dialog.textContent()).not.toContain('身份证号校验位不正确');
    await page.screenshot({ path: screenshotPath('register-worker') });
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect
      .poll(async () =>
        page.evaluate(
          async () => (await (await fetch(`/api/workers?q=${encodeURIComponent('表单登记社工')}`)).json()).items,
        ),
      )
      .toEqual([
        expect.objectContaining({
          name: '表单登记社工',
          idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
          mobileMasked: '139****5678',
        }),
      ]);
    await context.close();
  });
});
