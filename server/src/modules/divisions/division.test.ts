import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, setupTestApp, signInAs, type TestApp } from '../../../../test/app';
import { DIVISIONS_CSV, loadReferenceDivisions, parseDivisionsCsv } from './division.data';

describe('reference divisions of 禅城区', () => {
  const rows = loadReferenceDivisions();

  it('has 1 district, 4 streets/towns and 144 communities/villages', () => {
    expect(rows).toHaveLength(149);
    expect(rows.filter((r) => r.level === 'district').map((r) => r.code)).toEqual(['440604']);
    expect(rows.filter((r) => r.level === 'street').map((r) => r.name)).toEqual([
      '石湾镇街道',
      '张槎街道',
      '祖庙街道',
      '南庄镇',
    ]);
    expect(rows.filter((r) => r.level === 'community')).toHaveLength(144);
  });

  it('is a tree whose codes extend their parent’s code', () => {
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.size).toBe(rows.length);
    for (const r of rows) {
      if (r.level === 'district') continue;
      const parent = byCode.get(r.parentCode ?? '');
      expect(parent, r.code).toBeDefined();
      expect(r.code.startsWith(r.parentCode ?? '-'), r.code).toBe(true);
      expect(r.code.length, r.code).toBe((parent?.code.length ?? 0) + 3);
    }
  });

  it('refuses a malformed file', () => {
    expect(() => parseDivisionsCsv('code,name\n1,2')).toThrow(/header/);
    const header = fs.readFileSync(DIVISIONS_CSV, 'utf8').split('\n')[0];
    expect(() => parseDivisionsCsv(`${header}\n4406x4,440600,坏,district,区,test`)).toThrow(/row 2/);
  });
});

describe('GET /api/divisions', () => {
  let t: TestApp;
  let buyer: Session;
  beforeAll(async () => {
    t = await setupTestApp();
    buyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  });
  afterAll(() => t.close());

  it('lists the whole tree, or a subtree, to signed-in users', async () => {
    const all = await buyer.inject({ method: 'GET', url: '/api/divisions' });
    expect(all.json().items).toHaveLength(149);
    const zumiao = (await buyer.inject({ method: 'GET', url: '/api/divisions?within=440604012' })).json().items;
    expect(zumiao).toHaveLength(64);
    expect(zumiao[0]).toEqual({
      code: '440604012',
      parentCode: '440604',
      name: '祖庙街道',
      level: 'street',
      kind: '街道',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/divisions' })).statusCode).toBe(401);
    expect((await buyer.inject({ method: 'GET', url: '/api/divisions?within=4406%25' })).statusCode).toBe(400);
  });
});
