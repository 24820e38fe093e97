import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { acquireDataDirLock, type DataDirLock } from './datadir-lock';
import type { DB } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The embedded engine, when there is one (backup uses it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

// int8 (bigserial ids, count(*)) arrives as a string; keep it that way (ids can exceed 2^53 in principle) and
// convert counts where they are read. numeric stays a string too (money is integer fen anyway).
export function pgliteDataPath(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

function kyselyOver(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/**
 * Wraps an existing PGlite in the same pg.Pool + Kysely stack the server uses against PostgreSQL.
 *
 * PGlite is one connection, so the pool has one client. Note: queries must go through Kysely (which checks a
 * client out and releases it); `pool.query()` destroys the client on any SQL error and the embedded adapter
 * does not survive that.
 */
export function databaseOverPglite(pglite: PGlite, onClose?: () => Promise<void> | void): Database {
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, connectionTimeoutMillis: 60_000 });
  const db = kyselyOver(pool);
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      await onClose?.();
    },
  };
}

export interface OpenOptions {
  /** Who opens it, for the data-directory lock message ("server", "cli migrate"…). */
  command: string;
}

export interface OpenedDatabase extends Database {
  lock?: DataDirLock;
}

/** A PostgreSQL server through the same stack (type parsers, CamelCasePlugin) as everything else. */
export function databaseOverPostgres(url: string, max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = kyselyOver(pool);
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}

export async function openDatabase(config: Config, options: OpenOptions): Promise<OpenedDatabase> {
  if (config.database.kind === 'postgres') return databaseOverPostgres(config.database.url);
  const lock = acquireDataDirLock(config.database.dataDir, options.command);
  try {
    const pglite = await PGlite.create({ dataDir: pgliteDataPath(config.database.dataDir) });
    const database = databaseOverPglite(pglite, () => lock.release());
    return { ...database, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
