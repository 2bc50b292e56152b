// Attack tests for the external party's webhook (issue #16, H2): a page on another site posting text/plain with
// `mode: 'no-cors'`, a missing or wrong secret, a wrong path — all refused before anything enters the bus, each a
// `security.refused` event; the run's secret (Bearer or HMAC) gets a command in, as the enrolled party with its
// grants only.
import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { homePayload } from '../../twins/sim/ecosystem-codec';
import { attachConnectors, type Connectors } from './index';
import { LOCK, doorbellWorld, eventsOf } from './test-support/doorbell-world';
import { SIGNATURE_HEADER, checkWebhookOrigin, checkWebhookSecret, signWebhookBody } from './webhook-guard';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SECRET = 's3cret-s3cret-s3cret-s3cret';
const policy = { secret: SECRET };

describe('webhook checks', () => {
  it('refuses any Origin outside the allow-list, cross-site and same-site fetches, and anything but JSON', () => {
    const json = { 'content-type': 'application/json' };
    expect(checkWebhookOrigin(json, policy)).toBeUndefined();
    expect(checkWebhookOrigin({ ...json, 'content-type': 'application/json; charset=utf-8' }, policy)).toBeUndefined();
    expect(checkWebhookOrigin({ ...json, origin: 'https://evil.example' }, policy)).toMatchObject({ status: 403, reason: 'cross-origin' });
    expect(checkWebhookOrigin({ ...json, origin: 'null' }, policy)).toMatchObject({ status: 403, reason: 'cross-origin' });
    expect(checkWebhookOrigin({ ...json, origin: 'https://ha.example' }, { ...policy, allowedOrigins: ['https://ha.example'] })).toBeUndefined();
    expect(checkWebhookOrigin({ ...json, 'sec-fetch-site': 'cross-site' }, policy)).toMatchObject({ status: 403, reason: 'cross-origin' });
    expect(checkWebhookOrigin({ ...json, 'sec-fetch-site': 'same-site' }, policy)).toMatchObject({ status: 403 });
    expect(checkWebhookOrigin({ ...json, 'sec-fetch-site': 'none' }, policy)).toBeUndefined();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expect(checkWebhookOrigin({ 'content-type': type }, policy)).toMatchObject({ status: 415, reason: 'cross-origin' });
    }
    expect(checkWebhookOrigin({}, policy)).toMatchObject({ status: 415 });
  });

  it('takes the secret as a Bearer token or an HMAC-SHA256 of the exact body, and nothing else', () => {
    const body = Buffer.from('{"messages":[]}');
    expect(checkWebhookSecret({ authorization: `Bearer ${SECRET}` }, body, policy)).toBeUndefined();
    expect(checkWebhookSecret({ [SIGNATURE_HEADER]: signWebhookBody(SECRET, body) }, body, policy)).toBeUndefined();
    expect(checkWebhookSecret({}, body, policy)).toMatchObject({ status: 401, reason: 'unsigned' });
    expect(checkWebhookSecret({ authorization: 'Bearer wrong' }, body, policy)).toMatchObject({ status: 401, reason: 'forged' });
    expect(checkWebhookSecret({ authorization: `Basic ${SECRET}` }, body, policy)).toMatchObject({ reason: 'forged' });
    expect(checkWebhookSecret({ authorization: `Bearer ${SECRET}x` }, body, policy)).toMatchObject({ reason: 'forged' });
    expect(checkWebhookSecret({ [SIGNATURE_HEADER]: signWebhookBody('other-secret', body) }, body, policy)).toMatchObject({ reason: 'forged' });
    // A signature over another body (the attacker changed the command) does not carry over.
    expect(checkWebhookSecret({ [SIGNATURE_HEADER]: signWebhookBody(SECRET, body) }, Buffer.from('{"messages":[1]}'), policy)).toMatchObject({ reason: 'forged' });
  });
});

/** An HTTP party that answers the probe and acknowledges every message (twinbench/v1). */
async function party(): Promise<string> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** POST with exactly these headers (node:http sets none of its own that matter here). */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const command = (destination: string, capability: string, name: string) => ({
  destination, topic: `${capability}/${name}`, kind: 'command',
  payload: homePayload({ capability, name, deviceId: destination.split('/')[2]!, attributes: {} }, 'command'),
});
const UNLOCK = JSON.stringify({ messages: [command(LOCK, 'lock', 'unlock')] });
const WINDOW_OPEN = JSON.stringify({ messages: [command('home/h1/cover.living_room_window', 'cover', 'open_cover')] });

async function attached(grants?: string[]): Promise<{ sim: ReturnType<typeof doorbellWorld>; connectors: Connectors; url: string; secret: string }> {
  const sim = doorbellWorld('direct');
  const connectors = await attachConnectors(sim, { externals: { 'home-cloud': { http: await party(), ...(grants ? { grants } : {}) } } });
  cleanups.push(() => connectors.close());
  const handle = connectors.externals[0]!;
  return { sim, connectors, url: handle.inboundUrl!, secret: handle.inboundSecret! };
}

describe('the webhook of an external party', () => {
  it('a no-cors text/plain POST from a page on another site is refused, visibly, and the door stays locked', async () => {
    const { sim, connectors, url } = await attached();
    // What `fetch(url, { method: 'POST', mode: 'no-cors', body })` from https://evil.example sends.
    const res = await post(url, { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }, UNLOCK);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toMatch(/^refused \(cross-origin\): a page from https:\/\/evil\.example/);
    // Without Origin (a non-browser client) text/plain is still not taken.
    expect((await post(url, { 'content-type': 'text/plain' }, UNLOCK)).status).toBe(415);
    await connectors.runUntil(5_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(eventsOf(sim, 'security.refused').map((e) => e.data)).toMatchObject([
      { via: 'webhook', reason: 'cross-origin', stage: 'verification' }, { via: 'webhook', reason: 'cross-origin' },
    ]);
    expect(connectors.stats().externals[0]).toMatchObject({ inbound: 0, inboundRejected: 2 });
  });

  it('JSON without the secret is unsigned, a wrong secret or HMAC is forged, another path is not the webhook', async () => {
    const { sim, connectors, url, secret } = await attached();
    const json = { 'content-type': 'application/json' };
    expect((await post(url, json, UNLOCK)).status).toBe(401);
    expect((await post(url, { ...json, authorization: 'Bearer not-the-secret' }, UNLOCK)).status).toBe(401);
    expect((await post(url, { ...json, [SIGNATURE_HEADER]: signWebhookBody('not-the-secret', UNLOCK) }, UNLOCK)).status).toBe(401);
    expect((await post(url.replace(/\/webhook$/, '/anything'), { ...json, authorization: `Bearer ${secret}` }, UNLOCK)).status).toBe(404);
    await connectors.runUntil(5_000);
    expect(eventsOf(sim, 'security.refused').map((e) => e.data.reason)).toEqual(['unsigned', 'forged', 'forged']);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(sim.kernel.events.lines().join('\n')).not.toContain(secret);
  });

  it('the right secret gets a command in as the enrolled party: an unlock without a grant is refused at the lock', async () => {
    const { sim, connectors, url, secret } = await attached();
    const res = await post(url, { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, UNLOCK);
    expect(res.status).toBe(202);
    await connectors.runUntil(5_000);
    expect(sim.home('h1').device('lock.front_door').state).toBe('locked');
    expect(eventsOf(sim, 'security.refused')[0]?.data).toMatchObject({ command: 'lock/unlock', reason: 'unauthorized', sender: 'party-external:home-cloud' });
  });

  it('the right secret and a grant work: HMAC-signed, the window opens', async () => {
    const { sim, connectors, url, secret } = await attached(['home.cover:open_cover']);
    const res = await post(url, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(secret, WINDOW_OPEN) }, WINDOW_OPEN);
    expect(res.status).toBe(202);
    await connectors.runUntil(5_000);
    expect(sim.home('h1').device('cover.living_room_window').state).not.toBe('closed');
    expect(eventsOf(sim, 'security.verified')[0]?.data).toMatchObject({ command: 'cover/open_cover', sender: 'party-external:home-cloud' });
    expect(eventsOf(sim, 'security.refused')).toHaveLength(0);
  });
});
