import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { AGENCY_COLUMNS } from '../server/src/modules/registry/import/agency-import';
import { writeCsv } from '../server/src/platform/spreadsheet';
import { validCreditCode } from '../test/app';
import { axeViolations, type E2E, newContext, screenshotPath, signIn, startE2E } from './browser';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const id = (n: number) => {
  const body = `44060419900${String(100 + n).padStart(3, '0')}12${String(n).padStart(3, '0')}`.slice(0, 17);
  return body + idNumberCheckChar(body);
};

describe('bulk import journey', () => {
  it('an agency manager uploads a roster, reads the report, and imports the valid rows', async () => {
    const header = '姓名,身份证号,手机号,证书等级,证书编号,取得证书日期,专业领域';
    const csv = [
      header,
      `浏览器导入甲,${id(1)},13912340001,助理社会工作师,E2E00000001,2021-03-01,老年`,
      `浏览器导入乙,${id(2)},13912340002,社会工作师,E2E00000002,2022-03-01,儿童、社区`,
      `浏览器导入丙,${id(3).slice(0, 17)}${id(3).endsWith('0') ? '1' : '0'},13912340003,助理社会工作师,E2E00000003,2021-03-01,老年`,
    ].join('\r\n');
    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-agency', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/imports');
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: '社工名册.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
    await expect
      .poll(() => new URL(page.url()).searchParams.get('job'), { timeout: 20_000 })
      .toMatch(/^[0-9a-f-]{36}$/);
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain('身份证号校验位不正确');
    expect(await problems.textContent()).toContain('4');
    await page.screenshot({ path: screenshotPath('import-report'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByTestId('import-commit').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toContain('2');
    await page.screenshot({ path: screenshotPath('import-done'), fullPage: true });

    const latest = await page.evaluate(
      async () => (await (await fetch('/api/workers?sort=updatedAt&order=desc&pageSize=5')).json()).items,
    );
    const names = latest.map((w: { name: string }) => w.name);
    expect(names).toEqual(expect.arrayContaining(['浏览器导入甲', '浏览器导入乙']));
    expect(names).not.toContain('浏览器导入丙');
    await context.close();
  });

  it('a bureau admin chooses the agency kind, reads the report, and imports the valid agency', async () => {
    const agency = (n: number) => ({
      name: `浏览器导入机构${n}社会工作服务中心`,
      // MJ + 7 digits: the demo agencies' codes (MJ + a letter + 5 digits) never collide with these.
      creditCode: validCreditCode(900_000 + n),
      legalForm: '民办非企业单位',
      divisionCode: '440604011',
      registeredOn: '2018-05-01',
      serviceDivisionCodes: '440604011',
      serviceFields: '老年、社区',
      contactName: '王主任',
      contactPhone: '0757-82345678',
    });
    const bad = agency(2);
    bad.creditCode = `${bad.creditCode.slice(0, 17)}${bad.creditCode.endsWith('0') ? '1' : '0'}`;
    const csv = writeCsv(AGENCY_COLUMNS, [agency(1), bad]);

    const context = await newContext(e2e);
    const page = await context.newPage();
    await signIn(page, 'demo-admin', DEMO_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    await page.goto('/console/imports');
    await page.getByRole('heading', { name: '批量导入社工', exact: true }).waitFor();
    await page.getByTestId('import-kind').getByText('社工机构', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('agencies');
    await page.getByRole('heading', { name: '批量导入社工机构' }).waitFor();
    expect(await page.getByText('每行一家机构', { exact: false }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('import-agencies-upload'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({
      name: '机构名录.csv',
      mimeType: 'text/csv',
      buffer: csv,
    });
    await expect
      .poll(() => new URL(page.url()).searchParams.get('job'), { timeout: 20_000 })
      .toMatch(/^[0-9a-f-]{36}$/);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('agencies');
    const problems = page.getByTestId('import-errors');
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain('统一社会信用代码校验位不正确');
    expect(await problems.textContent()).toContain('3');
    await page.screenshot({ path: screenshotPath('import-agencies-report'), fullPage: true });

    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByTestId('import-commit').click();
    expect(await page.locator('.ant-modal-confirm-content').textContent()).toContain('机构名录');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('已导入 1 家机构');

    await result.getByRole('link', { name: '查看社工机构' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/organizations');
    expect(new URL(page.url()).searchParams.get('kind')).toBe('agency');
    await page.getByTestId('agency-export-xlsx').waitFor();
    await page.getByTestId('agency-import').waitFor();
    await page.screenshot({ path: screenshotPath('organizations-agencies'), fullPage: true });
    const found = await page.evaluate(
      async (q) =>
        (await (await fetch(`/api/organizations?kind=agency&q=${encodeURIComponent(q)}`)).json()).items as Array<{
          name: string;
        }>,
      '浏览器导入机构',
    );
    expect(found.map((o) => o.name)).toEqual(['浏览器导入机构1社会工作服务中心']);

    // The directory export and, on the talent pool, the CE records export and import link.
    const [directory] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('agency-export-csv').click(),
    ]);
    expect(directory.suggestedFilename()).toBe('社工机构名录.csv');
    await page.goto('/console/workers');
    const [ceRecords] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ce-export-xlsx').click()]);
    expect(ceRecords.suggestedFilename()).toBe('继续教育记录.xlsx');
    await page.getByTestId('ce-import').click();
    await page.getByRole('heading', { name: '批量导入继续教育记录' }).waitFor();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('ce_records');
    await context.close();
  });
});
