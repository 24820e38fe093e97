import type { ImportKind } from '../../../../../contracts/api/registry';
import type { Role } from '../../../../../contracts/roles';
import type { Executor } from '../../../db/schema';
import type { AuthedContext, Deps } from '../../../platform/context';
import type { ColumnSpec } from '../../../platform/spreadsheet';
import type { ImportRowError } from '../worker.tables';
import type { RowChecker, Say } from './row-checks';

/**
 * What one kind of bulk import knows: its columns, how a row is checked, what conflicts with the database and how
 * rows are written. The job machinery (upload, dry run, progress, all-or-nothing or valid rows only, error report)
 * is the same for every kind and lives in import.service.ts.
 */
export interface ImportStrategy<Row extends { rowNumber: number } = { rowNumber: number }, Context = unknown> {
  kind: ImportKind;
  /** Who may run it. Rows are further limited to the importer's scope by `loadContext`. */
  roles: readonly Role[];
  columns: ColumnSpec[];
  /** zh name used for the template's sheet and file name, e.g. 社工名册. */
  title: string;
  /** Extra lines for the template's instructions sheet. */
  instructions?: string[];
  /** Table to ANALYZE after a large import, so the planner knows the new rows. */
  table: 'workers' | 'organizations' | 'ce_records' | 'residents';
  loadContext(deps: Deps, ctx: AuthedContext): Promise<Context>;
  /** Checks one row through the checker; returns the row when the checker collected no problem. */
  validateRow(check: RowChecker, context: Context): Row | null;
  /** Duplicates in the file and in the database; pushes an error per row and returns the row numbers concerned. */
  findConflicts(deps: Deps, rows: Row[], say: Say, errors: ImportRowError[], context: Context): Promise<Set<number>>;
  /** Writes one chunk with an audit row per record, inside the caller's transaction. */
  write(trx: Executor, deps: Deps, ctx: AuthedContext, rows: Row[], jobId: string, context: Context): Promise<void>;
}

/** Lets a map hold strategies with different row and context types. */
// biome-ignore lint/suspicious/noExplicitAny: the service handles each strategy's rows as opaque values
export type AnyImportStrategy = ImportStrategy<any, any>;
