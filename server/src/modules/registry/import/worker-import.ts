import { randomUUID } from 'node:crypto';
import { birthDateOf, genderOf } from '../../../../../contracts/identifiers';
import { CREDENTIAL_LEVEL_NAMES, CREDENTIAL_LEVELS, type CredentialLevel } from '../../../../../contracts/taxonomy';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { blindIndex, protectIdentity } from '../../../platform/pii';
import { divisionPrefixes } from '../../../platform/scope';
import type { ColumnSpec } from '../../../platform/spreadsheet';
import { shanghaiDate } from '../../../platform/time';
import { recordAudits } from '../../audit/audit.service';
import { currentPeriod, minutesInPeriod, registrationEnd, requiredMinutes } from '../compliance';
import { workerSearchDocument } from '../worker.search';
import type { ImportRowError } from '../worker.tables';
import type { ImportStrategy } from './import-strategy';
import { duplicatesInFile, findExisting, type RowChecker, type Say, termLookup } from './row-checks';

/** The columns of the social-worker import template (zh-CN headers; English and common aliases accepted). */
export const WORKER_COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '陈小明', width: 10 },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    aliases: ['身份证号码', '证件号码'],
    required: true,
    example: '11010519491231002X',
    width: 22,
    note: '18 位居民身份证号，末位可为 X',
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
    key: 'agencyCreditCode',
    header: '所属机构统一社会信用代码',
    headerEn: 'Agency credit code',
    aliases: ['机构统一社会信用代码'],
    example: '',
    width: 24,
    note: '机构管理员导入时可留空，默认为本机构',
  },
  {
    key: 'divisionCode',
    header: '服务区划代码',
    headerEn: 'Division code',
    aliases: ['区划代码'],
    example: '440604012001',
    width: 16,
    note: '街道 9 位或社区 12 位代码',
  },
  {
    key: 'level',
    header: '证书等级',
    headerEn: 'Credential level',
    required: true,
    example: '助理社会工作师',
    width: 16,
    note: '助理社会工作师 / 社会工作师 / 高级社会工作师',
  },
  {
    key: 'certificateNo',
    header: '证书编号',
    headerEn: 'Certificate number',
    required: true,
    example: 'ZL2020000123',
    width: 18,
  },
  {
    key: 'issuedOn',
    header: '取得证书日期',
    headerEn: 'Issued on',
    aliases: ['发证日期'],
    required: true,
    example: '2020-06-01',
    kind: 'date',
    width: 14,
  },
  {
    key: 'registeredFrom',
    header: '登记有效期起',
    headerEn: 'Registration from',
    example: '2024-01-01',
    kind: 'date',
    width: 14,
    note: '填写后自动生成 3 年登记期',
  },
  {
    key: 'specialties',
    header: '专业领域',
    headerEn: 'Specialties',
    example: '老年、社区',
    width: 18,
    note: '多个用顿号或逗号分隔',
  },
  { key: 'languages', header: '语言', headerEn: 'Languages', example: '普通话、粤语', width: 14 },
  { key: 'notes', header: '备注', headerEn: 'Notes', example: '', width: 24 },
];

export const LEVEL_BY_NAME = new Map<string, CredentialLevel>([
  ...CREDENTIAL_LEVELS.map((l) => [l, l] as const),
  ...CREDENTIAL_LEVELS.map((l) => [CREDENTIAL_LEVEL_NAMES[l].zh, l] as const),
  ['助理社工师', 'assistant'],
  ['中级社会工作师', 'intermediate'],
]);

export interface WorkerImportContext {
  divisions: Set<string>;
  /** zh/en names and codes of active terms → code. */
  specialties: Map<string, string>;
  languages: Map<string, string>;
  /** Agencies the importer may add workers to, by credit code. */
  agenciesByCode: Map<string, string>;
  /** Default agency (an agency manager's own). */
  defaultAgencyId: string | null;
  today: string;
  now: Date;
}

/** Active agencies the caller may import into: an agency manager's own, or any in a bureau admin's divisions. */
export async function importableAgencies(deps: Deps, ctx: AuthedContext) {
  const agencies = await deps.db
    .selectFrom('organizations')
    .select(['id', 'creditCode', 'divisionCode'])
    .where('kind', '=', 'agency')
    .where('status', '=', 'active')
    .execute();
  const managed = ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId);
  const adminPrefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  const allowed = agencies.filter(
    (a) => managed.includes(a.id) || adminPrefixes.some((p) => a.divisionCode.startsWith(p)),
  );
  return { allowed, managed };
}

/** Division codes and active taxonomy terms, the lookups every registry import needs. */
export async function loadLookups(deps: Deps) {
  const [divisions, terms] = await Promise.all([
    deps.db.selectFrom('divisions').select('code').execute(),
    deps.db.selectFrom('taxonomyTerms').selectAll().where('active', '=', true).execute(),
  ]);
  const scheme = (s: string) => termLookup(terms.filter((t) => t.scheme === s));
  return {
    divisions: new Set(divisions.map((d) => d.code)),
    specialties: scheme('specialty'),
    languages: scheme('language'),
    skills: scheme('skill'),
  };
}

async function loadWorkerImportContext(deps: Deps, ctx: AuthedContext): Promise<WorkerImportContext> {
  const [lookups, { allowed, managed }] = await Promise.all([loadLookups(deps), importableAgencies(deps, ctx)]);
  const now = deps.clock.now();
  return {
    divisions: lookups.divisions,
    specialties: lookups.specialties,
    languages: lookups.languages,
    agenciesByCode: new Map(allowed.filter((a) => a.creditCode).map((a) => [a.creditCode!, a.id])),
    defaultAgencyId: managed[0] ?? null,
    today: shanghaiDate(now),
    now,
  };
}

export interface ValidWorkerRow {
  rowNumber: number;
  name: string;
  idNumber: string;
  mobile: string | null;
  agencyId: string | null;
  divisionCode: string | null;
  level: CredentialLevel;
  certificateNo: string;
  issuedOn: string;
  registeredFrom: string | null;
  specialties: string[];
  languages: string[];
  notes: string;
}

/** Checks one row; its problems are recorded against the zh header of their column. */
function validateWorkerRow(check: RowChecker, c: WorkerImportContext): ValidWorkerRow | null {
  const name = check.text('name', { required: true, max: 50 });
  const idNumber = check.idNumber('idNumber', c.now);
  const mobile = check.mobile('mobile');
  let agencyId: string | null = c.defaultAgencyId;
  const creditCode = check.raw('agencyCreditCode').toUpperCase();
  if (creditCode) {
    agencyId = c.agenciesByCode.get(creditCode) ?? null;
    if (!agencyId)
      check.fail(
        'agencyCreditCode',
        'agency.unknown',
        '找不到该信用代码的社工机构（或不在您的范围内）',
        'no agency with this code in your scope',
      );
  }
  const divisionCode = check.division('divisionCode', c.divisions);
  const level = check.choice('level', LEVEL_BY_NAME, {
    required: true,
    hint: '助理社会工作师/社会工作师/高级社会工作师',
  });
  const certificateNo = check.text('certificateNo', { required: true, max: 40, min: 4 });
  const issuedOn = check.date('issuedOn', { required: true, notAfter: c.today });
  const registeredFrom = check.date('registeredFrom', issuedOn ? { notBefore: issuedOn } : {});
  const specialties = check.terms('specialties', c.specialties);
  const languages = check.terms('languages', c.languages);
  const notes = check.raw('notes').slice(0, 1000);
  if (!check.ok() || !idNumber || !level || !issuedOn) return null;
  return {
    rowNumber: check.row.rowNumber,
    name,
    idNumber,
    mobile,
    agencyId,
    divisionCode,
    level,
    certificateNo,
    issuedOn,
    registeredFrom,
    specialties,
    languages,
    notes,
  };
}

/** Duplicates inside the file and against the database (blind index, certificate number). */
async function findWorkerConflicts(deps: Deps, rows: ValidWorkerRow[], say: Say, errors: ImportRowError[]) {
  const bad = duplicatesInFile(rows, (r) => r.idNumber, '身份证号', { zh: '身份证号', en: 'ID number' }, say, errors);
  for (const n of duplicatesInFile(
    rows,
    (r) => r.certificateNo,
    '证书编号',
    { zh: '证书编号', en: 'certificate number' },
    say,
    errors,
  ))
    bad.add(n);
  const indexOf = new Map(rows.map((r) => [blindIndex(deps.pii, 'idNumber', r.idNumber), r]));
  const takenIds = await findExisting([...indexOf.keys()], async (batch) =>
    (await deps.db.selectFrom('workers').select('idNumberIndex').where('idNumberIndex', 'in', batch).execute()).map(
      (f) => f.idNumberIndex,
    ),
  );
  const takenCerts = await findExisting(
    rows.map((r) => r.certificateNo),
    async (batch) =>
      (
        await deps.db
          .selectFrom('workerCredentials')
          .select('certificateNo')
          .where('certificateNo', 'in', batch)
          .execute()
      ).map((f) => f.certificateNo),
  );
  for (const [index, r] of indexOf) {
    if (!takenIds.has(index)) continue;
    errors.push({
      row: r.rowNumber,
      column: '身份证号',
      code: 'duplicate_in_database',
      message: say('该身份证号已登记为社工', 'already registered as a social worker'),
    });
    bad.add(r.rowNumber);
  }
  for (const r of rows) {
    if (!takenCerts.has(r.certificateNo)) continue;
    errors.push({
      row: r.rowNumber,
      column: '证书编号',
      code: 'duplicate_in_database',
      message: say('证书编号已登记', 'certificate number already registered'),
    });
    bad.add(r.rowNumber);
  }
  return bad;
}

/** Writes one chunk of validated rows, with an audit row per worker, inside the caller's transaction. */
async function writeWorkers(trx: Executor, deps: Deps, ctx: AuthedContext, rows: ValidWorkerRow[], jobId: string) {
  const now = deps.clock.now();
  const chunk = rows.map((r) => {
    const periods = r.registeredFrom
      ? [{ validFrom: r.registeredFrom, validTo: registrationEnd(r.registeredFrom), status: 'active' as const }]
      : [];
    return { id: randomUUID(), r, periods, period: currentPeriod(periods) };
  });
  await trx
    .insertInto('workers')
    .values(
      chunk.map(({ id, r, period }) => ({
        id,
        name: r.name,
        gender: genderOf(r.idNumber),
        birthDate: birthDateOf(r.idNumber)!.toISOString().slice(0, 10),
        ...protectIdentity(deps.pii, 'worker', r.idNumber, r.mobile),
        agencyId: r.agencyId,
        userId: null,
        divisionCode: r.divisionCode,
        specialties: r.specialties,
        languages: r.languages,
        notes: r.notes,
        credentialLevel: r.level,
        periodFrom: period?.validFrom ?? null,
        periodTo: period?.validTo ?? null,
        ceMinutesInPeriod: minutesInPeriod([], period),
        ceRequiredMinutes: requiredMinutes(r.level),
        search: workerSearchDocument(r),
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  await trx
    .insertInto('workerCredentials')
    .values(
      chunk.map(({ id, r }) => ({
        workerId: id,
        level: r.level,
        certificateNo: r.certificateNo,
        issuedOn: r.issuedOn,
      })),
    )
    .execute();
  const registrations = chunk.flatMap(({ id, periods }) =>
    periods.map((p) => ({ workerId: id, validFrom: p.validFrom, validTo: p.validTo, createdAt: now })),
  );
  if (registrations.length > 0) await trx.insertInto('workerRegistrations').values(registrations).execute();
  const employment = chunk
    .filter(({ r }) => r.agencyId)
    .map(({ id, r }) => ({
      workerId: id,
      agencyId: r.agencyId!,
      role: '社工',
      startedOn: shanghaiDate(now),
      endedOn: null,
    }));
  if (employment.length > 0) await trx.insertInto('workerEmployments').values(employment).execute();
  await recordAudits(
    trx,
    ctx,
    now,
    chunk.map(({ id, r }) => ({
      action: 'worker.create',
      targetType: 'worker',
      targetId: id,
      divisionCode: r.divisionCode,
      summary: { via: 'import', jobId, row: r.rowNumber, after: { name: r.name, credential: r.level } },
    })),
  );
}

export const workerImport: ImportStrategy<ValidWorkerRow, WorkerImportContext> = {
  kind: 'workers',
  roles: ['bureau_admin', 'agency_manager'],
  columns: WORKER_COLUMNS,
  title: '社工名册',
  table: 'workers',
  loadContext: loadWorkerImportContext,
  validateRow: validateWorkerRow,
  findConflicts: findWorkerConflicts,
  write: writeWorkers,
};
