import { randomUUID } from 'node:crypto';
import {
  birthDateOf,
  genderOf,
  idNumberProblem,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../../../contracts/identifiers';
import { CREDENTIAL_LEVEL_NAMES, CREDENTIAL_LEVELS, type CredentialLevel } from '../../../../../contracts/taxonomy';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { blindIndex, protectIdentity } from '../../../platform/pii';
import { divisionPrefixes } from '../../../platform/scope';
import type { ColumnSpec, SheetRow } from '../../../platform/spreadsheet';
import { shanghaiDate } from '../../../platform/time';
import { currentPeriod, minutesInPeriod, registrationEnd, requiredMinutes } from '../compliance';
import { workerSearchDocument } from '../worker.search';
import type { ImportRowError } from '../worker.tables';

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

const LEVEL_BY_NAME = new Map<string, CredentialLevel>([
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

export async function loadWorkerImportContext(deps: Deps, ctx: AuthedContext): Promise<WorkerImportContext> {
  const db = deps.db;
  const [divisions, terms, agencies] = await Promise.all([
    db.selectFrom('divisions').select('code').execute(),
    db
      .selectFrom('taxonomyTerms')
      .selectAll()
      .where('active', '=', true)
      .where('scheme', 'in', ['specialty', 'language'])
      .execute(),
    db
      .selectFrom('organizations')
      .select(['id', 'creditCode', 'divisionCode'])
      .where('kind', '=', 'agency')
      .where('status', '=', 'active')
      .execute(),
  ]);
  const byScheme = (scheme: string) =>
    new Map(
      terms
        .filter((t) => t.scheme === scheme)
        .flatMap(
          (t) =>
            [
              [t.code, t.code],
              [t.nameZh, t.code],
              [t.nameEn.toLowerCase(), t.code],
            ] as const,
        ),
    );
  const managed = ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId);
  const adminPrefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  const allowed = agencies.filter(
    (a) => managed.includes(a.id) || adminPrefixes.some((p) => a.divisionCode.startsWith(p)),
  );
  const now = deps.clock.now();
  return {
    divisions: new Set(divisions.map((d) => d.code)),
    specialties: byScheme('specialty'),
    languages: byScheme('language'),
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

const LIST_SEPARATORS = /[、,，;；/\s]+/;

type Say = (zh: string, en: string) => string;

/** Checks one row; pushes its problems (column = zh header) and returns the row when it has none. */
export function validateWorkerRow(
  row: SheetRow,
  c: WorkerImportContext,
  say: Say,
  errors: ImportRowError[],
): ValidWorkerRow | null {
  const v = row.values;
  const before = errors.length;
  const fail = (key: string, code: string, zh: string, en: string) => {
    const column = WORKER_COLUMNS.find((col) => col.key === key)?.header ?? key;
    errors.push({ row: row.rowNumber, column, code, message: say(zh, en) });
  };
  const name = (v.name ?? '').trim();
  if (!name) fail('name', 'required', '姓名为必填项', 'name is required');
  else if ([...name].length > 50) fail('name', 'too_long', '姓名不能超过 50 个字', 'name is longer than 50 characters');

  const idNumber = normalizeIdNumber(v.idNumber ?? '');
  const idProblem = idNumber ? idNumberProblem(idNumber, c.now) : 'format';
  if (!v.idNumber) fail('idNumber', 'required', '身份证号为必填项', 'ID number is required');
  else if (idProblem) {
    const text = {
      format: ['应为 18 位', 'must have 18 characters'],
      region: ['地区码无效', 'region code invalid'],
      birth_date: ['出生日期无效', 'birth date invalid'],
      check_digit: ['校验位不正确', 'check digit is wrong'],
    }[idProblem];
    fail('idNumber', `id_number.${idProblem}`, `身份证号${text[0]}`, `ID number: ${text[1]}`);
  }

  let mobile: string | null = null;
  if (v.mobile) {
    mobile = normalizeMobile(v.mobile);
    if (!mobile)
      fail('mobile', 'mobile.invalid', '手机号码应为 11 位中国大陆手机号', 'not an 11-digit mainland mobile number');
  }

  let agencyId: string | null = c.defaultAgencyId;
  if (v.agencyCreditCode) {
    agencyId = c.agenciesByCode.get(v.agencyCreditCode.toUpperCase()) ?? null;
    if (!agencyId)
      fail(
        'agencyCreditCode',
        'agency.unknown',
        '找不到该信用代码的社工机构（或不在您的范围内）',
        'no agency with this code in your scope',
      );
  }

  const divisionCode = v.divisionCode || null;
  if (divisionCode && !c.divisions.has(divisionCode))
    fail(
      'divisionCode',
      'division.unknown',
      `区划代码不存在：${divisionCode}`,
      `unknown division code: ${divisionCode}`,
    );

  const level = LEVEL_BY_NAME.get((v.level ?? '').trim());
  if (!v.level) fail('level', 'required', '证书等级为必填项', 'credential level is required');
  else if (!level)
    fail(
      'level',
      'level.unknown',
      '证书等级应为 助理社会工作师/社会工作师/高级社会工作师',
      'use assistant, intermediate or senior',
    );

  const certificateNo = (v.certificateNo ?? '').trim();
  if (!certificateNo) fail('certificateNo', 'required', '证书编号为必填项', 'certificate number is required');
  else if (certificateNo.length < 4 || certificateNo.length > 40)
    fail('certificateNo', 'format', '证书编号应为 4–40 个字符', 'must be 4–40 characters');

  const dateOk = (s: string | undefined) =>
    !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
  const issuedOn = v.issuedOn ?? '';
  if (!issuedOn) fail('issuedOn', 'required', '取得证书日期为必填项', 'issue date is required');
  else if (!dateOk(issuedOn))
    fail('issuedOn', 'date.format', '日期格式应为 2024-03-05', 'use the date format 2024-03-05');
  else if (issuedOn > c.today) fail('issuedOn', 'date.future', '日期不能晚于今天', 'cannot be in the future');

  const registeredFrom = v.registeredFrom || null;
  if (registeredFrom && !dateOk(registeredFrom))
    fail('registeredFrom', 'date.format', '日期格式应为 2024-03-05', 'use the date format 2024-03-05');
  else if (registeredFrom && dateOk(issuedOn) && registeredFrom < issuedOn)
    fail('registeredFrom', 'date.order', '登记有效期不能早于取得证书日期', 'cannot start before the issue date');

  const terms = (raw: string | undefined, map: Map<string, string>, key: string) => {
    const out: string[] = [];
    for (const part of (raw ?? '').split(LIST_SEPARATORS).filter(Boolean)) {
      const code = map.get(part) ?? map.get(part.toLowerCase());
      if (code) out.push(code);
      else fail(key, 'taxonomy.unknown_term', `未知的分类：${part}`, `unknown term: ${part}`);
    }
    return [...new Set(out)];
  };
  const specialties = terms(v.specialties, c.specialties, 'specialties');
  const languages = terms(v.languages, c.languages, 'languages');
  const notes = (v.notes ?? '').slice(0, 1000);

  if (errors.length > before || !level || !name) return null;
  return {
    rowNumber: row.rowNumber,
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

/** Duplicates inside the file and against the database (blind index, certificate number); marks them as errors. */
export async function findWorkerConflicts(deps: Deps, rows: ValidWorkerRow[], say: Say, errors: ImportRowError[]) {
  const bad = new Set<number>();
  const seenId = new Map<string, number>();
  const seenCert = new Map<string, number>();
  for (const r of rows) {
    const firstId = seenId.get(r.idNumber);
    if (firstId !== undefined) {
      errors.push({
        row: r.rowNumber,
        column: '身份证号',
        code: 'duplicate_in_file',
        message: say(`与第 ${firstId} 行身份证号重复`, `same ID number as row ${firstId}`),
      });
      bad.add(r.rowNumber);
    } else seenId.set(r.idNumber, r.rowNumber);
    const firstCert = seenCert.get(r.certificateNo);
    if (firstCert !== undefined) {
      errors.push({
        row: r.rowNumber,
        column: '证书编号',
        code: 'duplicate_in_file',
        message: say(`与第 ${firstCert} 行证书编号重复`, `same certificate number as row ${firstCert}`),
      });
      bad.add(r.rowNumber);
    } else seenCert.set(r.certificateNo, r.rowNumber);
  }
  const indexOf = new Map(rows.map((r) => [blindIndex(deps.pii, 'idNumber', r.idNumber), r]));
  const indexes = [...indexOf.keys()];
  for (let i = 0; i < indexes.length; i += 1000) {
    const found = await deps.db
      .selectFrom('workers')
      .select('idNumberIndex')
      .where('idNumberIndex', 'in', indexes.slice(i, i + 1000))
      .execute();
    for (const f of found) {
      const r = indexOf.get(f.idNumberIndex)!;
      errors.push({
        row: r.rowNumber,
        column: '身份证号',
        code: 'duplicate_in_database',
        message: say('该身份证号已登记为社工', 'already registered as a social worker'),
      });
      bad.add(r.rowNumber);
    }
  }
  const certs = rows.map((r) => r.certificateNo);
  for (let i = 0; i < certs.length; i += 1000) {
    const found = await deps.db
      .selectFrom('workerCredentials')
      .select('certificateNo')
      .where('certificateNo', 'in', certs.slice(i, i + 1000))
      .execute();
    const taken = new Set(found.map((f) => f.certificateNo));
    for (const r of rows.slice(i, i + 1000)) {
      if (taken.has(r.certificateNo)) {
        errors.push({
          row: r.rowNumber,
          column: '证书编号',
          code: 'duplicate_in_database',
          message: say('证书编号已登记', 'certificate number already registered'),
        });
        bad.add(r.rowNumber);
      }
    }
  }
  return bad;
}

/** Rows written per statement batch (and per transaction when importing valid rows only). */
export const WRITE_CHUNK = 500;

/** Writes one chunk of validated rows, with an audit row per worker, inside the caller's transaction. */
export async function writeWorkers(
  trx: Executor,
  deps: Deps,
  ctx: AuthedContext,
  rows: ValidWorkerRow[],
  jobId: string,
) {
  const now = deps.clock.now();
  {
    const chunk = rows.map((r) => {
      const id = randomUUID();
      const periods = r.registeredFrom
        ? [{ validFrom: r.registeredFrom, validTo: registrationEnd(r.registeredFrom), status: 'active' as const }]
        : [];
      const period = currentPeriod(periods);
      return { id, r, periods, period };
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
    await trx
      .insertInto('auditEvents')
      .values(
        chunk.map(({ id, r }) => ({
          at: now,
          actorUserId: ctx.actor.userId,
          actorUsername: ctx.actor.username,
          ip: ctx.ip,
          action: 'worker.create',
          targetType: 'worker',
          targetId: id,
          divisionCode: r.divisionCode,
          summary: JSON.stringify({
            via: 'import',
            jobId,
            row: r.rowNumber,
            after: { name: r.name, credential: r.level },
          }),
          requestId: ctx.requestId,
        })),
      )
      .execute();
  }
}
