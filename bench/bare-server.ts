// The baseline for the API benchmark: bare Fastify + pg sending the very statements the real endpoint sends for one
// request (captured by the benchmark, in BENCH_STATEMENTS): session lookup first, then page and count in parallel.
// No cookies, validation, serialization schemas, query building or hooks.
import Fastify from 'fastify';
import pg from 'pg';

const [session, page, count] = JSON.parse(process.env.BENCH_STATEMENTS ?? '[]') as Array<{
  sql: string;
  parameters: unknown[];
}>;
if (!session || !page || !count) throw new Error('BENCH_STATEMENTS must hold three statements');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify();
app.get('/organizations', async () => {
  const s = await pool.query(session.sql, session.parameters);
  if (s.rowCount !== 1) throw new Error('session not found');
  const [rows, total] = await Promise.all([
    pool.query(page.sql, page.parameters),
    pool.query(count.sql, count.parameters),
  ]);
  return { items: rows.rows, total: Number(total.rows[0].n), page: 1, pageSize: 20 };
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
