import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../contracts/identifiers';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
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
});
