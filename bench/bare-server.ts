// The baseline for the API benchmark: bare Fastify + pg running the organization-list SQL of the real endpoint
// (scope filter, join, count), without sessions, validation or serialization schemas.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify();
app.get<{ Querystring: { prefix: string } }>('/organizations', async (request) => {
  const like = `${request.query.prefix}%`;
  const where = `from organizations o join divisions d on d.code = o.division_code where (o.division_code like $1)`;
  const [rows, count] = await Promise.all([
    pool.query(
      `select o.id, o.name, o.kind, o.division_code, d.name as division_name, o.status, o.version, o.created_at ${where} order by o.division_code, o.name limit 20 offset 0`,
      [like],
    ),
    pool.query(`select count(*) as n ${where}`, [like]),
  ]);
  return { items: rows.rows, total: Number(count.rows[0].n), page: 1, pageSize: 20 };
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening: http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
