// The bare baseline's queue consumer, in a process of its own as the app's consumer is: an event
// POSTed to it is handled as the queue probe's consumer handles one (its record written as a key,
// through the bare store's /set), then answered. Its port is the first line it prints.
import { createServer } from 'node:http';

const store = process.argv[2];
const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const set = await fetch(`${store}/set`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: event.body.record, value: event.body }),
  });
  await set.arrayBuffer();
  response.writeHead(set.status === 204 ? 204 : 500).end();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('disconnect', () => process.exit(0));
