import type { z } from 'zod';
import type { workerSearchQuery } from '../../../../contracts/api/registry';
import { CREDENTIAL_LEVEL_NAMES, LANGUAGES, SPECIALTIES } from '../../../../contracts/taxonomy';
import type { AuthedContext, Deps } from '../../platform/context';
import { type ColumnSpec, writeCsv, writeXlsx } from '../../platform/spreadsheet';
import { recordAudit } from '../audit/audit.service';
import { searchWorkerPool } from './worker.service';

const MAX_EXPORT_ROWS = 50_000;

const COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'idNumberMasked', header: '身份证号（脱敏）', width: 22 },
  { key: 'mobileMasked', header: '手机号（脱敏）', width: 14 },
  { key: 'agencyName', header: '所属机构', width: 30 },
  { key: 'divisionName', header: '服务区划', width: 14 },
  { key: 'level', header: '证书等级', width: 16 },
  { key: 'periodTo', header: '登记有效期至', width: 14 },
  { key: 'ceHours', header: '本期继续教育学时', kind: 'number', width: 10 },
  { key: 'requiredHours', header: '要求学时', kind: 'number', width: 10 },
  { key: 'specialties', header: '专业领域', width: 20 },
  { key: 'languages', header: '语言', width: 14 },
];

const names = (codes: readonly string[], terms: ReadonlyArray<{ code: string; zh: string }>) =>
  codes.map((c) => terms.find((t) => t.code === c)?.zh ?? c).join('、');

/** The talent pool as a spreadsheet: the caller's scope and filters, identifiers masked exactly as on screen. */
export async function exportWorkers(
  deps: Deps,
  ctx: AuthedContext,
  filters: Omit<z.infer<typeof workerSearchQuery>, 'page' | 'pageSize'>,
  format: 'xlsx' | 'csv',
) {
  const page = await searchWorkerPool(deps, ctx, { ...filters, page: 1, pageSize: MAX_EXPORT_ROWS } as z.infer<
    typeof workerSearchQuery
  >);
  const rows = page.items.map((w) => ({
    ...w,
    gender: w.gender === 'male' ? '男' : '女',
    level: w.credentialLevel ? CREDENTIAL_LEVEL_NAMES[w.credentialLevel].zh : '',
    periodTo: w.compliance.periodTo ?? '',
    ceHours: w.compliance.completedHours,
    requiredHours: w.compliance.requiredHours,
    specialties: names(w.specialties, SPECIALTIES),
    languages: names(w.languages, LANGUAGES),
  }));
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, deps.clock.now(), {
      action: 'worker.export',
      targetType: 'worker',
      summary: { format, rows: rows.length, filters },
    }),
  );
  return format === 'csv'
    ? writeCsv(COLUMNS, rows)
    : writeXlsx(COLUMNS, rows, { sheetName: '社工人才库', title: '禅城区社会工作者人才库（脱敏导出）' });
}
