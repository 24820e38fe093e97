import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../../test/app';
import { buildApp } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(() => t.close());

describe('platform endpoints', () => {
  it('GET /api/health names the database backend and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      version: t.deps.config.version,
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves an OpenAPI 3.1 document covering every API route, and the docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/users',
      '/api/users/{id}',
      '/api/organizations',
      '/api/divisions',
      '/api/audit',
      '/api/health',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body.toLowerCase()).toContain('swagger');
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
  });

  it('answers unknown API paths with the error shape in the requested language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route.not_found', message: 'No such API endpoint' } });
  });

  it('refuses to start when an API route declares no access policy (deny by default)', async () => {
    const app = await buildApp(t.deps);
    expect(() => app.get('/api/unguarded', async () => 'open')).toThrow(/declares no access policy/);
    await app.close();
  });

  it('serves the web app and falls back to index.html for client-side routes', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>数字社工</title>');
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp(t.deps, { webRoot });
    try {
      const deep = await app.inject({ method: 'GET', url: '/console/users' });
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toContain('数字社工');
      expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
      // A file written after start-up (a rebuild) is served; a missing asset is a 404, not index.html.
      fs.writeFileSync(path.join(webRoot, 'assets', 'new.js'), 'console.log(2)');
      expect((await app.inject({ method: 'GET', url: '/assets/new.js' })).body).toBe('console.log(2)');
      const gone = await app.inject({ method: 'GET', url: '/assets/old-1234.js' });
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toContain('application/json');
      expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/console/users' })).statusCode).toBe(404);
    } finally {
      await app.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
