import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { prepareDatabase } from '../server/src/db/bootstrap';
import { type Database, databaseOverPglite, databaseOverPostgres } from '../server/src/db/database';

/** argon2id at its cheapest: tests check logic, not hashing cost. */
export const TEST_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

export async function createPostgresTemplate(url: string): Promise<string> {
  const name = `sg_tpl_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, [`create database ${name}`]);
  const database = databaseOverPostgres(withDatabase(url, name), 2);
  await prepareDatabase(database.db, { seedDemo: false, passwordHashing: TEST_HASHING }, new Date());
  await database.close();
  return name;
}

export async function dropPostgresTemplate(url: string, name: string): Promise<void> {
  await adminQuery(url, [`drop database if exists ${name} with (force)`]);
}

/**
 * A fresh, migrated database for one test file: a clone of the run's template, on PGlite (default) or on
 * PostgreSQL when TEST_DATABASE_URL is set. Same schema and reference data either way.
 */
export async function createTestDatabase(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = inject('pgTemplate');
    const name = `sg_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(pgUrl, [`create database ${name} template ${template}`]);
    // Its pool ignores errors of idle connections: DROP DATABASE … WITH (FORCE) at teardown terminates them.
    const database = databaseOverPostgres(withDatabase(pgUrl, name), 10);
    return {
      ...database,
      async close() {
        await database.close();
        await adminQuery(pgUrl, [`drop database if exists ${name} with (force)`]);
      },
    };
  }
  const dump = fs.readFileSync(inject('templateDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return databaseOverPglite(pglite);
}
