import { describe, expect, it } from 'vitest';
import { documentText, nameTokens, tokens, tsQuery } from './search-text';

describe('Chinese search text', () => {
  it('segments with jieba and drops punctuation', () => {
    expect(tokens('擅长长者个案，持有心理咨询师证书')).toEqual(
      expect.arrayContaining(['擅长', '长者', '个案', '证书']),
    );
    expect(tokens('Drug rehab 禁毒社工 2024')).toEqual(
      expect.arrayContaining(['drug', 'rehab', '禁毒', '社工', '2024']),
    );
    expect(tokens('，。！')).toEqual([]);
  });

  it('indexes names whole, by character and by pair', () => {
    expect(nameTokens('欧阳娜娜').sort()).toEqual(['娜', '娜娜', '欧', '欧阳', '欧阳娜娜', '阳', '阳娜'].sort());
  });

  it('builds a document without duplicates', () => {
    const doc = documentText({ names: ['陈小明'], texts: ['老年 老年'] }).split(' ');
    expect(new Set(doc).size).toBe(doc.length);
    expect(doc).toContain('陈小明');
  });

  it('makes safe prefix queries; quotes and operators cannot escape', () => {
    expect(tsQuery('陈小明')).toContain("'陈小明'");
    expect(tsQuery('陈小明')).not.toContain(':*');
    expect(tsQuery('drug')).toBe("'drug':*");
    expect(tsQuery("a' | b:* & !c")).toBe("'a':* & 'b':* & 'c':*");
    expect(tsQuery('  ，。 ')).toBeNull();
  });
});
