import type { Kysely } from 'kysely';
import type { Config } from '../config';
import { syncReferenceDivisions } from '../modules/divisions/division.service';
import { syncDefaultEvaluationTemplate } from '../modules/projects/evaluation-template.service';
import { syncInitialTaxonomies } from '../modules/registry/taxonomy.service';
import { derivePiiKeys } from '../platform/pii';
import { migrateToLatest } from './migrate';
import type { DB } from './schema';
import { isDatabaseEmpty, seedDemo } from './seed/demo';

export interface PrepareResult {
  migrationsApplied: string[];
  demoSeeded: boolean;
}

/** Migrations, reference data, and (outside production, on an empty database) the demo dataset. */
export async function prepareDatabase(
  db: Kysely<DB>,
  config: Pick<Config, 'seedDemo' | 'passwordHashing'> & { piiMasterKey?: Buffer },
  now: Date,
): Promise<PrepareResult> {
  const result = await migrateToLatest(db as unknown as Kysely<unknown>);
  await syncReferenceDivisions(db);
  await syncInitialTaxonomies(db);
  await syncDefaultEvaluationTemplate(db, now);
  let demoSeeded = false;
  if (config.seedDemo && (await isDatabaseEmpty(db))) {
    if (!config.piiMasterKey) throw new Error('The demo dataset needs the PII key (config.piiMasterKey)');
    await seedDemo(db, config.passwordHashing, now, derivePiiKeys(config.piiMasterKey));
    demoSeeded = true;
  }
  return {
    migrationsApplied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    demoSeeded,
  };
}
