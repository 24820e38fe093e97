import { randomUUID } from 'node:crypto';
import { birthDateOf, genderOf } from '../../../../../contracts/identifiers';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { blindIndex, protectIdentity } from '../../../platform/pii';
import { coversDivision, divisionPrefixes } from '../../../platform/scope';
import type { ColumnSpec } from '../../../platform/spreadsheet';
import { recordAudits } from '../../audit/audit.service';
import { nextVolunteerNos } from '../resident.repository';
import type { ImportRowError } from '../worker.tables';
import type { ImportStrategy } from './import-strategy';
import { duplicatesInFile, findExisting, type RowChecker, type Say } from './row-checks';
import { loadLookups } from './worker-import';

/** The columns of the volunteer import template (residents registered as volunteers). */
export const VOLUNTEER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '黄丽华', width: 10 },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    aliases: ['身份证号码', '证件号码'],
    required: true,
    example: '11010519491231002X',
    width: 22,
  },
  {
    key: 'mobile',
    header: '手机号',
    headerEn: 'Mobile',
    aliases: ['手机号码', '联系电话'],
    example: '13800138000',
    width: 14,
  },
  {
    key: 'divisionCode',
    header: '居住社区代码',
    headerEn: 'Community code',
    aliases: ['居住区划代码', '区划代码'],
    required: true,
    example: '440604012001',
    width: 16,
    note: '社区/村 12 位代码',
  },
  { key: 'skills', header: '技能', headerEn: 'Skills', example: '陪伴探访、维修', width: 20, note: '多个用顿号分隔' },
  {
    key: 'contactConsent',
    header: '同意联系',
    headerEn: 'Consents to contact',
    example: '是',
    width: 10,
    note: '本人同意服务方联系时填“是”，否则填“否”或留空',
  },
  { key: 'notes', header: '备注', headerEn: 'Notes', example: '', width: 24 },
];

interface VolunteerImportContext {
  divisions: Set<string>;
  skills: Map<string, string>;
  /** Divisions where the importer may register residents. */
  prefixes: string[];
  now: Date;
}

export interface ValidVolunteerRow {
  rowNumber: number;
  name: string;
  idNumber: string;
  mobile: string | null;
  divisionCode: string;
  skills: string[];
  contactConsent: boolean;
  notes: string;
}

async function loadVolunteerImportContext(deps: Deps, ctx: AuthedContext): Promise<VolunteerImportContext> {
  const lookups = await loadLookups(deps);
  return {
    divisions: lookups.divisions,
    skills: lookups.skills,
    prefixes: divisionPrefixes(ctx.actor, ['bureau_admin', 'community_staff']),
    now: deps.clock.now(),
  };
}

function validateVolunteerRow(check: RowChecker, c: VolunteerImportContext): ValidVolunteerRow | null {
  const name = check.text('name', { required: true, max: 50 });
  const idNumber = check.idNumber('idNumber', c.now);
  const mobile = check.mobile('mobile');
  const divisionCode = check.division('divisionCode', c.divisions, { required: true, lengths: [12] });
  if (divisionCode && !coversDivision(c.prefixes, divisionCode))
    check.fail('divisionCode', 'division.out_of_scope', '该社区不在您的管理范围内', 'outside your divisions');
  const skills = check.terms('skills', c.skills);
  const contactConsent = check.yesNo('contactConsent');
  const notes = check.raw('notes').slice(0, 1000);
  if (!check.ok() || !idNumber || !divisionCode) return null;
  return { rowNumber: check.row.rowNumber, name, idNumber, mobile, divisionCode, skills, contactConsent, notes };
}

async function findVolunteerConflicts(deps: Deps, rows: ValidVolunteerRow[], say: Say, errors: ImportRowError[]) {
  const bad = duplicatesInFile(rows, (r) => r.idNumber, '身份证号', { zh: '身份证号', en: 'ID number' }, say, errors);
  const indexOf = new Map(rows.map((r) => [blindIndex(deps.pii, 'idNumber', r.idNumber), r]));
  const taken = await findExisting([...indexOf.keys()], async (batch) =>
    (await deps.db.selectFrom('residents').select('idNumberIndex').where('idNumberIndex', 'in', batch).execute()).map(
      (r) => r.idNumberIndex,
    ),
  );
  for (const [index, r] of indexOf) {
    if (!taken.has(index) || bad.has(r.rowNumber)) continue;
    errors.push({
      row: r.rowNumber,
      column: '身份证号',
      code: 'duplicate_in_database',
      message: say(
        '已登记为居民；如需设为志愿者，请在居民详情中修改',
        'already registered as a resident; mark them as a volunteer on their record',
      ),
    });
    bad.add(r.rowNumber);
  }
  return bad;
}

async function writeVolunteers(
  trx: Executor,
  deps: Deps,
  ctx: AuthedContext,
  rows: ValidVolunteerRow[],
  jobId: string,
) {
  const now = deps.clock.now();
  // Volunteer numbers come from the same sequence as one-by-one registration, one per row, in row order.
  const numbers = await nextVolunteerNos(trx, rows.length);
  const chunk = rows.map((r, i) => ({ id: randomUUID(), r, volunteerNo: numbers[i]! }));
  await trx
    .insertInto('residents')
    .values(
      chunk.map(({ id, r, volunteerNo }) => ({
        id,
        name: r.name,
        gender: genderOf(r.idNumber),
        birthDate: birthDateOf(r.idNumber)!.toISOString().slice(0, 10),
        ...protectIdentity(deps.pii, 'resident', r.idNumber, r.mobile),
        divisionCode: r.divisionCode,
        latitude: null,
        longitude: null,
        skills: r.skills,
        isVolunteer: true,
        volunteerNo,
        contactConsent: r.contactConsent,
        contactConsentAt: r.contactConsent ? now : null,
        userId: null,
        notes: r.notes,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  await recordAudits(
    trx,
    ctx,
    now,
    chunk.map(({ id, r, volunteerNo }) => ({
      action: 'resident.create',
      targetType: 'resident',
      targetId: id,
      divisionCode: r.divisionCode,
      summary: {
        via: 'import',
        jobId,
        row: r.rowNumber,
        after: { name: r.name, isVolunteer: true, volunteerNo, contactConsent: r.contactConsent },
      },
    })),
  );
}

export const volunteerImport: ImportStrategy<ValidVolunteerRow, VolunteerImportContext> = {
  kind: 'volunteers',
  roles: ['bureau_admin', 'community_staff'],
  columns: VOLUNTEER_COLUMNS,
  title: '志愿者名册',
  instructions: ['“同意联系”须为本人明确同意；未取得同意的请填“否”。'],
  table: 'residents',
  loadContext: loadVolunteerImportContext,
  validateRow: validateVolunteerRow,
  findConflicts: findVolunteerConflicts,
  write: writeVolunteers,
};
