import type { AuthedContext, Deps } from '../../platform/context';
import { type ColumnSpec, writeCsv, writeXlsx } from '../../platform/spreadsheet';
import { recordAudit } from './audit.service';

export interface ExportSheet {
  /** Audit action, e.g. 'worker.export'. */
  action: string;
  targetType: string;
  columns: ColumnSpec[];
  rows: ReadonlyArray<Record<string, unknown>>;
  sheetName: string;
  title: string;
  /** What the caller asked for, kept in the audit row. */
  filters: unknown;
}

/**
 * Data leaving the system as a spreadsheet: who took what is written to the audit trail first, then the file is
 * built. The rows must already be scoped and masked by the caller's queries.
 */
export async function exportSheet(deps: Deps, ctx: AuthedContext, sheet: ExportSheet, format: 'xlsx' | 'csv') {
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, deps.clock.now(), {
      action: sheet.action,
      targetType: sheet.targetType,
      summary: { format, rows: sheet.rows.length, filters: sheet.filters },
    }),
  );
  return format === 'csv'
    ? writeCsv(sheet.columns, sheet.rows)
    : writeXlsx(sheet.columns, sheet.rows, { sheetName: sheet.sheetName, title: sheet.title });
}
