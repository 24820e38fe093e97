import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../server/src/db/bootstrap';
import { databaseOverPglite } from '../server/src/db/database';
import { createPostgresTemplate, dropPostgresTemplate, TEST_HASHING } from './db';

/**
 * Migrates one database per test run and hands it to the workers as a template: a PGlite data-directory dump
 * (loading one takes a fraction of a second; initialising and migrating a new one takes seconds), or, against
 * PostgreSQL, a template database that each test file clones with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    console.log(`Tests run on PostgreSQL (${new URL(pgUrl).host}), one database cloned per test file.`);
    const template = await createPostgresTemplate(pgUrl);
    project.provide('pgTemplate', template);
    project.provide('templateDump', '');
    return async () => dropPostgresTemplate(pgUrl, template);
  }
  console.log('Tests run on in-memory PGlite, one database cloned per test file.');
  const pglite = await PGlite.create('memory://');
  const database = databaseOverPglite(pglite);
  await prepareDatabase(database.db, { seedDemo: false, passwordHashing: TEST_HASHING }, new Date());
  const dump = await pglite.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('templateDump', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDump: string;
    pgTemplate: string;
  }
}
