import { Writable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Bulk import and export of registry data as .xlsx and .csv, for files made by people in Excel or WPS.
 *
 * Reading .xlsx is done here rather than with exceljs. `workbook.xlsx.load` inflates every part and builds an object
 * per cell, so a small zip bomb becomes gigabytes. Its streaming reader depends on the order of the parts in the zip
 * (it fails on files from exceljs's own in-memory writer, where workbook.xml comes last, and spills sheets to
 * temporary files when they precede the shared strings), and it returns the phonetic guide (rPh) instead of the
 * text. A .xlsx is a zip of a few XML parts: we read the zip directory ourselves, inflate only the parts we need
 * within a byte budget, and scan the worksheet row by row, so reading stops as soon as there are more than maxRows
 * rows. Writing uses exceljs's streaming writer (about three times faster than its in-memory workbook for 10,000
 * rows).
 */

export interface ColumnSpec {
  /** Field key in the row object, e.g. 'idNumber'. */
  key: string;
  /** zh-CN header shown in templates and exports, e.g. '身份证号'. */
  header: string;
  /** Also accepted on import, e.g. 'ID number'. */
  headerEn?: string;
  /** Other accepted header spellings on import, e.g. ['身份证号码', '证件号码']. */
  aliases?: string[];
  /** Marked with * in templates ('身份证号*'); a header with or without * is accepted on import. */
  required?: boolean;
  /** Sample value for the template's example row. */
  example?: string;
  /** Cell comment on the template header and a line in its instructions sheet. */
  note?: string;
  /** Column width in characters for xlsx. */
  width?: number;
  /** How cell values are normalised on read and formatted on write (default text). */
  kind?: 'text' | 'date' | 'number';
}

export type SheetFormat = 'xlsx' | 'csv';

export type SpreadsheetErrorCode =
  | 'spreadsheet.unreadable'
  | 'spreadsheet.too_large'
  | 'spreadsheet.too_many_rows'
  | 'spreadsheet.no_header'
  | 'spreadsheet.unsupported_format';

/**
 * Details by code: too_large {limitBytes} (and {inflatedLimitBytes} when the parts of an .xlsx expand too much),
 * too_many_rows {limit}, unsupported_format {detected: 'xls' | 'encrypted' | 'ods' | 'html' | 'xml_spreadsheet' |
 * 'pdf' | 'docx' | 'pptx' | 'zip' | 'binary', hint: 'save_as_xlsx'}, unreadable {reason, rowNumber?}.
 */
export class SpreadsheetError extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    readonly details?: Record<string, unknown>,
    options: { cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'SpreadsheetError';
  }
}

/** rowNumber is the 1-based row in the file (the row Excel shows; for CSV the record number), for error reports. */
export interface SheetRow {
  rowNumber: number;
  /** Trimmed strings ('' for an empty cell), for the columns present in the file only. */
  values: Record<string, string>;
}

export interface ReadResult {
  format: SheetFormat;
  rows: SheetRow[];
  /** zh headers of required columns the file lacks. */
  missingRequiredHeaders: string[];
  /** Header cells that match no column (and repeats of a column already matched), as written in the file. */
  unknownHeaders: string[];
}

const DEFAULT_MAX_ROWS = 50_000;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
// What the parts of an .xlsx may inflate to. A legitimate 50,000-row sheet is well under these; a zip bomb stops
// here instead of at the end of memory. Shared strings are kept in memory, the worksheet is only scanned.
const MAX_SHEET_XML_BYTES = 256 * 1024 * 1024;
const MAX_SHARED_STRINGS_XML_BYTES = 128 * 1024 * 1024;
const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;
/** Longest single <row> or <si> element; anything longer is not a sheet a person made. */
const MAX_ELEMENT_CHARS = 16 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 10_000;
/** XFD, Excel's last column. */
const MAX_COLUMNS = 16_384;
/** The header is the best-matching of the first this-many non-empty rows (title lines may come first). */
const HEADER_SCAN_ROWS = 10;
/** Sheets looked at for the header; the rest of a workbook with more is not read. */
const MAX_SHEETS_TRIED = 10;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Format detection
// ---------------------------------------------------------------------------------------------------------------

const OLE_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

function unsupported(detected: string): SpreadsheetError {
  return new SpreadsheetError('spreadsheet.unsupported_format', { detected, hint: 'save_as_xlsx' });
}

function unreadable(reason: string, cause?: unknown, extra: Record<string, unknown> = {}): SpreadsheetError {
  return new SpreadsheetError('spreadsheet.unreadable', { reason, ...extra }, { cause });
}

/**
 * .xlsx by the zip signature; .csv when the bytes look like text. Everything else is refused with what it seems to
 * be, so the message can say what to do: old .xls (and password-protected .xlsx, which are the same OLE container),
 * the HTML tables many systems export under an .xls name, WPS/LibreOffice .ods.
 */
export function detectFormat(buffer: Buffer, fileName?: string): SheetFormat {
  if (buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b) {
    const kind = buffer.readUInt16LE(2);
    if (kind === 0x0403 || kind === 0x0605) {
      // An OpenDocument package starts with an uncompressed 'mimetype' entry naming its type.
      if (buffer.toString('latin1', 30, 38) === 'mimetype') {
        if (buffer.toString('latin1', 38, 84).startsWith('application/vnd.oasis.opendocument'))
          throw unsupported('ods');
      }
      return 'xlsx';
    }
  }
  if (buffer.subarray(0, 8).equals(OLE_MAGIC)) {
    throw unsupported(fileName && /\.xlsx$/i.test(fileName) ? 'encrypted' : 'xls');
  }
  if (buffer.toString('latin1', 0, 5) === '%PDF-') throw unsupported('pdf');
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) return 'csv';
  const sample = buffer.subarray(0, 64 * 1024);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) throw unsupported('binary');
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  // Stray control characters happen in hand-made CSV; many of them do not.
  if (controls > 16 && controls > sample.length / 100) throw unsupported('binary');
  const head = sample
    .toString('latin1', 0, 2048)
    .replace(/^(\xef\xbb\xbf)?\s*/, '')
    .toLowerCase();
  if (/^<(!doctype html|html|table|head|body|meta)\b/.test(head)) throw unsupported('html');
  if (head.startsWith('<?xml') && /<(\w+:)?workbook\b/.test(head)) throw unsupported('xml_spreadsheet');
  return 'csv';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

/** A number cell, kept until we know the column: a date column turns Excel serial numbers into dates. */
interface NumberCell {
  text: string;
  value: number;
}
type RawCell = string | NumberCell;
interface RawRow {
  rowNumber: number;
  /** Sparse, by 0-based column. */
  cells: RawCell[];
  date1904?: boolean;
}
/** Rows come in batches (per inflated chunk, or a thousand CSV records): an await per row costs more than parsing. */
type RowSource = () => AsyncIterator<RawRow[]>;

export async function readSheet(
  buffer: Buffer,
  columns: readonly ColumnSpec[],
  options: { maxRows?: number; maxBytes?: number; fileName?: string } = {},
): Promise<ReadResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buffer.length > maxBytes) throw new SpreadsheetError('spreadsheet.too_large', { limitBytes: maxBytes });
  const format = detectFormat(buffer, options.fileName);
  try {
    const sources = format === 'xlsx' ? await xlsxSources(buffer, maxBytes) : [csvSource(buffer)];
    return { format, ...(await collectRows(sources, columns, maxRows)) };
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw unreadable(format === 'xlsx' ? 'corrupt_xlsx' : 'corrupt_csv', error);
  }
}

// --- Headers and rows, common to both formats ------------------------------------------------------------------

/**
 * '身份证号*', ' 身份证号 ', '身份证号（必填）', 'ID Number' all match. NFKC folds full-width letters, digits and
 * punctuation ('＊', '（'); spaces and line breaks inside headers are common in hand-made sheets and carry nothing.
 */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\((必填|选填|required|optional)\)$/i, '')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

function headerLookup(columns: readonly ColumnSpec[]): (text: string) => ColumnSpec | undefined {
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of columns) {
    for (const name of [spec.header, spec.headerEn, ...(spec.aliases ?? [])]) {
      if (!name) continue;
      const key = headerKey(name);
      if (!byKey.has(key)) byKey.set(key, spec);
    }
  }
  return (text) => {
    const key = headerKey(text);
    // A remark in brackets after the name ('身份证号（18位）') is a second chance, not a different column.
    return byKey.get(key) ?? byKey.get(key.replace(/\([^()]*\)$/, ''));
  };
}

function rawText(cell: RawCell | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? cleanText(cell) : cell.text;
}

function isBlank(cells: readonly RawCell[]): boolean {
  return !cells.some((cell) => rawText(cell) !== '');
}

/** Templates carry an example row under the header; its first cell says so. */
function isExampleRow(cells: readonly RawCell[]): boolean {
  const first = cells.find((cell) => rawText(cell) !== '');
  const text = rawText(first).normalize('NFKC');
  return text.startsWith('示例') || text.startsWith('例:') || /^example\b/i.test(text);
}

async function scanForHeader(
  iterator: AsyncIterator<RawRow[]>,
  lookup: (text: string) => ColumnSpec | undefined,
): Promise<{ header: RawRow; pending: RawRow[]; matched: number } | undefined> {
  const pulled: RawRow[] = [];
  const candidates: number[] = [];
  while (candidates.length < HEADER_SCAN_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    for (const row of next.value) {
      if (candidates.length < HEADER_SCAN_ROWS && !isBlank(row.cells)) candidates.push(pulled.length);
      pulled.push(row);
    }
  }
  let best = candidates[0];
  let matched = 0;
  for (const index of candidates) {
    let count = 0;
    for (const cell of pulled[index]?.cells ?? []) if (cell !== undefined && lookup(rawText(cell))) count++;
    if (count > matched) {
      best = index;
      matched = count;
    }
  }
  const header = best === undefined ? undefined : pulled[best];
  return header && best !== undefined ? { header, pending: pulled.slice(best + 1), matched } : undefined;
}

async function collectRows(
  sources: readonly RowSource[],
  columns: readonly ColumnSpec[],
  maxRows: number,
): Promise<Omit<ReadResult, 'format'>> {
  const lookup = headerLookup(columns);
  // The data sheet is normally the first. People also move the instructions sheet in front, or keep other tables
  // in the workbook: read the visible sheet whose header matches the most columns (the first on a tie).
  let iterator: AsyncIterator<RawRow[]> | undefined;
  let scan: Awaited<ReturnType<typeof scanForHeader>>;
  for (const open of sources.slice(0, MAX_SHEETS_TRIED)) {
    const candidate = open();
    const candidateScan = await scanForHeader(candidate, lookup);
    const better =
      iterator === undefined ||
      (candidateScan !== undefined && (scan === undefined || candidateScan.matched > scan.matched));
    if (better) {
      await iterator?.return?.();
      iterator = candidate;
      scan = candidateScan;
    } else {
      await candidate.return?.();
    }
  }
  if (!iterator) throw new SpreadsheetError('spreadsheet.no_header');
  try {
    if (!scan) throw new SpreadsheetError('spreadsheet.no_header');
    const mapping: Array<{ index: number; spec: ColumnSpec }> = [];
    const unknownHeaders: string[] = [];
    const seen = new Set<string>();
    scan.header.cells.forEach((cell, index) => {
      const text = rawText(cell);
      if (text === '') return;
      const spec = lookup(text);
      if (spec && !seen.has(spec.key)) {
        seen.add(spec.key);
        mapping.push({ index, spec });
      } else {
        unknownHeaders.push(text);
      }
    });
    const missingRequiredHeaders = columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);

    const rows: SheetRow[] = [];
    const take = (row: RawRow) => {
      const values: Record<string, string> = {};
      let filled = false;
      for (const { index, spec } of mapping) {
        const value = cellValue(row.cells[index], spec.kind ?? 'text', row.date1904 === true);
        values[spec.key] = value;
        if (value !== '') filled = true;
      }
      // Rows with nothing in the columns we import are skipped: blank rows, and remarks in columns we do not know.
      if (!filled) return;
      // Example rows only count before the first real row, so a record that happens to start with 'Example' is kept.
      if (rows.length === 0 && isExampleRow(row.cells)) return;
      if (rows.length >= maxRows) throw new SpreadsheetError('spreadsheet.too_many_rows', { limit: maxRows });
      rows.push({ rowNumber: row.rowNumber, values });
    };
    for (const row of scan.pending) take(row);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      for (const row of next.value) take(row);
    }
    return { rows, missingRequiredHeaders, unknownHeaders };
  } finally {
    // Stops the inflater when we leave early (too many rows).
    await iterator.return?.();
  }
}

// --- Values ----------------------------------------------------------------------------------------------------

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Control characters (PostgreSQL refuses NUL) and unpaired surrogates cannot be stored or read; drop them. */
function cleanText(text: string): string {
  let out = text.replace(CONTROL_CHARS, '');
  if (!out.isWellFormed()) out = out.toWellFormed();
  return out.trim();
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR) as a formula. Exported text that
 * would be read that way is prefixed with an apostrophe, and the apostrophe is taken off again on import, so an
 * export can be edited and imported back unchanged. Leading quotes and spaces are counted too, which makes the
 * escaping reversible for every string.
 */
const FORMULA_TRIGGER = /^['\s]*[=+\-@\t\r]/;

function escapeFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** Before trimming: trimming "'\t" would leave a lone apostrophe that no longer looks escaped. */
function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_TRIGGER.test(text.slice(1)) ? text.slice(1) : text;
}

function cellValue(cell: RawCell | undefined, kind: 'text' | 'date' | 'number', date1904: boolean): string {
  if (cell === undefined) return '';
  if (typeof cell !== 'string') {
    if (kind === 'date') return numberAsDate(cell.value, date1904) ?? cell.text;
    return cell.text;
  }
  const text = cleanText(unescapeFormula(cell));
  if (text === '') return '';
  if (kind === 'date') return normalizeDate(text);
  if (kind === 'number') return normalizeNumber(text);
  return text;
}

const TIME_SUFFIX = String.raw`(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DATE_TEXT = new RegExp(
  String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME_SUFFIX}$`,
  'i',
);
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

function ymd(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** 2024/3/5, 2024-03-05, 2024.3.5, 2024年3月5日, 20240305 (a time after it is dropped) → 2024-03-05, else as is. */
function normalizeDate(text: string): string {
  const folded = text.normalize('NFKC');
  const match = DATE_TEXT.exec(folded) ?? COMPACT_DATE.exec(folded);
  return (match && ymd(Number(match[1]), Number(match[2]), Number(match[3]))) ?? text;
}

/** Full-width digits and thousands separators ('１２３', '1,234.5') are how people type numbers. */
function normalizeNumber(text: string): string {
  const folded = text.normalize('NFKC').replace(/\s+/g, '');
  return /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(folded) ? folded.replaceAll(',', '') : folded;
}

/** A plain number in a date column: an Excel serial date, or 20240305 typed as a number. */
function numberAsDate(value: number, date1904: boolean): string | undefined {
  if (Number.isInteger(value) && value >= 10_000_101 && value <= 99_991_231) {
    return ymd(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
  }
  return serialToText(value, 'date', date1904);
}

/**
 * Excel stores dates as days since 1899-12-30 (1904-01-01 in the 1904 system), and in the 1900 system counts a
 * 29 February 1900 that never was: serials before 61 are one day off.
 */
function serialToText(serial: number, kind: DateKind, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const iso = new Date(epoch + days * 86_400_000 + seconds * 1000).toISOString();
  if (kind === 'date') return iso.slice(0, 10);
  if (kind === 'time') return iso.slice(11, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** '1.5E+3' → '1500', '1E-7' → '0.0000001': people never want exponent notation back. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', int = '', frac = '', exp = '0'] = match;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '');
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The text of a stored number. Integers written out in full (any length, as other programs write 18-digit IDs) are
 * kept digit for digit; anything else is rounded to the 15 significant digits Excel shows, so an ID that Excel
 * turned into 4.40604198001011E+17 comes back as 440604198001011000 (the digits Excel kept), not as 1.23E+17.
 */
function numberText(raw: string): string {
  if (/^-?\d+$/.test(raw)) return BigInt(raw).toString();
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  return expandExponent(String(Number(value.toPrecision(15))));
}

// --- CSV -------------------------------------------------------------------------------------------------------

/** Excel on Chinese Windows saves CSV as GB18030 (GBK); 'Unicode text' is UTF-16 with a BOM. */
function decodeText(buffer: Buffer): string {
  let text: string;
  if (buffer[0] === 0xff && buffer[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buffer);
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) text = new TextDecoder('utf-16be').decode(buffer);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    } catch {
      text = new TextDecoder('gb18030').decode(buffer);
    }
  }
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function csvSource(buffer: Buffer): RowSource {
  const text = decodeText(buffer);
  // Tab-separated when the header line has tabs and no commas (Excel's 'Unicode text', copies from web pages).
  const headerLine = /^[^\S\r\n]*\S.*$/m.exec(text)?.[0] ?? '';
  const delimiter = headerLine.includes('\t') && !headerLine.includes(',') ? '\t' : ',';
  return async function* () {
    let batch: RawRow[] = [];
    for (const row of csvRecords(text, delimiter)) {
      batch.push(row);
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    yield batch;
  };
}

/** RFC 4180, leniently: quotes only open a field at its start, text after a closing quote is kept. */
function* csvRecords(text: string, delimiter: string): Generator<RawRow> {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let rowNumber = 0;
  while (i < n) {
    rowNumber++;
    const cells: string[] = [];
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === 0x22) {
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) throw unreadable('csv_unterminated_quote', undefined, { rowNumber });
          if (text.charCodeAt(quote + 1) === 0x22) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
          } else {
            value += text.slice(from, quote);
            i = quote + 1;
            break;
          }
        }
      }
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === sep || c === 0x0a || c === 0x0d) break;
        end++;
      }
      value += text.slice(i, end);
      cells.push(value);
      i = end;
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        if (i < n) continue;
        cells.push(''); // a delimiter at the very end: one more, empty, field
        break;
      }
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      break;
    }
    yield { rowNumber, cells };
  }
}

// --- XLSX: zip -------------------------------------------------------------------------------------------------

interface ZipEntry {
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable('zip_offsets');
  return Number(value);
}

/** The central directory, by lower-cased name (part names in a package are case-insensitive). */
function readZipDirectory(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw unreadable('zip_no_directory');
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) throw unreadable('zip64');
    const record = safeNumber(buf.readBigUInt64LE(locator + 8));
    if (buf.readUInt32LE(record) !== 0x06064b50) throw unreadable('zip64');
    count = safeNumber(buf.readBigUInt64LE(record + 32));
    offset = safeNumber(buf.readBigUInt64LE(record + 48));
  }
  if (count > MAX_ZIP_ENTRIES) throw unreadable('zip_entries');
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let index = 0; index < count; index++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw unreadable('zip_directory');
    const flags = buf.readUInt16LE(p + 8);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      flags,
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength).replaceAll('\\', '/');
    // Zip64: sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order, when marked.
    let extra = p + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = buf.readUInt16LE(extra);
      const size = buf.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        for (const key of ['uncompressedSize', 'compressedSize', 'localOffset'] as const) {
          if (entry[key] === 0xffffffff && field + 8 <= extra + 4 + size) {
            entry[key] = safeNumber(buf.readBigUInt64LE(field));
            field += 8;
          }
        }
      }
      extra += 4 + size;
    }
    entries.set(name.toLowerCase(), entry);
    p = extraEnd + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) throw unreadable('zip_encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw unreadable('zip_compression');
  const p = entry.localOffset;
  if (buf.readUInt32LE(p) !== 0x04034b50) throw unreadable('zip_local_header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw unreadable('zip_truncated');
  return buf.subarray(start, end);
}

function tooMuchInflated(limit: number, maxBytes: number): SpreadsheetError {
  return new SpreadsheetError('spreadsheet.too_large', { limitBytes: maxBytes, inflatedLimitBytes: limit });
}

/** A small part (workbook, relationships, styles), whole. */
function partText(buf: Buffer, zip: Map<string, ZipEntry>, path: string, maxBytes: number): string | undefined {
  const entry = zip.get(path.toLowerCase());
  if (!entry) return undefined;
  if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw tooMuchInflated(MAX_SMALL_PART_BYTES, maxBytes);
  const data = entryData(buf, entry);
  let bytes: Buffer;
  if (entry.method === 0) bytes = data;
  else {
    try {
      bytes = inflateRawSync(data, { maxOutputLength: MAX_SMALL_PART_BYTES });
    } catch (error) {
      if (error instanceof RangeError) throw tooMuchInflated(MAX_SMALL_PART_BYTES, maxBytes);
      throw unreadable('zip_inflate', error);
    }
  }
  if (bytes.length > MAX_SMALL_PART_BYTES) throw tooMuchInflated(MAX_SMALL_PART_BYTES, maxBytes);
  return new TextDecoder().decode(bytes);
}

/** A large part as it inflates, counting bytes against the limit (declared sizes are not trusted). */
async function* partChunks(buf: Buffer, entry: ZipEntry, limit: number, maxBytes: number): AsyncGenerator<Buffer> {
  if (entry.uncompressedSize > limit) throw tooMuchInflated(limit, maxBytes);
  const data = entryData(buf, entry);
  if (entry.method === 0) {
    if (data.length > limit) throw tooMuchInflated(limit, maxBytes);
    yield data;
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 256 * 1024 });
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw tooMuchInflated(limit, maxBytes);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw unreadable('zip_inflate', error);
  } finally {
    inflater.destroy();
  }
}

// --- XLSX: XML -------------------------------------------------------------------------------------------------

// SpreadsheetML from Excel, WPS, LibreOffice and the usual libraries is regular enough to read with patterns, which
// is several times faster than a general XML parser. Element names may carry a namespace prefix (<x:row>); no DTD
// is ever expanded (only the five predefined entities and character references are decoded).
const P = '(?:[\\w.-]+:)?';
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const V = new RegExp(`<${P}v\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}v>)`);
const IS = new RegExp(`<${P}is\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}is>)`);
const T = new RegExp(`<${P}t\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}t>)`, 'g');
const PHONETIC = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');
const ENTITY = /&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Element text: entities, CDATA, and OOXML's _xHHHH_ escapes (Excel writes a CR in a cell as _x000D_). */
function decodeXmlText(text: string): string {
  let out = text.includes('<![CDATA[')
    ? text
        .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
        .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
        .join('')
    : decodeEntities(text);
  if (out.includes('_x')) {
    out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return out;
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1] ?? '', decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** The text of a string item (<si>, <is>): plain <t>, or rich-text runs; phonetic guides (<rPh>) are not text. */
function itemText(xml: string): string {
  // Nearly every item is one plain <t>.
  if (xml.startsWith('<t') && xml.endsWith('</t>')) {
    const gt = xml.indexOf('>');
    if (gt > 0 && xml.indexOf('<', gt) === xml.length - 4 && (xml[2] === '>' || isSpace(xml.charCodeAt(2)))) {
      return decodeXmlText(xml.slice(gt + 1, -4));
    }
  }
  const body = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  let out = '';
  for (const m of body.matchAll(T)) out += m[1] ?? '';
  return decodeXmlText(out);
}

interface XmlElement {
  attributes: string;
  content: string;
}

/** Complete <tag …>…</tag> elements out of a stream of XML chunks, holding at most one partial element. */
async function* xmlElements(chunks: AsyncIterable<Buffer>, tag: string): AsyncGenerator<XmlElement[]> {
  const open = new RegExp(`<(${P})${tag}\\b([^>]*?)(/?)>`, 'g');
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    const batch: XmlElement[] = [];
    let pos = 0;
    for (;;) {
      open.lastIndex = pos;
      const m = open.exec(pending);
      if (!m) {
        // Keep a possibly incomplete tag at the end; what comes before it is not ours.
        const lt = pending.lastIndexOf('<');
        pos = lt >= pos ? lt : pending.length;
        break;
      }
      if (m[3] === '/') {
        batch.push({ attributes: m[2] ?? '', content: '' });
        pos = open.lastIndex;
        continue;
      }
      const closing = `</${m[1] ?? ''}${tag}>`;
      const close = pending.indexOf(closing, open.lastIndex);
      if (close < 0) {
        pos = m.index;
        break;
      }
      batch.push({ attributes: m[2] ?? '', content: pending.slice(open.lastIndex, close) });
      pos = close + closing.length;
    }
    pending = pending.slice(pos);
    if (pending.length > MAX_ELEMENT_CHARS) throw unreadable('xml_element_too_large');
    if (batch.length > 0) yield batch;
  }
}

// --- XLSX: workbook --------------------------------------------------------------------------------------------

type DateKind = 'date' | 'datetime' | 'time';

interface CellStyle {
  date?: DateKind;
  /** A format of only zeros ('000000') shows leading zeros: a code typed as a number keeps them. */
  pad?: number;
}

interface SheetContext {
  sharedStrings: string[];
  styles: Array<CellStyle | undefined>;
  date1904: boolean;
}

/** Built-in number formats that are dates or times, including the zh-CN ones (27–36, 50–58). */
function builtinDateKind(id: number): DateKind | undefined {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id === 36 || (id >= 50 && id <= 58)) return 'date';
  if (id === 22) return 'datetime';
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) return 'time';
  return undefined;
}

function formatStyle(id: number, code: string | undefined): CellStyle | undefined {
  if (code === undefined) {
    const date = builtinDateKind(id);
    return date && { date };
  }
  // Quoted text, escapes and [colour]/[$-804] locale blocks say nothing about dates; elapsed time ([h]) does.
  const section = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"|\\.|_.|\*./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .toLowerCase();
  if (/^0{2,}$/.test(section)) return { pad: section.length };
  const hasDate = /[yd]/.test(section);
  const hasTime = /[hs]/.test(section);
  if (hasDate) return { date: hasTime ? 'datetime' : 'date' };
  return hasTime ? { date: 'time' } : undefined;
}

function readStyles(xml: string | undefined): Array<CellStyle | undefined> {
  if (!xml) return [];
  const formats = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${P}numFmt\\b([^>]*)>`, 'g'))) {
    const a = attributes(m[1] ?? '');
    formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const cellXfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(xml)?.[1] ?? '';
  const styles: Array<CellStyle | undefined> = [];
  for (const m of cellXfs.matchAll(new RegExp(`<${P}xf\\b([^>]*)>`, 'g'))) {
    const id = Number(attributes(m[1] ?? '').get('numFmtId') ?? 0);
    styles.push(formatStyle(id, formats.get(id)));
  }
  return styles;
}

interface Relationship {
  type: string;
  target: string;
}

function readRelationships(xml: string | undefined): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (!xml) return out;
  for (const m of xml.matchAll(new RegExp(`<${P}Relationship\\b([^>]*)>`, 'g'))) {
    const a = attributes(m[1] ?? '');
    out.set(a.get('Id') ?? '', { type: a.get('Type') ?? '', target: a.get('Target') ?? '' });
  }
  return out;
}

/** A relationship target is relative to the folder of the part that names it, or absolute from the root. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = from.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

async function xlsxSources(buf: Buffer, maxBytes: number): Promise<RowSource[]> {
  const zip = readZipDirectory(buf);
  const text = (path: string) => partText(buf, zip, path, maxBytes);

  const rootRelationships = readRelationships(text('_rels/.rels'));
  const officeDocument = [...rootRelationships.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument ? resolvePart('', officeDocument.target) : 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) {
    if (zip.has('word/document.xml')) throw unsupported('docx');
    if (zip.has('ppt/presentation.xml')) throw unsupported('pptx');
    throw unsupported('zip');
  }
  const relationships = readRelationships(text(relationshipsPartOf(workbookPath)));
  const partOfType = (suffix: string, fallback: string) => {
    const rel = [...relationships.values()].find((r) => r.type.endsWith(suffix));
    return rel ? resolvePart(workbookPath, rel.target) : fallback;
  };

  const workbookPr = new RegExp(`<${P}workbookPr\\b([^>]*)>`).exec(workbookXml);
  const date1904 = /^(1|true)$/i.test(attributes(workbookPr?.[1] ?? '').get('date1904') ?? '');
  const sheetsXml = new RegExp(`<${P}sheets\\b[^>]*>([\\s\\S]*?)</${P}sheets>`).exec(workbookXml)?.[1] ?? '';
  const sheetPaths: string[] = [];
  for (const m of sheetsXml.matchAll(new RegExp(`<${P}sheet\\b([^>]*)>`, 'g'))) {
    const a = attributes(m[1] ?? '');
    if (a.get('state') === 'hidden' || a.get('state') === 'veryHidden') continue;
    const id = [...a.entries()].find(([name]) => name.endsWith(':id'))?.[1];
    const rel = id === undefined ? undefined : relationships.get(id);
    if (!rel?.type.endsWith('/worksheet')) continue;
    const path = resolvePart(workbookPath, rel.target);
    if (zip.has(path.toLowerCase())) sheetPaths.push(path);
  }
  if (sheetPaths.length === 0) throw unreadable('xlsx_no_worksheet');

  const context: SheetContext = {
    sharedStrings: [],
    styles: readStyles(text(partOfType('/styles', 'xl/styles.xml'))),
    date1904,
  };
  const sharedStringsEntry = zip.get(partOfType('/sharedStrings', 'xl/sharedStrings.xml').toLowerCase());
  if (sharedStringsEntry) {
    const chunks = partChunks(buf, sharedStringsEntry, MAX_SHARED_STRINGS_XML_BYTES, maxBytes);
    for await (const items of xmlElements(chunks, 'si')) {
      for (const item of items) context.sharedStrings.push(itemText(item.content));
    }
  }

  return sheetPaths.map((path) => () => {
    const entry = zip.get(path.toLowerCase())!;
    return worksheetRows(partChunks(buf, entry, MAX_SHEET_XML_BYTES, maxBytes), context);
  });
}

async function* worksheetRows(chunks: AsyncIterable<Buffer>, context: SheetContext): AsyncGenerator<RawRow[]> {
  let next = 1;
  for await (const elements of xmlElements(chunks, 'row')) {
    const rows: RawRow[] = [];
    for (const element of elements) {
      const r = attributeValue(element.attributes, 'r');
      const rowNumber = r && /^\d+$/.test(r) ? Number(r) : next;
      next = rowNumber + 1;
      const cells = element.content ? rowCells(element.content, context) : [];
      rows.push({ rowNumber, cells, date1904: context.date1904 });
    }
    yield rows;
  }
}

/** 'AB12' → 27 (0-based column). */
function columnIndex(reference: string): number {
  let index = 0;
  for (let i = 0; i < reference.length; i++) {
    const c = reference.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    index = index * 26 + (c - 0x60);
  }
  return index - 1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** One attribute of a start tag's attribute text, without building the others (this runs for every cell). */
function attributeValue(text: string, name: string): string | undefined {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && text.charCodeAt(i) !== 0x3d && !isSpace(text.charCodeAt(i))) i++;
    const end = i;
    while (i < n && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x27) i++;
    const quote = text[i];
    if (quote === undefined) return undefined;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    if (end - start === name.length && text.startsWith(name, start)) return decodeEntities(text.slice(i + 1, close));
    i = close + 1;
  }
  return undefined;
}

/**
 * The cells of one row. Hand-written rather than a pattern because it runs for every cell; elements other than <c>
 * (extLst) are stepped over.
 */
function rowCells(xml: string, context: SheetContext): RawCell[] {
  const cells: RawCell[] = [];
  const n = xml.length;
  let column = -1;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      pos = end < 0 ? n : end + 3;
      continue;
    }
    let nameEnd = lt + 1;
    while (nameEnd < n) {
      const c = xml.charCodeAt(nameEnd);
      if (c === 0x3e || c === 0x2f || isSpace(c)) break;
      nameEnd++;
    }
    const name = xml.slice(lt + 1, nameEnd);
    const tagEnd = xml.indexOf('>', nameEnd);
    if (tagEnd < 0) break;
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 0x2f || name.startsWith('?');
    let inner = '';
    pos = tagEnd + 1;
    if (!selfClosing) {
      const closing = `</${name}>`;
      const close = xml.indexOf(closing, pos);
      if (close < 0) break;
      inner = xml.slice(pos, close);
      pos = close + closing.length;
    }
    if (name !== 'c' && !name.endsWith(':c')) continue;
    const attributes = xml.slice(nameEnd, selfClosing ? tagEnd - 1 : tagEnd);
    const reference = attributeValue(attributes, 'r');
    column = reference ? columnIndex(reference) : column + 1;
    if (column < 0 || column >= MAX_COLUMNS || inner === '') continue;
    const value = cellContent(
      attributeValue(attributes, 't') ?? 'n',
      Number(attributeValue(attributes, 's') ?? 0),
      inner,
      context,
    );
    if (value !== '') cells[column] = value;
  }
  return cells;
}

/** The text of a cell's <v>, the common unprefixed case without a pattern. */
function cellV(xml: string): string | undefined {
  const start = xml.indexOf('<v>');
  if (start >= 0) {
    const end = xml.indexOf('</v>', start + 3);
    if (end >= 0) return xml.slice(start + 3, end);
  }
  return V.exec(xml)?.[1];
}

function cellContent(type: string, style: number, xml: string, context: SheetContext): RawCell {
  if (type === 'inlineStr') {
    const inline = IS.exec(xml);
    if (inline) return itemText(inline[1] ?? '');
  }
  const v = cellV(xml);
  if (v === undefined || v === '') return '';
  switch (type) {
    case 's':
      return context.sharedStrings[Number(v)] ?? '';
    case 'b':
      return v === '1' || v.toLowerCase() === 'true' ? 'true' : 'false';
    case 'd': {
      // ISO 8601 in the cell (strict OOXML, some libraries).
      const iso = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(v);
      if (!iso) return decodeXmlText(v);
      return !iso[2] || iso[2] === '00:00:00' ? (iso[1] ?? '') : `${iso[1]} ${iso[2]}`;
    }
    case 'str':
    case 'e':
    case 'inlineStr':
      return decodeXmlText(v);
    default: {
      const raw = v.trim();
      const cellStyle = context.styles[style];
      const value = Number(raw);
      if (cellStyle?.date) {
        const date = serialToText(value, cellStyle.date, context.date1904);
        if (date) return date;
      }
      let text = numberText(raw);
      if (cellStyle?.pad && /^\d+$/.test(text)) text = text.padStart(cellStyle.pad, '0');
      return { text, value };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

type Prepared =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'date'; text: string };

const EMPTY: Prepared = { type: 'empty' };

/** Dates are shown as the calendar date in China (UTC+8, no daylight saving), whatever the server's time zone. */
function shanghaiIso(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = shanghaiIso(value);
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (Array.isArray(value)) return value.map(plainText).join('、');
  return String(value);
}

function prepare(spec: ColumnSpec, value: unknown): Prepared {
  if (value === null || value === undefined || value === '') return EMPTY;
  const kind = spec.kind ?? 'text';
  if (kind === 'date') {
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? EMPTY : { type: 'date', text: shanghaiIso(value).slice(0, 10) };
    }
    if (typeof value === 'string') {
      const date = normalizeDate(value.trim());
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return { type: 'date', text: date };
    }
  } else if (kind === 'number') {
    if (typeof value === 'number') {
      return Number.isFinite(value) ? { type: 'number', value, text: numberText(String(value)) } : EMPTY;
    }
    const text = typeof value === 'bigint' ? String(value) : typeof value === 'string' ? value.trim() : '';
    // Numbers Excel can hold exactly (15 significant digits); longer ones stay text so no digit is lost.
    if (/^-?\d+(\.\d+)?$/.test(text) && text.replace(/^-?0*|\./g, '').length <= 15) {
      return { type: 'number', value: Number(text), text: numberText(text) };
    }
  }
  return { type: 'text', text: escapeFormula(plainText(value)) };
}

function xlsxValue(prepared: Prepared): string | number | Date | null {
  switch (prepared.type) {
    case 'empty':
      return null;
    case 'number':
      return prepared.value;
    case 'date':
      // Excel's calendar counts a 29 February 1900 that never was; earlier dates stay text rather than shift a day.
      return prepared.text < '1900-03-01' ? prepared.text : new Date(`${prepared.text}T00:00:00Z`);
    case 'text':
      return prepared.text;
  }
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

function columnWidth(spec: ColumnSpec): number {
  if (spec.width) return spec.width;
  const wanted = Math.max(displayWidth(spec.header) + 4, displayWidth(spec.example ?? '') + 2, 10);
  return Math.min(wanted, 40);
}

/** Text columns get the text format ('@') so IDs and phone numbers typed into an export or template stay text. */
function columnStyle(spec: ColumnSpec): Partial<ExcelJS.Style> {
  const kind = spec.kind ?? 'text';
  if (kind === 'text') return { numFmt: '@' };
  if (kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  return {};
}

function safeSheetName(name: string, fallback = 'Sheet1'): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || fallback;
}

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** exceljs's streaming writer into a buffer; shared strings, as Excel itself writes them, for WPS and old readers. */
async function buildWorkbook(build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Shegong 数字社工';
  build(workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

function addHeaderRow(sheet: ExcelJS.Worksheet, headers: string[]): ExcelJS.Row {
  const row = sheet.addRow(headers);
  row.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
  });
  return row;
}

export async function writeXlsx(
  columns: readonly ColumnSpec[],
  rows: ReadonlyArray<Record<string, unknown>>,
  options: { sheetName: string; title?: string },
): Promise<Buffer> {
  return buildWorkbook((workbook) => {
    const headerRow = options.title ? 2 : 1;
    if (options.title) workbook.title = options.title;
    const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), {
      views: [{ state: 'frozen', ySplit: headerRow }],
    });
    sheet.columns = columns.map((spec) => ({ key: spec.key, width: columnWidth(spec), style: columnStyle(spec) }));
    if (options.title) {
      // A title line above the header; readSheet recognises the header below it.
      const title = sheet.addRow([options.title]);
      title.getCell(1).font = { bold: true, size: 14 };
      if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
      title.commit();
    }
    addHeaderRow(
      sheet,
      columns.map((spec) => spec.header),
    ).commit();
    for (const record of rows) {
      sheet.addRow(columns.map((spec) => xlsxValue(prepare(spec, record[spec.key])))).commit();
    }
    sheet.commit();
  });
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a BOM (without it Excel reads UTF-8 as the local code page and garbles Chinese), CRLF, RFC 4180. */
export function writeCsv(columns: readonly ColumnSpec[], rows: ReadonlyArray<Record<string, unknown>>): Buffer {
  const lines = [columns.map((spec) => csvField(escapeFormula(spec.header))).join(',')];
  for (const record of rows) {
    lines.push(
      columns
        .map((spec) => {
          const prepared = prepare(spec, record[spec.key]);
          return prepared.type === 'empty' ? '' : csvField(prepared.text);
        })
        .join(','),
    );
  }
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const KIND_LABELS = { text: '文本', date: '日期（如 2024-03-05）', number: '数字' } as const;
const GUIDE_SHEET = '填写说明';

/**
 * An import template: the header (required columns marked '*', notes as cell comments), one example row whose first
 * cell starts with '示例：' (skipped on import), and a '填写说明' sheet with the instructions and every column.
 */
export async function templateXlsx(
  columns: readonly ColumnSpec[],
  options: { sheetName: string; instructions: string[] },
): Promise<Buffer> {
  return buildWorkbook((workbook) => {
    let name = safeSheetName(options.sheetName);
    if (name === GUIDE_SHEET) name = '数据';
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((spec) => ({ key: spec.key, width: columnWidth(spec), style: columnStyle(spec) }));
    const header = addHeaderRow(
      sheet,
      columns.map((spec) => (spec.required ? `${spec.header}*` : spec.header)),
    );
    columns.forEach((spec, index) => {
      const cell = header.getCell(index + 1);
      if (spec.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      if (spec.note) cell.note = spec.note;
    });
    header.commit();
    const example = sheet.addRow(
      columns.map((spec, index) => (index === 0 ? `示例：${spec.example ?? ''}` : (spec.example ?? null))),
    );
    example.eachCell((cell) => {
      cell.font = { italic: true, color: { argb: 'FF808080' } };
    });
    example.commit();
    sheet.commit();

    const guide = workbook.addWorksheet(GUIDE_SHEET);
    guide.columns = [{ width: 24 }, { width: 10 }, { width: 22 }, { width: 24 }, { width: 60 }];
    for (const line of options.instructions) guide.addRow([line]).commit();
    if (options.instructions.length > 0) guide.addRow([]).commit();
    const head = guide.addRow(['列名', '是否必填', '格式', '示例', '说明']);
    head.font = HEADER_FONT;
    head.commit();
    for (const spec of columns) {
      guide
        .addRow([
          spec.header,
          spec.required ? '是' : '否',
          KIND_LABELS[spec.kind ?? 'text'],
          spec.example ?? '',
          spec.note ?? '',
        ])
        .commit();
    }
    guide.commit();
  });
}
