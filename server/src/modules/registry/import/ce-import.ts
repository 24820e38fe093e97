import { sql } from 'kysely';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { blindIndex } from '../../../platform/pii';
import { divisionPrefixes } from '../../../platform/scope';
import type { ColumnSpec } from '../../../platform/spreadsheet';
import { shanghaiDate } from '../../../platform/time';
import { recordAudits } from '../../audit/audit.service';
import { visible, type WorkerScope } from '../worker.repository';
import type { ImportRowError } from '../worker.tables';
import type { ImportStrategy } from './import-strategy';
import { duplicatesInFile, type RowChecker, type Say } from './row-checks';

/** The columns of the continuing-education import template: one course a worker completed per row. */
export const CE_COLUMNS: ColumnSpec[] = [
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    aliases: ['身份证号码', '证件号码'],
    example: '11010519491231002X',
    width: 22,
    note: '身份证号与证书编号至少填写一项，用于找到社工',
  },
  { key: 'certificateNo', header: '证书编号', headerEn: 'Certificate number', example: 'ZL2020000123', width: 18 },
  { key: 'name', header: '姓名', headerEn: 'Name', example: '陈小明', width: 10, note: '填写时会与登记姓名核对' },
  { key: 'course', header: '课程名称', headerEn: 'Course', required: true, example: '老年社会工作实务', width: 28 },
  {
    key: 'provider',
    header: '培训机构',
    headerEn: 'Provider',
    required: true,
    example: '佛山市社会工作协会',
    width: 24,
  },
  {
    key: 'hours',
    header: '学时',
    headerEn: 'Hours',
    required: true,
    example: '6',
    kind: 'number',
    width: 8,
    note: '0.5–200，最多 1 位小数',
  },
  {
    key: 'completedOn',
    header: '完成日期',
    headerEn: 'Completed on',
    required: true,
    example: '2025-05-20',
    kind: 'date',
    width: 12,
  },
  { key: 'evidence', header: '证明材料', headerEn: 'Evidence', example: '结业证书编号 2025-0012', width: 24 },
];

interface CeImportContext {
  scope: WorkerScope;
  today: string;
}

export interface ValidCeRow {
  rowNumber: number;
  idNumber: string | null;
  certificateNo: string | null;
  name: string | null;
  course: string;
  provider: string;
  minutes: number;
  completedOn: string;
  evidence: string;
  /** Set once the worker is found (findConflicts). */
  workerId?: string;
  divisionCode?: string | null;
}

/** Bureau admins add records for workers in their divisions; agency managers for their agency's workers. */
async function loadCeImportContext(deps: Deps, ctx: AuthedContext): Promise<CeImportContext> {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  return {
    scope: {
      all: prefixes.some((p) => p.length === 6),
      divisionPrefixes: prefixes,
      agencyIds: ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId),
      selfUserId: null,
    },
    today: shanghaiDate(deps.clock.now()),
  };
}

function validateCeRow(check: RowChecker, c: CeImportContext): ValidCeRow | null {
  const hasId = check.raw('idNumber') !== '';
  const certificateNo = check.raw('certificateNo') || null;
  const idNumber = hasId ? check.idNumber('idNumber', new Date(`${c.today}T12:00:00+08:00`)) : null;
  if (!hasId && !certificateNo)
    check.fail(
      'idNumber',
      'required',
      '身份证号与证书编号至少填写一项',
      'give the ID number or the certificate number',
    );
  const name = check.text('name', { max: 50 }) || null;
  const course = check.text('course', { required: true, max: 200, min: 2 });
  const provider = check.text('provider', { required: true, max: 200, min: 2 });
  const hours = check.number('hours', { required: true, min: 0.5, max: 200, decimals: 1 });
  const completedOn = check.date('completedOn', { required: true, notAfter: c.today });
  const evidence = check.text('evidence', { max: 500 });
  if (!check.ok() || hours === null || !completedOn) return null;
  return {
    rowNumber: check.row.rowNumber,
    idNumber,
    certificateNo,
    name,
    course,
    provider,
    minutes: Math.round(hours * 60),
    completedOn,
    evidence,
  };
}

/**
 * Finds each row's worker (by ID number, else certificate number) within the importer's scope — a worker out of
 * scope reads as unknown, as it would on screen — and refuses a course the worker already has on the same day.
 */
async function resolveCeRows(deps: Deps, rows: ValidCeRow[], say: Say, errors: ImportRowError[], c: CeImportContext) {
  const bad = new Set<number>();
  const indexes = [
    ...new Set(rows.filter((r) => r.idNumber).map((r) => blindIndex(deps.pii, 'idNumber', r.idNumber!))),
  ];
  const certs = [...new Set(rows.filter((r) => !r.idNumber && r.certificateNo).map((r) => r.certificateNo!))];
  type Found = { id: string; name: string; divisionCode: string | null };
  const byIndex = new Map<string, Found>();
  const byCert = new Map<string, Found>();
  for (let i = 0; i < indexes.length; i += 1000) {
    const found = await visible(deps.db, c.scope)
      .select(['workers.id', 'workers.name', 'workers.divisionCode', 'workers.idNumberIndex'])
      .where('workers.idNumberIndex', 'in', indexes.slice(i, i + 1000))
      .execute();
    for (const w of found) byIndex.set(w.idNumberIndex, w);
  }
  for (let i = 0; i < certs.length; i += 1000) {
    const found = await visible(deps.db, c.scope)
      .innerJoin('workerCredentials', 'workerCredentials.workerId', 'workers.id')
      .select(['workers.id', 'workers.name', 'workers.divisionCode', 'workerCredentials.certificateNo'])
      .where('workerCredentials.certificateNo', 'in', certs.slice(i, i + 1000))
      .execute();
    for (const w of found) byCert.set(w.certificateNo, w);
  }
  for (const r of rows) {
    const worker = r.idNumber
      ? byIndex.get(blindIndex(deps.pii, 'idNumber', r.idNumber))
      : byCert.get(r.certificateNo ?? '');
    const column = r.idNumber ? '身份证号' : '证书编号';
    if (!worker) {
      errors.push({
        row: r.rowNumber,
        column,
        code: 'worker.unknown',
        message: say('找不到该社工（或不在您的管理范围内）', 'no such social worker in your scope'),
      });
      bad.add(r.rowNumber);
    } else if (r.name && r.name !== worker.name) {
      errors.push({
        row: r.rowNumber,
        column: '姓名',
        code: 'worker.name_mismatch',
        message: say('姓名与登记的社工不一致', 'does not match the registered name'),
      });
      bad.add(r.rowNumber);
    } else {
      r.workerId = worker.id;
      r.divisionCode = worker.divisionCode;
    }
  }
  const found = rows.filter((r) => r.workerId);
  const key = (r: { workerId?: string; course: string; completedOn: string }) =>
    `${r.workerId}|${r.course}|${r.completedOn}`;
  for (const n of duplicatesInFile(
    found,
    key,
    '课程名称',
    { zh: '社工的同一课程', en: 'course for this worker' },
    say,
    errors,
  ))
    bad.add(n);
  const workerIds = [...new Set(found.map((r) => r.workerId!))];
  const existing = new Set<string>();
  for (let i = 0; i < workerIds.length; i += 1000) {
    const records = await deps.db
      .selectFrom('ceRecords')
      .select(['workerId', 'course', 'completedOn'])
      .where('workerId', 'in', workerIds.slice(i, i + 1000))
      .execute();
    for (const rec of records) existing.add(key(rec));
  }
  for (const r of found) {
    if (!existing.has(key(r))) continue;
    errors.push({
      row: r.rowNumber,
      column: '课程名称',
      code: 'duplicate_in_database',
      message: say('该社工同日的同一课程已登记', 'this course on this day is already recorded'),
    });
    bad.add(r.rowNumber);
  }
  return bad;
}

async function writeCeRecords(trx: Executor, deps: Deps, ctx: AuthedContext, rows: ValidCeRow[], jobId: string) {
  const now = deps.clock.now();
  const inserted = await trx
    .insertInto('ceRecords')
    .values(
      rows.map((r) => ({
        workerId: r.workerId!,
        course: r.course,
        provider: r.provider,
        minutes: r.minutes,
        completedOn: r.completedOn,
        evidence: r.evidence,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })),
    )
    .returning('id')
    .execute();
  // Hours within the current registration period, kept on the worker for search and compliance lists.
  const workerIds = [...new Set(rows.map((r) => r.workerId!))];
  await trx
    .updateTable('workers')
    .set({
      ceMinutesInPeriod: sql<number>`coalesce((
        select sum(c.minutes) from ce_records c
        where c.worker_id = workers.id and c.completed_on between workers.period_from and workers.period_to
      ), 0)`,
      updatedAt: now,
    })
    .where('id', 'in', workerIds)
    .execute();
  await recordAudits(
    trx,
    ctx,
    now,
    rows.map((r, i) => ({
      action: 'worker.ce_add',
      targetType: 'worker',
      targetId: r.workerId!,
      divisionCode: r.divisionCode ?? null,
      summary: {
        via: 'import',
        jobId,
        row: r.rowNumber,
        after: { recordId: inserted[i]?.id, course: r.course, hours: r.minutes / 60, completedOn: r.completedOn },
      },
    })),
  );
}

export const ceImport: ImportStrategy<ValidCeRow, CeImportContext> = {
  kind: 'ce_records',
  roles: ['bureau_admin', 'agency_manager'],
  columns: CE_COLUMNS,
  title: '继续教育记录',
  instructions: ['每行一条课程记录；学时按实际完成填写，系统自动计入当前登记期。'],
  table: 'ce_records',
  loadContext: loadCeImportContext,
  validateRow: validateCeRow,
  findConflicts: resolveCeRows,
  write: writeCeRecords,
};
