// The services bench's SQL baseline: a bare loopback HTTP server holding a mysql2 connection to a
// MariaDB server (its address, a JSON object, is the first argument), in a process of its own as
// the platform's Forge SQL service is. It makes a `bench` database with the statement given as the
// second argument, then answers {query, params} with {rows}. Its port is the first line it prints.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createConnection } from 'mysql2/promise';

const connection = await createConnection({ ...JSON.parse(process.argv[2]), dateStrings: true });
await connection.query('CREATE DATABASE bench');
await connection.query('USE bench');
await connection.query(process.argv[3]);
const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const { query, params } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const [rows] = await connection.execute(String(query), params);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows }));
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
console.log(server.address().port);
process.on('disconnect', async () => {
  await connection.end();
  process.exit(0);
});
