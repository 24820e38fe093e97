import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { httpLogin, runCli, startServer } from '../../../test/server-process';
import { DEMO_PASSWORD } from './seed/demo';

/*
 * The embedded database as a user runs it: a real server process on a real data directory. These tests always
 * use PGlite (that is what they are about), whichever database the rest of the suite runs on.
 */

const dirs: string[] = [];
function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function createOrganizations(url: string, headers: Record<string, string>, names: string[]) {
  const ids: string[] = [];
  for (const name of names) {
    const res = await fetch(`${url}/api/organizations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, kind: 'community', divisionCode: '440604012001' }),
    });
    expect(res.status).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

describe('embedded database durability and locking', () => {
  it('keeps every acknowledged write through kill -9, and refuses a second opener while running', async () => {
    const DATA_DIR = dataDir();
    const first = await startServer({ DATA_DIR });
    let ids: string[];
    try {
      // A second process on the same directory is refused with a message naming the holder.
      const cli = runCli(['migrate'], { DATA_DIR });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(
        /in use by another Shegong process \(pid \d+, "server" serving http:\/\/localhost:\d+/,
      );
      const second = startServer({ DATA_DIR });
      await expect(second).rejects.toThrow(/in use by another Shegong process/);

      const headers = await httpLogin(first.url, 'demo-admin', DEMO_PASSWORD);
      ids = await createOrganizations(
        first.url,
        headers,
        Array.from({ length: 25 }, (_, i) => `断电测试居委会 ${i}`),
      );
    } finally {
      // No graceful shutdown: the process dies between one acknowledged write and the next request.
      await first.stop('SIGKILL');
    }
    expect(fs.existsSync(path.join(DATA_DIR, 'shegong.lock'))).toBe(true);

    const again = await startServer({ DATA_DIR });
    try {
      const headers = await httpLogin(again.url, 'demo-admin', DEMO_PASSWORD);
      for (const id of ids) {
        const res = await fetch(`${again.url}/api/organizations/${id}`, { headers });
        expect(res.status).toBe(200);
      }
      const audit = await fetch(`${again.url}/api/audit?action=organization.create&pageSize=100`, { headers });
      expect(((await audit.json()) as { total: number }).total).toBe(25);
      // Demo data is loaded once: the restart did not seed again.
      const list = await fetch(`${again.url}/api/users?q=demo-admin`, { headers });
      expect(((await list.json()) as { total: number }).total).toBe(1);
    } finally {
      expect(await again.stop('SIGTERM')).toBe(0);
    }
    // A graceful stop releases the lock.
    expect(fs.existsSync(path.join(DATA_DIR, 'shegong.lock'))).toBe(false);
  }, 180_000);

  it('backs up and restores the data directory with the CLI (round trip)', async () => {
    const DATA_DIR = dataDir();
    const file = path.join(DATA_DIR, '..', `${path.basename(DATA_DIR)}.backup.tar.gz`);
    dirs.push(file);
    const server = await startServer({ DATA_DIR });
    let kept: string[];
    try {
      const headers = await httpLogin(server.url, 'demo-admin', DEMO_PASSWORD);
      kept = await createOrganizations(server.url, headers, ['备份前的居委会']);
    } finally {
      await server.stop();
    }
    const backup = runCli(['backup', file], { DATA_DIR });
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const later = await startServer({ DATA_DIR });
    let lost: string[];
    try {
      const headers = await httpLogin(later.url, 'demo-admin', DEMO_PASSWORD);
      lost = await createOrganizations(later.url, headers, ['备份后的居委会']);
      // Restoring under a running server is refused.
      expect(runCli(['restore', file], { DATA_DIR }).status).toBe(2);
    } finally {
      await later.stop();
    }
    const restore = runCli(['restore', file], { DATA_DIR });
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/previous data directory is kept/);

    const restored = await startServer({ DATA_DIR });
    try {
      const headers = await httpLogin(restored.url, 'demo-admin', DEMO_PASSWORD);
      expect((await fetch(`${restored.url}/api/organizations/${kept[0]}`, { headers })).status).toBe(200);
      expect((await fetch(`${restored.url}/api/organizations/${lost[0]}`, { headers })).status).toBe(404);
    } finally {
      await restored.stop();
    }
    const bad = runCli(['restore', path.join(DATA_DIR, 'shegong.lock.missing')], { DATA_DIR });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not found/);
  }, 180_000);
});
