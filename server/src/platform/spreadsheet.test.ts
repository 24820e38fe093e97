import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ColumnSpec,
  detectFormat,
  readSheet,
  SpreadsheetError,
  templateXlsx,
  writeCsv,
  writeXlsx,
} from './spreadsheet';

const COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '张三' },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    aliases: ['身份证号码', '证件号码'],
    required: true,
    example: '44060419800101123X',
    note: '18 位居民身份证号',
  },
  { key: 'code', header: '编号', aliases: ['机构编号'], example: '007' },
  { key: 'birthDate', header: '出生日期', headerEn: 'Date of birth', kind: 'date', example: '1980-01-01' },
  { key: 'hours', header: '学时', kind: 'number', example: '12.5' },
  { key: 'remark', header: '备注', note: '可不填' },
];

async function expectSpreadsheetError(promise: Promise<unknown>, code: string, details?: Record<string, unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  expect((error as SpreadsheetError).code).toBe(code);
  if (details) expect((error as SpreadsheetError).details).toMatchObject(details);
  return error as SpreadsheetError;
}

// --- A minimal zip writer, to build .xlsx files the way other programs do (and broken ones) --------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipPart {
  name: string;
  data?: string | Buffer;
  store?: boolean;
  /** Already deflated bytes, with the size the directory claims (a lying zip bomb). */
  deflated?: Buffer;
  declaredSize?: number;
}

function makeZip(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data) : (part.data ?? Buffer.alloc(0));
    const body = part.deflated ?? (part.store ? data : deflateRawSync(data));
    const method = part.store ? 0 : 8;
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandSheet {
  name: string;
  rows: string;
  state?: string;
  /** Element prefix, as some .NET and Java libraries write (<x:row>). */
  prefix?: string;
}

/** An .xlsx written by hand: sheets in workbook order, stored in the zip in reverse order. */
function handXlsx(
  sheets: HandSheet[],
  options: { sharedStrings?: string[]; styles?: string; date1904?: boolean; store?: boolean; extra?: ZipPart[] } = {},
): Buffer {
  const store = options.store ?? false;
  const parts: ZipPart[] = [
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
        .map(
          (s, i) =>
            `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
        )
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_s, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    },
  ];
  const sheetParts = sheets.map((s, i) => {
    const p = s.prefix ? `${s.prefix}:` : '';
    const ns = s.prefix ? `xmlns:${s.prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
    return {
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${s.rows}</${p}sheetData></${p}worksheet>`,
      store,
    };
  });
  parts.push(...sheetParts.reverse());
  if (options.sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0"?><sst xmlns="${MAIN_NS}">${options.sharedStrings.join('')}</sst>`,
      store,
    });
  }
  if (options.styles)
    parts.push({ name: 'xl/styles.xml', data: `<styleSheet xmlns="${MAIN_NS}">${options.styles}</styleSheet>` });
  parts.push(...(options.extra ?? []));
  return makeZip(parts);
}

/** A row of inline-string cells from column A; undefined leaves a cell out. */
function inlineRow(r: number, values: Array<string | undefined>, extra = ''): string {
  const cells = values.map((v, i) =>
    v === undefined ? '' : `<c r="${'ABCDEF'[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`,
  );
  return `<row r="${r}">${cells.join('')}${extra}</row>`;
}

const HEADER_ROW = inlineRow(1, ['姓名', '身份证号', '编号', '出生日期', '学时', '备注']);

const NO_VALUES = { name: '', idNumber: '', code: '', birthDate: '', hours: '', remark: '' };

// ---------------------------------------------------------------------------------------------------------------

const SAMPLE_ROWS: Array<Record<string, unknown>> = [
  {
    name: '欧阳娜娜',
    idNumber: '44060419800101123X',
    code: '007',
    birthDate: '1980-01-01',
    hours: 12.5,
    remark: '祖庙街道，“幸福家园”项目\n第二行',
  },
  {
    name: '李雷',
    idNumber: '440604199912319876',
    code: '0012',
    birthDate: new Date(Date.UTC(1999, 11, 31, 16, 30)), // 2000-01-01 00:30 in Beijing
    hours: -3,
    remark: '=HYPERLINK("http://evil.example","点我")',
  },
  { name: 'Tom Smith', idNumber: '', code: null, birthDate: '2024/3/5', hours: '8', remark: '+86 138 0013 8000' },
];

const SAMPLE_EXPECTED = [
  {
    name: '欧阳娜娜',
    idNumber: '44060419800101123X',
    code: '007',
    birthDate: '1980-01-01',
    hours: '12.5',
    remark: '祖庙街道，“幸福家园”项目\n第二行',
  },
  {
    name: '李雷',
    idNumber: '440604199912319876',
    code: '0012',
    birthDate: '2000-01-01',
    hours: '-3',
    remark: '=HYPERLINK("http://evil.example","点我")',
  },
  { name: 'Tom Smith', idNumber: '', code: '', birthDate: '2024-03-05', hours: '8', remark: '+86 138 0013 8000' },
];

describe('xlsx round trip', () => {
  it('reads back what it writes: Chinese text, 18-character IDs, leading zeros, dates, numbers', async () => {
    const buffer = await writeXlsx(COLUMNS, SAMPLE_ROWS, { sheetName: '社工名册' });
    expect(detectFormat(buffer)).toBe('xlsx');
    const result = await readSheet(buffer, COLUMNS);
    expect(result.format).toBe('xlsx');
    expect(result.missingRequiredHeaders).toEqual([]);
    expect(result.unknownHeaders).toEqual([]);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(result.rows.map((r) => r.values)).toEqual(SAMPLE_EXPECTED);
  });

  it('writes a bold, frozen header, widths, text format for text columns, real numbers and dates', async () => {
    const buffer = await writeXlsx(COLUMNS, SAMPLE_ROWS, { sheetName: '社工名册' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('社工名册')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(10);
    expect(sheet.getRow(2).getCell(2).value).toBe('44060419800101123X');
    expect(sheet.getRow(2).getCell(3).value).toBe('007');
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date(Date.UTC(1980, 0, 1)));
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('yyyy-mm-dd');
    // A negative number in a number column is a number; text that starts like a formula is escaped.
    expect(sheet.getRow(3).getCell(5).value).toBe(-3);
    expect(sheet.getRow(3).getCell(6).value).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(sheet.getRow(4).getCell(6).value).toBe("'+86 138 0013 8000");
  });

  it('puts an optional title above the header and still finds the header on import', async () => {
    const buffer = await writeXlsx(COLUMNS, SAMPLE_ROWS, { sheetName: '社工名册', title: '2024 年社工名册' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('2024 年社工名册');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const result = await readSheet(buffer, COLUMNS);
    expect(result.rows.map((r) => r.values)).toEqual(SAMPLE_EXPECTED);
    expect(result.rows[0]?.rowNumber).toBe(3);
  });
});

describe('csv round trip', () => {
  it('writes UTF-8 with BOM, CRLF and RFC 4180 quoting, and reads it back', async () => {
    const buffer = writeCsv(COLUMNS, SAMPLE_ROWS);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text.startsWith('姓名,身份证号,编号,出生日期,学时,备注\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"祖庙街道，“幸福家园”项目\n第二行"');
    expect(text).toContain(',-3,"\'=HYPERLINK(""http://evil.example"",""点我"")"\r\n');
    expect(text).toContain(",'+86 138 0013 8000\r\n");
    expect(detectFormat(buffer, 'export.csv')).toBe('csv');
    const result = await readSheet(buffer, COLUMNS);
    expect(result.format).toBe('csv');
    expect(result.rows.map((r) => r.values)).toEqual(SAMPLE_EXPECTED);
    // Record numbers, as Excel shows them: the quoted line break does not start a new row.
    expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
  });

  it('round-trips any text: quotes, commas, line breaks, formula characters, CJK, emoji', async () => {
    const columns: ColumnSpec[] = [
      { key: 'a', header: 'A' },
      { key: 'b', header: 'B' },
      { key: 'c', header: 'C' },
    ];
    const char = fc.constantFrom(
      'a',
      'Z',
      '9',
      ' ',
      ',',
      '"',
      "'",
      '\n',
      '\r',
      '\t',
      '=',
      '+',
      '-',
      '@',
      '中',
      '文',
      '😀',
    );
    const value = fc.string({ unit: char, maxLength: 12 });
    const record = fc.record({ a: value, b: value, c: value });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 8 }), async (records) => {
        const result = await readSheet(writeCsv(columns, records), columns);
        const expected = records
          .map((r) => ({ a: r.a.trim(), b: r.b.trim(), c: r.c.trim() }))
          .filter((r) => r.a !== '' || r.b !== '' || r.c !== '');
        expect(result.rows.map((r) => r.values)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('headers', () => {
  it('matches zh headers, English, aliases, a * mark, full-width forms and stray spaces', async () => {
    const csv =
      'Ｎａｍｅ＊, 证件号码 ,机构编号,出生日期（必填）,ID NUMBER,籍贯,\r\n张三,44060419800101123X,007,1980-01-01,,广东,\r\n';
    const result = await readSheet(Buffer.from(csv), COLUMNS);
    expect(result.unknownHeaders).toEqual(['ID NUMBER', '籍贯']); // the second ID column is a repeat
    expect(result.missingRequiredHeaders).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: { name: '张三', idNumber: '44060419800101123X', code: '007', birthDate: '1980-01-01' },
      },
    ]);
  });

  it('reports missing required and unknown columns, and returns only the columns present', async () => {
    const result = await readSheet(Buffer.from('姓名,电话\n张三,13800138000\n'), COLUMNS);
    expect(result.missingRequiredHeaders).toEqual(['身份证号']);
    expect(result.unknownHeaders).toEqual(['电话']);
    expect(result.rows).toEqual([{ rowNumber: 2, values: { name: '张三' } }]);
  });

  it('accepts a remark in brackets after a header and a header split over lines', async () => {
    const result = await readSheet(
      Buffer.from('"姓名",身份证号（18位）,"出生\n日期"\n张三,44060419800101123X,1980/1/1\n'),
      COLUMNS,
    );
    expect(result.unknownHeaders).toEqual([]);
    expect(result.rows[0]?.values).toEqual({ name: '张三', idNumber: '44060419800101123X', birthDate: '1980-01-01' });
  });

  it('finds the header under title lines', async () => {
    const csv =
      '\n2024年度社工名册,,\n填报单位：祖庙街道,填报日期：2024-03-05,\n姓名,身份证号,备注\n张三,44060419800101123X,\n';
    const result = await readSheet(Buffer.from(csv), COLUMNS);
    expect(result.unknownHeaders).toEqual([]);
    expect(result.rows).toEqual([
      { rowNumber: 5, values: { name: '张三', idNumber: '44060419800101123X', remark: '' } },
    ]);
  });

  it('refuses a file without any non-empty row', async () => {
    await expectSpreadsheetError(readSheet(Buffer.from('\r\n , \r\n'), COLUMNS), 'spreadsheet.no_header');
    await expectSpreadsheetError(readSheet(Buffer.alloc(0), COLUMNS), 'spreadsheet.no_header');
  });
});

describe('csv reading', () => {
  it('decodes GB18030, as Excel on Chinese Windows saves CSV', async () => {
    const bytes = Buffer.from(
      'd0d5c3fb2cc9edb7ddd6a4bac52cb1b8d7a20d0ad5c5c8fd2c3434303630343139383030313031313233582cb7f0c9bdcad0ecf8b3c7c7f80d0a',
      'hex',
    );
    const result = await readSheet(bytes, COLUMNS, { fileName: '名册.csv' });
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { name: '张三', idNumber: '44060419800101123X', remark: '佛山市禅城区' } },
    ]);
  });

  it('decodes UTF-16 with a BOM (Excel’s “Unicode text”, tab-separated)', async () => {
    const text = '\ufeff姓名\t身份证号\r\n张三\t44060419800101123X\r\n';
    const result = await readSheet(Buffer.from(text, 'utf16le'), COLUMNS);
    expect(result.rows[0]?.values).toEqual({ name: '张三', idNumber: '44060419800101123X' });
  });

  it('parses quoted fields with commas, escaped quotes and line breaks, CRLF or LF', async () => {
    const csv = '姓名,备注\r\n"张,三","他说""你好""\r\n第二行"\n李四,"a,b"\r\n"王五",\n';
    const result = await readSheet(Buffer.from(csv), COLUMNS);
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { name: '张,三', remark: '他说"你好"\r\n第二行' } },
      { rowNumber: 3, values: { name: '李四', remark: 'a,b' } },
      { rowNumber: 4, values: { name: '王五', remark: '' } },
    ]);
  });

  it('reads tab-separated text when the header has tabs and no commas', async () => {
    const result = await readSheet(Buffer.from('姓名\t备注\n张三\t一,二\n'), COLUMNS);
    expect(result.rows[0]?.values).toEqual({ name: '张三', remark: '一,二' });
  });

  it('skips empty rows and the template example row, keeping row numbers', async () => {
    const csv = '姓名,身份证号\n示例：张三,44060419800101123X\n\n,\n李四,440604199001011234\n  ,  \nExample Ltd,1\n';
    const result = await readSheet(Buffer.from(csv), COLUMNS);
    // 'Example …' after a real row is data, not an example.
    expect(result.rows).toEqual([
      { rowNumber: 5, values: { name: '李四', idNumber: '440604199001011234' } },
      { rowNumber: 7, values: { name: 'Example Ltd', idNumber: '1' } },
    ]);
    const english = await readSheet(Buffer.from('Name,ID number\nExample: Zhang San,1\n例：张三,2\n'), COLUMNS);
    expect(english.rows).toEqual([]);
  });

  it('normalises dates in date columns and full-width digits in number columns', async () => {
    const dates = [
      '2024/3/5',
      '2024-03-05',
      '2024年3月5日',
      '２０２４年３月５日',
      '2024.3.5',
      '20240305',
      '2024/3/5 14:30',
    ];
    const csv = `姓名,出生日期,学时\n${dates.map((d) => `x,${d},１，２３４`).join('\n')}\nx,2024-02-30,1\nx,不详,\n`;
    const result = await readSheet(Buffer.from(csv), COLUMNS);
    expect(result.rows.map((r) => r.values.birthDate)).toEqual([
      ...dates.map(() => '2024-03-05'),
      '2024-02-30',
      '不详',
    ]);
    expect(result.rows[0]?.values.hours).toBe('1234');
  });

  it('refuses an unterminated quote with the row where it starts', async () => {
    const error = await expectSpreadsheetError(
      readSheet(Buffer.from('姓名,备注\n张三,ok\n李四,"no end\n王五,x\n'), COLUMNS),
      'spreadsheet.unreadable',
    );
    expect(error.details).toMatchObject({ reason: 'csv_unterminated_quote', rowNumber: 3 });
  });

  it('drops control characters PostgreSQL cannot store', async () => {
    const result = await readSheet(Buffer.from('姓名,备注\n张\u0001三,a\u0007b\tc\n'), COLUMNS);
    expect(result.rows[0]?.values).toEqual({ name: '张三', remark: 'ab\tc' });
  });
});

describe('formula injection', () => {
  const columns: ColumnSpec[] = [
    { key: 'text', header: '文本' },
    { key: 'n', header: '数', kind: 'number' },
  ];
  const dangerous = ['=1+2', '+8613800138000', '-', '@SUM(A1)', '\tx', '\r=1', ' =1', "'=1", "''-x"];

  it('prefixes text that a spreadsheet would run with an apostrophe (csv), but not numbers', () => {
    const text = writeCsv(
      columns,
      dangerous.map((t) => ({ text: t, n: -5 })),
    )
      .toString('utf8')
      .slice(1);
    const lines = text.split('\r\n');
    expect(lines.slice(1, 5)).toEqual(["'=1+2,-5", "'+8613800138000,-5", "'-,-5", "'@SUM(A1),-5"]);
    expect(text).toContain("'\tx,-5");
    expect(text).toContain('"\'\r=1",-5');
    expect(text).toContain("' =1,-5");
    expect(text).toContain("''=1,-5");
    expect(text).toContain("'''-x,-5");
    // Text in a text column is text even when it looks like a number.
    expect(writeCsv(columns, [{ text: -5, n: '-5' }]).toString('utf8')).toContain("'-5,-5\r\n");
  });

  it('prefixes them in xlsx too, and import takes the prefix off again', async () => {
    const rows = dangerous.map((t) => ({ text: t, n: -5 }));
    const xlsx = await writeXlsx(columns, rows, { sheetName: 'x' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getCell('A2').value).toBe("'=1+2");
    expect(workbook.worksheets[0]!.getCell('B2').value).toBe(-5);
    for (const buffer of [xlsx, writeCsv(columns, rows)]) {
      const result = await readSheet(buffer, columns);
      expect(result.rows.map((r) => r.values.text)).toEqual(dangerous.map((t) => t.trim()));
      expect(result.rows.map((r) => r.values.n)).toEqual(dangerous.map(() => '-5'));
    }
  });
});

describe('xlsx reading', () => {
  it('reads what Excel writes: rich text, formulas, hyperlinks, booleans, dates, numbers, zero-padded codes', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['姓名', '身份证号', '编号', '出生日期', '学时', '备注']);
    sheet.addRow([
      { richText: [{ text: '欧阳' }, { font: { bold: true }, text: '娜娜' }] },
      '44060419800101123X',
      7,
      new Date(Date.UTC(1980, 0, 1)),
      12.5,
      { text: '机构主页', hyperlink: 'https://example.org' },
    ]);
    sheet.addRow([{ formula: 'A2&"2"', result: '欧阳娜娜2' }, null, 12, 29_221, { formula: '1+1', result: 2 }, true]);
    sheet.getCell('C2').numFmt = '000';
    const buffer = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const result = await readSheet(buffer, COLUMNS);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        values: {
          name: '欧阳娜娜',
          idNumber: '44060419800101123X',
          code: '007',
          birthDate: '1980-01-01',
          hours: '12.5',
          remark: '机构主页',
        },
      },
      {
        rowNumber: 3,
        // 29221 in a date column is Excel's serial for 1980-01-01.
        values: { name: '欧阳娜娜2', idNumber: '', code: '12', birthDate: '1980-01-01', hours: '2', remark: 'true' },
      },
    ]);
  });

  it('keeps the digits of IDs stored as numbers and never returns exponent notation', async () => {
    const rows = [
      inlineRow(2, ['Excel'], '<c r="B2"><v>4.40604198001011E+17</v></c>'),
      inlineRow(3, ['程序写入'], '<c r="B3"><v>440604198001011234</v></c><c r="E3"><v>1E-7</v></c>'),
      inlineRow(4, ['浮点'], '<c r="B4"><v>13800138000</v></c><c r="E4"><v>0.30000000000000004</v></c>'),
    ];
    const buffer = handXlsx([{ name: 'S', rows: HEADER_ROW + rows.join('') }]);
    const result = await readSheet(buffer, COLUMNS);
    expect(result.rows.map((r) => [r.values.idNumber, r.values.hours])).toEqual([
      ['440604198001011000', ''],
      ['440604198001011234', '0.0000001'],
      ['13800138000', '0.3'],
    ]);
  });

  it('reads shared strings without phonetic guides, entities, _x000D_, prefixed elements, cells without r', async () => {
    const shared = [
      '<si><t>姓名</t></si>',
      '<si><t>备注</t></si>',
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><r><rPr><b/></rPr><t xml:space="preserve">A &amp; </t></r><r><t>B&#x4E2D;_x000D_&lt;C&gt;</t></r></si>',
      '<si/>',
    ];
    const rows =
      '<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>' +
      '<x:row><x:c t="str"><x:f>A2</x:f><x:v>公式</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>' +
      '<x:row><x:c t="s"><x:v>4</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>';
    const buffer = handXlsx([{ name: 'S', rows, prefix: 'x' }], { sharedStrings: shared, store: true });
    const result = await readSheet(buffer, COLUMNS);
    expect(result.rows).toEqual([
      { rowNumber: 2, values: { name: '漢字', remark: 'A & B中\r<C>' } },
      { rowNumber: 3, values: { name: '公式', remark: '#N/A' } },
      { rowNumber: 4, values: { name: '', remark: 'false' } },
    ]);
  });

  it('formats dates by the cell style (zh-CN built-ins, custom formats, the 1904 calendar)', async () => {
    // Styles: 1 = custom yyyy"年"m"月"d"日", 2 = zh-CN built-in 31, 3 = custom date and time, 4 = text ('@').
    const styles =
      '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="177" formatCode="[$-804]yyyy/m/d h:mm"/></numFmts><cellXfs count="5"><xf numFmtId="0"/>' +
      '<xf numFmtId="176"/><xf numFmtId="31"/><xf numFmtId="177"/><xf numFmtId="49"/></cellXfs>';
    const rows = (serial: number) =>
      HEADER_ROW +
      `<row r="2"><c r="A2" s="1"><v>${serial}</v></c><c r="D2" s="2"><v>${serial}</v></c>` +
      `<c r="F2" s="3"><v>${serial + 0.5}</v></c></row>` +
      `<row r="3"><c r="A3" s="4"><v>${serial}</v></c><c r="D3"><v>${serial}</v></c>` +
      '<c r="F3" t="d"><v>1980-01-01T00:00:00Z</v></c></row>';
    for (const [date1904, serial] of [
      [false, 29_221],
      [true, 29_221 - 1462],
    ] as const) {
      const result = await readSheet(handXlsx([{ name: 'S', rows: rows(serial) }], { styles, date1904 }), COLUMNS);
      expect(result.rows.map((r) => r.values)).toEqual([
        { ...NO_VALUES, name: '1980-01-01', birthDate: '1980-01-01', remark: '1980-01-01 12:00:00' },
        { ...NO_VALUES, name: String(serial), birthDate: '1980-01-01', remark: '1980-01-01' },
      ]);
    }
  });

  it('reads the first visible sheet whose header matches, wherever the zip stores it', async () => {
    const guide = inlineRow(1, ['填写说明']);
    const data = HEADER_ROW + inlineRow(2, ['张三']);
    const hidden = HEADER_ROW + inlineRow(2, ['隐藏']);
    const buffer = handXlsx([
      { name: '隐藏', rows: hidden, state: 'hidden' },
      { name: '填写说明', rows: guide },
      { name: '数据', rows: data },
    ]);
    const result = await readSheet(buffer, COLUMNS);
    expect(result.rows).toEqual([{ rowNumber: 2, values: expect.objectContaining({ name: '张三' }) }]);
  });

  it('stops at maxRows while the sheet is still inflating', async () => {
    const many: string[] = [];
    for (let r = 2; r <= 200_001; r++)
      many.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>n${r}</t></is></c></row>`);
    const buffer = handXlsx([{ name: 'S', rows: HEADER_ROW + many.join('') }]);
    const started = Date.now();
    await expectSpreadsheetError(readSheet(buffer, COLUMNS, { maxRows: 1000 }), 'spreadsheet.too_many_rows', {
      limit: 1000,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const ok = await readSheet(buffer, COLUMNS, { maxRows: 200_000 });
    expect(ok.rows).toHaveLength(200_000);
  });
});

describe('templates', () => {
  const instructions = ['每行填写一名社工。', '带 * 的列必须填写。'];

  it('has a marked header with notes, an example row and an instructions sheet', async () => {
    const buffer = await templateXlsx(COLUMNS, { sheetName: '社工', instructions });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['社工', '填写说明']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名*', '身份证号*', '编号', '出生日期', '学时', '备注']);
    expect(sheet.getCell('B1').note).toBe('18 位居民身份证号');
    expect(sheet.getCell('A2').value).toBe('示例：张三');
    expect(sheet.getCell('B2').value).toBe('44060419800101123X');
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const guide = workbook.worksheets[1]!;
    const texts: string[] = [];
    guide.eachRow((row) => {
      texts.push([1, 2, 3, 4, 5].map((i) => row.getCell(i).text).join('|'));
    });
    expect(texts).toEqual([
      ...instructions.map((line) => `${line}||||`),
      '列名|是否必填|格式|示例|说明',
      '姓名|是|文本|张三|',
      '身份证号|是|文本|44060419800101123X|18 位居民身份证号',
      '编号|否|文本|007|',
      '出生日期|否|日期（如 2024-03-05）|1980-01-01|',
      '学时|否|数字|12.5|',
      '备注|否|文本||可不填',
    ]);
  });

  it('reads back as zero rows, and as the rows people add under the example', async () => {
    const buffer = await templateXlsx(COLUMNS, { sheetName: '社工', instructions });
    const empty = await readSheet(buffer, COLUMNS);
    expect(empty).toEqual({ format: 'xlsx', rows: [], missingRequiredHeaders: [], unknownHeaders: [] });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    // People often move the instructions sheet to the front (its table names columns too, but fewer).
    (workbook.getWorksheet('填写说明') as unknown as { orderNo: number }).orderNo = -1;
    workbook.getWorksheet('社工')!.getRow(3).values = ['王五', '440604200001011234', '', '2000年1月1日'];
    const filled = await readSheet(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), COLUMNS);
    expect(filled.rows).toEqual([
      {
        rowNumber: 3,
        values: {
          name: '王五',
          idNumber: '440604200001011234',
          code: '',
          birthDate: '2000-01-01',
          hours: '',
          remark: '',
        },
      },
    ]);
  });
});

describe('limits and unreadable files', () => {
  it('refuses files over maxBytes before looking at them', async () => {
    await expectSpreadsheetError(
      readSheet(Buffer.alloc(2048, 0x41), COLUMNS, { maxBytes: 1024 }),
      'spreadsheet.too_large',
      {
        limitBytes: 1024,
      },
    );
  });

  it('refuses more than maxRows data rows (csv)', async () => {
    const csv = `姓名\n${Array.from({ length: 11 }, (_, i) => `n${i}`).join('\n')}\n`;
    await expectSpreadsheetError(readSheet(Buffer.from(csv), COLUMNS, { maxRows: 10 }), 'spreadsheet.too_many_rows', {
      limit: 10,
    });
    expect((await readSheet(Buffer.from(csv), COLUMNS, { maxRows: 11 })).rows).toHaveLength(11);
  });

  it('names old .xls, password-protected .xlsx, HTML “xls”, ODS and PDF for what they are', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    await expectSpreadsheetError(readSheet(ole, COLUMNS, { fileName: '名册.xls' }), 'spreadsheet.unsupported_format', {
      detected: 'xls',
      hint: 'save_as_xlsx',
    });
    expect(() => detectFormat(ole, '名册.xlsx')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ detected: 'encrypted' }) }),
    );
    const html = Buffer.from('<html><body><table><tr><td>姓名</td></tr></table></body></html>');
    expect(() => detectFormat(html, 'export.xls')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ detected: 'html' }) }),
    );
    const ods = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true }]);
    expect(() => detectFormat(ods)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ detected: 'ods' }) }),
    );
    expect(() => detectFormat(Buffer.from('%PDF-1.7\n'))).toThrow(
      expect.objectContaining({ code: 'spreadsheet.unsupported_format' }),
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(() => detectFormat(png)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ detected: 'binary' }) }),
    );
    const docx = makeZip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    await expectSpreadsheetError(readSheet(docx, COLUMNS), 'spreadsheet.unsupported_format', { detected: 'docx' });
  });

  it('refuses corrupt and truncated zips as unreadable', async () => {
    const good = await writeXlsx(COLUMNS, SAMPLE_ROWS, { sheetName: 'S' });
    const garbage = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 0x5a)]);
    await expectSpreadsheetError(readSheet(garbage, COLUMNS), 'spreadsheet.unreadable');
    await expectSpreadsheetError(
      readSheet(good.subarray(0, Math.floor(good.length / 2)), COLUMNS),
      'spreadsheet.unreadable',
    );
    // Damaged compressed data inside an intact directory.
    const damaged = Buffer.from(good);
    const sheetAt = damaged.indexOf('xl/worksheets/sheet1.xml');
    damaged.fill(0xff, sheetAt + 40, sheetAt + 400);
    await expectSpreadsheetError(readSheet(damaged, COLUMNS), 'spreadsheet.unreadable');
  });

  it('stops a zip bomb by what it inflates to, not what it claims', async () => {
    // 300 MiB of spaces deflate to about 300 KiB; the directory claims 1 KiB.
    const deflater = createDeflateRaw({ level: 9 });
    const compressed: Buffer[] = [];
    deflater.on('data', (chunk: Buffer) => compressed.push(chunk));
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 300; i++) {
      if (!deflater.write(block)) await new Promise((resolve) => deflater.once('drain', resolve));
    }
    await new Promise((resolve) => deflater.end(resolve));
    const bomb = Buffer.concat(compressed);
    const sheet = { name: 'xl/worksheets/sheet1.xml', deflated: bomb, declaredSize: 1024 };
    const parts: ZipPart[] = [
      {
        name: '_rels/.rels',
        data: `<Relationships><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: 'xl/workbook.xml',
        data: `<workbook xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<Relationships><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
      sheet,
    ];
    const error = await expectSpreadsheetError(readSheet(makeZip(parts), COLUMNS), 'spreadsheet.too_large');
    expect(error.details?.inflatedLimitBytes).toBeGreaterThan(0);
    // A part that claims more than the budget is refused before inflating anything.
    parts[3] = { name: 'xl/worksheets/sheet1.xml', deflated: bomb, declaredSize: 0xfffffff0 };
    await expectSpreadsheetError(readSheet(makeZip(parts), COLUMNS), 'spreadsheet.too_large');
  });
});

describe('10,000 rows', () => {
  const columns: ColumnSpec[] = [
    ...COLUMNS,
    { key: 'phone', header: '手机号' },
    { key: 'address', header: '地址' },
    { key: 'agency', header: '所属机构' },
    { key: 'certificate', header: '证书编号' },
    { key: 'issued', header: '发证日期', kind: 'date' },
    { key: 'status', header: '状态' },
  ];
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    name: `社工${i}`,
    idNumber: `4406041980${String(i).padStart(7, '0')}X`,
    code: String(i).padStart(6, '0'),
    birthDate: new Date(Date.UTC(1970 + (i % 40), i % 12, 1 + (i % 28))),
    hours: i % 100,
    remark: i % 7 === 0 ? `备注，含逗号和"引号"\n第${i}条` : '',
    phone: `138${String(i).padStart(8, '0')}`,
    address: `广东省佛山市禅城区祖庙街道人民路${i}号`,
    agency: `佛山市禅城区第${i % 50}社会工作服务中心`,
    certificate: `S${String(i * 37).padStart(10, '0')}`,
    issued: '2023/6/30',
    status: i % 3 === 0 ? '在职' : '离职',
  }));

  async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const result = await run();
    console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
    return result;
  }

  it('round-trips 10,000 rows through xlsx and csv (durations printed, not asserted)', async () => {
    const xlsx = await timed('writeXlsx 10,000 rows × 12 columns', () =>
      writeXlsx(columns, rows, { sheetName: '社工' }),
    );
    const fromXlsx = await timed('readSheet xlsx 10,000 rows', () => readSheet(xlsx, columns));
    const csv = await timed('writeCsv 10,000 rows × 12 columns', () => writeCsv(columns, rows));
    const fromCsv = await timed('readSheet csv 10,000 rows', () => readSheet(csv, columns));
    console.log(`sizes: xlsx ${Math.round(xlsx.length / 1024)} KiB, csv ${Math.round(csv.length / 1024)} KiB`);
    for (const result of [fromXlsx, fromCsv]) {
      expect(result.rows).toHaveLength(10_000);
      expect(result.rows[9_999]).toEqual({
        rowNumber: 10_001,
        values: {
          name: '社工9999',
          idNumber: '44060419800009999X',
          code: '009999',
          birthDate: '2009-04-04',
          hours: '99',
          remark: '',
          phone: '13800009999',
          address: '广东省佛山市禅城区祖庙街道人民路9999号',
          agency: '佛山市禅城区第49社会工作服务中心',
          certificate: 'S0000369963',
          issued: '2023-06-30',
          status: '在职',
        },
      });
      expect(result.rows[7]?.values.remark).toBe('备注，含逗号和"引号"\n第7条');
    }
  });
});
