import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
  validIdNumber,
} from '../../../../../test/app';
import { readSheet, writeCsv, writeXlsx } from '../../../platform/spreadsheet';
import { uploadImport, waitForImport } from './import.test-support';
import { WORKER_COLUMNS } from './worker-import';

let t: TestApp;
let admin: Session;
let manager: Session;
let agency: { id: string };
const CREDIT = '52440604MJL12345';

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  agency = await buildAgency(t, '440604012', ['440604012']);
  const { creditCodeCheckChar } = await import('../../../../../contracts/identifiers');
  const code = `${CREDIT}6${creditCodeCheckChar(`${CREDIT}6`)}`;
  await t.deps.db.updateTable('organizations').set({ creditCode: code }).where('id', '=', agency.id).execute();
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
});
afterAll(() => t.close());

function row(n: number, overrides: Record<string, string> = {}) {
  return {
    name: `导入社工${n}`,
    idNumber: validIdNumber(20_000 + n),
    mobile: `136${String(30_000_000 + n).slice(-8)}`,
    divisionCode: '440604012001',
    level: '助理社会工作师',
    certificateNo: `IMP${String(n).padStart(8, '0')}`,
    issuedOn: '2021-05-01',
    registeredFrom: '2024-01-01',
    specialties: '老年、社区',
    languages: '普通话、粤语',
    ...overrides,
  };
}

const upload = (session: Session, bytes: Buffer, name: string, type = 'text/csv') =>
  uploadImport(session, 'workers', bytes, name, type);
const waitFor = waitForImport;

describe('worker import', () => {
  it('offers a template that reads back as zero rows', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/imports/templates/workers?format=xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const parsed = await readSheet(res.rawPayload, WORKER_COLUMNS);
    expect(parsed.rows).toEqual([]);
    expect(parsed.missingRequiredHeaders).toEqual([]);
  });

  it('reports every bad row and column precisely, then imports the good rows only when asked', async () => {
    await admin.inject({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '已登记',
        idNumber: row(5).idNumber,
        credential: { level: 'assistant', certificateNo: 'EXIST0001', issuedOn: '2020-01-01' },
      },
    });
    const rows = [
      row(1),
      row(2, { idNumber: `${row(2).idNumber.slice(0, 17)}${row(2).idNumber.endsWith('0') ? '1' : '0'}` }),
      row(3, { divisionCode: '440604999999' }),
      row(4, { name: '' }),
      row(5),
      row(6, { idNumber: row(1).idNumber }),
      row(7, { level: '心理咨询师', specialties: '占星' }),
      row(8, { mobile: '123' }),
      row(9, { issuedOn: '2021/13/45' }),
      row(10),
    ];
    const res = await upload(admin, writeCsv(WORKER_COLUMNS, rows), '社工名册.csv');
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitFor(admin, res.json().id, ['validated']);
    expect(job).toMatchObject({ totalRows: 10, validRows: 2, invalidRows: 8, fileName: '社工名册.csv' });
    const byRow = (r: number) =>
      job.errors
        .filter((e: { row: number }) => e.row === r)
        .map((e: { column: string; code: string }) => `${e.column}:${e.code}`);
    expect(byRow(3)).toEqual(['身份证号:id_number.check_digit']);
    expect(byRow(4)).toEqual(['服务区划代码:division.unknown']);
    expect(byRow(5)).toEqual(['姓名:required']);
    expect(byRow(6)).toEqual(['身份证号:duplicate_in_database']);
    expect(byRow(7)).toEqual(['身份证号:duplicate_in_file']);
    expect(byRow(8)).toEqual(['证书等级:level.unknown', '专业领域:taxonomy.unknown_term']);
    expect(byRow(9)).toEqual(['手机号:mobile.invalid']);
    expect(byRow(10)).toEqual(['取得证书日期:date.format']);

    const refused = await admin.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      payload: { mode: 'all_or_nothing' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('import.has_errors');
    const before = await t.deps.db
      .selectFrom('workers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const run = await admin.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      payload: { mode: 'valid_rows_only' },
    });
    expect(run.statusCode).toBe(202);
    const done = await waitFor(admin, job.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', importedRows: 2 });
    const after = await t.deps.db
      .selectFrom('workers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(2);
    const imported = (
      await admin.inject({ method: 'GET', url: `/api/workers?q=${encodeURIComponent('导入社工10')}` })
    ).json();
    expect(imported.items[0]).toMatchObject({
      credentialLevel: 'assistant',
      specialties: ['elderly', 'community'],
      languages: ['mandarin', 'cantonese'],
    });
    expect(imported.items[0].compliance.periodTo).toBe('2026-12-31');
    const again = await admin.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      payload: { mode: 'valid_rows_only' },
    });
    expect(again.statusCode).toBe(409);

    const report = await admin.inject({ method: 'GET', url: `/api/imports/${job.id}/report?format=xlsx` });
    expect(report.statusCode).toBe(200);
    expect(report.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('imports all or nothing from xlsx; an agency manager’s rows join their agency', async () => {
    const rows = [row(21, { agencyCreditCode: '' }), row(22)];
    const bytes = await writeXlsx(WORKER_COLUMNS, rows, { sheetName: '社工' });
    const res = await upload(
      manager,
      bytes,
      'workers.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const job = await waitFor(manager, res.json().id, ['validated']);
    expect(job.invalidRows).toBe(0);
    await manager.inject({ method: 'POST', url: `/api/imports/${job.id}/commit`, payload: { mode: 'all_or_nothing' } });
    expect((await waitFor(manager, job.id, ['completed', 'failed'])).importedRows).toBe(2);
    const mine = (await manager.inject({ method: 'GET', url: '/api/workers?pageSize=200' })).json();
    expect(mine.items.map((w: { name: string }) => w.name)).toEqual(
      expect.arrayContaining(['导入社工21', '导入社工22']),
    );
    expect((await admin.inject({ method: 'GET', url: `/api/imports/${job.id}` })).statusCode).toBe(404);
  });

  it('refuses wrong files with a clear 4xx', async () => {
    const pdf = await upload(admin, Buffer.from('%PDF-1.4 junk'), 'x.pdf', 'application/octet-stream');
    expect(pdf.statusCode).toBe(415);
    const noColumns = await upload(admin, Buffer.from('foo,bar\n1,2\n'), 'x.csv');
    expect(noColumns.statusCode).toBe(400);
    expect(['import.missing_columns', 'spreadsheet.no_header']).toContain(noColumns.json().error.code);
    const empty = await upload(admin, Buffer.alloc(0), 'x.csv');
    expect(empty.statusCode).toBe(400);
    const purchaser = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
    expect((await purchaser.inject({ method: 'GET', url: '/api/imports/templates/workers' })).statusCode).toBe(403);
  });

  it('exports the pool masked and within scope', async () => {
    const res = await manager.inject({ method: 'GET', url: '/api/workers/export?format=csv' });
    expect(res.statusCode).toBe(200);
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('导入社工21');
    expect(text).not.toContain(row(21).idNumber);
    expect(text).toMatch(/\d{4}\*{10}[\dX]{4}/);
    expect(text).not.toContain('导入社工10');
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('action', '=', 'worker.export')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
