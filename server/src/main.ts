import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { prepareDatabase } from './db/bootstrap';
import { openDatabase } from './db/database';
import { DataDirLockedError } from './db/datadir-lock';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty } from './db/seed/demo';
import { systemClock } from './platform/context';
import { derivePiiKeys } from './platform/pii';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config, { command: 'server' });
  const prepared = await prepareDatabase(database.db, config, systemClock.now());
  const app = await buildApp(
    { db: database.db, dbKind: database.kind, config, clock: systemClock, pii: derivePiiKeys(config.piiMasterKey) },
    {
      webRoot: config.webRoot,
      logger: {
        level: config.logLevel,
        redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        ...(process.stdout.isTTY && config.env !== 'production' ? { transport: { target: 'pino-pretty' } } : {}),
      },
    },
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  database.lock?.update({ url });

  const lines = [
    '',
    `  Shegong 数字社工 is running: ${url}  (console ${url}/console, API docs ${url}/api/docs)`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.database.kind === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'}`,
  ];
  if (prepared.migrationsApplied.length > 0)
    lines.push(`  Migrations applied: ${prepared.migrationsApplied.join(', ')}`);
  const demoPresent = config.env !== 'production' && !(await isDatabaseEmpty(database.db));
  if (config.env !== 'production' && (prepared.demoSeeded || demoPresent)) {
    lines.push(
      `  DEMO ONLY — fictitious data; demo accounts (password ${DEMO_PASSWORD}) unless changed:`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(20)} ${a.note}`),
    );
  }
  if (config.env === 'production' && (await isDatabaseEmpty(database.db))) {
    lines.push(
      '  No users yet. Create the first bureau administrator with:',
      '    npm run cli -- user:create --role bureau_admin --username <name> --display-name <name> --password-stdin',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `Shegong failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
