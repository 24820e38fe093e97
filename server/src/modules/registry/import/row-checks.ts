import { idNumberProblem, normalizeIdNumber, normalizeMobile } from '../../../../../contracts/identifiers';
import type { ColumnSpec, SheetRow } from '../../../platform/spreadsheet';
import type { ImportRowError } from '../worker.tables';

/** Picks the caller's language for a message. */
export type Say = (zh: string, en: string) => string;

/** Separators people use between several values in one cell: 老年、社区 / 老年,社区 / 老年；社区. */
const LIST_SEPARATORS = /[、,，;；/\s]+/;

const ID_PROBLEM_TEXT = {
  format: ['应为 18 位', 'must have 18 characters'],
  region: ['地区码无效', 'region code invalid'],
  birth_date: ['出生日期无效', 'birth date invalid'],
  check_digit: ['校验位不正确', 'check digit is wrong'],
} as const;

const YES = new Set(['是', '同意', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '不同意', 'n', 'no', 'false', '0', '×', '']);

/**
 * Reads and checks the cells of one import row. Each check records its problem against the column's zh header
 * (the text the user sees in their file) and returns the normalised value, or null/undefined when the cell is bad
 * or empty. `ok()` tells whether the row collected no problem.
 */
export class RowChecker {
  private readonly before: number;

  constructor(
    readonly row: SheetRow,
    private readonly columns: readonly ColumnSpec[],
    readonly say: Say,
    private readonly errors: ImportRowError[],
  ) {
    this.before = errors.length;
  }

  ok(): boolean {
    return this.errors.length === this.before;
  }

  fail(key: string, code: string, zh: string, en: string): void {
    const column = this.columns.find((c) => c.key === key)?.header ?? key;
    this.errors.push({ row: this.row.rowNumber, column, code, message: this.say(zh, en) });
  }

  raw(key: string): string {
    return (this.row.values[key] ?? '').trim();
  }

  private label(key: string): { zh: string; en: string } {
    const spec = this.columns.find((c) => c.key === key);
    return { zh: spec?.header ?? key, en: spec?.headerEn ?? key };
  }

  /** Text of at most `max` characters; '' when empty and optional. */
  text(key: string, opts: { required?: boolean; max: number; min?: number }): string {
    const value = this.raw(key);
    const { zh, en } = this.label(key);
    if (!value) {
      if (opts.required) this.fail(key, 'required', `${zh}为必填项`, `${en} is required`);
      return '';
    }
    const length = [...value].length;
    if (length > opts.max) this.fail(key, 'too_long', `${zh}不能超过 ${opts.max} 个字`, `${en}: at most ${opts.max}`);
    else if (opts.min && length < opts.min)
      this.fail(key, 'too_short', `${zh}至少 ${opts.min} 个字`, `${en}: at least ${opts.min} characters`);
    return value;
  }

  idNumber(key: string, now: Date): string | null {
    const rawValue = this.raw(key);
    if (!rawValue) {
      this.fail(key, 'required', '身份证号为必填项', 'ID number is required');
      return null;
    }
    const id = normalizeIdNumber(rawValue);
    const problem = id ? idNumberProblem(id, now) : 'format';
    if (problem) {
      const [zh, en] = ID_PROBLEM_TEXT[problem];
      this.fail(key, `id_number.${problem}`, `身份证号${zh}`, `ID number: ${en}`);
      return null;
    }
    return id;
  }

  mobile(key: string): string | null {
    const rawValue = this.raw(key);
    if (!rawValue) return null;
    const mobile = normalizeMobile(rawValue);
    if (!mobile)
      this.fail(key, 'mobile.invalid', '手机号码应为 11 位中国大陆手机号', 'not an 11-digit mainland mobile number');
    return mobile;
  }

  /** A division code known to the system; `lengths` narrows it (9 = 街道/镇, 12 = 社区/村). */
  division(key: string, known: ReadonlySet<string>, opts: { required?: boolean; lengths?: number[] } = {}) {
    const code = this.raw(key);
    if (!code) {
      if (opts.required)
        this.fail(key, 'required', `${this.label(key).zh}为必填项`, `${this.label(key).en} is required`);
      return null;
    }
    if (!known.has(code)) {
      this.fail(key, 'division.unknown', `区划代码不存在：${code}`, `unknown division code: ${code}`);
      return null;
    }
    if (opts.lengths && !opts.lengths.includes(code.length)) {
      const zh = opts.lengths
        .map((l) => (l === 12 ? '社区/村 12 位' : l === 9 ? '街道/镇 9 位' : `${l} 位`))
        .join('或');
      this.fail(key, 'division.level', `应填写${zh}代码`, `use a ${opts.lengths.join(' or ')}-digit code`);
      return null;
    }
    return code;
  }

  /** Several division codes in one cell. */
  divisions(key: string, known: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const code of this.list(key)) {
      if (known.has(code)) out.push(code);
      else this.fail(key, 'division.unknown', `区划代码不存在：${code}`, `unknown division code: ${code}`);
    }
    return [...new Set(out)];
  }

  /** A date written 2024-03-05 (spreadsheet dates arrive in that form already). */
  date(key: string, opts: { required?: boolean; notAfter?: string; notBefore?: string } = {}): string | null {
    const value = this.raw(key);
    const { zh, en } = this.label(key);
    if (!value) {
      if (opts.required) this.fail(key, 'required', `${zh}为必填项`, `${en} is required`);
      return null;
    }
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value &&
      value >= '1900-01-01';
    if (!valid) {
      this.fail(key, 'date.format', '日期格式应为 2024-03-05', 'use the date format 2024-03-05');
      return null;
    }
    if (opts.notAfter && value > opts.notAfter) {
      this.fail(key, 'date.future', '日期不能晚于今天', 'cannot be in the future');
      return null;
    }
    if (opts.notBefore && value < opts.notBefore) {
      this.fail(key, 'date.order', `${zh}不能早于 ${opts.notBefore}`, `${en} cannot be before ${opts.notBefore}`);
      return null;
    }
    return value;
  }

  /** A decimal number within bounds, with at most `decimals` places. */
  number(key: string, opts: { required?: boolean; min: number; max: number; decimals: number }): number | null {
    const value = this.raw(key);
    const { zh, en } = this.label(key);
    if (!value) {
      if (opts.required) this.fail(key, 'required', `${zh}为必填项`, `${en} is required`);
      return null;
    }
    const places = value.split('.')[1]?.length ?? 0;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || places > opts.decimals) {
      this.fail(
        key,
        'number.format',
        `${zh}应为数字${opts.decimals ? `，最多 ${opts.decimals} 位小数` : '（整数）'}`,
        `${en} must be a number${opts.decimals ? ` with at most ${opts.decimals} decimals` : ' (whole)'}`,
      );
      return null;
    }
    if (n < opts.min || n > opts.max) {
      this.fail(key, 'number.range', `${zh}应在 ${opts.min}–${opts.max} 之间`, `${en} must be ${opts.min}–${opts.max}`);
      return null;
    }
    return n;
  }

  /** One value from a fixed set, given by its zh name or code. */
  choice<T extends string>(key: string, byName: ReadonlyMap<string, T>, opts: { required?: boolean; hint: string }) {
    const value = this.raw(key);
    const { zh, en } = this.label(key);
    if (!value) {
      if (opts.required) this.fail(key, 'required', `${zh}为必填项`, `${en} is required`);
      return null;
    }
    const found = byName.get(value) ?? byName.get(value.toLowerCase()) ?? null;
    if (!found) this.fail(key, `${key}.unknown`, `${zh}应为 ${opts.hint}`, `${en}: use one of ${opts.hint}`);
    return found;
  }

  /** 是/否 (yes/no); empty is no. */
  yesNo(key: string): boolean {
    const value = this.raw(key).toLowerCase();
    if (YES.has(value)) return true;
    if (!NO.has(value)) this.fail(key, 'boolean', `${this.label(key).zh}请填写“是”或“否”`, 'use yes or no');
    return false;
  }

  list(key: string): string[] {
    return this.raw(key).split(LIST_SEPARATORS).filter(Boolean);
  }

  /** Taxonomy terms by zh name, en name or code → codes, without repeats. */
  terms(key: string, map: ReadonlyMap<string, string>): string[] {
    const out: string[] = [];
    for (const part of this.list(key)) {
      const code = map.get(part) ?? map.get(part.toLowerCase());
      if (code) out.push(code);
      else this.fail(key, 'taxonomy.unknown_term', `未知的分类：${part}`, `unknown term: ${part}`);
    }
    return [...new Set(out)];
  }
}

/**
 * Marks rows whose key repeats an earlier row of the file. Returns the row numbers marked.
 * `key` returning null skips the row (nothing to compare).
 */
export function duplicatesInFile<R extends { rowNumber: number }>(
  rows: readonly R[],
  key: (row: R) => string | null,
  column: string,
  what: { zh: string; en: string },
  say: Say,
  errors: ImportRowError[],
): Set<number> {
  const marked = new Set<number>();
  const first = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const earlier = first.get(k);
    if (earlier === undefined) {
      first.set(k, r.rowNumber);
      continue;
    }
    errors.push({
      row: r.rowNumber,
      column,
      code: 'duplicate_in_file',
      message: say(`与第 ${earlier} 行${what.zh}重复`, `same ${what.en} as row ${earlier}`),
    });
    marked.add(r.rowNumber);
  }
  return marked;
}

/** Looks values up in batches of a thousand (one statement each); returns those found. */
export async function findExisting(
  values: readonly string[],
  lookup: (batch: string[]) => Promise<string[]>,
): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += 1000) for (const v of await lookup(unique.slice(i, i + 1000))) found.add(v);
  return found;
}

/** Term lookup by code, zh name and lower-case en name. */
export function termLookup(terms: ReadonlyArray<{ code: string; nameZh: string; nameEn: string }>) {
  return new Map(
    terms.flatMap(
      (t) =>
        [
          [t.code, t.code],
          [t.nameZh, t.code],
          [t.nameEn.toLowerCase(), t.code],
        ] as const,
    ),
  );
}
