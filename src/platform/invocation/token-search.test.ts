import { expect, test } from '@playwright/test';
import { tokenSha256 } from './caller-token';
import { tokenPlaces } from './token-search';

// A JWT as the 3LO server issues them (header, claims, signature; base64url).
const TOKEN = `${Buffer.from('{"alg":"RS256","typ":"at+jwt"}').toString('base64url')}.${Buffer.from('{"sub":"712020:ab","scope":"read:x:custom"}').toString('base64url')}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
const OTHER = TOKEN.replace(/.$/, 'h');
const SHA = tokenSha256(TOKEN);
type Sent = Omit<Partial<Parameters<typeof tokenPlaces>[1]>, 'body'> & { body?: Buffer };
/** One request's places; the body in one chunk (how chunks are searched is tested below). */
const places = ({ body, ...request }: Sent) => tokenPlaces(SHA, { headers: {}, target: '/v1/x', ...request, ...(body && { body: [body] }) });

test('the caller token is found in every place of a request, in every form, and named where it was', () => {
  expect(places({ headers: { authorization: `Bearer ${TOKEN}` } })).toEqual(['header authorization (plain)']);
  expect(places({ headers: { 'x-api-key': TOKEN } })).toEqual(['header x-api-key (plain)']);
  expect(places({ headers: { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` } })).toEqual(['header authorization (base64)']);
  expect(places({ target: `/v1/tokens/${TOKEN}/check` })).toEqual(['path (plain)']);
  expect(places({ target: `/v1/x?access_token=${TOKEN}` })).toEqual(['query (plain)']);
  expect(places({ target: `/v1/x?t=${encodeURIComponent(Buffer.from(TOKEN).toString('base64'))}` })).toEqual(['query (base64)']);
  expect(places({ body: Buffer.from(JSON.stringify({ user: { session: { credentials: [TOKEN] } } })) })).toEqual(['body (plain)']);
  expect(places({ body: Buffer.from(`grant=x&assertion=${encodeURIComponent(`Bearer ${TOKEN}`)}`) })).toEqual(['body (plain)']);
  expect(places({ headers: { 'x-key': `v1${TOKEN}` } }), 'written right after other characters').toEqual(['header x-key (plain)']);
  expect(places({ body: Buffer.from(JSON.stringify({ blob: Buffer.from(`{"token":"${TOKEN}"}`).toString('base64') })) })).toEqual(['body (base64)']);
  // At each of the three alignments within base64's groups of three bytes.
  for (const lead of ['', 'a', 'ab'])
    expect(places({ headers: { 'x-blob': Buffer.from(`${lead}${TOKEN}`).toString('base64url') } }), `lead ${lead.length}`).toEqual(['header x-blob (base64)']);
  expect(places({ headers: { 'x-a': TOKEN }, target: `/v1?t=${TOKEN}` })).toEqual(['header x-a (plain)', 'query (plain)']);
});

test('another token, a near miss and a request with none are not the caller token', () => {
  expect(places({ headers: { authorization: `Bearer ${OTHER}` }, target: `/v1?t=${OTHER}`, body: Buffer.from(OTHER) })).toEqual([]);
  expect(places({ headers: { 'x-part': TOKEN.slice(0, -4) } })).toEqual([]);
  // Inputs that would keep a backtracking search busy for minutes are read in one pass (the test's time-out would end it).
  for (const filler of ['x', 'eyJ', 'eyJa.', 'ZXlK']) expect(places({ body: Buffer.from(filler.repeat(300_000)) })).toEqual([]);
});

test('a body is searched across the chunks it came in: a token, or its first characters, split at any seam', () => {
  const body = Buffer.from(JSON.stringify({ credentials: TOKEN }));
  const start = body.indexOf('eyJ');
  for (const at of [start, start + 1, start + 2, start + 3, start + 40, body.length - 1]) {
    const chunks = [body.subarray(0, at), body.subarray(at)];
    expect(tokenPlaces(SHA, { headers: {}, target: '/v1/x', body: chunks }), `split at ${at}`).toEqual(['body (plain)']);
  }
  const encoded = Buffer.from(Buffer.from(`{"token":"${TOKEN}"}`).toString('base64'));
  // Split inside whichever of base64's ways of writing `eyJ` the encoding holds.
  const prefix = ['ZXlK', 'V5', 'eU'].find((p) => encoded.includes(p))!;
  const marker = encoded.indexOf(prefix) + 1;
  expect(marker).toBeGreaterThan(0);
  expect(tokenPlaces(SHA, { headers: {}, target: '/v1/x', body: [encoded.subarray(0, marker), encoded.subarray(marker)] })).toEqual(['body (base64)']);
});
