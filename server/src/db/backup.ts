import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDataPath } from './database';
import { acquireDataDirLock } from './datadir-lock';

/*
 * Backups are native to each backend: the embedded database's data directory as a gzip tarball (PGlite's own
 * dump format), a PostgreSQL database as plain SQL from pg_dump (restored with psql). Both work offline.
 */

const GZIP_MAGIC = [0x1f, 0x8b];

export class BackupError extends Error {}

export async function backupPglite(dataDir: string, file: string): Promise<number> {
  const lock = acquireDataDirLock(dataDir, 'cli backup');
  try {
    const pglite = await PGlite.create({ dataDir: pgliteDataPath(dataDir) });
    try {
      const dump = await pglite.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      writeAtomically(file, bytes);
      return bytes.length;
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

/** Replaces the embedded database with the backup; the previous data directory is kept beside it. */
export async function restorePglite(dataDir: string, file: string): Promise<{ previous: string | null }> {
  const bytes = readBackup(file);
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new BackupError(`${file} is not an embedded-database backup (expected a gzip tarball from "backup").`);
  }
  const lock = acquireDataDirLock(dataDir, 'cli restore');
  try {
    const target = pgliteDataPath(dataDir);
    const staging = `${target}.restoring-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    // Load into a staging directory first and check it opens: a bad file leaves the current data untouched.
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([bytes]) });
    await pglite.query('select 1');
    await pglite.close();
    let previous: string | null = null;
    if (fs.existsSync(target)) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(target, previous);
    }
    fs.renameSync(staging, target);
    return { previous };
  } finally {
    lock.release();
  }
}

function readBackup(file: string): Buffer {
  if (!fs.existsSync(file)) throw new BackupError(`Backup file not found: ${file}`);
  return fs.readFileSync(file);
}

function writeAtomically(file: string, bytes: Buffer) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (error) =>
      reject(
        new BackupError(
          `Could not run ${command} (${error.message}). Install the PostgreSQL client: npm run setup:system`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

export async function backupPostgres(url: string, file: string): Promise<number> {
  const tmp = `${file}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await run('pg_dump', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file', tmp, '--dbname', url]);
  fs.renameSync(tmp, file);
  return fs.statSync(file).size;
}

export async function restorePostgres(url: string, file: string): Promise<void> {
  const head = readBackup(file).subarray(0, 200).toString('utf8');
  if (!head.includes('PostgreSQL database dump')) {
    throw new BackupError(`${file} is not a PostgreSQL backup (expected plain SQL from "backup").`);
  }
  await run('psql', [
    '--quiet',
    '--no-psqlrc',
    '-v',
    'ON_ERROR_STOP=1',
    '--single-transaction',
    '--file',
    file,
    '--dbname',
    url,
  ]);
}
