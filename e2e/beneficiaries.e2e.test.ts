import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { validIdNumber } from '../test/app';
import { axeViolations, callApi, type E2E, newContext, screenshotPath, signedIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const FULL_ID = /\d{17}[\dX]/;
const suffix = Date.now() % 100_000;

/** A valid 身份证号 of a child born in 2018 (under 14: a guardian is required). */
function childIdNumber(n: number): string {
  const body = `4406042018${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

const main = (page: Page) => page.locator('#main-content');

async function fillRegisterForm(page: Page, name: string, idNumber: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名', { exact: true }).fill(name);
  await dialog.getByLabel('身份证号', { exact: true }).fill(idNumber);
  await dialog.getByLabel('所在社区', { exact: true }).click();
  await page.keyboard.type('朝安东');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
    .filter({ hasText: '朝安东社区' })
    .first()
    .click();
}

describe('beneficiaries (服务对象)', () => {
  it('an agency manager registers a child with a guardian, finds them, reveals the ID, and records and withdraws consent', async () => {
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-agency', DEMO_PASSWORD);
    await page.goto('/console/beneficiaries');
    await page.getByTestId('beneficiary-table').waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Register: a child's ID number makes the guardian fields appear, and required.
    const name = `测试儿童${suffix}`;
    const idNumber = childIdNumber(suffix);
    await page.getByTestId('beneficiary-register').click();
    const dialog = page.getByRole('dialog');
    await fillRegisterForm(page, name, idNumber);
    await page.getByTestId('beneficiary-guardian-note').waitFor();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => dialog.textContent()).toContain('请填写监护人姓名');
    await page.screenshot({ path: screenshotPath('beneficiary-register') });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('监护人姓名', { exact: true }).fill('测试家长');
    await dialog.getByLabel('与服务对象关系', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '母亲' }).click();
    await dialog.getByLabel('监护人手机号码', { exact: true }).fill('13800138000');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('beneficiary-profile').waitFor();
    await expect.poll(() => main(page).textContent()).toContain(name);

    // Search-first: find them by name in the list.
    await page.goto('/console/beneficiaries');
    await page.getByTestId('beneficiary-search').fill(name);
    await page.getByTestId('beneficiary-search').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(name);
    const table = page.getByTestId('beneficiary-table');
    // Wait for the searched list itself (one row), not the unfiltered page still on screen: clicking a row of the
    // list that is being replaced can land on an element that is gone.
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await expect.poll(() => table.locator('tbody').textContent()).toContain(name);
    expect(await main(page).textContent()).not.toMatch(FULL_ID);
    await table.getByRole('link', { name }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/beneficiaries\/[0-9a-f-]{36}$/);

    // The detail shows the masked ID only; the full one is revealed for a reason.
    await page.getByTestId('beneficiary-profile').waitFor();
    await expect
      .poll(() => main(page).textContent())
      .toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(await main(page).textContent()).not.toMatch(FULL_ID);
    expect(await page.getByTestId('beneficiary-guardian').textContent()).toContain('测试家长');
    await page.getByTestId('consent-service').waitFor();
    await page.screenshot({ path: screenshotPath('beneficiary-detail'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('reveal-idNumber').click();
    const reveal = page.getByRole('dialog');
    await reveal.getByRole('textbox').fill('入户探访前核对信息');
    await reveal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('revealed-idNumber').textContent()).toBe(idNumber);

    // Consent to services, given by the guardian; then withdrawn with a reason.
    expect(await page.getByTestId('consent-service').textContent()).toContain('未征求');
    await page.getByTestId('consent-record-service').click();
    const record = page.getByRole('dialog');
    await record.getByLabel('监护人').check();
    await record.getByLabel('凭证', { exact: true }).fill(`知情同意书 No.${suffix}`);
    await record.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('consent-service').textContent()).toContain('已同意');
    expect(await page.getByTestId('consent-service').textContent()).toContain('监护人');
    await page.getByTestId('consent-withdraw-service').click();
    const withdraw = page.getByRole('dialog');
    await withdraw.getByLabel('撤回原因', { exact: true }).fill('监护人来电撤回');
    await withdraw.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('consent-service').textContent()).toContain('已撤回');
    await expect.poll(() => page.getByTestId('consent-history').textContent()).toContain('监护人来电撤回');

    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const consents = await callApi<{ current: { purpose: string; status: string; record: { givenBy: string } }[] }>(
      page,
      'GET',
      `/api/beneficiaries/${id}/consents`,
    );
    expect(consents.json.current.find((c) => c.purpose === 'service')).toMatchObject({
      status: 'withdrawn',
      record: { givenBy: 'guardian' },
    });
    await context.close();
  });

  it('the bureau sees statistics and looks a person up by ID number with a reason', async () => {
    const staff = await newContext(e2e);
    const staffPage = await staff.newPage();
    await signedIn(staffPage, 'demo-agency', DEMO_PASSWORD);
    const idNumber = validIdNumber(suffix + 7);
    const created = await callApi<{ id: string; name: string }>(staffPage, 'POST', '/api/beneficiaries', {
      name: `查找对象${suffix}`,
      idNumber,
      divisionCode: '440604012001',
    });
    expect(created.status).toBe(201);
    await staff.close();

    const context = await newContext(e2e);
    const page = await context.newPage();
    await signedIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.goto('/console/beneficiaries');
    await expect
      .poll(async () =>
        // The statistic groups thousands (3,012): read the digits.
        Number(
          (
            (await page.locator('[data-testid=beneficiary-stats-total] .ant-statistic-content-value').textContent()) ??
            ''
          ).replace(/\D/g, ''),
        ),
      )
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('beneficiary-stats-division').textContent()).toContain('朝安东社区');
    expect(await page.getByTestId('beneficiary-table').count()).toBe(0);

    const lookup = page.getByTestId('beneficiary-lookup');
    await lookup.getByLabel('身份证号', { exact: true }).fill(idNumber);
    await lookup.getByTestId('beneficiary-lookup-submit').click();
    await expect.poll(() => lookup.textContent()).toContain('请填写查看原因');
    await lookup.getByLabel('查找事由', { exact: true }).fill('核查信访件涉及人员');
    await lookup.getByTestId('beneficiary-lookup-submit').click();
    const result = page.getByTestId('beneficiary-lookup-result');
    await expect.poll(() => result.textContent()).toContain(`查找对象${suffix}`);
    expect(await main(page).textContent()).not.toMatch(FULL_ID);
    await page.screenshot({ path: screenshotPath('beneficiary-bureau'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const audit = await callApi<{ items: { action: string; summary: { reason?: string } }[] }>(
      page,
      'GET',
      '/api/audit?action=beneficiary.lookup',
    );
    expect(audit.json.items[0]?.summary.reason).toBe('核查信访件涉及人员');
    await context.close();
  });

  it('works on a 375 px phone', async () => {
    const context = await newContext(e2e, { width: 375, height: 812 });
    const page = await context.newPage();
    await signedIn(page, 'demo-agency', DEMO_PASSWORD);
    const created = await callApi<{ id: string }>(page, 'POST', '/api/beneficiaries', {
      name: `手机端${suffix}`,
      idNumber: validIdNumber(suffix + 13),
      divisionCode: '440604012001',
    });
    expect(created.status).toBe(201);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto('/console/beneficiaries');
    await page.getByTestId('beneficiary-table').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('beneficiaries-phone'), fullPage: true });

    await page.goto(`/console/beneficiaries/${created.json.id}`);
    await page.getByTestId('beneficiary-consents').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('beneficiary-edit').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('beneficiary-save').waitFor();
    await expect
      .poll(async () => (await drawer.boundingBox())?.width ?? Number.POSITIVE_INFINITY)
      .toBeLessThanOrEqual(375);
    await page.screenshot({ path: screenshotPath('beneficiary-edit-phone') });
    await context.close();
  });
});
