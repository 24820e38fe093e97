import { sql } from 'kysely';
import type { ImportKind } from '../../../../../contracts/api/registry';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import { AppError, notFound } from '../../../platform/errors';
import {
  readSheet,
  type SheetRow,
  SpreadsheetError,
  templateXlsx,
  writeCsv,
  writeXlsx,
} from '../../../platform/spreadsheet';
import type { ImportJobTable, ImportRowError } from '../worker.tables';
import { agencyImport } from './agency-import';
import { ceImport } from './ce-import';
import { claimJob, findJob, insertJob, loadJobFile, updateJob } from './import.repository';
import type { AnyImportStrategy } from './import-strategy';
import { RowChecker, type Say } from './row-checks';
import { volunteerImport } from './volunteer-import';
import { workerImport } from './worker-import';

/*
 * Bulk import in two steps: upload → validation (a dry run with a per-row, per-column report) → import of all rows
 * or only the valid ones, as the user chooses. Work runs in the server process after the request has answered;
 * progress is written to the job row, which the console polls. Errors are kept for at most MAX_ERRORS rows.
 * What differs between kinds (columns, checks, conflicts, writing) is each kind's ImportStrategy.
 */

const STRATEGIES: Record<ImportKind, AnyImportStrategy> = {
  workers: workerImport,
  agencies: agencyImport,
  ce_records: ceImport,
  volunteers: volunteerImport,
};

/** Rows written per statement batch (and per transaction when importing valid rows only). */
export const WRITE_CHUNK = 500;
const MAX_ERRORS = 5000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export type ImportMode = NonNullable<ImportJobTable['mode']>;

export const IMPORT_INSTRUCTIONS = [
  '第一行为表头，请勿修改表头文字；带 * 的列为必填。',
  '示例行以“示例：”开头，导入时会自动跳过，可以删除。',
  '身份证号、手机号请以文本格式填写，避免 Excel 改成科学计数法。',
  '日期格式为 2024-03-05。多个专业领域或语言用顿号（、）分隔。',
  '上传后系统先逐行校验，确认后再选择“全部导入或全部不导入”或“只导入有效行”。',
];

function say(ctx: AuthedContext): Say {
  return (zh: string, en: string) => (ctx.locale === 'en' ? en : zh);
}

/** The strategy of a kind, if the caller has a role that may run it. */
function strategyFor(ctx: AuthedContext, kind: ImportKind): AnyImportStrategy {
  const strategy = STRATEGIES[kind];
  if (!strategy.roles.some((role) => ctx.actor.roles.has(role))) throw new AppError('auth.forbidden');
  return strategy;
}

/** The template's file name, e.g. 社工名册导入模板.xlsx. */
export function templateFileName(kind: ImportKind, format: 'xlsx' | 'csv') {
  return `${STRATEGIES[kind].title}导入模板.${format}`;
}

function present(job: NonNullable<Awaited<ReturnType<typeof findJob>>>) {
  const { createdBy: _c, ...rest } = job;
  return {
    ...rest,
    errors: rest.errors.slice(0, 200),
    errorsTruncated: rest.errors.length > 200,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
export type ImportJobView = ReturnType<typeof present>;

export async function getImportJob(deps: Deps, ctx: AuthedContext, id: string) {
  const job = await findJob(deps.db, id, ctx.actor.userId);
  if (!job) throw notFound();
  return present(job);
}

export async function importTemplate(ctx: AuthedContext, kind: ImportKind, format: 'xlsx' | 'csv') {
  const { columns, title, instructions = [] } = strategyFor(ctx, kind);
  if (format === 'csv') return writeCsv(columns, [Object.fromEntries(columns.map((c) => [c.key, c.example ?? '']))]);
  return templateXlsx(columns, { sheetName: title, instructions: [...IMPORT_INSTRUCTIONS, ...instructions] });
}

/** Stores the file and starts validation; answers at once with the job. */
export async function startImport(deps: Deps, ctx: AuthedContext, kind: ImportKind, fileName: string, bytes: Buffer) {
  const strategy = strategyFor(ctx, kind);
  // Reading the header now gives a clear 4xx for a wrong file before anything is stored.
  const parsed = await parse(strategy, bytes, fileName);
  if (parsed.missingRequiredHeaders.length > 0) {
    throw new AppError('import.missing_columns', { columns: parsed.missingRequiredHeaders.join('、') });
  }
  const now = deps.clock.now();
  const { id } = await insertJob(deps.db, {
    kind,
    status: 'validating',
    mode: null,
    fileName,
    fileBytes: bytes,
    totalRows: parsed.rows.length,
    createdBy: ctx.actor.userId,
    organizationId: ctx.actor.memberships[0]?.organizationId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  runInBackground(deps, id, () => validate(deps, ctx, strategy, id, parsed.rows));
  return getImportJob(deps, ctx, id);
}

async function parse(strategy: AnyImportStrategy, bytes: Buffer, fileName: string) {
  try {
    return await readSheet(bytes, strategy.columns, { maxBytes: MAX_IMPORT_BYTES, fileName });
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new AppError(error.code, error.details);
    throw error;
  }
}

function runInBackground(deps: Deps, jobId: string, work: () => Promise<void>) {
  setImmediate(() => {
    work().catch(async (error: unknown) => {
      await updateJob(deps.db, jobId, {
        status: 'failed',
        failure: error instanceof Error ? error.message.slice(0, 500) : 'unknown error',
        updatedAt: deps.clock.now(),
        finishedAt: deps.clock.now(),
      }).catch(() => {});
    });
  });
}

interface Validation {
  valid: Array<{ rowNumber: number }>;
  errors: ImportRowError[];
  /** The lookups the rows were checked against, handed on to the writer. */
  context: unknown;
}

async function validateRows(
  deps: Deps,
  ctx: AuthedContext,
  strategy: AnyImportStrategy,
  jobId: string | null,
  rows: SheetRow[],
): Promise<Validation> {
  const context = await strategy.loadContext(deps, ctx);
  const errors: ImportRowError[] = [];
  const candidates: Array<{ rowNumber: number }> = [];
  const sayIt = say(ctx);
  for (let i = 0; i < rows.length; i++) {
    const row = strategy.validateRow(new RowChecker(rows[i]!, strategy.columns, sayIt, errors), context);
    if (row) candidates.push(row);
    if (jobId && (i + 1) % 2000 === 0)
      await updateJob(deps.db, jobId, { processedRows: i + 1, updatedAt: deps.clock.now() });
  }
  const conflicts = await strategy.findConflicts(deps, candidates, sayIt, errors, context);
  errors.sort((a, b) => a.row - b.row);
  return { valid: candidates.filter((r) => !conflicts.has(r.rowNumber)), errors, context };
}

async function validate(deps: Deps, ctx: AuthedContext, strategy: AnyImportStrategy, jobId: string, rows: SheetRow[]) {
  const { valid, errors } = await validateRows(deps, ctx, strategy, jobId, rows);
  const invalidRows = new Set(errors.map((e) => e.row)).size;
  await updateJob(deps.db, jobId, {
    status: 'validated',
    processedRows: rows.length,
    validRows: valid.length,
    invalidRows,
    errors: JSON.stringify(errors.slice(0, MAX_ERRORS)),
    updatedAt: deps.clock.now(),
  });
}

/** Runs a validated import. The file is validated again at this moment: the database may have changed since. */
export async function commitImport(deps: Deps, ctx: AuthedContext, id: string, mode: ImportMode) {
  const job = await findJob(deps.db, id, ctx.actor.userId);
  if (!job) throw notFound();
  const strategy = strategyFor(ctx, job.kind);
  if (job.status !== 'validated') throw new AppError('import.not_validated', { status: job.status });
  if (mode === 'all_or_nothing' && job.invalidRows > 0)
    throw new AppError('import.has_errors', { count: job.invalidRows });
  if (job.validRows === 0) throw new AppError('import.nothing_valid');
  if (
    !(await claimJob(deps.db, id, 'validated', {
      status: 'importing',
      mode,
      processedRows: 0,
      updatedAt: deps.clock.now(),
    }))
  ) {
    throw new AppError('import.not_validated', { status: 'importing' });
  }
  runInBackground(deps, id, async () => {
    const file = await loadJobFile(deps.db, id);
    if (!file?.fileBytes) throw new Error('the uploaded file is no longer stored');
    const parsed = await parse(strategy, file.fileBytes, file.fileName);
    const { valid, errors, context } = await validateRows(deps, ctx, strategy, null, parsed.rows);
    const write = (trx: Executor, rows: Array<{ rowNumber: number }>) =>
      strategy.write(trx, deps, ctx, rows, id, context);
    if (mode === 'all_or_nothing' && errors.length > 0) {
      await updateJob(deps.db, id, {
        status: 'validated',
        mode: null,
        invalidRows: new Set(errors.map((e) => e.row)).size,
        validRows: valid.length,
        errors: JSON.stringify(errors.slice(0, MAX_ERRORS)),
        updatedAt: deps.clock.now(),
      });
      return;
    }
    const finish = {
      status: 'completed' as const,
      importedRows: valid.length,
      processedRows: valid.length,
      fileBytes: null,
    };
    if (mode === 'all_or_nothing') {
      // One transaction: every row or none. Progress shows once it commits.
      await deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < valid.length; i += WRITE_CHUNK) await write(trx, valid.slice(i, i + WRITE_CHUNK));
        await updateJob(trx, id, { ...finish, updatedAt: deps.clock.now(), finishedAt: deps.clock.now() });
      });
    } else {
      // Valid rows only: a transaction per chunk, so progress is visible and other requests are served in between.
      for (let i = 0; i < valid.length; i += WRITE_CHUNK) {
        await deps.db.transaction().execute(async (trx) => {
          await write(trx, valid.slice(i, i + WRITE_CHUNK));
          await updateJob(trx, id, {
            processedRows: Math.min(i + WRITE_CHUNK, valid.length),
            importedRows: Math.min(i + WRITE_CHUNK, valid.length),
            updatedAt: deps.clock.now(),
          });
        });
      }
      await updateJob(deps.db, id, { ...finish, updatedAt: deps.clock.now(), finishedAt: deps.clock.now() });
    }
    // Keep the planner's statistics current after a large insert.
    if (valid.length > 1000) await sql`analyze ${sql.raw(strategy.table)}`.execute(deps.db);
  });
  return getImportJob(deps, ctx, id);
}

/** The error report as a spreadsheet: row, column, problem. */
export async function importReport(deps: Deps, ctx: AuthedContext, id: string, format: 'xlsx' | 'csv') {
  const job = await findJob(deps.db, id, ctx.actor.userId);
  if (!job) throw notFound();
  const columns = [
    { key: 'row', header: '行号', kind: 'number' as const, width: 8 },
    { key: 'column', header: '列', width: 20 },
    { key: 'code', header: '错误代码', width: 24 },
    { key: 'message', header: '问题', width: 48 },
  ];
  const rows = job.errors.map((e) => ({ ...e }));
  return format === 'csv'
    ? writeCsv(columns, rows)
    : writeXlsx(columns, rows, { sheetName: '错误报告', title: `${job.fileName} 校验报告` });
}
