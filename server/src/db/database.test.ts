import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db';
import { backupPostgres, restorePostgres } from './backup';
import type { Database } from './database';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`database layer (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps working after SQL errors of every phase (bind, execute, inside a transaction)', async () => {
    const db = database.db;
    await expect(sql`select ${'abc'}::int`.execute(db)).rejects.toThrow(/invalid input syntax/);
    await expect(sql`select 1/0`.execute(db)).rejects.toThrow(/division by zero/);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select ${'x'}::uuid`.execute(trx);
      }),
    ).rejects.toThrow();
    await expect(db.selectFrom('divisions').select('code').where('code', '=', 'a\u0000b').execute()).rejects.toThrow();
    const rows = await db.selectFrom('divisions').select('code').where('code', '=', '440604').execute();
    expect(rows).toEqual([{ code: '440604' }]);
  });

  it('runs concurrent queries and transactions to completion', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? database.db
              .transaction()
              .execute(async (trx) => (await sql<{ n: number }>`select ${i}::int as n`.execute(trx)).rows[0]?.n)
          : sql<{ n: number }>`select ${i}::int as n`.execute(database.db).then((r) => r.rows[0]?.n),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('maps camelCase to snake_case columns', async () => {
    const row = await database.db
      .selectFrom('divisions')
      .select(['parentCode'])
      .where('code', '=', '440604012')
      .executeTakeFirst();
    expect(row).toEqual({ parentCode: '440604' });
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  describe('PostgreSQL backup and restore (pg_dump / psql)', () => {
    it('round-trips a database', async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      const name = `sg_backup_${process.pid}`;
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const target = new pg.Client({ connectionString: url.toString() });
      await target.connect();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-pg-')), 'backup.sql');
      try {
        await target.query(`create table t (id int primary key, note text); insert into t values (1, '备份前')`);
        await backupPostgres(url.toString(), file);
        await target.query(`insert into t values (2, '备份后'); create table extra (x int)`);
        await restorePostgres(url.toString(), file);
        expect((await target.query('select id, note from t order by id')).rows).toEqual([{ id: 1, note: '备份前' }]);
        await expect(restorePostgres(url.toString(), path.join(path.dirname(file), 'missing.sql'))).rejects.toThrow(
          /not found/,
        );
      } finally {
        await target.end();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    });
  });
}
