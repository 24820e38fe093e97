import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 3000, with demo data outside production', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.resolve('./data') });
    expect(c.seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(c.session).toEqual({ idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 43_200 });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@db:5432/shegong' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/shegong',
    });
  });

  it('never loads demo data in production, even when asked', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', PII_KEY: key }).seedDemo).toBe(false);
  });

  it('requires a strong PII key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PII_KEY is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', PII_KEY: 'c2hvcnQ=' })).toThrow(/at least 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'test' }).piiMasterKey).toHaveLength(32);
  });

  it('fails fast, naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/NODE_ENV/);
    }
  });
});
