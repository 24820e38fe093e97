import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite takes no lock on its data directory, and two processes writing one directory silently lose writes.
 * So the process that opens the embedded database holds `<DATA_DIR>/shegong.lock` (created with O_EXCL) until it
 * exits. A lock left by a dead process (crash, kill -9) is taken over; a live holder makes the second opener fail
 * with a message that says who holds it.
 */
export interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
  url?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockInfo,
  ) {
    const where = holder.url ? ` serving ${holder.url}` : '';
    super(
      `The embedded database in ${path.dirname(lockFile)} is in use by another Shegong process ` +
        `(pid ${holder.pid}, "${holder.command}"${where}, since ${holder.startedAt}). ` +
        'Stop that process first (or use the running server); two processes writing one PGlite directory lose data.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  update(info: Partial<LockInfo>): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'shegong.lock');
  let info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Only remove the file if it is still ours.
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return {
        file,
        update(patch) {
          info = { ...info, ...patch };
          fs.writeFileSync(file, JSON.stringify(info));
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirLockedError(file, holder);
      // Stale (holder gone, or an unreadable half-written file): remove and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the data directory lock ${file}`);
}
