import { randomUUID } from 'node:crypto';
import { creditCodeProblem, normalizeContactPhone } from '../../../../../contracts/identifiers';
import { AGENCY_RATINGS, LEGAL_FORM_NAMES, LEGAL_FORMS } from '../../../../../contracts/taxonomy';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { coversDivision, divisionPrefixes } from '../../../platform/scope';
import type { ColumnSpec } from '../../../platform/spreadsheet';
import { shanghaiDate } from '../../../platform/time';
import { recordAudits } from '../../audit/audit.service';
import type { OrganizationTable } from '../organization.table';
import type { ImportRowError } from '../worker.tables';
import type { ImportStrategy } from './import-strategy';
import { duplicatesInFile, findExisting, type RowChecker, type Say } from './row-checks';
import { loadLookups } from './worker-import';

/** The columns of the social-work agency import template. */
export const AGENCY_COLUMNS: ColumnSpec[] = [
  {
    key: 'name',
    header: '机构名称',
    headerEn: 'Name',
    required: true,
    example: '禅城区示例社会工作服务中心',
    width: 30,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    headerEn: 'Credit code',
    aliases: ['信用代码'],
    required: true,
    example: '52440604MJL123456X',
    width: 22,
    note: '18 位，末位为校验码',
  },
  {
    key: 'legalForm',
    header: '法人类型',
    headerEn: 'Legal form',
    required: true,
    example: '民办非企业单位',
    width: 16,
    note: '民办非企业单位 / 社会团体 / 基金会',
  },
  {
    key: 'divisionCode',
    header: '所在区划代码',
    headerEn: 'Division code',
    aliases: ['区划代码'],
    required: true,
    example: '440604012',
    width: 14,
  },
  {
    key: 'registeredOn',
    header: '登记日期',
    headerEn: 'Registered on',
    example: '2015-03-01',
    kind: 'date',
    width: 12,
  },
  {
    key: 'registrationAuthority',
    header: '登记管理机关',
    headerEn: 'Registration authority',
    aliases: ['登记机关'],
    example: '佛山市禅城区民政局',
    width: 20,
  },
  { key: 'rating', header: '评估等级', headerEn: 'Rating', example: '4A', width: 8, note: '1A–5A，未评估留空' },
  { key: 'ratedOn', header: '评估日期', headerEn: 'Rated on', example: '2023-12-01', kind: 'date', width: 12 },
  { key: 'address', header: '地址', headerEn: 'Address', example: '禅城区祖庙路 1 号', width: 30 },
  {
    key: 'serviceDivisionCodes',
    header: '服务区划代码',
    headerEn: 'Service divisions',
    example: '440604012、440604013',
    width: 22,
    note: '多个用顿号分隔',
  },
  { key: 'serviceFields', header: '服务领域', headerEn: 'Service fields', example: '老年、社区', width: 18 },
  { key: 'contactName', header: '联系人', headerEn: 'Contact', example: '李主任', width: 10 },
  {
    key: 'contactPhone',
    header: '联系电话',
    headerEn: 'Contact phone',
    example: '0757-82345678',
    width: 16,
    note: '手机号或带区号的固定电话',
  },
];

const LEGAL_FORM_BY_NAME = new Map<string, OrganizationTable['legalForm'] & string>([
  ...LEGAL_FORMS.map((f) => [f, f] as const),
  ...LEGAL_FORMS.map((f) => [LEGAL_FORM_NAMES[f], f] as const),
  ['民非', 'private_non_enterprise'],
  ['社会服务机构', 'private_non_enterprise'],
]);
const RATING_BY_NAME = new Map<string, (typeof AGENCY_RATINGS)[number]>(
  AGENCY_RATINGS.flatMap((r) => [[r, r] as const, [r.toLowerCase(), r] as const, [`${r[0]}A级`, r] as const]),
);

interface AgencyImportContext {
  divisions: Set<string>;
  specialties: Map<string, string>;
  adminPrefixes: string[];
  today: string;
}

export interface ValidAgencyRow {
  rowNumber: number;
  name: string;
  creditCode: string;
  legalForm: NonNullable<OrganizationTable['legalForm']>;
  divisionCode: string;
  registeredOn: string | null;
  registrationAuthority: string | null;
  rating: OrganizationTable['rating'];
  ratedOn: string | null;
  address: string | null;
  serviceDivisionCodes: string[];
  serviceFields: string[];
  contactName: string | null;
  contactPhone: string | null;
}

async function loadAgencyImportContext(deps: Deps, ctx: AuthedContext): Promise<AgencyImportContext> {
  const lookups = await loadLookups(deps);
  return {
    divisions: lookups.divisions,
    specialties: lookups.specialties,
    adminPrefixes: divisionPrefixes(ctx.actor, ['bureau_admin']),
    today: shanghaiDate(deps.clock.now()),
  };
}

function validateAgencyRow(check: RowChecker, c: AgencyImportContext): ValidAgencyRow | null {
  const name = check.text('name', { required: true, max: 100, min: 2 });
  const creditCode = check.raw('creditCode').toUpperCase();
  if (!creditCode) check.fail('creditCode', 'required', '统一社会信用代码为必填项', 'credit code is required');
  else {
    const problem = creditCodeProblem(creditCode);
    if (problem === 'format')
      check.fail(
        'creditCode',
        'credit_code.format',
        '统一社会信用代码应为 18 位（不含 I、O、Z、S、V）',
        'a credit code has 18 characters (no I, O, Z, S, V)',
      );
    else if (problem)
      check.fail(
        'creditCode',
        'credit_code.check_character',
        '统一社会信用代码校验位不正确',
        'check character is wrong',
      );
  }
  const legalForm = check.choice('legalForm', LEGAL_FORM_BY_NAME, {
    required: true,
    hint: '民办非企业单位/社会团体/基金会',
  });
  const divisionCode = check.division('divisionCode', c.divisions, { required: true });
  if (divisionCode && !coversDivision(c.adminPrefixes, divisionCode))
    check.fail('divisionCode', 'division.out_of_scope', '该区划不在您的管理范围内', 'outside your divisions');
  const registeredOn = check.date('registeredOn', { notAfter: c.today });
  const registrationAuthority = check.text('registrationAuthority', { max: 100 }) || null;
  const rating = check.choice('rating', RATING_BY_NAME, { hint: '1A/2A/3A/4A/5A' });
  const ratedOn = check.date('ratedOn', { notAfter: c.today, ...(registeredOn ? { notBefore: registeredOn } : {}) });
  if (ratedOn && !check.raw('rating'))
    check.fail('rating', 'required', '填写评估日期时须填写评估等级', 'give the rating with its date');
  const address = check.text('address', { max: 200 }) || null;
  const serviceDivisionCodes = check.divisions('serviceDivisionCodes', c.divisions);
  const serviceFields = check.terms('serviceFields', c.specialties);
  const contactName = check.text('contactName', { max: 50 }) || null;
  const rawPhone = check.raw('contactPhone');
  const contactPhone = rawPhone ? normalizeContactPhone(rawPhone) : null;
  if (rawPhone && !contactPhone)
    check.fail(
      'contactPhone',
      'phone.invalid',
      '请填写手机号或带区号的固定电话',
      'use a mobile number or a landline with area code',
    );
  if (!check.ok() || !legalForm || !divisionCode) return null;
  return {
    rowNumber: check.row.rowNumber,
    name,
    creditCode,
    legalForm,
    divisionCode,
    registeredOn,
    registrationAuthority,
    rating,
    ratedOn,
    address,
    serviceDivisionCodes,
    serviceFields,
    contactName,
    contactPhone,
  };
}

async function findAgencyConflicts(deps: Deps, rows: ValidAgencyRow[], say: Say, errors: ImportRowError[]) {
  const bad = duplicatesInFile(
    rows,
    (r) => r.creditCode,
    '统一社会信用代码',
    { zh: '统一社会信用代码', en: 'credit code' },
    say,
    errors,
  );
  for (const n of duplicatesInFile(rows, (r) => r.name, '机构名称', { zh: '机构名称', en: 'name' }, say, errors))
    bad.add(n);
  // Credit codes are unique across every kind of organization; names within agencies.
  const takenCodes = await findExisting(
    rows.map((r) => r.creditCode),
    async (batch) =>
      (await deps.db.selectFrom('organizations').select('creditCode').where('creditCode', 'in', batch).execute()).map(
        (o) => o.creditCode!,
      ),
  );
  const takenNames = await findExisting(
    rows.map((r) => r.name),
    async (batch) =>
      (
        await deps.db
          .selectFrom('organizations')
          .select('name')
          .where('kind', '=', 'agency')
          .where('name', 'in', batch)
          .execute()
      ).map((o) => o.name),
  );
  for (const r of rows) {
    if (takenCodes.has(r.creditCode)) {
      errors.push({
        row: r.rowNumber,
        column: '统一社会信用代码',
        code: 'duplicate_in_database',
        message: say('该统一社会信用代码已登记', 'this credit code is already registered'),
      });
      bad.add(r.rowNumber);
    }
    if (takenNames.has(r.name)) {
      errors.push({
        row: r.rowNumber,
        column: '机构名称',
        code: 'duplicate_in_database',
        message: say('已有同名社工机构', 'an agency with this name exists'),
      });
      bad.add(r.rowNumber);
    }
  }
  return bad;
}

async function writeAgencies(trx: Executor, deps: Deps, ctx: AuthedContext, rows: ValidAgencyRow[], jobId: string) {
  const now = deps.clock.now();
  const chunk = rows.map((r) => ({ id: randomUUID(), r }));
  await trx
    .insertInto('organizations')
    .values(
      chunk.map(({ id, r }) => ({
        id,
        kind: 'agency' as const,
        name: r.name,
        divisionCode: r.divisionCode,
        department: null,
        creditCode: r.creditCode,
        legalForm: r.legalForm,
        registeredOn: r.registeredOn,
        registrationAuthority: r.registrationAuthority,
        rating: r.rating,
        ratedOn: r.ratedOn,
        address: r.address,
        latitude: null,
        longitude: null,
        serviceFields: r.serviceFields,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        verifiedAt: null,
        verifiedBy: null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  const served = chunk.flatMap(({ id, r }) =>
    r.serviceDivisionCodes.map((divisionCode) => ({ organizationId: id, divisionCode })),
  );
  if (served.length > 0) await trx.insertInto('organizationServiceDivisions').values(served).execute();
  await recordAudits(
    trx,
    ctx,
    now,
    chunk.map(({ id, r }) => ({
      action: 'organization.create',
      targetType: 'organization',
      targetId: id,
      divisionCode: r.divisionCode,
      summary: { via: 'import', jobId, row: r.rowNumber, after: { kind: 'agency', name: r.name } },
    })),
  );
}

export const agencyImport: ImportStrategy<ValidAgencyRow, AgencyImportContext> = {
  kind: 'agencies',
  roles: ['bureau_admin'],
  columns: AGENCY_COLUMNS,
  title: '社工机构名录',
  instructions: ['导入的机构为“待核验”状态，请在机构详情中逐一核验登记信息。'],
  table: 'organizations',
  loadContext: loadAgencyImportContext,
  validateRow: validateAgencyRow,
  findConflicts: findAgencyConflicts,
  write: writeAgencies,
};
