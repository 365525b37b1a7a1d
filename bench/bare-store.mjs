// The services bench's baseline: a bare loopback HTTP server in front of node:sqlite, no checks,
// in a process of its own as the platform's store is (it lives in the egress proxy's process):
// a client and a server sharing one event loop would be spared the hop between processes that
// every platform call makes. Its port is the first line it prints.
//
//   /set {key, value}, /get {key}: a key-value row; /query {week}: one page (ten) of an indexed table;
//   /push {body}: a queued row, delivered on the next turn to the consumer (bare-consumer.mjs, in a
//   process of its own, which writes its record back through /set); /drain: answered once none is left.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE kvs (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID');
db.exec('CREATE TABLE sheets (key TEXT PRIMARY KEY, week INTEGER NOT NULL, value TEXT NOT NULL) WITHOUT ROWID');
db.exec('CREATE INDEX sheets_week ON sheets (week, key)');
for (let i = 0; i < 20; i++)
  db.prepare('INSERT INTO sheets VALUES (?, ?, ?)').run(`sheet-${i}`, i % 2, JSON.stringify({ employee: `e${i}`, week: i % 2, hours: 8 + i }));
db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)');

let consumerUrl = '';
const waiting = new Set();
const delivering = new Set();
const deliver = async () => {
  for (const row of db.prepare('SELECT id, body FROM events WHERE done = 0').all()) {
    if (delivering.has(row.id)) continue;
    delivering.add(row.id);
    const answer = await fetch(consumerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"body":${row.body}}` });
    await answer.arrayBuffer();
    if (answer.status !== 204) throw new Error(`the bare consumer answered ${answer.status}`);
    db.prepare('UPDATE events SET done = 1 WHERE id = ?').run(row.id);
    delivering.delete(row.id);
  }
  for (const settle of waiting) settle();
  waiting.clear();
};

const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const json = (status, value) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  switch (request.url) {
    case '/push':
      db.prepare('INSERT INTO events (body) VALUES (?)').run(JSON.stringify(body.body));
      setImmediate(() => void deliver());
      return json(201, {});
    case '/drain':
      if (db.prepare('SELECT COUNT(*) AS n FROM events WHERE done = 0').get().n > 0) await new Promise((resolve) => waiting.add(resolve));
      return json(200, { unsettled: 0 });
    case '/query': {
      const rows = db.prepare('SELECT key, value FROM sheets WHERE week = ? ORDER BY key LIMIT 10').all(Number(body.week));
      return json(200, { data: rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) })) });
    }
    case '/set':
      db.prepare('INSERT INTO kvs VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
        String(body.key),
        JSON.stringify(body.value),
        Date.now(),
      );
      return response.writeHead(204).end();
    default: {
      const row = db.prepare('SELECT key, value FROM kvs WHERE key = ?').get(String(body.key));
      return json(200, { key: row?.key, value: row && JSON.parse(row.value) });
    }
  }
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const consumer = fork(join(import.meta.dirname, 'bare-consumer.mjs'), [`http://127.0.0.1:${server.address().port}`], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const [line] = await once(consumer.stdout, 'data');
consumerUrl = `http://127.0.0.1:${line.toString().trim()}`;
console.log(server.address().port);
process.on('disconnect', () => {
  consumer.disconnect();
  process.exit(0);
});
