import type { Executor } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { loadReferenceDivisions } from './division.data';
import { findDivisions, listDivisions, upsertDivisions } from './division.repository';

export async function divisionTree(db: Executor, within?: string) {
  const rows = await listDivisions(db, within);
  return rows.map((r) => ({ code: r.code, parentCode: r.parentCode, name: r.name, level: r.level, kind: r.kind }));
}

/** Loads (or refreshes) the shipped reference divisions. Idempotent; run at start-up. */
export async function syncReferenceDivisions(db: Executor): Promise<number> {
  const rows = loadReferenceDivisions();
  await upsertDivisions(db, rows);
  return rows.length;
}

/** The division, or a 400 naming the unknown code. */
export async function requireDivision(db: Executor, code: string) {
  const [row] = await findDivisions(db, [code]);
  if (!row) throw new AppError('division.unknown', { code });
  return row;
}

export async function divisionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await findDivisions(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** For other modules: a division by code, or undefined (they decide how to report it). */
export async function findDivision(db: Executor, code: string) {
  const [row] = await findDivisions(db, [code]);
  return row;
}
