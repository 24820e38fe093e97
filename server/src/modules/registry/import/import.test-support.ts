import type { Session } from '../../../../../test/app';

/** Uploads a file to /api/imports/:kind as the console does (raw body, name in x-file-name). */
export function uploadImport(session: Session, kind: string, bytes: Buffer, name: string, type = 'text/csv') {
  return session.inject({
    method: 'POST',
    url: `/api/imports/${kind}`,
    payload: bytes,
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
  });
}

/** Polls a job until it reaches one of `statuses`. */
export async function waitForImport(session: Session, id: string, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const job = (await session.inject({ method: 'GET', url: `/api/imports/${id}` })).json();
    if (statuses.includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not reach ${statuses.join('/')}`);
}

/** The problems of one row as 'column:code'. */
export function problemsOf(job: { errors: Array<{ row: number; column: string; code: string }> }, row: number) {
  return job.errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.code}`);
}

/** Commits a validated job and waits for the end. */
export async function commitImport(session: Session, id: string, mode: 'all_or_nothing' | 'valid_rows_only') {
  const res = await session.inject({ method: 'POST', url: `/api/imports/${id}/commit`, payload: { mode } });
  if (res.statusCode !== 202) return res.json();
  return waitForImport(session, id, ['completed', 'failed', 'validated']);
}
