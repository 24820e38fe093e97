import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../contracts/roles';
import { type Config, ConfigError, loadConfig } from './config';
import { BackupError, backupPglite, backupPostgres, restorePglite, restorePostgres } from './db/backup';
import { prepareDatabase } from './db/bootstrap';
import { openDatabase } from './db/database';
import { DataDirLockedError } from './db/datadir-lock';
import { migrateToLatest } from './db/migrate';
import { isDatabaseEmpty, seedDemo } from './db/seed/demo';
import { syncReferenceDivisions } from './modules/divisions/division.service';
import { createFirstUser } from './modules/identity/bootstrap-user';
import { systemClock } from './platform/context';
import { AppError } from './platform/errors';
import { errorMessage } from './platform/i18n';
import { derivePiiKeys } from './platform/pii';

const USAGE = `Shegong command line — npm run cli -- <command> [options]

  migrate                     apply pending migrations and refresh reference divisions
  seed --demo                 load the demo dataset into an empty database (refused in production)
  user:create --username U --display-name N --role R [--organization-id ID] (--password P | --password-stdin)
                              create a user; with --role bureau_admin and no organization, the district
                              bureau organization is created if missing (first administrator in production)
  backup <file>               embedded: gzip tarball of the data directory; PostgreSQL: pg_dump plain SQL
  restore <file>              replace the database with a backup (embedded: the old data directory is kept)

Database: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, default ./data).
The embedded database must not be open in a running server for migrate/seed/backup/restore.`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withDatabase<T>(
  config: Config,
  command: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const database = await openDatabase(config, { command: `cli ${command}` });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      await withDatabase(config, command, async ({ db }) => {
        const result = await migrateToLatest(db as never);
        const applied = (result.results ?? []).map((r) => r.migrationName);
        const divisions = await syncReferenceDivisions(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
        console.log(`Reference divisions: ${divisions}`);
      });
      return;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } }, strict: true });
      if (!values.demo) throw new UsageError('seed needs --demo');
      if (config.env === 'production') throw new UsageError('Demo data is never loaded in production.');
      await withDatabase(config, command, async ({ db }) => {
        await prepareDatabase(db, { ...config, seedDemo: false }, systemClock.now());
        if (!(await isDatabaseEmpty(db))) {
          console.log('The database already has users; demo data is only loaded into an empty database.');
          process.exitCode = 1;
          return;
        }
        await seedDemo(db, config.passwordHashing, systemClock.now(), derivePiiKeys(config.piiMasterKey));
        console.log('Demo data loaded (fictitious; demo accounts use the password in the README).');
      });
      return;
    }
    case 'user:create': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          role: { type: 'string' },
          'organization-id': { type: 'string' },
          password: { type: 'string' },
          'password-stdin': { type: 'boolean' },
        },
        strict: true,
      });
      if (!values.username || !values['display-name'] || !values.role) {
        throw new UsageError('user:create needs --username, --display-name and --role');
      }
      if (!(ROLES as readonly string[]).includes(values.role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = values['password-stdin'] ? await readStdin() : values.password;
      if (!password) throw new UsageError('Give the password with --password or --password-stdin');
      await withDatabase(config, command, async ({ db }) => {
        await prepareDatabase(db, { ...config, seedDemo: false }, systemClock.now());
        const user = await createFirstUser(db, config, systemClock.now(), {
          username: values.username!,
          displayName: values['display-name']!,
          role: values.role as Role,
          organizationId: values['organization-id'],
          password,
        });
        console.log(`Created user ${user.username} (${user.id}) as ${values.role} in ${user.organizationName}.`);
      });
      return;
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file || rest.length > 1) throw new UsageError(`${command} needs exactly one file argument`);
      if (config.database.kind === 'postgres') {
        if (command === 'backup')
          console.log(`Wrote ${await backupPostgres(config.database.url, file)} bytes to ${file}`);
        else {
          await restorePostgres(config.database.url, file);
          console.log(`Restored ${file}.`);
        }
      } else if (command === 'backup') {
        console.log(`Wrote ${await backupPglite(config.database.dataDir, file)} bytes to ${file}`);
      } else {
        const { previous } = await restorePglite(config.database.dataDir, file);
        console.log(`Restored ${file}.${previous ? ` The previous data directory is kept at ${previous}.` : ''}`);
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(64);
  }
  if (error instanceof DataDirLockedError || error instanceof ConfigError || error instanceof BackupError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof AppError) {
    console.error(`Error: ${errorMessage(error.code, 'en', error.details)}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
