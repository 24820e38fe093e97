import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
  validCreditCode,
  validIdNumber,
} from '../../../../../test/app';
import { readSheet, writeCsv, writeXlsx } from '../../../platform/spreadsheet';
import { AGENCY_COLUMNS } from './agency-import';
import { CE_COLUMNS } from './ce-import';
import { commitImport, problemsOf, uploadImport, waitForImport } from './import.test-support';
import { VOLUNTEER_COLUMNS } from './volunteer-import';

let t: TestApp;
let admin: Session;
let zumiaoAdmin: Session;
let manager: Session;
let community: Session;
let agency: { id: string };
let otherAgency: { id: string };

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  zumiaoAdmin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604010' });
  agency = await buildAgency(t, '440604012', ['440604012']);
  otherAgency = await buildAgency(t, '440604011', ['440604011']);
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
  community = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604012001' });
});
afterAll(() => t.close());

const count = async (table: 'organizations' | 'ceRecords' | 'residents') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('agency import', () => {
  const agencyRow = (n: number, overrides: Record<string, string> = {}) => ({
    name: `导入机构${n}社会工作服务中心`,
    creditCode: validCreditCode(1000 + n),
    legalForm: '民办非企业单位',
    divisionCode: '440604011',
    registeredOn: '2016-04-01',
    registrationAuthority: '佛山市禅城区民政局',
    rating: '4A',
    ratedOn: '2024-12-01',
    address: '禅城区某路 1 号',
    serviceDivisionCodes: '440604011、440604012',
    serviceFields: '老年、社区',
    contactName: '李主任',
    contactPhone: '0757-82345678',
    ...overrides,
  });

  it('gives a template per kind with its own headers, and only to the roles that may import it', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/imports/templates/agencies?format=xlsx' });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('社工机构名录导入模板.xlsx');
    const parsed = await readSheet(res.rawPayload, AGENCY_COLUMNS);
    expect(parsed.missingRequiredHeaders).toEqual([]);
    expect(parsed.rows).toEqual([]);
    expect((await manager.inject({ method: 'GET', url: '/api/imports/templates/agencies' })).statusCode).toBe(403);
    expect((await manager.inject({ method: 'GET', url: '/api/imports/templates/ce_records' })).statusCode).toBe(200);
    expect((await community.inject({ method: 'GET', url: '/api/imports/templates/volunteers' })).statusCode).toBe(200);
    expect((await community.inject({ method: 'GET', url: '/api/imports/templates/workers' })).statusCode).toBe(403);
    expect((await admin.inject({ method: 'GET', url: '/api/imports/templates/cats' })).statusCode).toBe(400);
  });

  it('checks credit codes, legal forms, ratings, divisions and duplicates, then imports the valid rows', async () => {
    const bad = agencyRow(2);
    const rows = [
      agencyRow(1),
      { ...bad, creditCode: `${bad.creditCode.slice(0, 17)}${bad.creditCode.endsWith('0') ? '1' : '0'}` },
      agencyRow(3, { legalForm: '有限公司', rating: '6A' }),
      agencyRow(4, { divisionCode: '440604999', serviceDivisionCodes: '440604012、999' }),
      agencyRow(5, { creditCode: agencyRow(1).creditCode }),
      agencyRow(6, { contactPhone: '12345', ratedOn: '2010-01-01' }),
      agencyRow(7, { name: '', serviceFields: '占星' }),
      agencyRow(8),
    ];
    const res = await uploadImport(admin, 'agencies', writeCsv(AGENCY_COLUMNS, rows), '机构.csv');
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForImport(admin, res.json().id, ['validated']);
    expect(job).toMatchObject({ kind: 'agencies', totalRows: 8, validRows: 2, invalidRows: 6 });
    expect(problemsOf(job, 3)).toEqual(['统一社会信用代码:credit_code.check_character']);
    expect(problemsOf(job, 4)).toEqual(['法人类型:legalForm.unknown', '评估等级:rating.unknown']);
    expect(problemsOf(job, 5)).toEqual(['所在区划代码:division.unknown', '服务区划代码:division.unknown']);
    expect(problemsOf(job, 6)).toEqual(['统一社会信用代码:duplicate_in_file']);
    expect(problemsOf(job, 7)).toEqual(['评估日期:date.order', '联系电话:phone.invalid']);
    expect(problemsOf(job, 8)).toEqual(['机构名称:required', '服务领域:taxonomy.unknown_term']);

    const before = await count('organizations');
    const done = await commitImport(admin, job.id, 'valid_rows_only');
    expect(done).toMatchObject({ status: 'completed', importedRows: 2 });
    expect((await count('organizations')) - before).toBe(2);
    const list = (
      await admin.inject({ method: 'GET', url: `/api/organizations?kind=agency&q=${encodeURIComponent('导入机构8')}` })
    ).json();
    expect(list.items).toHaveLength(1);
    const detail = (await admin.inject({ method: 'GET', url: `/api/organizations/${list.items[0].id}` })).json();
    expect(detail).toMatchObject({
      legalForm: 'private_non_enterprise',
      rating: '4A',
      verificationStatus: 'unverified',
      serviceFields: ['elderly', 'community'],
    });
    expect([...detail.serviceDivisionCodes].sort()).toEqual(['440604011', '440604012']);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('summary')
      .where('action', '=', 'organization.create')
      .where('targetId', '=', detail.id)
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ via: 'import', jobId: job.id, row: 9 });

    // Importing the same file again: every row is now a duplicate in the database.
    const again = await uploadImport(admin, 'agencies', writeCsv(AGENCY_COLUMNS, [rows[0]!]), '机构.csv');
    const second = await waitForImport(admin, again.json().id, ['validated']);
    expect(problemsOf(second, 2)).toEqual(['统一社会信用代码:duplicate_in_database', '机构名称:duplicate_in_database']);
  });

  it('keeps a narrower admin to their own divisions', async () => {
    const res = await uploadImport(zumiaoAdmin, 'agencies', writeCsv(AGENCY_COLUMNS, [agencyRow(20)]), 'a.csv');
    const job = await waitForImport(zumiaoAdmin, res.json().id, ['validated']);
    expect(problemsOf(job, 2)).toEqual(['所在区划代码:division.out_of_scope']);
  });
});

describe('continuing-education import', () => {
  let workerIdNumber: string;
  let workerId: string;

  beforeAll(async () => {
    workerIdNumber = validIdNumber(71_001);
    const created = await manager.inject({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '继教社工',
        idNumber: workerIdNumber,
        credential: { level: 'assistant', certificateNo: 'CEIMP0001', issuedOn: '2020-01-01' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    workerId = created.json().id;
    const reg = await admin.inject({
      method: 'POST',
      url: `/api/workers/${workerId}/registrations`,
      payload: { validFrom: '2024-01-01' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    // A worker of another agency: the manager must not reach them.
    const other = await admin.inject({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '别家社工',
        idNumber: validIdNumber(71_002),
        agencyId: otherAgency.id,
        credential: { level: 'intermediate', certificateNo: 'CEIMP0002', issuedOn: '2020-01-01' },
      },
    });
    expect(other.statusCode, other.body).toBe(201);
  });

  const ceRow = (overrides: Record<string, string> = {}) => ({
    idNumber: workerIdNumber,
    name: '继教社工',
    course: '老年社会工作实务',
    provider: '佛山市社会工作协会',
    hours: '6',
    completedOn: '2025-05-20',
    evidence: '结业证书 2025-0012',
    ...overrides,
  });

  it('finds workers by ID number or certificate, in scope only, and adds the hours to the period', async () => {
    const rows = [
      ceRow(),
      ceRow({ idNumber: '', certificateNo: 'CEIMP0001', course: '督导技巧', hours: '12.5' }),
      ceRow({ idNumber: validIdNumber(71_002), name: '别家社工' }),
      ceRow({ idNumber: '', certificateNo: '' }),
      ceRow({ name: '张冠李戴', course: '另一门课' }),
      ceRow({ hours: '0.2', course: '短课' }),
      ceRow({ hours: '3.55', course: '小数课' }),
      ceRow({ completedOn: '2099-01-01', course: '未来课' }),
      ceRow(),
    ];
    const bytes = await writeXlsx(CE_COLUMNS, rows, { sheetName: '继续教育' });
    const res = await uploadImport(
      manager,
      'ce_records',
      bytes,
      'ce.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForImport(manager, res.json().id, ['validated']);
    expect(problemsOf(job, 4)).toEqual(['身份证号:worker.unknown']);
    expect(problemsOf(job, 5)).toEqual(['身份证号:required']);
    expect(problemsOf(job, 6)).toEqual(['姓名:worker.name_mismatch']);
    expect(problemsOf(job, 7)).toEqual(['学时:number.range']);
    expect(problemsOf(job, 8)).toEqual(['学时:number.format']);
    expect(problemsOf(job, 9)).toEqual(['完成日期:date.future']);
    expect(problemsOf(job, 10)).toEqual(['课程名称:duplicate_in_file']);
    expect(job).toMatchObject({ validRows: 2, invalidRows: 7 });

    const refused = await manager.inject({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      payload: { mode: 'all_or_nothing' },
    });
    expect(refused.json().error.code).toBe('import.has_errors');
    expect(await commitImport(manager, job.id, 'valid_rows_only')).toMatchObject({ importedRows: 2 });
    const worker = (await manager.inject({ method: 'GET', url: `/api/workers/${workerId}` })).json();
    expect(worker.ceRecords).toHaveLength(2);
    expect(worker.compliance.completedHours).toBe(18.5);

    const again = await uploadImport(manager, 'ce_records', writeCsv(CE_COLUMNS, [ceRow()]), 'ce.csv');
    const second = await waitForImport(manager, again.json().id, ['validated']);
    expect(problemsOf(second, 2)).toEqual(['课程名称:duplicate_in_database']);
  });
});

describe('volunteer import', () => {
  const volunteerRow = (n: number, overrides: Record<string, string> = {}) => ({
    name: `志愿者${n}`,
    idNumber: validIdNumber(81_000 + n, { female: n % 2 === 0 }),
    mobile: `139${String(10_000_000 + n).slice(-8)}`,
    divisionCode: '440604012001',
    skills: '陪伴探访、理发',
    contactConsent: '是',
    notes: '',
    ...overrides,
  });

  it('registers volunteers with numbers, consent and encrypted identifiers, in the staff member’s community', async () => {
    const rows = [
      volunteerRow(1),
      volunteerRow(2, { contactConsent: '否' }),
      volunteerRow(3, { divisionCode: '440604012' }),
      volunteerRow(4, { divisionCode: '440604011001' }),
      volunteerRow(5, { contactConsent: '也许', skills: '算命' }),
      volunteerRow(6, { idNumber: volunteerRow(1).idNumber }),
      volunteerRow(7, { mobile: '12345678901' }),
    ];
    const res = await uploadImport(community, 'volunteers', writeCsv(VOLUNTEER_COLUMNS, rows), '志愿者.csv');
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitForImport(community, res.json().id, ['validated']);
    expect(problemsOf(job, 4)).toEqual(['居住社区代码:division.level']);
    expect(problemsOf(job, 5)).toEqual(['居住社区代码:division.out_of_scope']);
    expect(problemsOf(job, 6)).toEqual(['技能:taxonomy.unknown_term', '同意联系:boolean']);
    expect(problemsOf(job, 7)).toEqual(['身份证号:duplicate_in_file']);
    expect(problemsOf(job, 8)).toEqual(['手机号:mobile.invalid']);

    const before = await count('residents');
    expect(await commitImport(community, job.id, 'valid_rows_only')).toMatchObject({ importedRows: 2 });
    expect((await count('residents')) - before).toBe(2);
    const list = (
      await community.inject({ method: 'GET', url: `/api/residents?q=${encodeURIComponent('志愿者')}&volunteer=true` })
    ).json();
    const byName = new Map(list.items.map((r: { name: string }) => [r.name, r]));
    expect(byName.get('志愿者1')).toMatchObject({
      isVolunteer: true,
      contactConsent: true,
      skills: ['companionship', 'haircut'],
    });
    expect(byName.get('志愿者2')).toMatchObject({ contactConsent: false });
    expect((byName.get('志愿者1') as { volunteerNo: string }).volunteerNo).toMatch(/^V440604-\d{6}$/);
    const raw = await t.deps.db
      .selectFrom('residents')
      .select(['idNumberEnc', 'idNumberMasked', 'mobileEnc'])
      .where('name', '=', '志愿者1')
      .executeTakeFirstOrThrow();
    expect(raw.idNumberEnc).not.toContain(volunteerRow(1).idNumber);
    expect(raw.mobileEnc).not.toContain(volunteerRow(1).mobile);
    expect(raw.idNumberMasked).not.toBe(volunteerRow(1).idNumber);

    const again = await uploadImport(community, 'volunteers', writeCsv(VOLUNTEER_COLUMNS, [volunteerRow(1)]), 'v.csv');
    const second = await waitForImport(community, again.json().id, ['validated']);
    expect(problemsOf(second, 2)).toEqual(['身份证号:duplicate_in_database']);
  });

  it('imports nothing at all when all-or-nothing meets a row that became invalid since the dry run', async () => {
    const rows = [volunteerRow(31), volunteerRow(32)];
    const res = await uploadImport(community, 'volunteers', writeCsv(VOLUNTEER_COLUMNS, rows), 'v.csv');
    const job = await waitForImport(community, res.json().id, ['validated']);
    expect(job.invalidRows).toBe(0);
    // Someone registers row 32's person in between.
    const direct = await community.inject({
      method: 'POST',
      url: '/api/residents',
      payload: { name: '志愿者32', idNumber: rows[1]!.idNumber, divisionCode: '440604012001' },
    });
    expect(direct.statusCode, direct.body).toBe(201);
    const before = await count('residents');
    const after = await commitImport(community, job.id, 'all_or_nothing');
    expect(after).toMatchObject({ status: 'validated', invalidRows: 1 });
    expect(await count('residents')).toBe(before);
  });
});

describe('exports', () => {
  it('exports agencies with the import columns, so the file reads back through the import', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/organizations/export?format=xlsx' });
    expect(res.statusCode, res.body).toBe(200);
    const parsed = await readSheet(res.rawPayload, AGENCY_COLUMNS);
    expect(parsed.missingRequiredHeaders).toEqual([]);
    const imported = parsed.rows.find((r) => r.values.name === '导入机构8社会工作服务中心');
    expect(imported?.values).toMatchObject({
      legalForm: '民办非企业单位',
      rating: '4A',
      creditCode: validCreditCode(1008),
    });
    expect((await manager.inject({ method: 'GET', url: '/api/organizations/export' })).statusCode).toBe(403);
  });

  it('exports CE records and volunteers masked, within scope, and audits each export', async () => {
    const ce = await manager.inject({ method: 'GET', url: '/api/workers/ce-records/export?format=csv' });
    expect(ce.statusCode, ce.body).toBe(200);
    const ceText = ce.rawPayload.toString('utf8');
    expect(ceText).toContain('督导技巧');
    expect(ceText).not.toContain(validIdNumber(71_001));
    expect(ceText).toMatch(/\d{4}\*{10}[\dX]{4}/);

    const volunteers = await community.inject({
      method: 'GET',
      url: '/api/residents/export?volunteer=true&format=csv',
    });
    expect(volunteers.statusCode, volunteers.body).toBe(200);
    expect(decodeURIComponent(String(volunteers.headers['content-disposition']))).toContain('志愿者名册.csv');
    const text = volunteers.rawPayload.toString('utf8');
    expect(text).toContain('志愿者1');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);

    // Another community's staff sees none of them.
    const elsewhere = await signInAs(t, 'community_staff', { kind: 'community', divisionCode: '440604011001' });
    const theirs = await elsewhere.inject({ method: 'GET', url: '/api/residents/export?format=csv' });
    expect(theirs.rawPayload.toString('utf8')).not.toContain('志愿者1');

    const actions = (
      await t.deps.db
        .selectFrom('auditEvents')
        .select('action')
        .where('action', 'in', ['organization.export', 'worker.ce_export', 'resident.export'])
        .execute()
    ).map((a) => a.action);
    expect(new Set(actions)).toEqual(new Set(['organization.export', 'worker.ce_export', 'resident.export']));
  });
});
