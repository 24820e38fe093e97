import fs from 'node:fs';
import path from 'node:path';
import type { DivisionTable } from './division.table';

/**
 * 禅城区 (440604) reference divisions shipped with the product: district → 4 街道/镇 → 144 社区/村.
 * Sources and known gaps: divisions-440604.SOURCES.md beside this file.
 */
export const DIVISIONS_CSV = path.join(import.meta.dirname, 'divisions-440604.csv');

const LEVELS = new Set(['district', 'street', 'community']);

export function parseDivisionsCsv(text: string): DivisionTable[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header?.trim() !== 'code,parent_code,name,level,kind,source') {
    throw new Error(`Unexpected divisions CSV header: ${header}`);
  }
  return lines.map((line, index) => {
    // The source column may contain commas inside parentheses but never quotes: split on the first five commas.
    const parts = line.split(',');
    const [code, parentCode, name, level, kind] = parts;
    const source = parts.slice(5).join(',');
    if (!code || !/^\d{6}(\d{3}(\d{3})?)?$/.test(code) || !name || !level || !LEVELS.has(level) || !kind) {
      throw new Error(`Bad divisions CSV row ${index + 2}: ${line}`);
    }
    return {
      code,
      // The district's parent (佛山市 440600) is outside this dataset.
      parentCode: level === 'district' ? null : (parentCode ?? null),
      name,
      level: level as DivisionTable['level'],
      kind,
      source,
    };
  });
}

export function loadReferenceDivisions(): DivisionTable[] {
  const rows = parseDivisionsCsv(fs.readFileSync(DIVISIONS_CSV, 'utf8'));
  return rows.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
}
