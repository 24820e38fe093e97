import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildUser,
  login,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
  validIdNumber,
} from '../../../../test/app';

let t: TestApp;
let admin: Session;
let zumiaoBuyer: Session;
let managerA: Session;
let managerB: Session;
let agencyA: { id: string };
let n = 7000;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  zumiaoBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  const agencyB = await buildAgency(t, '440604010', ['440604010']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
});
afterAll(() => t.close());

async function registerWorker(): Promise<{ id: string }> {
  n += 1;
  const res = await admin.inject({
    method: 'POST',
    url: '/api/workers',
    payload: { name: `照片测试${n}`, idNumber: validIdNumber(n), agencyId: agencyA.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The smallest files of each kind that carry the right signature. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2), Buffer.from([0xff, 0xd9])]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([60, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(52),
]);

const put = (session: Session, id: string, body: Buffer | string, contentType: string, lang = 'zh-CN') =>
  session.inject({
    method: 'PUT',
    url: `/api/workers/${id}/photo`,
    payload: body,
    headers: { 'content-type': contentType, 'accept-language': lang },
  });

describe('a worker’s photo', () => {
  it('round trip: upload, read back with a short private cache, replace, remove; audited', async () => {
    const w = await registerWorker();
    expect((await admin.inject({ method: 'GET', url: `/api/workers/${w.id}` })).json().hasPhoto).toBe(false);
    const none = await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('photo.not_found');

    const set = await put(managerA, w.id, PNG, 'image/png');
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ contentType: 'image/png', byteSize: PNG.length });
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}` })).json().hasPhoto).toBe(true);

    const got = await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}/photo?v=1` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toBe('private, max-age=60');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    // Other API answers are still never cached.
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}` })).headers['cache-control']).toBe(
      'no-store',
    );

    const replaced = await put(managerA, w.id, JPEG, 'image/jpeg; charset=binary');
    expect(replaced.statusCode, replaced.body).toBe(200);
    const again = await admin.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` });
    expect(again.headers['content-type']).toBe('image/jpeg');
    expect(again.rawPayload.equals(JPEG)).toBe(true);

    expect((await put(admin, w.id, WEBP, 'image/webp')).statusCode).toBe(200);

    const removed = await managerA.inject({ method: 'DELETE', url: `/api/workers/${w.id}/photo` });
    expect(removed.statusCode).toBe(204);
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(404);
    expect((await managerA.inject({ method: 'GET', url: `/api/workers/${w.id}` })).json().hasPhoto).toBe(false);
    expect((await managerA.inject({ method: 'DELETE', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(404);

    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select(['action', 'actorUserId', 'summary'])
      .where('targetId', '=', w.id)
      .where('action', 'like', 'worker.photo.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'worker.photo.set',
      'worker.photo.set',
      'worker.photo.set',
      'worker.photo.remove',
    ]);
    expect(audit[0]).toMatchObject({
      actorUserId: managerA.userId,
      summary: { after: { contentType: 'image/png', byteSize: PNG.length } },
    });
    expect(audit[3]?.summary).toEqual({ before: { contentType: 'image/webp', byteSize: WEBP.length } });
  });

  it('bytes that are not the declared type are refused with 400 in zh-CN and en', async () => {
    const w = await registerWorker();
    const zh = await put(managerA, w.id, PNG, 'image/jpeg');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'photo.content_mismatch',
      message: '文件内容不是有效的 JPEG 图片，请上传 JPEG、PNG 或 WebP 图片',
    });
    const html = await put(managerA, w.id, '<html><script>alert(1)</script></html>', 'image/png', 'en');
    expect(html.statusCode).toBe(400);
    expect(html.json().error.message).toBe('The file is not a valid PNG image; upload a JPEG, PNG or WebP image');
    expect((await put(managerA, w.id, Buffer.from('RIFF1234WAVE'), 'image/webp')).statusCode).toBe(400);
    expect((await t.deps.db.selectFrom('workerPhotos').selectAll().where('workerId', '=', w.id).execute()).length).toBe(
      0,
    );
  });

  it('a photo over 2 MB is a 413 naming the limit; other types are a 415', async () => {
    const w = await registerWorker();
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await put(managerA, w.id, big, 'image/png');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({
      code: 'photo.too_large',
      message: '照片过大（上限 2 MB），请压缩或裁剪后重新上传',
    });
    const en = await put(managerA, w.id, big, 'image/png', 'en');
    expect(en.json().error.message).toBe('The photo is too large (limit 2 MB); reduce or crop it and upload again');
    // Exactly 2 MB is fine.
    const atLimit = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)]);
    expect((await put(managerA, w.id, atLimit, 'image/png')).statusCode).toBe(200);

    const gif = await put(managerA, w.id, Buffer.from('GIF89a'), 'image/gif');
    expect(gif.statusCode).toBe(415);
    const json = await put(managerA, w.id, '{"photo":"x"}', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('photo.unsupported_type');
    // The spreadsheet parsers of the import routes do not make a CSV a photo.
    expect((await put(managerA, w.id, 'a,b\n1,2\n', 'text/csv')).statusCode).toBe(415);
    // And the image parsers stay with the photo routes: the import upload does not take an image.
    const importImage = await managerA.inject({
      method: 'POST',
      url: '/api/imports/workers',
      payload: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(importImage.statusCode).toBe(415);
    // A large JSON body elsewhere still reports the JSON limit.
    const bigJson = await managerA.inject({
      method: 'PATCH',
      url: `/api/workers/${w.id}`,
      payload: Buffer.alloc(1024 * 1024 + 10, 0x20),
      headers: { 'content-type': 'application/json' },
    });
    expect(bigJson.statusCode).toBe(413);
    expect(bigJson.json().error.code).toBe('request.body_too_large');
  });

  it('who may: editors of the worker change it, readers of the worker see it, others get 404', async () => {
    const w = await registerWorker();
    expect((await put(managerA, w.id, PNG, 'image/png')).statusCode).toBe(200);
    expect((await managerB.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(404);
    expect((await put(managerB, w.id, PNG, 'image/png')).statusCode).toBe(404);
    expect((await managerB.inject({ method: 'DELETE', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(404);
    expect((await zumiaoBuyer.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(200);
    expect((await put(zumiaoBuyer, w.id, PNG, 'image/png')).statusCode).toBe(403);
    // The social worker changes their own photo.
    const user = await buildUser(t, { role: 'social_worker', organizationId: agencyA.id });
    await t.deps.db.updateTable('workers').set({ userId: user.id }).where('id', '=', w.id).execute();
    const self = await login(t, user.username);
    expect((await put(self, w.id, JPEG, 'image/jpeg')).statusCode).toBe(200);
    const other = await registerWorker();
    expect((await put(self, other.id, JPEG, 'image/jpeg')).statusCode).toBe(404);
    // Anonymous: 401.
    expect((await t.app.inject({ method: 'GET', url: `/api/workers/${w.id}/photo` })).statusCode).toBe(401);
  });
});
